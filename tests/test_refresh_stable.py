"""`make refresh` is byte-stable: run twice, and in a second clone, it leaves git status clean.

The repository is cloned into a temporary folder (another path, as on another machine) and
scripts/refresh_notebooks.py runs there twice, with the clone's own package first on the path;
after each run `git status` must be empty. What used to differ between machines (streams split
by the kernel's timing, widget model ids, the interpreter's version) is normalised by
convblocks.book.stored_notebooks; tests/test_stored_notebooks.py checks that part directly.
Slow: it executes the chapters below (all of them with CONVBLOCKS_REFRESH_ALL=1).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The chapter whose prints came out split on one machine and whole on another, and two more
# with explorers and glued values.
CHAPTERS = ['book/residual.ipynb', 'book/bottleneck.ipynb', 'book/squeeze_excitation.ipynb']


@pytest.fixture(scope='module')
def clone(tmp_path_factory):
    folder = tmp_path_factory.mktemp('refresh') / 'convblocks'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(folder)], check=True)
    return folder


def refresh(folder):
    env = {**os.environ, 'PYTHONPATH': str(folder / 'src')}
    env.pop('CONVBLOCKS_BOOK', None)
    chapters = [] if os.environ.get('CONVBLOCKS_REFRESH_ALL') else CHAPTERS
    result = subprocess.run([sys.executable, 'scripts/refresh_notebooks.py', *chapters],
                            cwd=folder, env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout + result.stderr
    return subprocess.run(['git', 'status', '--porcelain'], cwd=folder, capture_output=True,
                          text=True, check=True).stdout


def test_refresh_twice_in_a_second_clone_leaves_git_status_clean(clone):
    assert refresh(clone) == '', 'the first refresh changed the stored notebooks'
    assert refresh(clone) == '', 'the second refresh changed the stored notebooks'
