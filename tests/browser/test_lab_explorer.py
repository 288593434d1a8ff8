"""A real JupyterLab on 127.0.0.1: open a chapter unrun, run it, move sliders, read the counts.

The tests work on a temporary copy of the ResNeXt chapter, to which one explorer without the
precomputed table is appended (it can only update through the kernel), and on the fixture
notebook of reader-written blocks (tests/fixtures/reader_blocks.ipynb).
"""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contrast import contrast_rows, too_faint
from lab_menu import choose, close_and_shut_down, dismiss_dialogs
from convblocks import counting

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT / 'book' / 'resnext.ipynb'
KERNEL_ONLY = ('from convblocks.blocks import resnext_block\n'
               'from convblocks.explorer import explore\n'
               'explore(resnext_block, table=False, graph=False, f=256)')  # every c, r valid


def test_lab_extensions_for_the_widgets_are_installed():
    lab = Path(sys.executable).with_name('jupyter-labextension')
    listing = subprocess.run([str(lab), 'list'], capture_output=True, text=True)
    text = listing.stdout + listing.stderr
    for extension in ('@jupyter-widgets/jupyterlab-manager', 'anywidget'):
        assert extension in text and 'enabled' in text, text


@pytest.fixture(scope='module')
def lab(tmp_path_factory, start_lab):
    """JupyterLab serving a temporary folder holding a copy of the chapter; its base URL."""
    assert CHAPTER.exists(), f'{CHAPTER.relative_to(ROOT)} is missing'
    folder = tmp_path_factory.mktemp('lab')
    notebook = json.loads(CHAPTER.read_text())
    notebook['cells'].append({'cell_type': 'code', 'metadata': {}, 'execution_count': None,
                              'outputs': [], 'source': KERNEL_ONLY})
    (folder / 'chapter.ipynb').write_text(json.dumps(notebook))
    shutil.copy(ROOT / 'tests' / 'fixtures' / 'reader_blocks.ipynb', folder)
    return start_lab(folder)


def slider(box, label):
    return box.get_by_role('slider', name=label, exact=True)


def shown_params(box):
    value = box.locator('.cb-value[data-params]')
    return int(value.get_attribute('data-params')) if value.count() else None


def setting(box):
    return {name: int(value) for name, value in box.evaluate(
        "box => [...box.querySelectorAll('[role=slider]')].map("
        "s => [s.dataset.knob, s.getAttribute('aria-valuetext')])")}


def wait_for_params(box, expected, timeout=10):
    deadline = time.monotonic() + timeout
    while shown_params(box) != expected and time.monotonic() < deadline:
        box.page.wait_for_timeout(50)
    assert shown_params(box) == expected


def run_all(page, expected_boxes):
    """Run All Cells and wait until `expected_boxes` explorers are drawn."""
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90000)
    # the open notebook's explorers only (Lab may restore an earlier test's tab behind it)
    boxes = page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output .cb-explorer')
    give_up = time.monotonic() + 300
    for attempt in range(2):  # a click in the first seconds can land before Lab is ready
        dismiss_dialogs(page)
        choose(page, 'Run', 'Run All Cells')
        deadline = time.monotonic() + (30 if attempt == 0 else 180)
        while boxes.count() < expected_boxes and time.monotonic() < deadline:
            if page.locator('.jp-InputPrompt', has_text='[*]').count():
                deadline = min(give_up, time.monotonic() + 150)  # running: wait on
            page.wait_for_timeout(250)
        if boxes.count() >= expected_boxes:
            break
    assert boxes.count() >= expected_boxes, 'the explorers did not appear after Run All'
    return boxes


def test_unrun_chapter_shows_a_line_not_a_widget_repr(chromium, lab):
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + 'lab/tree/chapter.ipynb')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90000)
        page.wait_for_timeout(1500)
        text = page.locator('.jp-Notebook').inner_text()
        assert 'Explorer(children' not in text and 'VBox(' not in text
        assert 'explore(resnext_block): run this cell to see the sliders.' in text
    finally:
        page.close()


