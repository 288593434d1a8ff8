"""Sphinx extension: {eval}`glued.NAME` in the prose shows the value glued under NAME.

The notebooks quote measurements this way (convblocks.book.glued) because JupyterLab's MyST
renderer (jupyterlab-myst) shows the `eval` role from results stored in the notebook, while it
shows myst-nb's glue roles as their bare names. In the book the role reads myst-nb's glue
data, exactly as {glue:text}`NAME` does for a value glued as text only, and as {glue}`NAME`
for anything richer (a chart): the pages come out as they did with those roles.

myst-nb's own `eval` role evaluates in a kernel kept alive during the build (its "inline"
execution mode), which the book does not use; this extension replaces it. The glue lookup
goes through myst_nb.ext.glue.roles, so the zh edition's lookup for translated paragraphs
(locales/editions.py, glue_in_translations) applies here too.
"""
from docutils import nodes
from myst_nb.core.variables import RetrievalError
from myst_nb.ext.glue import roles
from myst_nb.ext.glue.utils import glue_warning
from myst_nb.ext.utils import RoleBase

PREFIX = 'glued.'


class GluedValue(RoleBase):
    """{eval}`glued.NAME`: the glued value, as text when it was glued as text only."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if not self.text.startswith(PREFIX):
            return [], [glue_warning(f'the book evaluates only {PREFIX}NAME (a glued value), '
                                     f'not {self.text!r}', self.document, self.line)]
        name = self.text[len(PREFIX):]
        try:
            data = roles.retrieve_glue_data(self.document, name)
        except RetrievalError as exc:
            return [], [glue_warning(str(exc), self.document, self.line)]
        role = roles.PasteTextRole() if set(data.data) == {'text/plain'} else roles.PasteRoleAny()
        return role(self.name, self.rawtext, name, self.lineno, self.inliner)

    def __call__(self, name, rawtext, text, lineno, inliner, options=None, content=()):
        self.name, self.lineno = name, lineno
        return super().__call__(name, rawtext, text, lineno, inliner, options, content)


def setup(app):
    app.add_role('eval', GluedValue(), override=True)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
