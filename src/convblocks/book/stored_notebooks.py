"""The form in which the book's notebooks are stored, whoever saves them.

`make refresh` and JupyterLab (through `pre_save_hook`, which the set-up configures for the
venv's Jupyter server: jupyter-config/jupyter_server_config.json) both pass a notebook through
`normalise` before it is written, so a notebook that was run again with nothing changed is
stored byte for byte as before: no timings, no widget state with random model ids, no
interpreter version of this machine.
"""
import uuid
from pathlib import Path

BOOK = Path(__file__).resolve().parents[3] / 'book'   # the repository's (editable install)
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'
KERNELSPEC = {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}


def normalise(nb, name):
    """Drop what changes from run to run without changing what the reader sees (in place).

    `nb` is a notebook as a dict (or NotebookNode); `name` is the notebook's file stem. Widget
    state is not stored, so each widget output's model id only has to be stable: it is derived
    from the notebook's name and the cell's id.
    """
    metadata = nb.setdefault('metadata', {})
    metadata.pop('widgets', None)
    metadata['kernelspec'] = dict(KERNELSPEC)
    metadata['language_info'] = {'name': 'python'}
    for cell in nb.get('cells', []):
        cell.get('metadata', {}).pop('execution', None)
        for index, output in enumerate(cell.get('outputs', [])):
            view = output.get('data', {}).get(WIDGET_VIEW)
            if view:
                view['model_id'] = uuid.uuid5(uuid.NAMESPACE_URL,
                                              f'{name}/{cell.get("id")}/{index}').hex
    return nb


def pre_save_hook(model, path, contents_manager, **kwargs):
    """Jupyter server hook: store the notebooks of the book's folder in their normal form."""
    file = Path(contents_manager.root_dir, path).resolve()
    if model.get('type') == 'notebook' and file.parent == BOOK:
        normalise(model['content'], file.stem)


def encrypted_kernels():
    """Make the kernels this process (and the workers it forks) starts use CurveZMQ.

    ipykernel 7 warns on every kernel that runs over TCP without encryption; its kernelspec
    supports CurveZMQ and jupyter_client provisions the keys when asked (transport_encryption
    'auto'). jupyter-cache offers no way to pass a kernel manager, hence the default of
    jupyter_client's trait is changed for this process.
    """
    from jupyter_client.manager import KernelManager
    KernelManager.class_traits()['transport_encryption'].default_value = 'auto'
