"""Sphinx extension: a citation written as a link, [Xie et al. [2017]](#cite:t:rx-xie2017...),
is the bibtex citation {cite:t}`rx-xie2017...` in the book.

Why links: JupyterLab's MyST renderer (jupyterlab-myst 2.7.0) reads no bibliography, so it
shows a {cite:t} role as its bare key, marked "Citation Not Found". A link shows its text:
the text of a citation link is what the book prints there (`label`, from references.bib in
the book's author-year style; tests/test_citation_links.py checks every one), and its target
names the role and the keys. In the book, `CitationLinks` replaces each such link by what
sphinxcontrib-bibtex's role makes of `cite:KIND` and the keys, so the pages are as before.
It runs after Sphinx's Locale transform, so in the zh edition it sees the translated
paragraphs, whose links the catalogs write with the zh text: [Xie 等人（2017）](#cite:t:...).
"""
import re
from types import SimpleNamespace

from docutils import nodes
from sphinx.transforms import SphinxTransform

TARGET = re.compile(r'#cite:(?P<kind>[tp]):(?P<keys>[\w.:-]+(?:,[\w.:-]+)*)')
LINK = re.compile(r'\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])+)\]\((?P<target>#cite:[^)\s]+)\)')
OTHERS = {'en': ' et al.', 'zh': ' 等人'}
AND = {'en': ' and ', 'zh': ' 和 '}


def names(persons, language):
    """'Xie et al.', 'Ioffe and Szegedy', 'Chollet' (zh: 'Xie 等人', 'Ioffe 和 Szegedy')."""
    from pybtex.richtext import Text
    last = [' '.join(Text.from_latex(n).render_as('text') for n in p.last_names)
            for p in persons]
    if len(last) > 2:
        return last[0] + OTHERS[language]
    return AND[language].join(last)


def label(entries, kind, language='en'):
    """What the book prints for a citation of `entries` (pybtex entries, in the role's
    order): kind 't' 'Xie et al. [2017]', 'p' '[Real et al., 2019, Zoph et al., 2018]';
    zh 'Xie 等人（2017）', '（Real 等人，2019；Zoph 等人，2018）'."""
    parts = sorted((names(e.persons['author'], language), e.fields['year']) for e in entries)
    if kind == 't':
        [(who, year)] = parts
        return f'{who} [{year}]' if language == 'en' else f'{who}（{year}）'
    if language == 'en':
        return '[' + ', '.join(f'{who}, {year}' for who, year in parts) + ']'
    return '（' + '；'.join(f'{who}，{year}' for who, year in parts) + '）'


def inliner(document, node):
    """What a role needs of the parser's inliner, for a role called on `node` after parsing."""
    reporter = SimpleNamespace(
        get_source_and_line=lambda lineno=None: (node.source, node.line),
        **{name: getattr(document.reporter, name)
           for name in ('debug', 'info', 'warning', 'error', 'severe', 'system_message')})
    return SimpleNamespace(document=document, reporter=reporter)


class CitationLinks(SphinxTransform):
    """Each link to #cite:KIND:KEYS becomes the nodes of the {cite:KIND}`KEYS` role."""

    default_priority = 30   # after Locale (20): the zh edition's translated paragraphs

    def apply(self, **kwargs):
        for link in list(self.document.findall(nodes.reference)):
            match = TARGET.fullmatch(link.get('refuri', ''))
            if match is None:
                continue
            kind, keys = match['kind'], match['keys']
            role = self.env.get_domain('cite').role(kind)
            made, messages = role(f'cite:{kind}', f'{{cite:{kind}}}`{keys}`', keys, link.line,
                                  inliner(self.document, link), {}, [])
            link.replace_self(made + messages)


def setup(app):
    app.add_transform(CitationLinks)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
