"""The stored form of the book's notebooks, shared by `make refresh` and JupyterLab's saves."""
import json
from pathlib import Path

import nbformat
import pytest

from convblocks.book import stored_notebooks
from convblocks.book.stored_notebooks import KERNELSPEC, WIDGET_VIEW, normalise, pre_save_hook

ROOT = Path(__file__).resolve().parents[1]


def lab_saved_notebook():
    """A notebook the way JupyterLab sends it to the server after Run All."""
    cell = nbformat.v4.new_code_cell('explore(bottleneck)', id='abc')
    cell.metadata['execution'] = {'iopub.status.busy': '2026-11-28T10:00:00Z'}
    cell.outputs = [nbformat.v4.new_output('display_data', data={
        WIDGET_VIEW: {'model_id': 'f00d', 'version_major': 2, 'version_minor': 0}})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata['kernelspec'] = {'display_name': 'Python 3 (ipykernel)', 'language': 'python',
                                 'name': 'python3'}
    nb.metadata['language_info'] = {'name': 'python', 'version': '3.11.2', 'mimetype': 'x'}
    nb.metadata['widgets'] = {'application/vnd.jupyter.widget-state+json': {'state': {}}}
    return json.loads(json.dumps(nb))   # a plain dict, as the server's hook receives it


def test_normalise_drops_what_changes_between_runs_and_machines():
    nb = normalise(lab_saved_notebook(), 'bottleneck')
    assert nb['metadata'] == {'kernelspec': KERNELSPEC, 'language_info': {'name': 'python'}}
    cell = nb['cells'][0]
    assert 'execution' not in cell['metadata']
    model_id = cell['outputs'][0]['data'][WIDGET_VIEW]['model_id']
    assert model_id != 'f00d'
    assert model_id == normalise(lab_saved_notebook(), 'bottleneck')['cells'][0]['outputs'][0][
        'data'][WIDGET_VIEW]['model_id']                      # stable from run to run
    assert model_id != normalise(lab_saved_notebook(), 'dense')['cells'][0]['outputs'][0][
        'data'][WIDGET_VIEW]['model_id']                      # and differs between notebooks


class ContentsManager:
    def __init__(self, root_dir):
        self.root_dir = str(root_dir)


@pytest.mark.parametrize('root, path', [(ROOT / 'book', 'bottleneck.ipynb'),
                                        (ROOT, 'book/bottleneck.ipynb')])
def test_the_hook_normalises_the_book_notebooks(root, path):
    model = {'type': 'notebook', 'content': lab_saved_notebook()}
    pre_save_hook(model=model, path=path, contents_manager=ContentsManager(root))
    assert model['content']['metadata']['language_info'] == {'name': 'python'}


def test_the_hook_leaves_other_notebooks_alone(tmp_path):
    model = {'type': 'notebook', 'content': lab_saved_notebook()}
    pre_save_hook(model=model, path='mine.ipynb', contents_manager=ContentsManager(tmp_path))
    assert model['content'] == lab_saved_notebook()


def test_the_venv_server_config_names_the_hook():
    config = json.loads((ROOT / 'jupyter-config' / 'jupyter_server_config.json').read_text())
    dotted = config['FileContentsManager']['pre_save_hook']
    module, name = dotted.rsplit('.', 1)
    assert module == stored_notebooks.__name__ and getattr(stored_notebooks, name) is pre_save_hook


@pytest.mark.parametrize('path', sorted((ROOT / 'book').glob('*.ipynb')), ids=lambda p: p.stem)
def test_stored_notebooks_are_in_normal_form(path):
    """A stored notebook passes through normalise unchanged (so saving it changes nothing)."""
    text = path.read_text()
    nb = nbformat.reads(text, as_version=4)
    assert nbformat.writes(normalise(nb, path.stem)) + '\n' == text
