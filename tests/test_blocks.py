"""The blocks' structure and the exact messages of their argument checks."""
import inspect

import numpy as np
import pytest

from convblocks import blocks, counting
from convblocks.building import guards
from convblocks.checks import knobs
from convblocks.models import block_model
from convblocks.quiet import keras

ALL_BLOCKS = ['bottleneck', 'naive_inception_module', 'inception_module', 'residual_block',
              'resnext_block', 'dense_block', 'se_block', 'normal_cell', 'inv_residual_block']


def kinds(model):
    """Layer class names in build order, inputs left out."""
    return [type(layer).__name__ for layer in model.layers if type(layer).__name__ != 'InputLayer']


@pytest.mark.parametrize('name, knobs, shape', [
    ('bottleneck', {}, (8, 8, 32)),
    ('naive_inception_module', {}, (8, 8, 32 * 3 + 32)),
    ('inception_module', {}, (8, 8, 128)),
    ('residual_block', {}, (8, 8, 32)),
    ('resnext_block', {}, (8, 8, 32)),
    ('dense_block', {}, (8, 8, 32 + 5 * 32)),
    ('se_block', {'f': 32}, (8, 8, 32)),
    ('normal_cell', {}, (8, 8, 5 * 32)),
    ('inv_residual_block', {}, (8, 8, 32)),
])
def test_output_shape(name, knobs, shape):
    assert tuple(block_model(name, size=8, **knobs).output.shape[1:]) == shape


def test_bottleneck_layers():
    model = block_model('bottleneck', size=8, channels=64, f=64, r=4)
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [(c.kernel_size, c.filters) for c in convs] == [((1, 1), 16), ((3, 3), 16), ((1, 1), 64)]


def test_resnext_has_c_paths_of_three_convs():
    model = block_model('resnext_block', size=8, f=64, r=2, c=8)
    assert kinds(model).count('Conv2D') == 3 * 8
    assert kinds(model).count('Add') == 2


def test_dense_block_with_no_layers_returns_its_input():
    model = block_model('dense_block', size=8, channels=16, d=0)
    assert kinds(model) == [] and model.output.shape[-1] == 16


def test_normal_cell_layer_kinds():
    counts = {kind: kinds(block_model('normal_cell', size=8)).count(kind)
              for kind in ('SeparableConv2D', 'AveragePooling2D', 'Add', 'Concatenate')}
    assert counts == {'SeparableConv2D': 5, 'AveragePooling2D': 3, 'Add': 5, 'Concatenate': 1}


def test_inverted_residual_expands_then_projects_linearly():
    model = block_model('inv_residual_block', size=8, f=16, r=6)
    conv, sep = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)
                 or isinstance(layer, keras.layers.SeparableConv2D)]
    assert conv.filters == 96 and sep.filters == 16
    assert sep.activation.__name__ == 'linear'


