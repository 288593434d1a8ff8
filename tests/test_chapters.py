"""Every block chapter follows one template, cites from references.bib, and says where its
explorer starts."""
import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / 'book'
BLOCK_CHAPTERS = ['bottleneck', 'inception', 'residual', 'resnext', 'dense',
                  'squeeze_excitation', 'nasnet', 'inverted_residual']
TEMPLATE = ['The idea', 'The code', 'Graph and explorer', 'By the numbers',
            'In real networks', 'What the paper does differently', 'References']
OPTIONAL_END = ['Exercises']
BIBLIOGRAPHY = re.compile(r'```\{bibliography\}\n:filter: docname in docnames\n'
                          r':keyprefix: (?P<prefix>[a-z]+)-\n```')


def markdown(chapter):
    cells = json.loads((BOOK / f'{chapter}.ipynb').read_text())['cells']
    return [''.join(c['source']) for c in cells if c['cell_type'] == 'markdown']


def headings(chapter, level):
    marks = '#' * level + ' '
    return [line[len(marks):].strip() for text in markdown(chapter)
            for line in text.splitlines() if line.startswith(marks)]


@pytest.mark.parametrize('chapter', BLOCK_CHAPTERS)
def test_sections_follow_the_template(chapter):
    found = headings(chapter, 2)
    assert found in (TEMPLATE, TEMPLATE + OPTIONAL_END), f'{chapter}: {found}'
    assert len(headings(chapter, 1)) == 1


@pytest.mark.parametrize('chapter', BLOCK_CHAPTERS)
def test_citations_use_the_chapters_own_bibliography(chapter):
    text = '\n'.join(markdown(chapter))
    [bibliography] = BIBLIOGRAPHY.findall(text)
    keys = re.findall(r'\{cite:[a-z]+\}`([^`]+)`', text)
    assert keys, f'{chapter} cites nothing'
    bib = (BOOK.parent / 'references.bib').read_text()
    for key in keys:
        prefix, _, entry = key.partition('-')
        assert prefix == bibliography, f'{chapter}: {key} lacks the prefix {bibliography}-'
        assert f'{{{entry},' in bib, f'{chapter}: {entry} is not in references.bib'


@pytest.mark.parametrize('chapter', BLOCK_CHAPTERS)
def test_references_are_not_typed_out(chapter):
    references = '\n'.join(markdown(chapter)).split('## References')[1]
    assert '(2016)' not in references and '(2018)' not in references


@pytest.mark.parametrize('chapter', BLOCK_CHAPTERS)
def test_the_graph_and_explorer_section_names_the_start(chapter):
    text = '\n'.join(markdown(chapter))
    section = text.split('## Graph and explorer')[1].split('## By the numbers')[0]
    assert 'start' in section and ('default' in section or 'article gives no' in section)


def test_prefixes_differ_between_chapters():
    prefixes = [BIBLIOGRAPHY.search('\n'.join(markdown(c)))['prefix'] for c in BLOCK_CHAPTERS]
    assert len(set(prefixes)) == len(prefixes)
