"""Property-based tests (Hypothesis) of the package's public functions.

Arguments are generated valid and invalid: ints, huge ints, floats, numpy scalars, bools,
strings, None, lists, unknown knobs, wrong tensors. Every call must end in an exact Python
int (or a Keras tensor, for a block) or in a ValueError/TypeError whose message starts with
the block's name; never another exception, a float or a slow call. Where a setting is small
enough to build, the counts must equal Keras'.

The runs are derandomized with no example database, so CI sees the same examples every time;
each test's `max_examples` is the number of examples it runs, and `deadline` bounds each one.
"""
from datetime import timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convblocks import blocks, counting
from convblocks.drawing import graphs as drawing
from convblocks.building import guards
from convblocks.checks import knobs
from convblocks.counting.keras_counts import layer_table
from convblocks.models import block_model
from convblocks.quiet import keras

STABLE = dict(derandomize=True, database=None, print_blob=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FAST = settings(max_examples=400, deadline=timedelta(seconds=2), **STABLE)
BUILDS = settings(max_examples=60, deadline=timedelta(seconds=20), **STABLE)

NUMPY_INTS = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
small_ints = st.integers(-3, 40)
numpy_ints = st.builds(lambda kind, n: kind(n), st.sampled_from(NUMPY_INTS), st.integers(0, 127))
huge_ints = st.integers(10**6, 10**40)
not_ints = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                     st.just(np.bool_(True)), st.just(np.float32(8)), st.text(max_size=3),
                     st.none(), st.lists(st.integers(1, 4), max_size=2), st.just(1 + 2j))
any_value = st.one_of(small_ints, small_ints, numpy_ints, huge_ints, not_ints)
names = st.sampled_from(knobs.BLOCKS)
function_or_name = st.one_of(names, names.map(lambda name: getattr(blocks, name)))


@st.composite
def settings_of(draw, block, values=any_value, unknown=True):
    """Some of the block's knobs (each maybe left out), maybe with an unknown one."""
    chosen = {knob: draw(values) for knob in knobs.KNOBS[block] if draw(st.booleans())}
    if unknown and draw(st.integers(0, 9)) == 0:
        chosen[draw(st.sampled_from(['q', 'c', 'd', 'r', 'rate', 'k']))] = 3
    return chosen


def names_block(error, block):
    """The error is a ValueError or TypeError whose message starts with the block's name."""
    name = block if isinstance(block, str) else block.__name__
    return isinstance(error, (ValueError, TypeError)) and str(error).startswith(f'{name}')


def outcome(action):
    """('value', result) or ('error', exception) for ValueError and TypeError only."""
    try:
        return 'value', action()
    except (ValueError, TypeError) as error:
        return 'error', error


@FAST
@given(block=function_or_name, data=st.data(),
       channels=st.one_of(st.none(), any_value), size=any_value, bias=st.one_of(
           st.booleans(), st.sampled_from([0, 1, None, 'yes'])))
def test_counting_gives_an_exact_int_or_the_blocks_sentence(block, data, channels, size, bias):
    name = block if isinstance(block, str) else block.__name__
    chosen = data.draw(settings_of(name))
    for call in (lambda: counting.params(block, channels=channels, bias=bias, **chosen),
                 lambda: counting.macs(block, size=size, channels=channels, **chosen),
                 lambda: counting.layer_count(block, channels=channels, **chosen),
                 lambda: guards.require_buildable(block, channels=channels, **chosen)):
        kind, result = outcome(call)
        if kind == 'error':
            assert names_block(result, name), result
        else:
            assert result is None or type(result) is int and result >= 0


@FAST
@given(block=names, data=st.data())
def test_valid_settings_count_as_ints_and_agree_between_name_and_function(block, data):
    chosen = data.draw(settings_of(block, st.one_of(st.integers(1, 10**12), numpy_ints),
                                   unknown=False))
    if block == 'se_block':
        chosen.setdefault('f', 64)
    kind, count = outcome(lambda: counting.params(block, **chosen))
    if kind == 'error':
        assert isinstance(count, ValueError) and names_block(count, block)
        return
    assert type(count) is int
    assert count == counting.params(getattr(blocks, block), **chosen)
    as_ints = {knob: int(value) for knob, value in chosen.items()}
    assert count == counting.params(block, **as_ints)
    assert counting.params(block, bias=False, **chosen) <= count
    assert type(counting.macs(block, size=7, **chosen)) is int