INVALID = [
    ('bottleneck', {'f': 0}, {}, 'bottleneck: f = 0; use f >= 1.'),
    ('bottleneck', {'f': -3}, {}, 'bottleneck: f = -3; use f >= 1.'),
    ('bottleneck', {'r': 0}, {},
     'bottleneck: r = 0, but r divides the filter count; use r >= 1.'),
    ('bottleneck', {'f': 2, 'r': 4}, {},
     'bottleneck: f // r = 2 // 4 = 0 channels in the squeezed layers; lower r or raise f.'),
    ('naive_inception_module', {'f': 0}, {}, 'naive_inception_module: f = 0; use f >= 1.'),
    ('inception_module', {'f': 2}, {},
     "inception_module: f // 3 = 2 // 3 = 0 channels in the 3x3 branch's reduction; "
     'raise f to at least 3.'),
    ('inception_module', {'f': 6, 'r': 8}, {},
     "inception_module: f // r = 6 // 8 = 0 channels in the 5x5 branch's reduction; "
     'lower r or raise f.'),
    ('inception_module', {'r': 0}, {},
     'inception_module: r = 0, but r divides the filter count; use r >= 1.'),
    ('residual_block', {'f': 32, 'r': 64}, {},
     'residual_block: f // r = 32 // 64 = 0 channels in the squeezed layers; lower r or raise f.'),
    ('residual_block', {'f': 32}, {'channels': 1},
     'residual_block: the input has 1 channel but f = 32; the block combines them element-wise '
     '(Keras would silently broadcast a 1-channel input), so pass f=1 or an input with 32 '
     'channels.'),
    ('residual_block', {'f': 32}, {'channels': 16},
     'residual_block: the input has 16 channels but f = 32; the block combines them element-wise, '
     'so pass f=16 or an input with 32 channels.'),
    ('resnext_block', {'c': 0}, {},
     'resnext_block: c = 0; the block needs at least one path, so use c >= 1.'),
    ('resnext_block', {'r': 0}, {},
     'resnext_block: r = 0, but r divides the filter count; use r >= 1.'),
    ('resnext_block', {'f': 32, 'c': 16, 'r': 4}, {},
     'resnext_block: f // (c*r) = 32 // (16*4) = 0 channels per path; lower c or r, or raise f.'),
    ('resnext_block', {'f': 32}, {'channels': 1},
     'resnext_block: the input has 1 channel but f = 32; the block combines them element-wise '
     '(Keras would silently broadcast a 1-channel input), so pass f=1 or an input with 32 '
     'channels.'),
    ('dense_block', {'d': -1}, {}, 'dense_block: d = -1 layers; use d >= 0.'),
    ('dense_block', {'f': 0}, {}, 'dense_block: f = 0; use f >= 1.'),
    ('se_block', {'f': 32, 'rate': 0}, {},
     'se_block: rate = 0, but rate divides the filter count; use rate >= 1.'),
    ('se_block', {'f': 8, 'rate': 16}, {},
     'se_block: f // rate = 8 // 16 = 0 units in the squeeze layer; lower rate or raise f.'),
    ('se_block', {'f': 32}, {'channels': 1},
     'se_block: the input has 1 channel but f = 32; the block combines them element-wise '
     '(Keras would silently broadcast a 1-channel input), so pass f=1 or an input with 32 '
     'channels.'),
    ('inv_residual_block', {'r': 0}, {},
     'inv_residual_block: f * r = 32 * 0 = 0 channels in the expansion layer; use r >= 1.'),
    ('inv_residual_block', {'f': 32}, {'channels': 1},
     'inv_residual_block: the input has 1 channel but f = 32; the block combines them '
     'element-wise (Keras would silently broadcast a 1-channel input), so pass f=1 or an input '
     'with 32 channels.'),
    ('normal_cell', {'f': 0}, {}, 'normal_cell: f = 0; use f >= 1.'),
    ('normal_cell', {'f': 32}, {'channels': 1},
     'normal_cell: x1 has 1 channel but f = 32; the block combines them element-wise '
     '(Keras would silently broadcast a 1-channel input), so pass f=1 or an input with 32 '
     'channels.'),
]


@pytest.mark.parametrize('name, knobs, model_args, message', INVALID)
def test_invalid_arguments_raise_one_clear_sentence(name, knobs, model_args, message):
    with pytest.raises(ValueError) as error:
        block_model(name, size=8, **model_args, **knobs)
    assert str(error.value) == message


def test_invalid_arguments_build_no_layer():
    before = keras.Input((8, 8, 32))
    with pytest.raises(ValueError):
        blocks.resnext_block(before, f=32, c=16, r=4)
    assert before._keras_history.operation._outbound_nodes == []


def test_normal_cell_inputs_of_different_sizes():
    x1, x2 = keras.Input((16, 16, 32)), keras.Input((8, 8, 32))
    with pytest.raises(ValueError) as error:
        blocks.normal_cell(x1, x2)
    assert str(error.value) == ('normal_cell: x1 is 16x16 but x2 is 8x8; both inputs need the '
                                'same height and width.')


def test_normal_cell_second_input_channels():
    x1, x2 = keras.Input((8, 8, 32)), keras.Input((8, 8, 1))
    with pytest.raises(ValueError) as error:
        blocks.normal_cell(x1, x2)
    assert str(error.value).startswith('normal_cell: x2 has 1 channel but f = 32;')


def test_importing_the_package_prints_nothing(fresh_python):
    done = fresh_python('import convblocks.blocks, convblocks.models; '
                        'convblocks.models.block_model("bottleneck")')
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ('', '')


def test_knob_table_matches_the_blocks_signatures():
    for name in knobs.BLOCKS:
        parameters = inspect.signature(getattr(blocks, name)).parameters.values()
        table = {p.name: knobs.REQUIRED if p.default is p.empty else p.default
                 for p in parameters if p.name not in knobs.input_names(name)}
        assert knobs.KNOBS[name] == table, name
        assert list(knobs.KNOBS[name]) == list(table), name
        assert knobs.input_names(name) == knobs.input_names(getattr(blocks, name))
    assert set(knobs.BLOCKS) == {name for name, member in vars(blocks).items()
                                 if getattr(member, '__module__', '') == 'convblocks.blocks'}


