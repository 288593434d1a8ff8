"""The blocks' structure and the exact messages of their argument checks."""
import subprocess
import sys

import pytest

from convblocks import blocks
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


def test_importing_the_package_prints_nothing():
    code = 'import convblocks.blocks, convblocks.models; convblocks.models.block_model("bottleneck")'
    done = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ('', '')
