"""The site's download, set up as its README says, in a new virtualenv without the checkout.

The archive build_book.py packs (notebooks, the wheel, the reader's pins) is unpacked into a
temporary folder and the README's first command runs there as written, offline: pip may not
reach an index (PIP_NO_INDEX) and finds every distribution in a wheelhouse that
`pip download` filled first (from pip's index and cache; the only step that may go online).
The new venv then imports every module of the installed wheel, renders the AmoebaNet form,
runs one chapter notebook under nbval, and the README's second command starts JupyterLab on
the notebooks. Slow (a few minutes: TensorFlow is installed into the new venv).
"""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'scripts'))
import build_book  # noqa: E402

CHAPTER = 'aliases.ipynb'   # the shortest chapter
NBVAL = next(line for line in (ROOT / 'requirements.txt').read_text().splitlines()
             if line.startswith('nbval=='))


def readme_commands(readme):
    """The lines of the README's first code block."""
    block = re.search(r'```\n(.*?)```', readme, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def run(command, cwd, env, timeout=1200):
    result = subprocess.run(command, cwd=cwd, env=env, shell=isinstance(command, str),
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f'{command} failed:\n{(result.stdout + result.stderr)[-4000:]}'
    return result.stdout


@pytest.fixture(scope='module')
def unpacked(tmp_path_factory):
    """The download, unpacked; its folder, the offline pip environment and the venv's bin/."""
    tmp = tmp_path_factory.mktemp('download')
    archive = build_book.pack_download(tmp / 'convblocks-book.zip')
    zipfile.ZipFile(archive).extractall(tmp)
    folder = tmp / build_book.FOLDER
    wheelhouse = tmp / 'wheelhouse'
    pins = [line for line in (folder / 'requirements.txt').read_text().splitlines()
            if line and not line.startswith(('#', './'))]
    run([sys.executable, '-m', 'pip', 'download', '-q', '-d', str(wheelhouse), NBVAL, *pins],
        cwd=tmp, env=os.environ)
    env = {key: value for key, value in os.environ.items()
           if key not in ('PYTHONPATH', 'VIRTUAL_ENV', 'PIP_FIND_LINKS')}
    env.update(PIP_NO_INDEX='1', PIP_FIND_LINKS=str(wheelhouse), PIP_CONFIG_FILE=os.devnull)
    env['PATH'] = os.pathsep.join(p for p in env['PATH'].split(os.pathsep)
                                  if '.venv' not in p)
    first, _ = readme_commands((folder / 'README.md').read_text())
    run(first.replace('python3', sys.base_prefix + '/bin/python3', 1), cwd=folder, env=env)
    run([str(folder / '.venv/bin/pip'), 'install', '-q', NBVAL], cwd=folder, env=env)
    return folder, env, folder / '.venv' / 'bin'


def test_every_module_imports_from_the_installed_wheel(unpacked):
    folder, env, bin_ = unpacked
    script = ('import importlib, pkgutil, convblocks\n'
              'names = [m.name for m in\n'
              '         pkgutil.walk_packages(convblocks.__path__, "convblocks.")]\n'
              'for name in names: importlib.import_module(name)\n'
              'print(convblocks.__file__, len(names))\n')
    out = run([str(bin_ / 'python'), '-c', script], cwd=folder.parent, env=env)
    assert str(folder / '.venv') in out and int(out.split()[-1]) > 40, out


def test_the_amoebanet_form_renders_from_the_installed_wheel(unpacked):
    folder, env, bin_ = unpacked
    script = ('from convblocks.exercises.amoeba.attempt import attempt_html\n'
              'html = attempt_html()\n'
              'print(len(html), "<script" in html, "<style" in html)\n')
    out = run([str(bin_ / 'python'), '-c', script], cwd=folder.parent, env=env)
    assert out.split()[1:] == ['True', 'True'], out


def test_a_chapter_runs_under_nbval_against_the_installed_wheel(unpacked):
    folder, env, bin_ = unpacked
    run([str(bin_ / 'python'), '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--nbval',
         '--nbval-current-env', '--nbval-sanitize-with', str(ROOT / 'tests/nbval_sanitize.cfg'),
         f'notebooks/{CHAPTER}'], cwd=folder, env=env)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_the_readme_second_command_opens_jupyterlab_on_the_notebooks(unpacked):
    folder, env, _ = unpacked
    _, second = readme_commands((folder / 'README.md').read_text())
    port = free_port()
    env = {**env, 'JUPYTER_PORT': str(port), 'BROWSER': 'true',
           'JUPYTER_CONFIG_DIR': str(folder / '.jupyter'),
           'JUPYTER_DATA_DIR': str(folder / '.data'),
           'JUPYTER_RUNTIME_DIR': str(folder / '.runtime')}
    options = ' --ServerApp.ip=127.0.0.1 --IdentityProvider.token= --allow-root'
    lab = subprocess.Popen(second + options, shell=True,
                           cwd=folder, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                listing = urllib.request.urlopen(
                    f'http://127.0.0.1:{port}/api/contents', timeout=2).read().decode()
                break
            except OSError:
                assert lab.poll() is None and time.monotonic() < deadline, 'Lab did not start'
                time.sleep(1)
        assert f'"{CHAPTER}"' in listing
        extensions = urllib.request.urlopen(f'http://127.0.0.1:{port}/lab').read().decode()
        assert 'jupyterlab-myst' in extensions, 'jupyterlab-myst is not installed in the venv'
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(30)
