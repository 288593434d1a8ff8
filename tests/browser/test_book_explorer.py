"""The ResNeXt page of the built book, with no kernel: sliders recompute from the embedded
table, the graph follows c, and the page requests nothing outside its own site."""

import pytest

from convblocks import counting

PAGE = 'book/resnext.html'


def slider(page, label):
    """The slider row whose description is `label`, e.g. 'paths c'."""
    return page.locator('.widget-hslider', has=page.locator('.widget-label', has_text=label))


def setting(page):
    """The knob values the explorer's sliders show."""
    labels = {'filters f': 'f', 'ratio r': 'r', 'paths c': 'c'}
    return {knob: int(slider(page, label).locator('.widget-readout').inner_text())
            for label, knob in labels.items()}


def shown_params(page):
    """The exact parameter count the readout shows (as text, and in its data attribute)."""
    value = page.locator('.cb-readout .cb-value[data-params]')
    text = int(value.inner_text().replace(',', ''))
    assert text == int(value.get_attribute('data-params'))
    return text


def drag_to(page, label, fraction):
    """Drag the slider's handle with the mouse to `fraction` of its track."""
    row = slider(page, label)
    row.scroll_into_view_if_needed()
    handle = row.locator('.noUi-handle')
    track = row.locator('.noUi-target').bounding_box()
    box = handle.bounding_box()
    page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] / 2)
    page.mouse.down()
    page.mouse.move(track['x'] + fraction * track['width'], box['y'] + box['height'] / 2,
                    steps=8)
    page.mouse.up()


def press(page, label, key):
    handle = slider(page, label).locator('.noUi-handle')
    handle.focus()
    handle.press(key)


def conv3x3_count(page):
    return page.locator('.cb-drawing svg text', has_text='conv 3x3').count()


def expect_exact_readout(page):
    knobs = setting(page)
    page.wait_for_function(
        'n => document.querySelector(".cb-readout .cb-value[data-params]")'
        '?.dataset.params === String(n)', arg=counting.params('resnext_block', **knobs),
        timeout=2000)
    assert shown_params(page) == counting.params('resnext_block', **knobs)
    return knobs


@pytest.fixture
def page(chromium, built_book, served_book, requests_leaving):
    assert (built_book / PAGE).exists(), f'{PAGE} is missing from the built book'
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    requests, errors = [], []
    page.on('request', lambda request: requests.append(request.url))
    page.on('pageerror', lambda error: errors.append(str(error)))
    page.goto(served_book + PAGE)
    page.wait_for_selector('.cb-readout .cb-value[data-params]', timeout=30000)
    page.leaving = lambda: requests_leaving(requests, served_book)
    page.errors = errors
    yield page
    page.close()


def test_sliders_recompute_exactly_without_a_kernel(page):
    assert setting(page) == {'f': 32, 'r': 2, 'c': 4}
    expect_exact_readout(page)

    drag_to(page, 'filters f', 1.0)  # a real mouse drag to the end of the track
    assert expect_exact_readout(page)['f'] == 256

    before = conv3x3_count(page)
    press(page, 'paths c', 'ArrowRight')
    knobs = expect_exact_readout(page)
    assert knobs['c'] == 8
    assert (before, conv3x3_count(page)) == (4, 8)  # the graph follows c
    assert 'c=8' in page.inner_text('.cb-graph figcaption')

    assert page.leaving() == []
    assert page.errors == []


def test_impossible_setting_shows_the_message_and_keeps_the_graph(page):
    press(page, 'paths c', 'ArrowRight')  # c = 8, valid at f = 32, r = 2
    expect_exact_readout(page)
    graph = page.inner_html('.cb-drawing')
    press(page, 'paths c', 'End')  # c = 32: 32 // (32*2) = 0 channels per path
    assert setting(page)['c'] == 32
    with pytest.raises(ValueError) as error:
        counting.params('resnext_block', f=32, r=2, c=32)
    page.wait_for_selector('.cb-readout .cb-error')
    assert page.inner_text('.cb-readout').strip() == str(error.value)
    assert 'Traceback' not in page.inner_text('.cb-explorer')
    assert page.inner_html('.cb-drawing') == graph
    assert page.leaving() == []


MOVE = """(label) => new Promise(resolve => {
    const handle = [...document.querySelectorAll('.widget-hslider')]
      .find(row => row.querySelector('.widget-label').textContent === label)
      .querySelector('.noUi-handle');
    const atEnd = handle.getAttribute('aria-valuenow') === handle.getAttribute('aria-valuemax');
    const readout = document.querySelector('.cb-readout');
    const observer = new MutationObserver(() => {
      observer.disconnect(); resolve(performance.now() - start);
    });
    observer.observe(readout, {childList: true, subtree: true, characterData: true});
    const start = performance.now();
    handle.dispatchEvent(new KeyboardEvent('keydown', {key: atEnd ? 'Home' : 'ArrowRight',
                                                      bubbles: true}));
})"""


def test_readout_is_within_one_frame(page):
    """From a key press on a handle to the new readout in the DOM: under 16 ms (median of 9)."""
    times = sorted(page.evaluate(MOVE, 'ratio r') for _ in range(9))
    expect_exact_readout(page)
    assert times[4] < 16, f'{times} ms'
