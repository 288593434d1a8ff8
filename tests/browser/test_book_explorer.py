"""The ResNeXt and dense pages of the built book, with no kernel, at 1280 and 390 px.

At every slider extreme the graph's boxes show the layers Keras builds at that setting and
its smallest text is at least 9 px; impossible settings withdraw the graph; typed values
move the slider; names and values reach the accessibility tree; nothing leaves 127.0.0.1;
the console stays empty; every explorer's text meets WCAG AA in the light and dark themes.
"""
import itertools

import pytest

from contrast import contrast_rows, too_faint
from convblocks import blocks, counting
from convblocks.drawing import graphs as drawing
from convblocks.keras_internals import shapes_only
from convblocks.models import block_model

PAGES = {'resnext': ('book/resnext.html', blocks.resnext_block),
         'dense': ('book/dense.html', blocks.dense_block)}

BOXES = """box => [...box.querySelectorAll('.cb-drawing g.node')].map(node => [
    node.querySelector('title').textContent,
    [...node.querySelectorAll('text')].map(text => text.textContent)])"""

SMALLEST_TEXT_PX = """box => {
    const svg = box.querySelector('.cb-drawing svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('text')].map(
        text => parseFloat(text.getAttribute('font-size')) * scale));
}"""


def from_the_widget(url):
    """True for the explorer's scripts: the loader, the widget state it loads and the module it
    loads from a blob: URL."""
    path = url.split('?')[0]
    return (path.endswith('/explorer-loader.js') or '/_static/widget-state/' in path
            or url.startswith('blob:'))


def open_page(chromium, served_book, path, width):
    """The page, recording its requests and the widget's console messages and errors.

    Messages from the theme's own scripts (and the favicon) are the pages' tests' business.
    """
    page = chromium.new_page(viewport={'width': width, 'height': 900})
    page.requests, page.console = [], []
    page.on('request', lambda request: page.requests.append(request.url))
    page.on('console', lambda message: page.console.append(f'{message.type}: {message.text}')
            if message.type in ('error', 'warning') and
            from_the_widget(message.location.get('url', '')) else None)
    page.on('pageerror', lambda error: page.console.append(f'pageerror: {error}')
            if 'blob:' in (error.stack or '') or 'explorer-loader' in (error.stack or '')
            else None)
    page.on('response', lambda response: page.console.append(f'{response.status} {response.url}')
            if from_the_widget(response.url) and response.status != 200 else None)
    page.goto(served_book + path)
    page.wait_for_selector('.cb-explorer .cb-readout .cb-value', timeout=30000)
    return page


@pytest.fixture(params=[1280, 390])
def width(request):
    return request.param


def setting(box):
    """The knob values the sliders tell assistive technology (aria-valuetext)."""
    return {name: int(value) for name, value in box.evaluate(
        "box => [...box.querySelectorAll('[role=slider]')].map("
        "s => [s.dataset.knob, s.getAttribute('aria-valuetext')])")}


def expected_boxes(block, knobs):
    knobs = dict(knobs)
    channels = knobs.pop('channels', None)
    with shapes_only():
        model = block_model(block, channels=channels, **knobs)
    graph = drawing.fold(drawing.model_graph(model))
    return {node: drawing.lines(graph.parts[node]) for node in graph.ids if node != 'more'}


@pytest.mark.parametrize('chapter', PAGES)
def test_every_slider_extreme_draws_the_built_block_readably(chromium, built_book, served_book,
                                                             requests_leaving, chapter, width):
    path, block = PAGES[chapter]
    page = open_page(chromium, served_book, path, width)
    try:
        box = page.locator('.cb-explorer').first
        knobs = list(setting(box))
        for corner in itertools.product(*[('Home', 'End')] * len(knobs)):
            for k, key in enumerate(corner):
                box.locator('[role=slider]').nth(k).press(key)  # keyboard: to either end
            knobs_now = setting(box)
            channels = knobs_now.get('channels')
            other = {k: v for k, v in knobs_now.items() if k != 'channels'}
            try:
                params = counting.params(block.__name__, channels=channels, **other)
            except ValueError as error:
                assert box.locator('.cb-readout').inner_text().strip() == str(error)
                assert box.locator('.cb-graph').evaluate(
                    "f => f.classList.contains('cb-withdrawn')")
                assert not box.locator('.cb-drawing').is_visible()
                assert 'impossible' in box.locator('figcaption').inner_text()
                continue
            value = box.locator('.cb-value[data-params]')
            assert value.get_attribute('data-params') == str(params), knobs_now
            shown = {node: lines for node, lines in box.evaluate(BOXES) if node != 'more'}
            assert shown == expected_boxes(block, knobs_now), knobs_now
            assert box.evaluate(SMALLEST_TEXT_PX) >= 9, (knobs_now, width)
            caption = box.locator('figcaption').inner_text()
            assert ', '.join(f'{k}={v}' for k, v in knobs_now.items()) in caption
            page.screenshot(path=f'/tmp/explorer-{chapter}-{width}-'
                                 f'{"-".join(corner)}.png', full_page=False)
        assert requests_leaving(page.requests, served_book) == []
        assert page.console == []
    finally:
        page.close()


