"""What a reader sees in JupyterLab, from a second clone of the repository.

The repository is cloned into a temporary folder and trusted as the set-up does; JupyterLab
runs there as the "Run it yourself" page says (`jupyter lab book/`). Each notebook, opened
before it runs, shows its stored outputs: no "Error displaying widget" (a stored widget view
without its state) and no raw MyST (jupyterlab-myst renders roles and directives). Its markdown
shows each glued value (convblocks.book.glued), not its name, and each citation as the book
prints it, not its key (book/_theme/citation_links.py); a glue or cite role, which
jupyterlab-myst shows as the bare name or key, fails the test. A chapter
that is run top to bottom, saved and closed leaves the clone's `git status` clean: the save
hook stores the clone's notebooks in their normal form, wherever the clone is; after Run All
(which evaluates each glued.NAME in the kernel) the values are still shown.
"""
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from convblocks.book import glued
from lab_menu import choose, close_and_shut_down

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / 'book').glob('*.ipynb'))
RAW = ('Error displaying widget', '{cite', '{glue', ':filter:', '```{')
CHAPTER = 'squeeze_excitation.ipynb'
# A paragraph that quotes values a cell further down glues (the degradation runs' CPU time).
FORWARD, FORWARD_TEXT = 'networks.ipynb', 'trained for 10 epochs with SGD'
# The notebook on screen (innerText of a hidden one would be its raw sources).
SHOWN = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook'
# Glued values and citations in a markdown cell's source, in every syntax the book has used:
# {eval}`glued.NAME`, {glue:text}`NAME`, {glue}`NAME`; [text](#cite:t:KEYS), {cite:t}`KEYS`.
GLUED = re.compile(r'\{eval\}`glued\.(\w+)`|\{glue(?::\w+)?\}`(\w+)`')
CITED = re.compile(r'\(#cite:\w+:([^)]+)\)|\{cite(?::\w+)?\}`([^`]+)`')
LABEL = re.compile(r'\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(#cite:')
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


def shown_text(data):
    """What jupyterlab-myst shows for a stored text/plain result: the repr without its quotes."""
    return re.sub(r'^(["\'])(.*)\1$', r'\2', data['text/plain'])


def what_markdown_quotes(path):
    """[(glue names, citation keys, citation labels)] of each markdown cell, in order."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == 'markdown']
    return [([a or b for a, b in GLUED.findall(text)],
             [key for a, b in CITED.findall(text) for key in (a or b).split(',')],
             LABEL.findall(text)) for text in cells]


def misquoted(page, path):
    """Glued values shown as their names and citations as their keys, in the rendered markdown
    of `page` (the notebook at `path`, unrun): a list of what is wrong, empty when all is well."""
    values = glued.stored_values(nbformat.read(path, as_version=4))
    cells = page.locator(f'{SHOWN} .jp-MarkdownCell')
    page.evaluate('''() => document.querySelectorAll('.jp-MarkdownCell details')
                            .forEach(details => { details.open = true; })''')   # answers
    page.wait_for_timeout(500)
    quoted = what_markdown_quotes(path)
    assert cells.count() == len(quoted)
    wrong = []
    for index, (names, keys, labels) in enumerate(quoted):
        if not (names or keys):
            continue
        cell = cells.nth(index)
        text = cell.inner_text()
        for name in names:
            data = values.get(name, {})
            if 'text/html' in data:     # a chart: its picture
                shown = cell.locator('.myst-RenderedExpression img').count() > 0
            else:
                shown = 'text/plain' in data and shown_text(data) in text
            if not shown or f'glued.{name}' in text or ('_' in name and name in text):
                wrong.append(f'cell {index}: {name} is not shown as its value')
        wrong += [f'cell {index}: the citation key {key} is shown' for key in keys if key in text]
        wrong += [f'cell {index}: the citation {label} is not shown' for label in labels
                  if label not in text]
    return wrong


def git_status(folder):
    return subprocess.run(['git', 'status', '--porcelain'], cwd=folder, capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize('name', NOTEBOOKS)
def test_an_unrun_notebook_shows_no_widget_error_and_no_raw_myst(chromium, lab, clone, name):
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
        assert misquoted(page, clone / 'book' / name) == []
        assert errors == []
        close_and_shut_down(page)
    finally:
        page.close()


def run_all(page):
    """Run All Cells in the notebook on `page` and wait until every code cell has run."""
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
    choose(page, 'Run', 'Run All Cells')
    prompts = page.locator('.jp-CodeCell .jp-InputPrompt')
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and any(
            p.strip() in ('[ ]:', '[*]:') for p in prompts.all_text_contents()):
        page.wait_for_timeout(500)
    assert not any(p.strip() in ('[ ]:', '[*]:') for p in prompts.all_text_contents())
    page.wait_for_timeout(1000)   # Run All ran the markdown cells too: the kernel's values


def test_run_all_save_close_in_a_second_clone_leaves_git_status_clean(chromium, lab, clone):
    assert git_status(clone) == ''
    page, _ = open_notebook(chromium, lab, CHAPTER)
    try:
        run_all(page)
        assert misquoted(page, clone / 'book' / CHAPTER) == []
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


def test_a_paragraph_run_before_its_glue_cell_shows_the_stored_values(chromium, lab, clone):
    """A reader who runs the imports and then a paragraph (Shift+Enter each) before the cell
    further down that glues its values still sees the values: the kernel gives the stored ones."""
    page, _ = open_notebook(chromium, lab, FORWARD)
    idle = page.get_by_text('Python 3 (ipykernel) | Idle')
    try:
        idle.wait_for(timeout=120000)
        for cell in (page.locator(f'{SHOWN} .jp-CodeCell').first,   # the imports
                     page.locator(f'{SHOWN} .jp-MarkdownCell', has_text=FORWARD_TEXT)):
            cell.click()
            page.keyboard.press('Shift+Enter')
            page.wait_for_timeout(1000)
            idle.wait_for(timeout=120000)
        page.wait_for_timeout(1500)
        assert misquoted(page, clone / 'book' / FORWARD) == []
        close_and_shut_down(page)
    finally:
        page.close()