X = keras.Input((8, 8, 32))

# The same mistake gives the same sentence from the block, block_model and counting.
SAME_SENTENCE = [
    ('bottleneck', {'f': 32.5}, TypeError,
     'bottleneck: f = 32.5 is not a whole number; use an int such as 32.'),
    ('bottleneck', {'f': 32.0}, TypeError,
     'bottleneck: f = 32.0 is a float; use an int such as 32.'),
    ('resnext_block', {'c': 2.0}, TypeError,
     'resnext_block: c = 2.0 is a float; use an int such as 2.'),
    ('residual_block', {'f': '32'}, TypeError,
     "residual_block: f = '32' is not a whole number; use an int such as 32."),
    ('residual_block', {'r': None}, TypeError,
     'residual_block: r = None is not a whole number; use an int such as 4.'),
    ('inception_module', {'r': True}, TypeError,
     'inception_module: r = True is not a whole number; use an int such as 4.'),
    ('dense_block', {'d': float('nan')}, TypeError,
     'dense_block: d = nan is not a whole number; use an int such as 5.'),
    ('dense_block', {'d': [2]}, TypeError,
     'dense_block: d = [2] is not a whole number; use an int such as 5.'),
    ('bottleneck', {'q': 3}, TypeError, 'bottleneck: unknown knob q; its knobs are f, r.'),
    ('normal_cell', {'r': 3}, TypeError, 'normal_cell: unknown knob r; its knobs are f.'),
    ('se_block', {}, TypeError,
     'se_block: knob f has no default, so pass it, e.g. f=32; its knobs are f, rate.'),
    ('se_block', {'f': np.int64(32), 'rate': 64}, ValueError,
     'se_block: f // rate = 32 // 64 = 0 units in the squeeze layer; lower rate or raise f.'),
]


@pytest.mark.parametrize('name, given, kind, message', SAME_SENTENCE,
                         ids=[m for *_, m in SAME_SENTENCE])
def test_the_same_mistake_gives_the_same_sentence_everywhere(name, given, kind, message):
    inputs = [keras.Input((8, 8, 32)) for _ in knobs.input_names(name)]
    attempts = [lambda: getattr(blocks, name)(*inputs, **given),
                lambda: block_model(name, size=8, **given),
                lambda: block_model(getattr(blocks, name), size=8, **given),
                lambda: counting.params(name, **given),
                lambda: counting.macs(getattr(blocks, name), **given)]
    for attempt in attempts:
        with pytest.raises(kind) as error:
            attempt()
        assert str(error.value) == message


def test_numpy_integers_become_python_ints():
    out = blocks.se_block(X, f=np.int64(32), rate=np.int32(2))
    assert tuple(out.shape) == (None, 8, 8, 32)
    model = block_model('resnext_block', size=np.int16(4), channels=np.uint8(16), f=np.int64(16),
                        c=np.int8(2), r=np.int32(1))
    assert model.count_params() == counting.params('resnext_block', channels=16, f=16, c=2, r=1)
    assert all(type(v) is int for v in knobs.settle('bottleneck', {'f': np.int64(8)}).values())


