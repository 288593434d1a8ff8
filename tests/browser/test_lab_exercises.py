"""A real JupyterLab: Run All on a chapter shows each exercise's pointers and reveals no hint
and no solution; hint(...) and solution(...) typed by the reader then show them."""
import shutil
import time
from pathlib import Path

from convblocks.exercises.chapters.catalog import EXERCISES
from lab_menu import choose

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = 'bottleneck'
OURS = [e for e in EXERCISES if e.chapter == CHAPTER]


def secrets(exercise):
    """Text that only the hint or the solution shows, as a reader sees it on the page."""
    if exercise.numeric:
        return ['The answer:', exercise.hint[3:40]]
    return [exercise.reference.__doc__, exercise.hint[3:40]]


def run_all(page):
    choose(page, 'Run', 'Run All Cells')


def test_run_all_reveals_no_hint_or_solution(chromium, start_lab, tmp_path):
    shutil.copy(ROOT / 'book' / f'{CHAPTER}.ipynb', tmp_path / 'chapter.ipynb')
    base = start_lab(tmp_path)
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(base + 'lab/tree/chapter.ipynb')
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90000)
        # stored outputs are cleared first, so that what shows afterwards comes from Run All
        choose(page, 'Edit', 'Clear Outputs of All Cells')
        pointers = page.locator('.cb-folded-pointer')
        assert pointers.count() == 0
        for attempt in range(2):   # a click in the first seconds can land before Lab is ready
            run_all(page)
            deadline = time.monotonic() + (60 if attempt == 0 else 240)
            while pointers.count() < 2 * len(OURS) and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            if pointers.count() >= 2 * len(OURS):
                break
        assert pointers.count() == 2 * len(OURS)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120000)
        text = page.locator('.jp-Notebook').inner_text()
        for exercise in OURS:
            ask = f"('{CHAPTER}', {exercise.number})"
            assert f'run hint{ask} to see it' in text and f'run solution{ask} to see it' in text
        assert page.locator('.cb-shown').count() == 0
        for exercise in OURS:
            for secret in secrets(exercise):
                assert secret not in page.content()

        # the reader asks, in a new cell at the end
        last = page.locator('.jp-Cell').last
        last.click()
        page.keyboard.press('Escape')
        page.keyboard.press('b')
        page.keyboard.press('Enter')
        page.keyboard.type(f"solution('{CHAPTER}', 1)")
        page.keyboard.press('Shift+Enter')
        shown = page.locator('.cb-shown')
        shown.first.wait_for(timeout=60000)
        assert 'The answer:' in shown.first.inner_text()
    finally:
        page.close()
