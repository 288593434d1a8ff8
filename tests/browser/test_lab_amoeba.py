"""A real JupyterLab on 127.0.0.1: open the AmoebaNet notebook, Run All, and see no hint and
no solution; then ask for hint 3 on purpose and see the solution."""
from pathlib import Path

import pytest

from lab_menu import choose

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / 'book' / 'amoebanet.ipynb'
HIDDEN = ['hiddenstate_indices[2k]', 'sep 3x3 of h', 'a = add([avgpool(x2, k=3, s=1)',
          'return concatenate([x1, b, c, e])', 'Correct:']


@pytest.fixture(scope='module')
def lab(tmp_path_factory, start_lab):
    """JupyterLab serving a temporary folder holding a copy of the notebook; (base URL, folder)."""
    folder = tmp_path_factory.mktemp('lab')
    (folder / 'amoebanet.ipynb').write_text(NOTEBOOK.read_text())
    return start_lab(folder), folder


def run_all(page):
    """Run > Run All Cells, and wait until the check's verdict is on the page."""
    verdict = page.locator('.jp-OutputArea-output', has_text='Not implemented yet')
    for attempt in range(2):  # a click in the first seconds can land before Lab is ready
        choose(page, 'Run', 'Run All Cells')
        try:
            verdict.first.wait_for(timeout=60000 if attempt == 0 else 240000)
            return
        except Exception:
            if attempt:
                raise


def notebook_text(page):
    """Every text in the notebook's DOM, shown or not (stricter than what is visible)."""
    return page.evaluate('document.querySelector(".jp-Notebook").textContent')


def test_run_all_shows_no_hint_and_no_solution(chromium, lab):
    base, folder = lab
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(base + 'lab/tree/amoebanet.ipynb')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90000)
        title = page.locator('.jp-MarkdownCell h1').first   # rendered by jupyterlab-myst
        assert title.inner_text().startswith('Exercise: the AmoebaNet normal cell')
        run_all(page)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
        text = notebook_text(page)
        assert 'Hint 3: the solution: run hint(3) to see it.' in text
        assert 'AmoebaNet params' in text   # the last output is there: the whole page ran
        for hidden in HIDDEN:
            assert hidden not in text, hidden
        for directive in ('{exercise', '{solution', ':label:', ':class:'):
            assert directive not in text

        # the reader asks for hint 3 on purpose: a new cell at the end
        last = page.locator('.jp-Notebook .jp-Cell').last
        last.click()
        page.keyboard.press('Escape')
        page.keyboard.press('b')
        page.keyboard.press('Enter')
        page.keyboard.type('hint(3)')
        page.keyboard.press('Shift+Enter')
        page.locator('.cb-shown', has_text='Hint 3: the solution').wait_for(timeout=60000)
        assert 'return concatenate([x1, b, c, e])' in notebook_text(page)
    finally:
        page.close()
