"""What a reader sees in JupyterLab, from a second clone of the repository.

The repository is cloned into a temporary folder and trusted as the set-up does; JupyterLab
runs there as the "Run it yourself" page says (`jupyter lab book/`). Each notebook, opened
before it runs, shows its stored outputs: no "Error displaying widget" (a stored widget view
without its state) and no raw MyST (jupyterlab-myst renders roles and directives). A chapter
that is run top to bottom, saved and closed leaves the clone's `git status` clean: the save
hook stores the clone's notebooks in their normal form, wherever the clone is.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lab_menu import choose, close_and_shut_down

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / 'book').glob('*.ipynb'))
RAW = ('Error displaying widget', '{cite', '{glue', ':filter:', '```{')
CHAPTER = 'squeeze_excitation.ipynb'
# The notebook on screen (innerText of a hidden one would be its raw sources).
SHOWN = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook'
# Every cell attached to the page, so that the whole notebook can be read (Lab 4 otherwise
# renders only the cells near the viewport).
SETTINGS = ('lab/user-settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings',
            {'windowingMode': 'none'})


@pytest.fixture(scope='module')
def clone(tmp_path_factory):
    folder = tmp_path_factory.mktemp('second') / 'convblocks'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(folder)], check=True)
    jupyter = str(Path(sys.executable).with_name('jupyter'))
    subprocess.run([jupyter, 'trust', *sorted(map(str, (folder / 'book').glob('*.ipynb')))],
                   check=True, capture_output=True)
    return folder


@pytest.fixture(scope='module')
def lab(tmp_path_factory, start_lab, clone):
    home = tmp_path_factory.mktemp('lab')
    settings = home / '.config' / SETTINGS[0]
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps(SETTINGS[1]))
    return start_lab(home, root=clone)


def open_notebook(chromium, lab, name):
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    errors = []
    page.on('console', lambda m: errors.append(m.text) if 'model not found' in m.text else None)
    page.goto(lab + f'lab/tree/{name}?reset')   # a fresh workspace: only this notebook open
    page.wait_for_selector(f'{SHOWN} .jp-Cell', timeout=60000)
    page.wait_for_timeout(1500)
    page.evaluate('''async () => {   // markdown renders when it comes into view
        for (const cell of document.querySelectorAll('.jp-NotebookPanel .jp-Cell')) {
          cell.scrollIntoView();
          await new Promise(done => setTimeout(done, 40));
        }
    }''')
    page.wait_for_timeout(1500)
    return page, errors


def git_status(folder):
    return subprocess.run(['git', 'status', '--porcelain'], cwd=folder, capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize('name', NOTEBOOKS)
def test_an_unrun_notebook_shows_no_widget_error_and_no_raw_myst(chromium, lab, name):
    page, errors = open_notebook(chromium, lab, name)
    try:
        notebook = page.locator(SHOWN)
        assert notebook.count() == 1
        text = notebook.evaluate('node => node.innerText')
        markdown = notebook.locator('.jp-MarkdownCell').count()
        rendered = notebook.locator('.jp-MarkdownCell .jp-RenderedMarkdown, '
                                    '.jp-MarkdownCell .myst').count()
        assert markdown > 0 and rendered >= markdown, f'{rendered} of {markdown} rendered'
        assert [raw for raw in RAW if raw in text] == []
        assert errors == []
        close_and_shut_down(page)
    finally:
        page.close()


def test_run_all_save_close_in_a_second_clone_leaves_git_status_clean(chromium, lab, clone):
    assert git_status(clone) == ''
    page, _ = open_notebook(chromium, lab, CHAPTER)
    try:
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
        choose(page, 'Run', 'Run All Cells')
        prompts = page.locator('.jp-CodeCell .jp-InputPrompt')
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and any(
                p.strip() in ('[ ]:', '[*]:') for p in prompts.all_text_contents()):
            page.wait_for_timeout(500)
        assert not any(p.strip() in ('[ ]:', '[*]:') for p in prompts.all_text_contents())
        page.keyboard.press('Control+s')
        dirty = page.locator('.lm-TabBar-tab.jp-mod-dirty')
        deadline = time.monotonic() + 30
        while dirty.count() and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        close_and_shut_down(page)
        page.wait_for_timeout(1000)
    finally:
        page.close()
    assert git_status(clone) == '', subprocess.run(
        ['git', 'diff', '--stat'], cwd=clone, capture_output=True, text=True).stdout
