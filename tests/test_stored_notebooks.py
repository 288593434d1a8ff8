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
    cell.outputs = [
        nbformat.v4.new_output('stream', name='stdout', text='one\n'),
        nbformat.v4.new_output('stream', name='stdout', text='two\n'),
        nbformat.v4.new_output('stream', name='stderr', text='careful\n'),
        nbformat.v4.new_output('stream', name='stdout', text='three\n'),
        nbformat.v4.new_output('display_data', data={
            WIDGET_VIEW: {'model_id': 'f00d', 'version_major': 2, 'version_minor': 0},
            'text/plain': 'Run this cell to see the sliders.'})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata['kernelspec'] = {'display_name': 'Python 3 (ipykernel)', 'language': 'python',
                                 'name': 'python3'}
    nb.metadata['language_info'] = {'name': 'python', 'version': '3.11.2', 'mimetype': 'x'}
    nb.metadata['widgets'] = {'application/vnd.jupyter.widget-state+json': {'state': {}}}
    return json.loads(json.dumps(nb))   # a plain dict, as the server's hook receives it


def test_normalise_drops_what_changes_between_runs_and_machines():
    nb = normalise(lab_saved_notebook())
    assert nb['metadata'] == {'kernelspec': KERNELSPEC, 'language_info': {'name': 'python'}}
    cell = nb['cells'][0]
    assert 'execution' not in cell['metadata']


def test_consecutive_streams_of_one_name_are_merged_in_order():
    outputs = normalise(lab_saved_notebook())['cells'][0]['outputs']
    streams = [(o['name'], o['text']) for o in outputs if o['output_type'] == 'stream']
    assert streams == [('stdout', 'one\ntwo\n'), ('stderr', 'careful\n'), ('stdout', 'three\n')]


def test_one_print_per_message_or_one_for_all_is_stored_alike():
    split = lab_saved_notebook()
    joined = lab_saved_notebook()
    joined['cells'][0]['outputs'][:2] = [nbformat.v4.new_output('stream', name='stdout',
                                                                text=['one\n', 'two\n'])]
    assert nbformat.writes(nbformat.from_dict(normalise(split))) == nbformat.writes(
        nbformat.from_dict(normalise(joined)))


def test_widget_views_without_state_are_not_stored_but_their_fallback_is():
    """A stored view without its state shows "Error displaying widget" in JupyterLab."""
    data = normalise(lab_saved_notebook())['cells'][0]['outputs'][-1]['data']
    assert data == {'text/plain': 'Run this cell to see the sliders.'}


class ContentsManager:
    def __init__(self, root_dir):
        self.root_dir = str(root_dir)


def checkout(folder):
    """A checkout of the book somewhere else: book/ next to a _toc.yml."""
    (folder / 'book').mkdir(parents=True)
    (folder / '_toc.yml').write_text('root: book/intro\n')
    return folder


@pytest.mark.parametrize('where', ['repository', 'second checkout'])
@pytest.mark.parametrize('served', ['root', 'book'])
@pytest.mark.parametrize('folder', ['', 'zh/'])   # the English and the Chinese notebooks
def test_the_hook_normalises_the_book_notebooks_in_any_checkout(where, served, folder, tmp_path):
    top = ROOT if where == 'repository' else checkout(tmp_path / 'elsewhere' / 'convblocks')
    root, path = (top, f'book/{folder}bottleneck.ipynb') if served == 'root' else (
        top / 'book', f'{folder}bottleneck.ipynb')
    model = {'type': 'notebook', 'content': lab_saved_notebook()}
    pre_save_hook(model=model, path=path, contents_manager=ContentsManager(root))
    assert model['content']['metadata']['language_info'] == {'name': 'python'}


@pytest.mark.parametrize('path', ['mine.ipynb', 'book/mine.ipynb', 'book/zh/mine.ipynb',
                                  'zh/mine.ipynb'])
def test_the_hook_leaves_other_notebooks_alone(path, tmp_path):
    (tmp_path / 'book').mkdir()   # a folder named book, but no book's toc beside it
    model = {'type': 'notebook', 'content': lab_saved_notebook()}
    pre_save_hook(model=model, path=path, contents_manager=ContentsManager(tmp_path))
    assert model['content'] == lab_saved_notebook()


def test_the_venv_server_config_names_the_hook():
    config = json.loads((ROOT / 'jupyter-config' / 'jupyter_server_config.json').read_text())
    dotted = config['FileContentsManager']['pre_save_hook']
    module, name = dotted.rsplit('.', 1)
    assert module == stored_notebooks.__name__ and getattr(stored_notebooks, name) is pre_save_hook


@pytest.mark.parametrize('path', sorted((ROOT / 'book').glob('*.ipynb'))
                         + sorted((ROOT / 'book').glob('zh/*.ipynb')),
                         ids=lambda p: p.relative_to(ROOT / 'book').with_suffix('').as_posix())
def test_stored_notebooks_are_in_normal_form(path):
    """A stored notebook passes through normalise unchanged (so saving it changes nothing)."""
    text = path.read_text()
    nb = nbformat.reads(text, as_version=4)
    assert nbformat.writes(normalise(nb)) + '\n' == text