def test_run_all_then_move_sliders(chromium, lab):
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + 'lab/tree/chapter.ipynb')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        boxes = run_all(page, 2)
        chapter_box, kernel_box = boxes.first, boxes.last
        for box in (chapter_box, kernel_box):
            box.scroll_into_view_if_needed()
            wait_for_params(box, counting.params('resnext_block', **setting(box)))

        # the kernel-only explorer: keys on c's slider; the kernel computes each readout
        kernel_box.scroll_into_view_if_needed()
        slider(kernel_box, 'paths c').press('ArrowRight')
        knobs = setting(kernel_box)
        assert knobs['c'] == 8
        wait_for_params(kernel_box, counting.params('resnext_block', **knobs))

        # kernel round trip: key press on the kernel-only explorer to the new readout
        elapsed = kernel_box.evaluate('''box => new Promise(resolve => {
            const slider = box.querySelectorAll('[role=slider]')[1];
            const readout = box.querySelector('.cb-readout');
            const atStart = slider.getAttribute('aria-valuenow') ===
                            slider.getAttribute('aria-valuemin');
            const observer = new MutationObserver(() => {
              observer.disconnect(); resolve(performance.now() - start);
            });
            observer.observe(readout, {childList: true, subtree: true, characterData: true});
            const start = performance.now();
            slider.dispatchEvent(new KeyboardEvent('keydown', {key: atStart ? 'End' : 'Home',
                                                              bubbles: true}));
        })''')
        print(f'JupyterLab: key press to kernel-computed readout: {elapsed:.1f} ms')
        # the kernel answered with the new setting's counts (benchmarks/bench_explorer.py
        # prints how long a kernel move takes; no wall-clock bound here)
        wait_for_params(kernel_box, counting.params('resnext_block', **setting(kernel_box)))

        # the chapter's explorer: a typed value and a key press
        chapter_box.scroll_into_view_if_needed()
        box = chapter_box.get_by_label('filters f: type a value')
        box.fill('64')
        box.press('Enter')
        assert setting(chapter_box)['f'] == 64
        slider(chapter_box, 'paths c').press('ArrowRight')
        knobs = setting(chapter_box)
        wait_for_params(chapter_box, counting.params('resnext_block', **knobs))
        assert chapter_box.locator('.cb-drawing text', has_text='conv 3x3').count() == 2
    finally:
        page.close()


def choose_theme(page, theme):
    """Settings > Theme > `theme`, as a reader picks it; waits until Lab has switched."""
    page.locator('.lm-MenuBar-itemLabel', has_text='Settings').first.click()
    page.locator('.lm-Menu-itemLabel', has_text='Theme').first.hover()
    page.locator('.lm-Menu-itemLabel', has_text=theme).first.click()
    page.wait_for_function(f'document.body.dataset.jpThemeName === "{theme}"', timeout=30000)


def test_explorer_text_meets_wcag_aa_in_the_dark_theme(chromium, lab):
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + 'lab/tree/chapter.ipynb')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        choose_theme(page, 'JupyterLab Dark')
        box = run_all(page, 2).first
        box.scroll_into_view_if_needed()
        assert len(contrast_rows(box)) >= 8   # the walk found the explorer's text
        assert too_faint(box) == []
    finally:
        choose_theme(page, 'JupyterLab Light')
        close_and_shut_down(page)
        page.close()


def test_readers_blocks_in_lab(chromium, lab):
    """The fixture's three reader-written blocks: a knob k, a structure that changes, and
    an impossible setting; the graph and numbers follow the sliders."""
    page = chromium.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab + 'lab/tree/reader_blocks.ipynb')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=60000)
        boxes = run_all(page, 3)
        k_box, stacked_box, residual_box = boxes.nth(0), boxes.nth(1), boxes.nth(2)
        k_box.scroll_into_view_if_needed()
        before = shown_params(k_box)
        slider(k_box, 'k').press('ArrowRight')  # k = 3 -> 5
        assert setting(k_box)['k'] == 5
        k_box.page.wait_for_timeout(300)
        assert shown_params(k_box) != before
        assert k_box.locator('.cb-drawing text', has_text='conv 5x5').count() == 1

        stacked_box.scroll_into_view_if_needed()
        slider(stacked_box, 'n').press('End')  # n = 6: refused by the block
        assert 'stacked: n = 6 layers; use n <= 4.' in stacked_box.inner_text()
        assert not stacked_box.locator('.cb-drawing').is_visible()
        slider(stacked_box, 'n').press('Home')  # n = 1
        assert stacked_box.locator('.cb-drawing text', has_text='conv 3x3').count() == 1

        residual_box.scroll_into_view_if_needed()
        slider(residual_box, 'filters f').press('Home')  # f = 16 on 32 channels
        assert 'incompatible shapes' in residual_box.locator('.cb-readout').inner_text()
    finally:
        page.close()