# Wrong tensors: each gets the block's sentence, not a Keras traceback.
BAD_TENSORS = [
    (lambda: blocks.bottleneck(keras.Input((4, 8))), ValueError,
     'bottleneck: x has shape (None, 4, 8), but the block needs a rank-4 tensor (batch, '
     'height, width, channels) such as keras.Input((32, 32, 32)).'),
    (lambda: blocks.residual_block(keras.Input((4, 4, 4, 32))), ValueError,
     'residual_block: x has shape (None, 4, 4, 4, 32), but the block needs a rank-4 tensor '
     '(batch, height, width, channels) such as keras.Input((32, 32, 32)).'),
    (lambda: blocks.residual_block([X]), TypeError,
     'residual_block: x is of type list, not a Keras tensor; pass one such as '
     'keras.Input((32, 32, 32)).'),
    (lambda: blocks.residual_block(None), TypeError,
     'residual_block: x is None, not a Keras tensor; pass one such as '
     'keras.Input((32, 32, 32)).'),
    (lambda: blocks.se_block(np.zeros((1, 8, 8, 32)), f=32), TypeError,
     'se_block: x is of type ndarray with shape (1, 8, 8, 32), not a Keras tensor; pass one '
     'such as keras.Input((32, 32, 32)).'),
    (lambda: blocks.normal_cell(X, 'x2'), TypeError,
     'normal_cell: x2 is of type str, not a Keras tensor; pass one such as '
     'keras.Input((32, 32, 32)).'),
    (lambda: blocks.bottleneck(keras.Input((0, 0, 32))), ValueError,
     'bottleneck: x is 0x0 with 32 channels; its height, width and channels must be at least 1.'),
    (lambda: blocks.dense_block(keras.Input((None, 8, 0))), ValueError,
     'dense_block: x is ?x8 with 0 channels; its height, width and channels must be at least 1.'),
    (lambda: blocks.bottleneck(keras.Input((8, 8, None))), ValueError,
     'bottleneck: x has an unknown channel count; give its input a fixed one, such as '
     'keras.Input((32, 32, 32)).'),
    (lambda: blocks.bottleneck(), TypeError,
     'bottleneck: pass the input tensor x, e.g. bottleneck(keras.Input((32, 32, 32))).'),
    (lambda: blocks.bottleneck(X, 32, 4, 2), TypeError,
     'bottleneck: got 4 positional arguments but takes at most 3 (x, f, r).'),
    (lambda: blocks.bottleneck(X, 32, f=16), TypeError,
     'bottleneck: f is given twice, by position and by name.'),
    (lambda: block_model('foo'), ValueError,
     "there is no block named 'foo'; the blocks are bottleneck, naive_inception_module, "
     'inception_module, residual_block, resnext_block, dense_block, se_block, normal_cell, '
     'inv_residual_block.'),
    (lambda: block_model('bottleneck', size=0), ValueError,
     'bottleneck: size = 0; use size >= 1.'),
    (lambda: block_model('bottleneck', channels=0), ValueError,
     'bottleneck: channels = 0; use channels >= 1.'),
    (lambda: block_model('bottleneck', size=(8, 8)), TypeError,
     'bottleneck: size = (8, 8) is not a whole number; use an int such as 32.'),
    (lambda: block_model(lambda x, g=2: x), TypeError,
     '<lambda>: pass channels=..., the number of input channels (the block has no knob f to '
     'take it from).'),
]


@pytest.mark.parametrize('attempt, kind, message', BAD_TENSORS, ids=[m for *_, m in BAD_TENSORS])
def test_wrong_inputs_get_the_blocks_sentence(attempt, kind, message):
    with pytest.raises(kind) as error:
        attempt()
    assert str(error.value) == message


def test_a_valid_input_with_unknown_height_and_width_is_built():
    out = blocks.residual_block(keras.Input((None, None, 32)))
    assert tuple(out.shape) == (None, None, None, 32)


CHANNELS_FIRST = ("bottleneck: the blocks need Keras' channels_last image format, but it is set "
                  "to 'channels_first'; call keras.config.set_image_data_format('channels_last') "
                  "first.")


def test_channels_first_is_refused_with_a_sentence():
    """The blocks concatenate and multiply along the last axis, so channels_first is refused."""
    keras.config.set_image_data_format('channels_first')
    try:
        for attempt in (lambda: blocks.bottleneck(keras.Input((8, 4, 4))),
                        lambda: block_model('bottleneck', size=8, channels=16)):
            with pytest.raises(ValueError) as error:
                attempt()
            assert str(error.value) == CHANNELS_FIRST
        # counting needs no layout: the same numbers either way
        assert counting.params('bottleneck', channels=16) == 1_008
    finally:
        keras.config.set_image_data_format('channels_last')
    assert block_model('bottleneck', size=8, channels=16).count_params() == 1_008


GUARDED = [
    (lambda: block_model('bottleneck', f=2**14, r=1),
     'bottleneck with f = 16384, r = 1 has 2,952,839,168 parameters, more than the 100,000,000 '
     'this package builds (about 11.0 GiB of weights); convblocks.counting gives its counts '
     'without building it, or raise convblocks.building.guards.MAX_PARAMS to build it anyway.'),
    (lambda: block_model('dense_block', d=1000),
     'dense_block with f = 32, d = 1000 has 4,612,640,000 parameters, more than the '
     '100,000,000 this package builds (about 17.2 GiB of weights); convblocks.counting gives '
     'its counts without building it, or raise convblocks.building.guards.MAX_PARAMS to build it '
     'anyway.'),
    (lambda: blocks.dense_block(keras.Input((8, 8, 1)), f=1, d=1000),
     'dense_block with f = 1, d = 1000 has 1,000 layers with weights, more than the 250 this '
     'package builds; convblocks.counting gives its counts without building it, or raise '
     'convblocks.building.guards.MAX_LAYERS to build it anyway.'),
    (lambda: blocks.resnext_block(keras.Input((8, 8, 2000)), f=2000, r=1, c=2000),
     'resnext_block with f = 2000, r = 1, c = 2000 has 6,000 layers with weights, more than '
     'the 250 this package builds; convblocks.counting gives its counts without building it, '
     'or raise convblocks.building.guards.MAX_LAYERS to build it anyway.'),
]


