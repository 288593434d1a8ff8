"""Shared fixtures (the HTML book, built once per test session) and each test's tier.

Tiers are pytest markers given here by path and fixture, so no test file names its own and a
new test gets one: `notebooks` (nbval's cells of book/*.ipynb), `book` (anything that builds
the book: its HTML, or its prose's gettext catalogs as test_zh_catalogs' fresh_templates),
`lab` (tests/browser/test_lab_*), `browser` (the rest of tests/browser) and `unit` (everything
else: `make check` runs these). Registered in pyproject.toml.
"""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER = ROOT / 'tests' / 'browser'
BOOK_FIXTURES = {'book_build', 'built_book', 'fresh_templates'}


def tier(item):
    """The marker name of `item`'s tier (see the module's docstring)."""
    path = Path(item.path)
    if path.suffix == '.ipynb':
        return 'notebooks'
    if path.is_relative_to(BROWSER):
        return 'lab' if path.name.startswith('test_lab_') else 'browser'
    if path.name == 'test_book.py' or BOOK_FIXTURES & set(getattr(item, 'fixturenames', ())):
        return 'book'
    return 'unit'


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(tier(item))


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
