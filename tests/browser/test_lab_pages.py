"""A chapter in a real JupyterLab, started as the README says (`.venv/bin/jupyter lab book/`).

Before running: the stored graphs show (the set-up trusts the notebooks) and no widget shows as
its repr text. Saved right after opening, and again after Run All, the file is the one git
has (the venv's Jupyter server stores it in convblocks.stored_notebooks' normal form).

JupyterLab 4.6 marks every notebook modified as soon as its kernel starts: it writes the
kernel's kernelspec and language_info into the metadata and flags the document dirty even
when the values are equal (seen with a one-cell notebook whose metadata already matched), so
the mark cannot be avoided from the file's side; saving changes nothing, which is checked.
The test works on the real file and puts its bytes back whatever happens.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = 'bottleneck.ipynb'
REPRS = ('Explorer(children=', '<IPython.core.display.SVG object>', 'VBox(children=')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    """`jupyter lab book/` from the repository root (user data dir: the set-up's trust)."""
    folder = tmp_path_factory.mktemp('lab')
    port = free_port()
    env = {**os.environ, 'JUPYTER_CONFIG_DIR': str(folder / 'config'),
           'JUPYTER_RUNTIME_DIR': str(folder / 'runtime')}
    command = [str(Path(sys.executable).with_name('jupyter')), 'lab', 'book/', '--no-browser',
               '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
               '--IdentityProvider.token=', '--ServerApp.password=',
               f'--LabApp.workspaces_dir={folder / "workspaces"}',
               '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
               '--LabApp.extension_manager=readonly', '--allow-root']
    log = open(folder / 'lab.log', 'w')
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f'http://127.0.0.1:{port}/'
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(base + 'api/status', timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f'JupyterLab did not start:\n{(folder / "lab.log").read_text()}')
            time.sleep(0.5)
    yield base
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def notebook_text(page):
    return page.locator('.jp-Notebook').first.evaluate('node => node.textContent')


def wait_until(condition, seconds, page):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return condition()


def git_diff():
    return subprocess.run(['git', 'diff', '--', f'book/{CHAPTER}'], cwd=ROOT,
                          capture_output=True, text=True).stdout[:3000]


def test_open_run_all_save_close_leaves_the_notebook_as_git_has_it(chromium, lab):
    path = ROOT / 'book' / CHAPTER
    original = path.read_bytes()
    assert git_diff() == '', f'book/{CHAPTER} differs from git before the test'
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + f'lab/tree/{CHAPTER}')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
        page.wait_for_timeout(2000)
        text = notebook_text(page)
        assert not [r for r in REPRS if r in text], 'a widget or graph shows as its repr text'
        assert page.locator('.jp-RenderedSVG').count() > 0, 'no stored graph shows'
        dirty = page.locator('.lm-TabBar-tab.jp-mod-dirty')
        page.keyboard.press('Control+s')
        assert wait_until(lambda: dirty.count() == 0, 30, page), 'the save did not finish'
        assert git_diff() == '', f'saving right after opening changed the file:\n{git_diff()}'

        page.locator('.lm-MenuBar-itemLabel', has_text='Run').first.click()
        page.locator('.lm-Menu-itemLabel', has_text='Run All Cells').first.click()
        prompts = page.locator('.jp-CodeCell .jp-InputPrompt')
        finished = wait_until(lambda: prompts.count() > 0 and all(
            p.strip() not in ('[ ]:', '[*]:') for p in prompts.all_text_contents()), 300, page)
        assert finished, f'Run All did not finish: {prompts.all_text_contents()}'
        page.keyboard.press('Control+s')
        assert wait_until(lambda: dirty.count() == 0, 30, page), 'the save did not finish'
        page.locator('.lm-MenuBar-itemLabel', has_text='File').first.click()
        page.locator('.lm-Menu-itemLabel', has_text='Close and Shut Down Notebook').first.click()
        confirm = page.locator('.jp-Dialog-button.jp-mod-accept')
        if wait_until(lambda: confirm.count() > 0, 5, page):
            confirm.first.click()
        page.wait_for_timeout(1000)
        assert git_diff() == '', f'JupyterLab rewrote the notebook:\n{git_diff()}'
    finally:
        page.close()
        if path.read_bytes() != original:
            path.write_bytes(original)