@pytest.mark.parametrize('attempt, message', GUARDED, ids=range(len(GUARDED)))
def test_size_guard_refuses_before_building(attempt, message):
    """The sentence, with no layer built (benchmarks/bench_robustness.py prints how fast)."""
    with pytest.raises(ValueError) as error:
        attempt()
    assert str(error.value) == message


def test_dense_block_of_a_billion_layers_is_refused_at_once():
    x = keras.Input((8, 8, 32))
    with pytest.raises(ValueError, match=r'^dense_block with f = 32, d = 1000000000 has '
                                         r'4,608,000,004,640,000,000,000 parameters'):
        blocks.dense_block(x, d=10**9)
    assert x._keras_history.operation._outbound_nodes == []     # no layer was applied to x


def test_the_budget_can_be_raised(monkeypatch):
    monkeypatch.setattr(guards, 'MAX_LAYERS', 3)
    assert block_model('dense_block', size=4, f=2, d=3).count_params() == \
        counting.params('dense_block', f=2, d=3)
    with pytest.raises(ValueError, match='has 4 layers with weights, more than the 3 '):
        block_model('dense_block', size=4, f=2, d=4)
    monkeypatch.setattr(guards, 'MAX_PARAMS', 100)
    with pytest.raises(ValueError, match=r'has 1,008 parameters, more than the 100 this'):
        guards.require_buildable('bottleneck', channels=16)
    guards.require_buildable('bottleneck', f=8, r=8)   # 8 -> 1 -> 1 -> 8: 43 parameters


def test_errors_show_one_line_in_ipython(tmp_path, monkeypatch, capsys):
    from IPython.core.interactiveshell import InteractiveShell
    monkeypatch.setenv('IPYTHONDIR', str(tmp_path / 'ipython'))
    shell = InteractiveShell.instance()
    try:
        result = shell.run_cell('from convblocks import counting\n'
                                "counting.params('bottleneck', f=32.5)")
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr()
    assert isinstance(result.error_in_exec, TypeError)
    assert shown.out.strip() == ('BlockTypeError: bottleneck: f = 32.5 is not a whole number; '
                                 'use an int such as 32.')
    assert 'Traceback' not in shown.out + shown.err


def test_explore_gives_the_blocks_sentence_for_a_fractional_knob():
    from convblocks.explorer import explore
    with pytest.raises(TypeError) as error:
        explore(blocks.resnext_block, graph=False, f=(32.5,))
    assert str(error.value) == ('resnext_block: f = 32.5 is not a whole number; use an int such '
                                'as 32.')


@pytest.mark.parametrize('f, r, c', [(32, 2, 4), (7, 1, 3), (64, 3, 2), (5, 5, 1)])
def test_widths_are_the_widths_the_blocks_build(f, r, c):
    from convblocks.checks import widths

    def filters(name, **setting):
        model = block_model(name, size=4, **setting)
        return [layer.filters for layer in model.layers if hasattr(layer, 'filters')]

    assert filters('bottleneck', f=f, r=r)[0] == widths.squeezed(f, r)
    assert filters('resnext_block', f=f * c * r, r=r, c=c)[0] == widths.path_width(f * c * r, r, c)
    assert widths.third(f + 3) in filters('inception_module', f=f + 3, r=r)
    assert filters('inv_residual_block', f=f, r=r)[0] == widths.expanded(f, r)
    se = block_model('se_block', size=4, f=f * r, rate=r)
    assert [layer.units for layer in se.layers if hasattr(layer, 'units')][0] == \
        widths.se_units(f * r, r)


def test_a_readers_block_keeps_knobs_that_are_not_counts():
    def my_block(x, f=32, a='relu'):
        return keras.layers.Conv2D(f, 3, activation=a)(x)
    assert knobs.settle(my_block, {'f': np.int64(8), 'a': 'gelu'}) == {'f': 8, 'a': 'gelu'}
    model = block_model(my_block, size=6, f=4, a='tanh')
    assert model.layers[-1].activation.__name__ == 'tanh'
    with pytest.raises(TypeError, match=r'^my_block: f = 2\.5 is not a whole number'):
        block_model(my_block, f=2.5)
    with pytest.raises(TypeError, match=r'^my_block: unknown knob r; its knobs are f, a\.$'):
        block_model(my_block, r=2)
