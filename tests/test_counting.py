"""The closed-form counts in convblocks.counting against Keras itself.

Every grid point builds the block with Keras and compares: params() with count_params(),
params(bias=False) with the model's non-bias weights, and macs() with the per-layer counter.
"""
import itertools
import math
import sys

import numpy as np
import pytest

from convblocks import counting
from convblocks.checks import knobs
from convblocks.counting import keras_counts as model_counts
from convblocks.checks.errors import BlockTypeError
from convblocks.counting import layer_count, macs, params, plain_conv
from convblocks.counting.keras_counts import layer_table
from convblocks.models import block_model
from convblocks.quiet import keras

SIZES = [32, 7, 1, 16, 5]                 # cycled through the grid; only MACs depend on size


def _grid():
    """(block, size, channels, knobs) points covering each block's knobs and edge cases."""
    points = []

    def add(block, channels=None, **knobs):
        points.append((block, SIZES[len(points) % len(SIZES)], channels, knobs))

    # f // r: exact, with remainder, exactly 1; any input channel count
    ratios = [(f, r) for f in [1, 2, 3, 5, 8, 13, 32] for r in [1, 2, 3, 4, 5, 8, 13, 32]
              if f // r >= 1]
    for i, (f, r) in enumerate(ratios):
        add('bottleneck', [None, 1][i % 2], f=f, r=r)
        add('bottleneck', [3, 17][i % 2], f=f, r=r)
        add('residual_block', f=f, r=r)
    for f, r in [(4, 4), (9, 2), (16, 16), (64, 4)]:
        add('bottleneck', 64, f=f, r=r)
    for f, ch in itertools.product([1, 2, 3, 4, 5, 8, 12, 16, 32, 48], [None, 1, 3, 7]):
        add('naive_inception_module', ch, f=f)
    # f // 3 and f // r; f = 3..5 leaves one channel in the 3x3 reduction
    incep = [(f, r) for f in [3, 4, 5, 6, 7, 10, 16, 31, 32] for r in [1, 2, 3, 4, 5, 8]
             if f // r >= 1]
    for i, (f, r) in enumerate(incep):
        add('inception_module', [None, 1][i % 2], f=f, r=r)
        add('inception_module', [3, 64][i % 2], f=f, r=r)
    # f // (c*r), including exactly one channel per path and c = 1
    resnext = [(f, r, c) for f in [1, 2, 4, 6, 8, 16, 32, 64] for r in [1, 2, 3]
               for c in [1, 2, 3, 4, 8] if f // (c * r) >= 1]
    for f, r, c in resnext:
        add('resnext_block', f=f, r=r, c=c)
    for f, d, ch in itertools.product([1, 2, 5, 32], [0, 1, 2, 3, 5, 8], [None, 1, 3]):
        add('dense_block', ch, f=f, d=d)
    se = [(f, rate) for f in [1, 2, 3, 4, 5, 8, 15, 16, 17, 32, 64, 128]
          for rate in [1, 2, 3, 4, 8, 16, 17, 64] if f // rate >= 1]
    for f, rate in se:
        add('se_block', f=f, rate=rate)
    for f in [*range(1, 25), 31, 32, 48]:
        add('normal_cell', f=f)
    for f, r in itertools.product([1, 2, 3, 5, 8, 16, 32], [1, 2, 3, 4, 6, 8]):
        add('inv_residual_block', f=f, r=r)
    return points


GRID = _grid()


def _id(point):
    block, size, channels, knobs = point
    parts = [f'{k}={v}' for k, v in knobs.items()]
    return '-'.join([block, *parts, f'ch={channels}', f'size={size}'])


@pytest.fixture(scope='module')
def session_reset():
    """Clear Keras' global state every so often, so hundreds of models do not pile up."""
    built = {'count': 0}
    yield built
    keras.backend.clear_session()


def _weights_without_bias(model):
    return sum(math.prod(w.shape) for w in model.weights if not w.path.endswith('/bias'))


def test_grid_is_large_and_covers_every_block():
    assert len(GRID) >= 500
    assert {block for block, *_ in GRID} == set(knobs.BLOCKS)


@pytest.mark.parametrize('point', GRID, ids=_id)
def test_formulas_equal_keras(point, session_reset):
    block, size, channels, knobs = point
    session_reset['count'] += 1
    if session_reset['count'] % 40 == 0:
        keras.backend.clear_session()
    model = block_model(block, size=size, channels=channels, **knobs)
    table = layer_table(model)
    assert params(block, channels=channels, **knobs) == model.count_params()
    assert params(block, channels=channels, bias=False, **knobs) == _weights_without_bias(model)
    assert macs(block, size=size, channels=channels, **knobs) == sum(row['macs'] for row in table)
    assert sum(row['params'] for row in table) == model.count_params()


def test_grid_hits_the_integer_division_edges():
    knobs = [(block, ch, k) for block, _, ch, k in GRID]
    assert any(b == 'bottleneck' and k['f'] % k['r'] and k['f'] // k['r'] == 1 for b, _, k in knobs)
    assert any(b == 'inception_module' and k['f'] // 3 == 1 for b, _, k in knobs)
    assert any(b == 'resnext_block' and k['f'] // (k['c'] * k['r']) == 1 and k['c'] > 1
               for b, _, k in knobs)
    assert any(b == 'resnext_block' and k['c'] == 1 for b, _, k in knobs)
    assert any(b == 'se_block' and k['f'] // k['rate'] == 1 and k['f'] % k['rate']
               for b, _, k in knobs)
    assert any(b == 'dense_block' and k['d'] == 0 for b, _, k in knobs)
    for block in ['bottleneck', 'naive_inception_module', 'inception_module', 'dense_block']:
        assert any(b == block and ch not in (None, k['f']) for b, ch, k in knobs)


def test_layer_table_against_hand_counts():
    """A small model with every counted layer kind, checked against numbers worked by hand."""
    x = keras.Input((8, 8, 3))
    y = keras.layers.Conv2D(4, 3, padding='same', name='conv')(x)
    y = keras.layers.SeparableConv2D(6, 3, padding='same', name='sep')(y)
    y = keras.layers.DepthwiseConv2D(3, depth_multiplier=2, padding='same', name='depthwise')(y)
    y = keras.layers.Conv2D(4, 1, groups=2, name='grouped')(y)
    y = keras.layers.Conv2D(8, 3, strides=2, padding='same', name='strided')(y)
    y = keras.layers.Dense(3, name='per_pixel')(y)
    y = keras.layers.MaxPooling2D(name='pool')(y)
    y = keras.layers.GlobalAveragePooling2D(name='gap')(y)
    y = keras.layers.Dense(5, name='head')(y)
    model = keras.Model(x, y)
    expected = [  # layer, kind, output shape, params, weights only, MACs
        ('input_layer', 'InputLayer', (8, 8, 3), 0, 0, 0),
        ('conv', 'Conv2D', (8, 8, 4), 3*3*3*4 + 4, 3*3*3*4, 8*8 * 3*3*3*4),
        ('sep', 'SeparableConv2D', (8, 8, 6), 3*3*4 + 4*6 + 6, 3*3*4 + 4*6, 8*8 * (3*3*4 + 4*6)),
        ('depthwise', 'DepthwiseConv2D', (8, 8, 12), 3*3*6*2 + 12, 3*3*6*2, 8*8 * 3*3*6*2),
        ('grouped', 'Conv2D', (8, 8, 4), 6*2*2 + 4, 6*2*2, 8*8 * 2 * 6*2),
        ('strided', 'Conv2D', (4, 4, 8), 3*3*4*8 + 8, 3*3*4*8, 4*4 * 3*3*4*8),
        ('per_pixel', 'Dense', (4, 4, 3), 8*3 + 3, 8*3, 4*4 * 8*3),
        ('pool', 'MaxPooling2D', (2, 2, 3), 0, 0, 0),
        ('gap', 'GlobalAveragePooling2D', (3,), 0, 0, 0),
        ('head', 'Dense', (5,), 3*5 + 5, 3*5, 3*5),
    ]
    with_bias, weights_only = layer_table(model), layer_table(model, bias=False)
    got = [(row['layer'], row['kind'], row['output_shape'], row['params'], bare['params'],
            row['macs']) for row, bare in zip(with_bias, weights_only)]
    assert got[1:] == expected[1:]
    assert got[0][1:] == expected[0][1:]             # the input layer's name is Keras' choice
    assert sum(row['params'] for row in with_bias) == model.count_params()
    assert model_counts.model_macs(model) == sum(e[5] for e in expected)


def test_plain_conv_matches_a_built_conv():
    x = keras.Input((16, 16, 24))
    model = keras.Model(x, keras.layers.Conv2D(40, 5, padding='same')(x))
    counts = (model.count_params(), model_counts.model_macs(model))
    assert plain_conv(24, 40, k=5, size=16) == counts
    assert plain_conv(24, 40, k=5, size=16, bias=False)[0] == 5*5*24*40


def test_resnext_paper_comparison_weights_only():
    """ResNeXt paper, Fig. 1 for a 256-channel input: ResNet bottleneck vs 32 paths of width 4."""
    resnet = dict(f=256, r=4)                         # 256 -> 1x1 64 -> 3x3 64 -> 1x1 256
    resnext = dict(f=256, c=32, r=2)                  # 256 // (32*2) = 4 channels per path
    assert params('residual_block', bias=False, **resnet) == 69_632
    assert params('resnext_block', bias=False, **resnext) == 70_144
    for block, setting, paper in [('residual_block', resnet, 69_632),
                                  ('resnext_block', resnext, 70_144)]:
        model = block_model(block, size=4, **setting)
        assert sum(row['params'] for row in layer_table(model, bias=False)) == paper


# Invalid arguments: each gives the block's own ValueError, word for word.
INVALID = [
    ('bottleneck', None, dict(f=0)), ('bottleneck', 3, dict(f=-3, r=0)),
    ('bottleneck', None, dict(r=0)), ('bottleneck', None, dict(r=-1)),
    ('bottleneck', None, dict(f=3, r=4)), ('bottleneck', None, dict(f=32, r=33)),
    ('naive_inception_module', None, dict(f=0)), ('naive_inception_module', 3, dict(f=-1)),
    ('inception_module', None, dict(f=0)), ('inception_module', None, dict(r=0)),
    ('inception_module', None, dict(f=2)), ('inception_module', None, dict(f=2, r=8)),
    ('inception_module', None, dict(f=5, r=6)), ('inception_module', 3, dict(f=32, r=64)),
    ('residual_block', None, dict(f=0)), ('residual_block', None, dict(r=0)),
    ('residual_block', None, dict(f=3, r=4)), ('residual_block', 1, dict()),
    ('residual_block', 16, dict()), ('residual_block', 1, dict(f=3, r=4)),
    ('resnext_block', None, dict(f=0)), ('resnext_block', None, dict(c=0)),
    ('resnext_block', None, dict(c=-2, r=0)), ('resnext_block', None, dict(r=0)),
    ('resnext_block', None, dict(c=16, r=4)), ('resnext_block', None, dict(f=7, c=4, r=2)),
    ('resnext_block', 1, dict()), ('resnext_block', 64, dict(f=32)),
    ('dense_block', None, dict(f=0)), ('dense_block', None, dict(d=-1)),
    ('dense_block', 3, dict(f=-1, d=-1)),
    ('se_block', None, dict(f=0)), ('se_block', None, dict(f=32, rate=0)),
    ('se_block', None, dict(f=15, rate=16)), ('se_block', 1, dict(f=32)),
    ('se_block', 8, dict(f=32, rate=4)), ('se_block', 1, dict(f=8, rate=16)),
    ('normal_cell', None, dict(f=0)), ('normal_cell', 1, dict()), ('normal_cell', 16, dict()),
    ('inv_residual_block', None, dict(f=0)), ('inv_residual_block', None, dict(r=0)),
    ('inv_residual_block', None, dict(r=-2)), ('inv_residual_block', 1, dict()),
    ('inv_residual_block', 8, dict(f=4, r=2)),
]


@pytest.mark.parametrize('block, channels, knobs', INVALID,
                         ids=[_id((b, 32, ch, k)) for b, ch, k in INVALID])
def test_invalid_arguments_raise_the_blocks_message(block, channels, knobs):
    with pytest.raises(ValueError) as from_block:
        block_model(block, channels=channels, **knobs)
    for count in (params, macs):
        with pytest.raises(ValueError) as from_formula:
            count(block, channels=channels, **knobs)
        assert str(from_formula.value) == str(from_block.value)


def test_every_block_has_an_invalid_case():
    assert {block for block, _, _ in INVALID} == set(knobs.BLOCKS)


def test_unknown_blocks_and_knobs_are_named():
    with pytest.raises(ValueError, match="^there is no block named 'bottle'; the blocks are "
                                         "bottleneck, naive_inception_module, "):
        params('bottle')
    with pytest.raises(ValueError, match='^counting has no formula for <lambda>; it counts '):
        params(lambda x, f=32: x)
    with pytest.raises(TypeError, match="^bottleneck: unknown knob c; its knobs are f, r.$"):
        params('bottleneck', c=2)
    with pytest.raises(TypeError, match=r'^se_block: knob f has no default, so pass it, e\.g\. '
                                        r'f=32; its knobs are f, rate\.$'):
        macs('se_block')


def test_a_namesake_of_a_block_is_not_counted():
    def bottleneck(x, f=32, r=4):
        return x
    with pytest.raises(ValueError, match='^counting has no formula for bottleneck; '):
        params(bottleneck)
    assert params(sys.modules['convblocks.blocks'].bottleneck) == params('bottleneck')


# The probes of issue 12, each with the sentence it must give now.
PROBES = [
    (lambda: params('bottleneck', f=32.5), TypeError,
     'bottleneck: f = 32.5 is not a whole number; use an int such as 32.'),
    (lambda: macs('bottleneck', size=2.5), TypeError,
     'bottleneck: size = 2.5 is not a whole number; use an int such as 2.'),
    (lambda: params('bottleneck', f=32.0), TypeError,
     'bottleneck: f = 32.0 is a float; use an int such as 32.'),
    (lambda: params('bottleneck', f='32'), TypeError,
     "bottleneck: f = '32' is not a whole number; use an int such as 32."),
    (lambda: params('bottleneck', r=None), TypeError,
     'bottleneck: r = None is not a whole number; use an int such as 4.'),
    (lambda: params('bottleneck', r=True), TypeError,
     'bottleneck: r = True is not a whole number; use an int such as 4.'),
    (lambda: params('resnext_block', c=np.bool_(True)), TypeError,
     'resnext_block: c = np.True_ is not a whole number; use an int such as 4.'),
    (lambda: params('bottleneck', q=3), TypeError,
     'bottleneck: unknown knob q; its knobs are f, r.'),
    (lambda: params('se_block'), TypeError,
     'se_block: knob f has no default, so pass it, e.g. f=32; its knobs are f, rate.'),
    (lambda: macs('bottleneck', channels=0), ValueError,
     'bottleneck: channels = 0; use channels >= 1.'),
    (lambda: macs('bottleneck', size=0), ValueError, 'bottleneck: size = 0; use size >= 1.'),
    (lambda: params('bottleneck', channels=[3]), TypeError,
     'bottleneck: channels = [3] is not a whole number; use an int such as 32.'),
    (lambda: params('bottleneck', bias='yes'), TypeError,
     "bottleneck: bias = 'yes'; use True or False."),
    (lambda: params(42), TypeError,
     '42 is not a block; pass a block function or the name of one of bottleneck, '
     'naive_inception_module, inception_module, residual_block, resnext_block, dense_block, '
     'se_block, normal_cell, inv_residual_block.'),
]


@pytest.mark.parametrize('probe, kind, message', PROBES, ids=[m for *_, m in PROBES])
def test_probes_give_one_sentence(probe, kind, message):
    with pytest.raises(kind) as error:
        probe()
    assert str(error.value) == message


def test_numpy_integers_are_exact_python_ints():
    """np.int32 arithmetic used to overflow silently: 805,306,368 instead of 460,366,807,040."""
    count = macs('naive_inception_module', f=np.int32(512), size=np.int32(224))
    assert count == 224 * 224 * (1 + 9 + 25) * 512 * 512 == 460_366_807_040
    assert type(count) is int
    assert type(params('se_block', f=np.uint8(32), rate=np.int64(2))) is int


def test_params_and_macs_take_knobs_by_keyword_only():
    for count in (params, macs, layer_count):
        name = count.__name__
        with pytest.raises(BlockTypeError) as error:
            count('bottleneck', 64)
        assert str(error.value) == (f"{name}: give the knobs by name, e.g. {name}('bottleneck', "
                                    f"f=64); got 1 after the block.")


def test_huge_settings_are_counted_exactly():
    """c and d of 10**7, checked by hand (benchmarks/bench_blocks.py prints their time)."""
    f, r, c = 2 * 10**7, 2, 10**7                       # one channel per path
    assert params('resnext_block', f=f, r=r, c=c) == c * (f + 1 + 9 + 1 + f + f)
    d, g = 10**7, 32
    inputs = d * g + g * d * (d - 1) // 2                # conv i reads g + i*g channels
    assert params('dense_block', f=g, d=d) == 9 * inputs * g + d * g


def test_layer_count():
    assert counting.layer_count('resnext_block', c=10**7, f=10**8, r=1) == 3 * 10**7
    assert counting.layer_count('dense_block', d=7) == 7
    assert counting.layer_count('normal_cell') == 5


def test_counting_imports_no_tensorflow(fresh_python):
    """The closed forms need neither TensorFlow, Keras nor numpy (benchmarks/bench_blocks.py
    prints how long the import takes and its peak memory)."""
    heavy = fresh_python('import sys; import convblocks.counting, convblocks.checks.rules, '
                         'convblocks.building.guards; print(sorted(m for m in sys.modules '
                         'if m.split(".")[0] in ("tensorflow", "keras", "numpy")))',
                         check=True).stdout
    assert heavy.strip() == '[]'


def test_layer_table_refuses_unknown_sizes_with_a_sentence():
    x = keras.Input((None, None, 16))
    model = keras.Model(x, keras.layers.Conv2D(8, 3, padding='same', name='c3')(x))
    with pytest.raises(ValueError) as error:
        layer_table(model)
    assert str(error.value) == (
        'c3: its input is ?×?×16 and its output ?×?×8; MACs need every size known, so build '
        'the model on a fixed-size input such as keras.Input((32, 32, 16)).')
