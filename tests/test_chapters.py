"""Every block chapter follows one template, cites from references.bib, and says where its
explorer starts."""
import ast
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
    keys = [key for keys in re.findall(r'\]\(#cite:[a-z]+:([^)]+)\)', text)
            for key in keys.split(',')]   # [Xie et al. [2017]](#cite:t:rx-xie2017aggregated)
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


def explorer_start(chapter):
    """The blocks and {knob: value} where the chapter's explorers start: its explore(...) calls,
    run with graph=False and table=False ('channels', the input's, left out)."""
    from convblocks import blocks
    from convblocks.explorer import explore
    cells = json.loads((BOOK / f'{chapter}.ipynb').read_text())['cells']
    calls = [node for c in cells if c['cell_type'] == 'code'
             for node in ast.walk(ast.parse(''.join(c['source'])))
             if isinstance(node, ast.Call) and getattr(node.func, 'id', None) == 'explore']
    assert calls, f'{chapter} has no explorer'
    names, start = [], {}
    for call in calls:
        names.append(call.args[0].id)
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        keywords.update(graph=False, table=False)
        setting = explore(getattr(blocks, names[-1]), **keywords).setting()
        setting.pop('channels', None)
        assert all(start.get(k, v) == v for k, v in setting.items()), 'explorers differ'
        start.update(setting)
    return names, start


@pytest.mark.parametrize('chapter', BLOCK_CHAPTERS)
def test_the_graph_and_explorer_section_names_the_start(chapter):
    """The paragraph saying where the explorer starts names every knob at its start value, and
    calls them the article's defaults only where they are (KNOBS; REQUIRED: it gives none)."""
    from convblocks.checks.knobs import KNOBS, REQUIRED
    text = '\n'.join(markdown(chapter))
    section = text.split('## Graph and explorer')[1].split('## By the numbers')[0]
    paragraphs = [p for p in section.split('\n\n') if re.search(r'\bstarts?\b', p)]
    assert len(paragraphs) == 1, f'{chapter}: {paragraphs}'
    [paragraph] = paragraphs
    code = ' '.join(re.findall(r'`([^`]+)`', paragraph))
    named = {k: int(v) for k, v in re.findall(r'\b([a-z]+)=(\d+)\b', code)}
    blocks, start = explorer_start(chapter)
    assert named == start, f'{chapter}: {paragraph}'
    if 'default' in paragraph:
        defaults = {k: v for block in blocks for k, v in KNOBS[block].items()}
        required = [k for k in start if defaults[k] is REQUIRED]
        assert [k for k in start if k not in required and start[k] != defaults[k]] == []
        assert ('gives no default' in paragraph) == bool(required), f'{chapter}: {paragraph}'


def test_prefixes_differ_between_chapters():
    prefixes = [BIBLIOGRAPHY.search('\n'.join(markdown(c)))['prefix'] for c in BLOCK_CHAPTERS]
    assert len(set(prefixes)) == len(prefixes)
