"""The package as a package: its wheel holds every file it reads; pyproject declares its imports."""
import ast
import importlib.metadata
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / 'src' / 'convblocks'
sys.path.insert(0, str(ROOT / 'scripts'))
import build_book  # noqa: E402

# Files the package reads at run time are everything under src/convblocks but its Python
# sources and caches.
DATA = ('.js', '.css', '.json')


@pytest.fixture(scope='module')
def wheel(tmp_path_factory):
    return build_book.build_wheel(tmp_path_factory.mktemp('wheel'))


def test_the_wheel_holds_every_file_the_package_reads(wheel):
    data = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob('*')
            if p.suffix in DATA and '__pycache__' not in p.parts}
    assert {'convblocks/book/cb-common.js', 'convblocks/explorer/explorer.js'} <= data
    names = set(zipfile.ZipFile(wheel).namelist())
    assert data - names == set()


def test_the_wheel_holds_every_module(wheel):
    modules = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob('*.py')}
    assert modules - set(zipfile.ZipFile(wheel).namelist()) == set()


def imported_top_names():
    """Top-level names of every module src/convblocks imports, at module or function level."""
    names = set()
    for path in PACKAGE.rglob('*.py'):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {alias.name.split('.')[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split('.')[0])
    return names - set(sys.stdlib_module_names) - {'convblocks'}


def canonical(name):
    return name.lower().replace('_', '-')


def declared():
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    return {canonical(spec.split('>')[0].split('=')[0].split('<')[0].strip())
            for spec in project['dependencies']}


def test_pyproject_declares_every_import():
    """Each imported name belongs to a declared distribution (or to one a declared one is)."""
    owners = importlib.metadata.packages_distributions()
    missing = {}
    for name in imported_top_names():
        distributions = {canonical(d) for d in owners.get(name, [name])}
        if not distributions & declared():
            missing[name] = sorted(distributions)
    assert missing == {}, f'imports no pyproject dependency provides: {missing}'
