"""A chapter in a real JupyterLab, started as the README says (`.venv/bin/jupyter lab book/`),
in English and in Chinese (book/zh/, written and run by `make translations`).

Before running: the stored graphs show (the set-up trusts the notebooks) and no widget shows as
its repr text. Saved right after opening, and again after Run All, the file is the one git
has (the venv's Jupyter server stores it in convblocks.book.stored_notebooks' normal form).

JupyterLab 4.6 marks every notebook modified as soon as its kernel starts: it writes the
kernel's kernelspec and language_info into the metadata and flags the document dirty even
when the values are equal (seen with a one-cell notebook whose metadata already matched), so
the mark cannot be avoided from the file's side; saving changes nothing, which is checked.
The test works on the real file and puts its bytes back whatever happens.
"""
import subprocess
import time
from pathlib import Path

import pytest

from lab_menu import choose, close_and_shut_down

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ['bottleneck.ipynb', 'zh/bottleneck.ipynb']
REPRS = ('Explorer(children=', '<IPython.core.display.SVG object>', 'VBox(children=')


@pytest.fixture(scope='module')
def lab(tmp_path_factory, start_lab):
    """`jupyter lab book/` from the repository root (user data dir: the set-up's trust)."""
    return start_lab(tmp_path_factory.mktemp('lab'), root=ROOT)


def notebook_text(page):
    return page.locator('.jp-Notebook').first.evaluate('node => node.textContent')


def wait_until(condition, seconds, page):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return condition()


def git_diff(chapter):
    return subprocess.run(['git', 'diff', '--', f'book/{chapter}'], cwd=ROOT,
                          capture_output=True, text=True).stdout[:3000]


@pytest.mark.parametrize('chapter', CHAPTERS)
def test_open_run_all_save_close_leaves_the_notebook_as_git_has_it(chromium, lab, chapter):
    path = ROOT / 'book' / chapter
    original = path.read_bytes()
    assert git_diff(chapter) == '', f'book/{chapter} differs from git before the test'
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + f'lab/tree/{chapter}?reset')   # no tab of an earlier test
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
        page.wait_for_timeout(2000)
        text = notebook_text(page)
        assert not [r for r in REPRS if r in text], 'a widget or graph shows as its repr text'
        assert page.locator('.jp-RenderedSVG').count() > 0, 'no stored graph shows'
        dirty = page.locator('.lm-TabBar-tab.jp-mod-dirty')
        page.keyboard.press('Control+s')
        assert wait_until(lambda: dirty.count() == 0, 30, page), 'the save did not finish'
        assert git_diff(chapter) == '', (
            f'saving right after opening changed the file:\n{git_diff(chapter)}')

        choose(page, 'Run', 'Run All Cells')
        prompts = page.locator('.jp-CodeCell .jp-InputPrompt')
        finished = wait_until(lambda: prompts.count() > 0 and all(
            p.strip() not in ('[ ]:', '[*]:') for p in prompts.all_text_contents()), 300, page)
        assert finished, f'Run All did not finish: {prompts.all_text_contents()}'
        page.keyboard.press('Control+s')
        assert wait_until(lambda: dirty.count() == 0, 30, page), 'the save did not finish'
        close_and_shut_down(page)
        page.wait_for_timeout(1000)
        assert git_diff(chapter) == '', f'JupyterLab rewrote the notebook:\n{git_diff(chapter)}'
    finally:
        page.close()
        if path.read_bytes() != original:
            path.write_bytes(original)