@FAST
@given(value=any_value)
def test_whole_turns_integers_into_ints_and_refuses_the_rest(value):
    kind, result = outcome(lambda: knobs.whole('bottleneck', 'f', value))
    if kind == 'value':
        assert type(result) is int and result == value and not isinstance(value, (bool, np.bool_))
    else:
        assert isinstance(result, TypeError)
        assert str(result).startswith(f'bottleneck: f = {value!r} ')


@FAST
@given(block=st.one_of(st.text(max_size=12), st.none(), st.integers(), names))
def test_unknown_blocks_get_a_sentence(block):
    kind, result = outcome(lambda: counting.params(block, f=64))
    if block in knobs.BLOCKS:
        assert kind == 'value'
    else:
        assert kind == 'error' and 'block' in str(result)


@FAST
@given(kind=st.one_of(st.sampled_from(['conv', 'sepconv', 'dense']), st.text(max_size=4)),
       k=any_value, cin=any_value, cout=any_value, size=any_value)
def test_layer_helpers_give_ints_or_a_sentence(kind, k, cin, cout, size):
    for caller, call in [('layer_params', lambda: counting.layer_params(kind, k, cin, cout)),
                         ('layer_macs', lambda: counting.layer_macs(kind, k, cin, cout, size)),
                         ('plain_conv', lambda: counting.plain_conv(cin, cout, k, size))]:
        result_kind, result = outcome(call)
        if result_kind == 'error':
            assert names_block(result, caller), result
        else:
            numbers = result if isinstance(result, tuple) else (result,)
            assert all(type(n) is int and n >= 0 for n in numbers)


# --- with Keras: small settings are built and compared ---------------------------------------

small_knob = st.one_of(st.integers(-1, 12), numpy_ints.filter(lambda n: n <= 12),
                       st.sampled_from([2.0, 2.5, None, '4', True]))


@BUILDS
@given(block=names, data=st.data(), size=st.integers(1, 6),
       channels=st.one_of(st.none(), st.integers(0, 12)))
def test_block_model_and_counting_agree_or_give_the_same_sentence(block, data, size, channels):
    chosen = data.draw(settings_of(block, small_knob, unknown=True))
    built = outcome(lambda: block_model(block, size=size, channels=channels, **chosen))
    counted = outcome(lambda: counting.params(block, channels=channels, **chosen))
    if built[0] == 'error':
        assert counted[0] == 'error' and str(built[1]) == str(counted[1])
        assert names_block(built[1], block)
        return
    model = built[1]
    assert counted[1] == model.count_params()
    assert counting.params(block, channels=channels, bias=False, **chosen) == \
        sum(row['params'] for row in layer_table(model, bias=False))
    assert counting.macs(block, size=size, channels=channels, **chosen) == \
        sum(row['macs'] for row in layer_table(model))


def _tensor(kind, shape):
    if kind == 'input':
        return keras.Input(shape[1:])
    if kind == 'ndarray':
        return np.zeros([1 if n is None else n for n in shape], dtype='float32')
    return {'list': [keras.Input((4, 4, 8))], 'none': None, 'text': 'x', 'int': 8}[kind]


tensors = st.builds(_tensor, st.sampled_from(['input', 'input', 'input', 'ndarray', 'list',
                                              'none', 'text', 'int']),
                    st.lists(st.sampled_from([None, 0, 1, 3, 8]), min_size=2, max_size=5)
                    .map(lambda dims: (None, *dims)))


@BUILDS
@given(block=names, data=st.data())
def test_blocks_return_a_tensor_or_their_sentence(block, data):
    inputs = [data.draw(tensors) for _ in knobs.input_names(block)]
    chosen = data.draw(settings_of(block, small_knob))
    kind, result = outcome(lambda: getattr(blocks, block)(*inputs, **chosen))
    if kind == 'error':
        assert names_block(result, block), result
    else:
        assert isinstance(result, keras.KerasTensor) and len(result.shape) == 4


@settings(max_examples=25, deadline=timedelta(seconds=30), **STABLE)
@given(block=names, data=st.data(), rankdir=st.sampled_from([None, 'TB', 'LR', 'up']))
def test_drawings_are_svg_or_the_blocks_sentence(block, data, rankdir):
    chosen = data.draw(settings_of(block, st.one_of(st.integers(1, 6), not_ints, huge_ints)))
    kind, result = outcome(lambda: drawing.block_svg(block, size=4, rankdir=rankdir, **chosen))
    if kind == 'error':
        assert names_block(result, block) or str(result).startswith('rankdir = '), result
    else:
        assert result.startswith('<svg ')

