"""A reader's block and the package's builders under the shared sandbox: each case, its sentence."""
import time

import pytest

from convblocks import counting
from convblocks.building import sandbox
from convblocks.checks.errors import Sentence, digits, number, short
from convblocks.depthwise import depthwise_resnext_block
from convblocks.drawing import block_svg
from convblocks.grouped import grouped_model
from convblocks.models import block_model, shapes_model
from convblocks.quiet import keras

from readers import huge_layer, loops, raises, returns_none, sleeps, with_activation


@pytest.fixture
def two_seconds(monkeypatch):
    """A short time limit, still long enough for Keras on a busy machine (a 10**9-weight
    layer built with shapes only took 0.3 s once, and over 1 s under a load of 20)."""
    monkeypatch.setattr(sandbox, 'TIME_LIMIT', 2)


def sentence(call):
    """The one line a notebook shows for what `call` raises (and that it is only one line)."""
    with pytest.raises(Sentence) as error:
        call()
    shown = error.value._render_traceback_()
    assert len(shown) == 1 and '\n' not in shown[0]
    return str(error.value)


def test_numbers_in_sentences_are_short():
    assert digits(10**5000) == 5001 and digits(10**5000 - 1) == 5000 and digits(7) == 1
    assert number(10**200) == 'a number with 201 digits'
    assert number(-10**200) == 'a negative number with 201 digits'
    assert number(1234, True) == '1,234' and number(2**99) == str(2**99)
    assert short('x' * 100) == "'" + 'x' * 36 + '...' and short(None) == 'None'
    assert sandbox.short(10**5000) == 'a number with 5,001 digits'


def test_counts_are_exact_at_any_size_and_their_sentences_short():
    f, c = 10**5000, 10**4000
    w = f // c                                  # each path: 1x1 f -> w, 3x3 w -> w, 1x1 w -> f
    expected = c * ((f * w + w) + (9 * w * w + w) + (w * f + f))
    assert counting.params('resnext_block', f=f, c=c, r=1) == expected
    assert sentence(lambda: counting.params('bottleneck', f=-10**5000)) == (
        'bottleneck: f = a negative number with 5,001 digits; use f >= 1.')
    assert sentence(lambda: counting.params('resnext_block', f=10**5000, c=10**5001, r=1)) == (
        'resnext_block: f // (c*r) = a number with 5,001 digits // (a number with 5,002 digits'
        '*1) = 0 channels per path; lower c or r, or raise f.')
    assert sentence(lambda: counting.params('bottleneck', 32)) == (
        "params: give the knobs by name, e.g. params('bottleneck', f=32); got 1 after the "
        "block.")
    assert sentence(lambda: counting.params('bottleneck', f=1e300)).startswith(
        'bottleneck: f = 1e+300 is a float; use an int such as a number with 301 digits.')


@pytest.mark.parametrize('call, message', [
    (lambda: block_model('bottleneck', f=10**200),
     'bottleneck with f = a number with 201 digits, r = 4 has a number with 401 digits '
     'parameters, more than the 100,000,000 this package builds; convblocks.counting gives '),
    (lambda: block_model(depthwise_resnext_block, size=1, f=8000, r=1),
     'depthwise_resnext_block with f = 8000, r = 1 has 128,096,000 parameters, more than the '
     '100,000,000 this package builds (about 0.5 GiB of weights)'),
    (lambda: block_model(depthwise_resnext_block, f=10**200, r=1),
     'depthwise_resnext_block with f = a number with 201 digits, r = 1 has a number with 401 '
     'digits parameters'),
    (lambda: grouped_model(f=20000, r=1, c=1),
     'grouped_resnext_block with f = 20000, r = 1, c = 1 has 4,400,060,000 parameters'),
    (lambda: block_model('bottleneck', size=10**9),
     'bottleneck: size = 1,000,000,000 pixels a side is more than the 4,096 this package '
     'builds on'),
    (lambda: block_svg('bottleneck', f=10**200),
     'bottleneck with f = a number with 201 digits, r = 4 has a number with 401 digits '),
])
def test_every_builder_is_budgeted_without_float_overflow(call, message):
    start = time.perf_counter()
    assert sentence(call).startswith(message)
    print(f'refused in {time.perf_counter() - start:.3f} s')   # figures: bench_robustness.py


def test_the_guard_and_the_closed_forms_agree_for_grouped_and_depthwise_blocks():
    for knobs in ({'f': 8, 'r': 2}, {'f': 30, 'r': 1}, {'f': 64, 'r': 4}):
        model = block_model(depthwise_resnext_block, size=4, **knobs)
        assert (model.count_params(), 3) == _size('depthwise', knobs)
    for knobs in ({'f': 32, 'r': 2, 'c': 4}, {'f': 30, 'r': 1, 'c': 3}):
        assert (grouped_model(size=4, **knobs).count_params(), 3) == _size('grouped', knobs)


def _size(which, knobs):
    from convblocks import depthwise, grouped
    module = depthwise if which == 'depthwise' else grouped
    return module._size(knobs['f'], **knobs)


# --- a reader's block -------------------------------------------------------------------------

# (the others are in tests/readers.py)
def returns_42(x, f=8):
    return 42


READER_CASES = [
    (returns_none, 'returns_none returned None, not a Keras tensor: end it with `return` and its '
                   'output, e.g. `return add([x, m])`.'),
    (returns_42, 'returns_42 returned 42 (of type int), not a Keras tensor: return the output of '
                 'its last layer.'),
    (raises, 'raises raised ZeroDivisionError: division by zero'),
    (loops, 'loops took longer than 2 s, so it was stopped: look for a loop that never ends.'),
    (sleeps, 'sleeps took longer than 2 s, so it was stopped: look for a loop that never ends.'),
    (huge_layer, 'huge_layer was not built: its layer 1 with weights, a Dense '
                 '(units=1000000000), would hold 9,000,000,000 parameters, more than '
                 '100,000,000 (about 33 GiB); use fewer filters.'),
]


@pytest.mark.parametrize('build', [block_model, shapes_model, block_svg])
@pytest.mark.parametrize('block, message', READER_CASES, ids=[b.__name__ for b, _ in READER_CASES])
def test_a_readers_block_gets_one_sentence_within_the_time_limit(two_seconds, build, block,
                                                                 message):
    start = time.monotonic()
    assert sentence(lambda: build(block)) == message
    assert time.monotonic() - start < 10       # 60 s would mean no limit at all


def test_keras_settings_are_restored_after_a_readers_block_fails():
    keras.config.set_floatx('float16')
    try:
        sentence(lambda: block_model(raises))
        assert keras.config.floatx() == 'float16'
    finally:
        keras.config.set_floatx('float32')


def test_unhashable_knobs_are_drawn_or_told():
    assert '<svg' in block_svg(with_activation, a='relu')
    assert sentence(lambda: block_svg(with_activation, a=['relu'])).startswith(
        'with_activation raised ')


def test_a_readers_text_f_asks_for_channels():
    def wide(x, f='wide'):
        return x
    assert sentence(lambda: block_model(wide)) == (
        "wide: the input width is taken from f, but f = 'wide'; pass channels=..., e.g. "
        "channels=32.")
    assert block_model(wide, channels=4).outputs[0].shape[-1] == 4


def test_a_readers_working_block_keeps_its_weights():
    model = block_model(with_activation, f=4, a='tanh')
    assert model.count_params() == 3 * 3 * 4 * 4 + 4
    assert all(w.numpy().shape for w in model.weights)    # real weights, not shapes only
