"""Shared fixtures: the HTML book, built once per test session."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope='session')
def book_build():
    """Run scripts/build_book.py once; return (path of _build/html, the build's output)."""
    result = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'build_book.py')],
                            cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f'the book build failed (scripts/build_book.py):\n{log[-6000:]}')
    return ROOT / '_build' / 'html', log


@pytest.fixture(scope='session')
def built_book(book_build):
    """The path of the built book's _build/html folder."""
    return book_build[0]
