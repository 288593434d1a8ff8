"""Citations are links whose text is what the book prints there (book/_theme/citation_links.py):
JupyterLab shows the text, the book turns each link into its bibtex citation."""
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('citation_links',
                                              ROOT / 'book/_theme/citation_links.py')
citation_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(citation_links)

BIB = parse_file(str(ROOT / 'references.bib')).entries
NOTEBOOKS = sorted((ROOT / 'book').glob('*.ipynb'))
CATALOGS = sorted((ROOT / 'locales/zh_CN/LC_MESSAGES/book').glob('*.po'))
ROLE = re.compile(r'\{cite(:\w+)?\}`')


def markdown(path):
    return [cell.source for cell in nbformat.read(path, as_version=4).cells
            if cell.cell_type == 'markdown']


def wrong_labels(text, language):
    """(link, the label references.bib gives) of each citation link whose text differs."""
    wrong = []
    for link in citation_links.LINK.finditer(text):
        target = citation_links.TARGET.fullmatch(link['target'])
        assert target, link[0]
        entries = [BIB[key.partition('-')[2]] for key in target['keys'].split(',')]
        expected = citation_links.label(entries, target['kind'], language)
        if link['text'] != expected:
            wrong.append((link[0], expected))
    return wrong


def test_labels_are_the_books_author_year_style():
    xie, he, real, zoph = (BIB[k] for k in ('xie2017aggregated', 'he2016deep',
                                            'real2019regularized', 'zoph2018learning'))
    assert citation_links.label([xie], 't') == 'Xie et al. [2017]'
    assert citation_links.label([BIB['ioffe2015batch']], 'p') == '[Ioffe and Szegedy, 2015]'
    assert citation_links.label([BIB['prove2018history']], 'p') == '[Pröve, 2018]'
    assert citation_links.label([zoph, real], 'p') == '[Real et al., 2019, Zoph et al., 2018]'
    assert citation_links.label([he], 't', 'zh') == 'He 等人（2016）'
    assert citation_links.label([zoph, real], 'p', 'zh') == '（Real 等人，2019；Zoph 等人，2018）'


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_cite_with_links_labelled_from_the_bibliography(path):
    """No {cite} role (JupyterLab shows it as its bare key); each link says what the book does."""
    for text in markdown(path):
        assert not ROLE.search(text), text
        assert wrong_labels(text, 'en') == []


@pytest.mark.parametrize('path', CATALOGS, ids=lambda p: p.stem)
def test_the_zh_catalogs_label_links_in_each_language(path):
    with path.open('rb') as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.string:
            assert not ROLE.search(message.id) and not ROLE.search(message.string), message.id
            assert wrong_labels(message.id, 'en') == []
            assert wrong_labels(message.string, 'zh') == []
