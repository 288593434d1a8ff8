"""Glued values: what the prose quotes from a measurement, in the book and in JupyterLab.

The prose writes a measured value as {eval}`glued.NAME`, NAME being a myst-nb glue name:
- the book renders it as myst-nb's glue roles would (book/_theme/glued_values.py): a text as
  text, a chart as its picture;
- JupyterLab (jupyterlab-myst renders the `eval` role), before anything runs, shows the result
  stored in the markdown cell's metadata, `user_expressions`, which `make refresh` and the
  save hook fill from the notebook's own glue outputs (`user_expressions` below, called by
  convblocks.book.stored_notebooks.normalise);
- when the reader runs the markdown cell, jupyterlab-myst evaluates `glued.NAME` in the kernel:
  `glue` records every value it glues on `glued`. A value whose glue cell has not run in this
  kernel yet (Run All reaches a paragraph before the cell further down that glues its value)
  is the one the notebook stores, like every output of a cell not run yet: JupyterLab gives
  the kernel the notebook's path (JPY_SESSION_NAME).

The values live on `glued`, not under their bare names in the notebook's namespace: several
glue names are also variables of the code (the comparison's `capacity` and `article_rho`),
which the glued text would replace.
"""
import json
import os
import re
from pathlib import Path

from myst_nb import glue as myst_nb_glue

ROLE = re.compile(r'\{eval\}`glued\.(\w+)`')
# The prefix myst-nb gives the data of a glue output with display=False.
RECORD = 'application/papermill.record/'


class Stored:
    """A value as the notebook stores it: shown from its stored MIME bundle."""

    def __init__(self, data):
        self.data = data

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.data


def stored_in_this_notebook(name):
    """The value the kernel's notebook stores under `name` (a Stored), or None: no notebook
    path from JupyterLab, no such file, or nothing stored under that name."""
    path = Path(os.environ.get('JPY_SESSION_NAME', ''))
    if path.suffix != '.ipynb' or not path.is_file():
        return None
    data = stored_values(json.loads(path.read_text(encoding='utf-8'))).get(name)
    return Stored(data) if data else None


class Glued:
    """The values glued in this kernel so far, as attributes: glued.rx_1x1."""

    def __getattr__(self, name):   # called only for a name not glued in this kernel yet
        if name.startswith('__'):
            raise AttributeError(name)
        stored = stored_in_this_notebook(name)
        if stored is None:
            raise AttributeError(f'nothing glued {name!r} in this kernel yet: run the cell '
                                 'that glues it (its code cell), then this one again.')
        return stored

    def __repr__(self):
        return f'<glued values: {", ".join(sorted(vars(self))) or "none yet"}>'


glued = Glued()


def glue(name, value, display=True):
    """myst-nb's glue(name, value, display), which also keeps `value` as glued.<name>."""
    myst_nb_glue(name, value, display=display)
    setattr(glued, name, value)


def names(markdown):
    """The glue names a markdown text quotes as {eval}`glued.NAME`, each once, in order."""
    return list(dict.fromkeys(ROLE.findall(markdown)))


def _text(value):
    return ''.join(value) if isinstance(value, list) else value


def stored_values(nb):
    """{glue name: its MIME bundle} of every glue output stored in the notebook `nb` (a dict).

    The bundle is the one the kernel gives for glued.NAME: the glue output's data without
    myst-nb's prefix."""
    values = {}
    for cell in nb.get('cells', []):
        for output in cell.get('outputs', []):
            scrapbook = output.get('metadata', {}).get('scrapbook', {})
            if 'name' not in scrapbook:
                continue
            prefix = scrapbook.get('mime_prefix', '')
            values[scrapbook['name']] = {kind[len(prefix):]: _text(data)
                                         for kind, data in output.get('data', {}).items()
                                         if kind.startswith(prefix)}
    return values


def user_expressions(markdown, values):
    """jupyterlab-myst's `user_expressions` metadata for a markdown cell: the result of each
    glued.NAME the cell quotes, from `values` (stored_values); names not there are left out."""
    return [{'expression': f'glued.{name}',
             'result': {'status': 'ok', 'data': values[name], 'metadata': {}}}
            for name in names(markdown) if name in values]
