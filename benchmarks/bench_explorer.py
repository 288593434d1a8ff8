"""Timing of the explorer (not a test): how fast a slider move reaches the readout.

Prints
- kernel recompute per move: moving a slider from Python, which runs the observer that
  recomputes the readout with convblocks.counting (no front end attached);
- the same move done the slow way: rebuilding the Keras model and calling count_params();
- static-page slider-to-readout time: in Chromium, from a keydown on a slider handle to the
  readout's DOM change (performance.now), on a built page holding explore(resnext_block).

Usage: python benchmarks/bench_explorer.py [path/to/_build/html [page.html]]
(default: _build/html and book/resnext.html; the static part is skipped if absent).
"""
import statistics
import sys
import time
from pathlib import Path

from convblocks.explorer import explore
from convblocks.models import block_model

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']
SETTINGS = [{'c': c, 'f': f} for f in (32, 64, 128) for c in (1, 2, 4, 8)]


def kernel_move_ms(explorer, rounds=20):
    times = []
    for _ in range(rounds):
        for knobs in SETTINGS:
            start = time.perf_counter()
            explorer.set(**knobs)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rebuild_move_ms():
    times = []
    for knobs in SETTINGS:
        start = time.perf_counter()
        block_model('resnext_block', r=2, **knobs).count_params()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


STATIC_MOVE = '''(label) => new Promise(resolve => {
    const handle = [...document.querySelectorAll('.widget-hslider')]
      .find(row => row.querySelector('.widget-label').textContent === label)
      .querySelector('.noUi-handle');
    const readout = document.querySelector('.cb-readout');
    const key = handle.getAttribute('aria-valuenow') === handle.getAttribute('aria-valuemax')
      ? 'Home' : 'ArrowRight';
    const observer = new MutationObserver(() => {
      observer.disconnect(); resolve(performance.now() - start);
    });
    observer.observe(readout, {childList: true, subtree: true, characterData: true});
    const start = performance.now();
    handle.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
})'''


def static_move_ms(html, page_path, rounds=30):
    sys.path.insert(0, str(ROOT / 'tests' / 'browser'))
    from conftest import serve  # the tests' static file server
    from playwright.sync_api import sync_playwright
    times = []
    with serve(html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path='/usr/bin/chromium',
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + page_path)
        page.wait_for_selector('.cb-readout .cb-value[data-params]', timeout=30000)
        for i in range(rounds):
            times.append(page.evaluate(STATIC_MOVE, ('filters f', 'ratio r')[i % 2]))
        browser.close()
    return statistics.median(times), max(times)


def main(argv):
    html = Path(argv[0]) if argv else ROOT / '_build' / 'html'
    page_path = argv[1] if len(argv) > 1 else 'book/resnext.html'
    explorer = explore('resnext_block', graph=False)
    kernel = kernel_move_ms(explorer)
    rebuild = rebuild_move_ms()
    print(f'kernel recompute per move (median):       {kernel:8.3f} ms')
    print(f'rebuild Keras model + count_params (median): {rebuild:8.1f} ms')
    print(f'ratio rebuild / recompute:                  {rebuild / kernel:8.0f} x')
    if (html / page_path).exists():
        median, worst = static_move_ms(html, page_path)
        print(f'static page slider-to-readout (median):    {median:8.2f} ms (worst {worst:.2f} ms)')
        print(f'ratio rebuild / static move:                {rebuild / median:8.0f} x')
    else:
        print(f'static page: {html / page_path} not built; run `make book` first.')


if __name__ == '__main__':
    main(sys.argv[1:])
