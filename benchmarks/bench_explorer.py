"""Timing and size of the explorer (not a test).

Prints
- kernel recompute per move: moving a slider from Python on an explorer without a table,
  which runs the observer that recomputes the row with convblocks.counting (first visits),
  and the same move to a setting seen before (cached);
- the same move done the slow way: rebuilding the Keras model and calling count_params();
- the time to build explore(resnext_block) and explore(dense_block) with their graphs
  (every setting's block built once, shapes only, for the graph's boxes);
- static-page slider-to-readout time: in Chromium, from a key press on a slider to the
  readout's DOM change (performance.now), on a built page holding explore(resnext_block);
- the widget's bytes on the built ResNeXt and dense pages: the stored widget state and the
  loader script (the page's theme is not counted).

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


def kernel_move_ms(rounds=20):
    """(first visit, cached) median ms per move on an explorer without a stored table."""
    first, cached = [], []
    explorer = explore('resnext_block', graph=False, table=False)
    for round in range(rounds):
        for knobs in SETTINGS:
            start = time.perf_counter()
            explorer.set(**knobs)
            (first if round == 0 else cached).append((time.perf_counter() - start) * 1000)
    return statistics.median(first), statistics.median(cached)


def build_s(block):
    start = time.perf_counter()
    explore(block)
    return time.perf_counter() - start


def widget_bytes(html, page_path):
    """(state bytes, loader bytes) of the explorer on a built page."""
    text = (html / page_path).read_text()
    marker = '<script type="application/vnd.jupyter.widget-state+json">'
    start = text.index(marker)
    state = len(text[start:text.index('</script>', start)].encode())
    return state, (html / '_static' / 'explorer-loader.js').stat().st_size


def rebuild_move_ms():
    times = []
    for knobs in SETTINGS:
        start = time.perf_counter()
        block_model('resnext_block', r=2, **knobs).count_params()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


STATIC_MOVE = '''(k) => new Promise(resolve => {
    const slider = document.querySelectorAll('.cb-explorer [role=slider]')[k];
    const readout = document.querySelector('.cb-readout');
    const atEnd = slider.getAttribute('aria-valuenow') === slider.getAttribute('aria-valuemax');
    const observer = new MutationObserver(() => {
      observer.disconnect(); resolve(performance.now() - start);
    });
    observer.observe(readout, {childList: true, subtree: true, characterData: true});
    const start = performance.now();
    slider.dispatchEvent(new KeyboardEvent('keydown', {key: atEnd ? 'Home' : 'ArrowRight',
                                                      bubbles: true}));
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
            times.append(page.evaluate(STATIC_MOVE, i % 2))  # f, then r
        browser.close()
    return statistics.median(times), max(times)


def main(argv):
    html = Path(argv[0]) if argv else ROOT / '_build' / 'html'
    page_path = argv[1] if len(argv) > 1 else 'book/resnext.html'
    kernel, cached = kernel_move_ms()
    rebuild = rebuild_move_ms()
    print(f'kernel recompute per move (median):         {kernel:8.3f} ms')
    print(f'kernel move to a cached setting (median):   {cached:8.3f} ms')
    print(f'rebuild Keras model + count_params (median): {rebuild:8.1f} ms')
    print(f'ratio rebuild / recompute:                  {rebuild / kernel:8.0f} x')
    for block in ('resnext_block', 'dense_block'):
        print(f'explore({block}) with graphs, built in:  {build_s(block):8.1f} s')
    if (html / page_path).exists():
        median, worst = static_move_ms(html, page_path)
        print(f'static page slider-to-readout (median):    {median:8.2f} ms (worst {worst:.2f} ms)')
        for page in (page_path, 'book/dense.html'):
            state, loader = widget_bytes(html, page)
            print(f'widget bytes on {page}: state {state:,} + loader {loader:,} = '
                  f'{state + loader:,} B')
    else:
        print(f'static page: {html / page_path} not built; run `make book` first.')


if __name__ == '__main__':
    main(sys.argv[1:])
