"""The form in which the book's notebooks are stored, whoever saves them.

`make refresh` and JupyterLab (through `pre_save_hook`, which the set-up configures for the
venv's Jupyter server: jupyter-config/jupyter_server_config.json) both pass a notebook through
`normalise` before it is written, so a notebook that was run again with nothing changed is
stored byte for byte as before, on any machine: no timings, no widget views whose state is not
stored, no interpreter version of this machine, no stream split by the kernel's timing. Each
markdown cell that quotes glued values carries their results for jupyterlab-myst
(convblocks.book.glued), made afresh from the notebook's glue outputs, whatever the reader's
JupyterLab evaluated before saving.
"""
from pathlib import Path

from convblocks.book import glued

WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'
KERNELSPEC = {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}
# A checkout of the book, wherever it is: its notebooks sit in book/ next to the toc, the
# Chinese ones in book/zh/ (written by `make translations`).
TOC = '_toc.yml'


def merged_streams(outputs):
    """`outputs` with each run of consecutive stream outputs of one name merged into one.

    A kernel sends a cell's prints in as many messages as its timing happens to give, and
    JupyterLab and nbclient store one output per message: merged, the stored form no longer
    depends on the machine's speed.
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get('output_type') == 'stream' and previous is not None
                and previous.get('output_type') == 'stream'
                and previous.get('name') == output.get('name')):
            previous['text'] = _text(previous) + _text(output)
        else:
            merged.append(output)
    return merged


def _text(output):
    text = output.get('text', '')
    return ''.join(text) if isinstance(text, list) else text


def without_widget_views(output):
    """Drop the widget-view data of an output (in place): its state is not stored.

    Without the state, JupyterLab shows "Error displaying widget: model not found" for a
    stored view instead of the output's other data (the stored graph or the text saying to
    run the cell). When the cell runs again the kernel sends a fresh view.
    """
    data = output.get('data')
    if data is not None:
        data.pop(WIDGET_VIEW, None)
    return output


def with_glued_values(cell, values):
    """Store in a markdown cell's metadata the results of the glued values it quotes (in
    place; jupyterlab-myst shows them before anything runs): `values` is
    glued.stored_values(nb). A cell that quotes none has no such metadata."""
    metadata = cell.setdefault('metadata', {})
    source = cell.get('source', '')
    expressions = glued.user_expressions(
        ''.join(source) if isinstance(source, list) else source, values)
    if expressions:
        metadata['user_expressions'] = expressions
    else:
        metadata.pop('user_expressions', None)
    return cell


def normalise(nb):
    """Drop what changes between runs and machines, not what a reader sees (in place).

    `nb` is a notebook as a dict (or NotebookNode); it is returned.
    """
    metadata = nb.setdefault('metadata', {})
    metadata.pop('widgets', None)
    metadata['kernelspec'] = dict(KERNELSPEC)
    metadata['language_info'] = {'name': 'python'}
    values = glued.stored_values(nb)
    for cell in nb.get('cells', []):
        cell.get('metadata', {}).pop('execution', None)
        if 'outputs' in cell:
            cell['outputs'] = [without_widget_views(output)
                               for output in merged_streams(cell['outputs'])]
        if cell.get('cell_type') == 'markdown':
            with_glued_values(cell, values)
    return nb


def is_book_notebook(file):
    """True for a notebook in the book/ or book/zh/ folder of a checkout of this book,
    wherever it is."""
    file = Path(file)
    book = file.parent.parent if file.parent.name == 'zh' else file.parent
    return file.suffix == '.ipynb' and book.name == 'book' and (book.parent / TOC).is_file()


def pre_save_hook(model, path, contents_manager, **kwargs):
    """Jupyter server hook: store the book's notebooks in their normal form, in any checkout."""
    file = Path(contents_manager.root_dir, path).resolve()
    if model.get('type') == 'notebook' and is_book_notebook(file):
        normalise(model['content'])


def encrypted_kernels():
    """Make the kernels this process (and the workers it forks) starts use CurveZMQ.

    ipykernel 7 warns on every kernel that runs over TCP without encryption; its kernelspec
    supports CurveZMQ and jupyter_client provisions the keys when asked (transport_encryption
    'auto'). jupyter-cache offers no way to pass a kernel manager, hence the default of
    jupyter_client's trait is changed for this process.
    """
    from jupyter_client.manager import KernelManager
    KernelManager.class_traits()['transport_encryption'].default_value = 'auto'
