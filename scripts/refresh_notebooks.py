"""Re-run the book's notebooks in place so their stored outputs match src/ (nbval compares them).

Each notebook runs top to bottom in a fresh kernel and is stored in the normal form of
convblocks.book.stored_notebooks (the one JupyterLab saves too), so that a refresh with nothing
changed leaves the files byte-identical. A notebook that raises, or writes
anything to stderr, is reported and makes the script exit with status 1.

Usage: python scripts/refresh_notebooks.py [book/name.ipynb ...]   (default: book/*.ipynb)
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from convblocks.book.stored_notebooks import encrypted_kernels, normalise

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / 'book'


def stderr_outputs(nb):
    """Texts of the stream outputs a notebook wrote to stderr."""
    return [out.get('text', '') for cell in nb.cells if cell.cell_type == 'code'
            for out in cell.get('outputs', [])
            if out.get('output_type') == 'stream' and out.get('name') == 'stderr']


def refresh(path):
    """Execute one notebook in place; return a list of problems (empty when it is clean)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name='python3', record_timing=False,
                            resources={'metadata': {'path': str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return [f'a cell raised an error:\n{str(error)[:2000]}']
    normalise(nb)
    nbformat.write(nb, path)
    return [f'stderr output: {text.strip()[:500]}' for text in stderr_outputs(nb)]


def main(argv):
    encrypted_kernels()
    paths = [Path(a).resolve() for a in argv] or sorted(BOOK.glob('*.ipynb'))
    failed = False
    for path in paths:
        started = time.monotonic()
        problems = refresh(path)
        status = 'ok' if not problems else 'PROBLEM'
        print(f'{path.relative_to(ROOT)}: {status} ({time.monotonic() - started:.1f} s)')
        for problem in problems:
            print(f'  {problem}')
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
