"""`make refresh` is byte-stable: run twice, and in a second clone, it leaves git status clean.

The repository is cloned into a temporary folder (another path, as on another machine) and
scripts/refresh_notebooks.py runs there twice, with the clone's own package first on the path;
after each run `git status` must be empty. What used to differ between machines (streams split
by the kernel's timing, widget model ids, the interpreter's version) is normalised by
convblocks.book.stored_notebooks; tests/test_stored_notebooks.py checks that part directly.

A second machine differs in more than the path, so one chapter is also refreshed in a clone
under what such a machine changes: another hash seed, time zone, locale (C: ASCII), a new
HOME (no matplotlib, Keras or IPython caches or settings, so they are made afresh), a checkout
path with a space in it, and one CPU (`taskset -c 0`, which also changes the kernel's timing).
Slow: it executes the chapters below (all of them with CONVBLOCKS_REFRESH_ALL=1).
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The chapter whose prints came out split on one machine and whole on another, and two more
# with explorers and glued values.
CHAPTERS = ['book/residual.ipynb', 'book/bottleneck.ipynb', 'book/squeeze_excitation.ipynb']
# What a second machine changes, besides the checkout path: the chapter whose prints were split.
SECOND_MACHINE = {'PYTHONHASHSEED': '2718', 'TZ': 'Pacific/Kiritimati', 'LANG': 'zh_CN.UTF-8',
                  'LC_ALL': 'C'}
# Settings this machine may have that point at its own caches and configuration.
THIS_MACHINE = ('XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'MPLCONFIGDIR',
                'KERAS_HOME', 'IPYTHONDIR', 'JUPYTER_CONFIG_DIR', 'JUPYTER_DATA_DIR',
                'JUPYTER_RUNTIME_DIR', 'LANGUAGE', 'CONVBLOCKS_BOOK')
SECOND_CHAPTER = 'book/residual.ipynb'


@pytest.fixture(scope='module')
def clone(tmp_path_factory):
    folder = tmp_path_factory.mktemp('refresh') / 'convblocks'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(folder)], check=True)
    return folder


def git_status(folder):
    return subprocess.run(['git', 'status', '--porcelain'], cwd=folder, capture_output=True,
                          text=True, check=True).stdout


def refresh(folder, chapters=None, env=None, prefix=()):
    if env is None:
        env = {**os.environ, 'PYTHONPATH': str(folder / 'src')}
        env.pop('CONVBLOCKS_BOOK', None)
    if chapters is None:
        chapters = [] if os.environ.get('CONVBLOCKS_REFRESH_ALL') else CHAPTERS
    result = subprocess.run([*prefix, sys.executable, 'scripts/refresh_notebooks.py', *chapters],
                            cwd=folder, env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout + result.stderr
    return git_status(folder)


def second_machine(folder, home):
    """The environment of a refresh on another machine whose checkout is `folder`."""
    env = {name: value for name, value in os.environ.items() if name not in THIS_MACHINE}
    return {**env, **SECOND_MACHINE, 'HOME': str(home), 'PYTHONPATH': str(folder / 'src')}


SEEN = """import json, os, sys, time, locale, pathlib
print(json.dumps({'cpus': len(os.sched_getaffinity(0)), 'tz': time.tzname[0],
                  'seed': os.environ['PYTHONHASHSEED'], 'home': str(pathlib.Path.home()),
                  'ascii': locale.setlocale(locale.LC_ALL, '') == 'C'}))"""


def test_refresh_twice_in_a_second_clone_leaves_git_status_clean(clone):
    assert refresh(clone) == '', 'the first refresh changed the stored notebooks'
    assert refresh(clone) == '', 'the second refresh changed the stored notebooks'


@pytest.mark.skipif(shutil.which('taskset') is None, reason='needs taskset (util-linux)')
def test_refresh_on_a_second_machine_leaves_git_status_clean(tmp_path_factory):
    folder = tmp_path_factory.mktemp('machine') / 'second machine' / 'convblocks'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(folder)], check=True)
    home = tmp_path_factory.mktemp('home')
    env = second_machine(folder, home)
    one_cpu = ('taskset', '-c', '0')
    seen = json.loads(subprocess.run([*one_cpu, sys.executable, '-c', SEEN], env=env,
                                     capture_output=True, text=True, check=True).stdout)
    assert seen == {'cpus': 1, 'tz': '+14', 'seed': '2718', 'home': str(home), 'ascii': True}
    assert refresh(folder, [SECOND_CHAPTER], env, one_cpu) == '', subprocess.run(
        ['git', 'diff', '--stat'], cwd=folder, capture_output=True, text=True).stdout