def test_typing_a_value_moves_the_slider(chromium, built_book, served_book, width):
    page = open_page(chromium, served_book, PAGES['resnext'][0], width)
    try:
        box = page.locator('.cb-explorer').first
        f_box = box.get_by_label('filters f: type a value')
        f_box.fill('100')
        f_box.press('Enter')
        assert setting(box)['f'] == 128  # the nearest of 16, 32, 64, 128, 256
        assert 'f = 100 is not on the slider; moved to the nearest value, 128.' in \
            box.inner_text()
        knobs = setting(box)
        assert box.locator('.cb-value[data-params]').get_attribute('data-params') == \
            str(counting.params('resnext_block', **knobs))
        f_box.fill('64')
        f_box.press('Enter')
        assert setting(box)['f'] == 64 and 'not on the slider' not in box.inner_text()
        assert page.console == []
    finally:
        page.close()


def test_names_and_values_reach_the_accessibility_tree(chromium, built_book, served_book):
    page = open_page(chromium, served_book, PAGES['resnext'][0], 1280)
    try:
        box = page.locator('.cb-explorer').first
        box.get_by_role('slider', name='paths c').press('ArrowRight')
        cdp = page.context.new_cdp_session(page)
        nodes = cdp.send('Accessibility.getFullAXTree')['nodes']
        sliders = {node['name']['value']: node['value']['value'] for node in nodes
                   if node.get('role', {}).get('value') == 'slider'}
        assert sliders == {'filters f': 32, 'ratio r': 2, 'paths c': 8}  # values, not positions
        assert box.get_by_role('slider', name='paths c').get_attribute('aria-valuetext') == '8'
        live = [node for node in nodes if any(p['name'] == 'live' and p['value']['value'] ==
                                              'polite' for p in node.get('properties', []))]
        assert live, 'no polite live region'
        assert box.locator('.cb-readout').get_attribute('aria-live') == 'polite'
    finally:
        page.close()


MOVE = """box => new Promise(resolve => {
    const slider = box.querySelectorAll('[role=slider]')[1];
    const readout = box.querySelector('.cb-readout');
    const atEnd = slider.getAttribute('aria-valuenow') === slider.getAttribute('aria-valuemax');
    const observer = new MutationObserver(() => {
      observer.disconnect(); resolve(performance.now() - start);
    });
    observer.observe(readout, {childList: true, subtree: true, characterData: true});
    const start = performance.now();
    slider.dispatchEvent(new KeyboardEvent('keydown', {key: atEnd ? 'Home' : 'ArrowRight',
                                                      bubbles: true}));
})"""


def test_readout_is_within_one_frame(chromium, built_book, served_book):
    """From a key press on a slider to the new readout in the DOM: under 16 ms (median of 9)."""
    page = open_page(chromium, served_book, PAGES['resnext'][0], 1280)
    try:
        box = page.locator('.cb-explorer').first
        times = sorted(box.evaluate(MOVE) for _ in range(9))
        print(f'static book: key press to readout, median {times[4]:.2f} ms')
        assert times[4] < 16, f'{times} ms'
    finally:
        page.close()


EXPLORER_PAGES = ['bottleneck', 'inception', 'residual', 'resnext', 'dense',
                  'squeeze_excitation', 'nasnet', 'inverted_residual']


@pytest.mark.parametrize('mode', ['light', 'dark'])
def test_explorer_text_meets_wcag_aa_in_both_themes(chromium, built_book, served_book, mode):
    """Every text of every explorer (readout, labels, notes, caption, graph) at 4.5:1 or more,
    with the theme the reader picked."""
    faint = {}
    for chapter in EXPLORER_PAGES:
        page = chromium.new_page(viewport={'width': 1280, 'height': 900})
        page.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                             f"localStorage.setItem('theme', '{mode}')")
        try:
            page.goto(served_book + f'book/{chapter}.html')
            page.wait_for_selector('.cb-explorer .cb-readout .cb-value', timeout=30000)
            assert page.evaluate('document.documentElement.dataset.theme') == mode
            for box in page.locator('.cb-explorer').all():
                texts = contrast_rows(box)
                assert len(texts) >= 8, (chapter, texts)   # the walk found the explorer's text
                faint[chapter] = faint.get(chapter, []) + too_faint(box)
        finally:
            page.close()
    assert not any(faint.values()), faint


def test_an_impossible_setting_reads_clearly_in_the_dark(chromium, built_book, served_book):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    page.add_init_script("localStorage.setItem('mode', 'dark');"
                         "localStorage.setItem('theme', 'dark')")
    try:
        page.goto(served_book + PAGES['resnext'][0])
        box = page.locator('.cb-explorer').first
        box.locator('.cb-readout .cb-value').first.wait_for(timeout=30000)
        box.get_by_role('slider', name='filters f', exact=True).press('Home')   # f = 16
        box.get_by_role('slider', name='paths c', exact=True).press('End')      # c = 32
        assert box.locator('.cb-error').is_visible()
        assert too_faint(box) == []
    finally:
        page.close()
