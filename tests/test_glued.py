"""Glued values quoted as {eval}`glued.NAME`: recorded in the kernel, and stored in each
markdown cell for jupyterlab-myst to show before anything runs (convblocks.book.glued)."""
import json
import re
from pathlib import Path

import nbformat
import pytest

from convblocks.book import glued
from convblocks.book.stored_notebooks import normalise

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / 'book').glob('*.ipynb'))


def glue_output(name, data):
    return nbformat.v4.new_output(
        'display_data', data={glued.RECORD + kind: v for kind, v in data.items()},
        metadata={'scrapbook': {'name': name, 'mime_prefix': glued.RECORD}})


def notebook(markdown, outputs, stale=None):
    code = nbformat.v4.new_code_cell("glue('rx_1x1', '65,536', display=False)", id='c')
    code.outputs = outputs
    cell = nbformat.v4.new_markdown_cell(markdown, id='m')
    if stale is not None:
        cell.metadata['user_expressions'] = stale
    return json.loads(json.dumps(nbformat.v4.new_notebook(cells=[code, cell])))


def test_glue_keeps_the_value_on_glued():
    glued.glue('test_glued_value', '65,536', display=False)
    assert glued.glued.test_glued_value == '65,536'


def test_a_name_not_glued_yet_says_what_to_run(monkeypatch):
    monkeypatch.delenv('JPY_SESSION_NAME', raising=False)
    with pytest.raises(AttributeError, match='run the cell that glues it'):
        assert glued.glued.never_glued_anywhere is None


def test_normalise_stores_each_quoted_value_once_in_order():
    nb = notebook('{eval}`glued.b` and {eval}`glued.a`, again {eval}`glued.b`.',
                  [glue_output('a', {'text/plain': "'1'"}),
                   glue_output('b', {'text/plain': "'2'", 'text/html': '<b>2</b>'})])
    stored = normalise(nb)['cells'][1]['metadata']['user_expressions']
    two = {'text/plain': "'2'", 'text/html': '<b>2</b>'}
    assert stored == [
        {'expression': 'glued.b', 'result': {'status': 'ok', 'metadata': {}, 'data': two}},
        {'expression': 'glued.a', 'result': {'status': 'ok', 'metadata': {},
                                             'data': {'text/plain': "'1'"}}}]


def test_what_lab_evaluated_is_replaced_by_the_stored_glue():
    """After Run All, Lab saves the kernel's results (an error, if a name was glued further
    down); the stored form is made from the glue outputs alone."""
    error = [{'expression': 'glued.rx_1x1', 'result': {'status': 'error', 'ename': 'E',
                                                        'evalue': 'x', 'traceback': []}}]
    nb = notebook('{eval}`glued.rx_1x1` weights',
                  [glue_output('rx_1x1', {'text/plain': "'65,536'"})], stale=error)
    [stored] = normalise(nb)['cells'][1]['metadata']['user_expressions']
    assert stored['result'] == {'status': 'ok', 'data': {'text/plain': "'65,536'"}, 'metadata': {}}


def test_a_cell_without_glued_values_carries_no_expressions():
    nb = notebook('No measurement here.', [], stale=[{'expression': 'x', 'result': {}}])
    assert 'user_expressions' not in normalise(nb)['cells'][1]['metadata']


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_every_quoted_value_is_stored_and_no_glue_role_is_left(path):
    """What Lab shows before running: each glued.NAME a cell quotes has its stored result,
    and no myst-nb glue role (which Lab shows as the bare name) is left."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != 'markdown':
            continue
        assert not re.search(r'\{glue(:\w+)?\}`', cell.source), (cell.id, cell.source)
        shown = [e['expression'] for e in cell.metadata.get('user_expressions', [])]
        assert shown == [f'glued.{name}' for name in glued.names(cell.source)], cell.id


def test_a_name_glued_further_down_is_the_notebooks_stored_value(tmp_path, monkeypatch):
    """Run All reaches a paragraph before the cell that glues its value: the kernel (told the
    notebook's path by JupyterLab) gives the stored value, as jupyterlab-myst would show it."""
    from IPython.core.formatters import format_display_data
    data = {'text/plain': "'65,536'"}
    path = tmp_path / 'chapter.ipynb'
    path.write_text(json.dumps(notebook('{eval}`glued.later_value`',
                                        [glue_output('later_value', data)])))
    monkeypatch.setenv('JPY_SESSION_NAME', str(path))
    assert format_display_data(glued.glued.later_value) == (data, {})
    with pytest.raises(AttributeError, match='run the cell that glues it'):
        assert glued.glued.not_stored_either is None
