"""Shared fixtures (the HTML book, built once per test run; a fresh interpreter or kernel)
and each test's tier.

Tiers are pytest markers given here by path and fixture, so no test file names its own and a
new test gets one: `notebooks` (nbval's cells of book/*.ipynb), `book` (anything that builds
the book: its HTML, or its prose's gettext catalogs as test_zh_catalogs' fresh_templates),
`lab` (tests/browser/test_lab_*), `browser` (the rest of tests/browser), `process` (a test
that starts the package anew: in a fresh interpreter or Jupyter kernel, the fixtures below,
or test_refresh_stable.py's second clone and test_download.py's new virtualenv; these pay
TensorFlow's import again, a few seconds to minutes each) and `unit` (everything else:
`make check` runs these).
Registered in pyproject.toml.
"""
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER = ROOT / 'tests' / 'browser'
BOOK_FIXTURES = {'book_build', 'built_book', 'fresh_templates'}
PROCESS_FIXTURES = {'fresh_python', 'fresh_kernel'}
PROCESS_FILES = {'test_download.py', 'test_refresh_stable.py'}


def tier(item):
    """The marker name of `item`'s tier (see the module's docstring)."""
    path = Path(item.path)
    if path.suffix == '.ipynb':
        return 'notebooks'
    if path.is_relative_to(BROWSER):
        return 'lab' if path.name.startswith('test_lab_') else 'browser'
    fixtures = set(getattr(item, 'fixturenames', ()))
    if path.name == 'test_book.py' or BOOK_FIXTURES & fixtures:
        return 'book'
    if path.name in PROCESS_FILES or PROCESS_FIXTURES & fixtures:
        return 'process'
    return 'unit'


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(tier(item))


def build_the_book():
    """Run scripts/build_book.py; return its exit code and output."""
    result = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'build_book.py')],
                            cwd=ROOT, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope='session')
def book_build(tmp_path_factory):
    """Run scripts/build_book.py once; return (path of _build/html, the build's output).

    Once for the whole run also under pytest-xdist (`make test` runs two workers): the first
    worker to need the book builds it while holding a lock in the run's shared temporary
    folder and writes down its exit code and output; the others wait, then read them.
    """
    if 'PYTEST_XDIST_WORKER' not in os.environ:
        code, log = build_the_book()
    else:
        shared = tmp_path_factory.getbasetemp().parent
        with open(shared / 'book-build.lock', 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            record = shared / 'book-build.json'
            if not record.exists():
                record.write_text(json.dumps(build_the_book()))
            code, log = json.loads(record.read_text())
    if code != 0:
        pytest.fail(f'the book build failed (scripts/build_book.py):\n{log[-6000:]}')
    return ROOT / '_build' / 'html', log


@pytest.fixture(scope='session')
def built_book(book_build):
    """The path of the built book's _build/html folder."""
    return book_build[0]


@pytest.fixture
def fresh_python():
    """run(code, *args): run `code` in a new interpreter (this one's, same environment); return
    the CompletedProcess with its stdout and stderr as text."""
    def run(code, *args, **options):
        return subprocess.run([sys.executable, '-c', code, *args], capture_output=True,
                              text=True, timeout=300, **options)
    return run


@pytest.fixture
def fresh_kernel():
    """run(cells): run code `cells` one after another in a new IPython kernel; return what
    each printed to stdout."""
    import nbformat
    from nbclient import NotebookClient

    def run(cells):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        NotebookClient(notebook, timeout=120, kernel_name='python3').execute()
        return [''.join(o.get('text', '') for o in cell.outputs if o.get('name') == 'stdout')
                for cell in notebook.cells]
    return run
