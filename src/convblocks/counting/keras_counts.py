"""Parameters and multiply-accumulates of a built Keras model, layer by layer.

The closed forms in `convblocks.counting` need no model; this module reads the counts off
a model Keras has built, from each layer's config and its input and output shapes, with the
same MAC convention (see `convblocks.counting`).
"""
import math

from convblocks.checks.errors import BlockValueError
from convblocks.quiet import keras

_CONVS = (keras.layers.Conv1D, keras.layers.Conv2D, keras.layers.Conv3D)
_SEPARABLE = (keras.layers.SeparableConv1D, keras.layers.SeparableConv2D)
_DEPTHWISE = (keras.layers.DepthwiseConv1D, keras.layers.DepthwiseConv2D)


def layer_mac_count(layer):
    """MACs of one built Keras layer, read from its config and its input/output shapes."""
    if not isinstance(layer, (*_CONVS, *_SEPARABLE, *_DEPTHWISE, keras.layers.Dense)):
        return 0
    config = layer.get_config()
    shape_in, shape_out = layer.input.shape[1:], layer.output.shape[1:]
    if None in (*shape_in, *shape_out):
        raise BlockValueError(f'{layer.name}: its input is {_dims(shape_in)} and its output '
                              f'{_dims(shape_out)}; MACs need every size known, so build the '
                              f'model on a fixed-size input such as keras.Input((32, 32, 16)).')
    if isinstance(layer, keras.layers.Dense):
        return math.prod(shape_in) * config['units']
    first = config['data_format'] == 'channels_first'
    cin = shape_in[0] if first else shape_in[-1]
    cout = shape_out[0] if first else shape_out[-1]
    positions = math.prod(shape_out[1:] if first else shape_out[:-1])
    window = math.prod(config['kernel_size'])
    if isinstance(layer, _CONVS):
        return positions * window * cin * cout // config['groups']
    depthwise = positions * window * cin * config['depth_multiplier']
    if isinstance(layer, _DEPTHWISE):
        return depthwise
    return depthwise + positions * cin * config['depth_multiplier'] * cout


def _dims(shape):
    return '×'.join('?' if n is None else str(n) for n in shape)


def _weight_count(layer, bias):
    if bias:
        return layer.count_params()
    return sum(math.prod(w.shape) for w in layer.weights if w.name != 'bias')


def layer_table(model, bias=True):
    """One dict per layer of a built model: layer, kind, output_shape, params, macs.

    output_shape leaves out the batch axis; bias=False counts weights without biases.
    """
    return [{'layer': layer.name,
             'kind': type(layer).__name__,
             'output_shape': tuple(layer.output.shape[1:]),
             'params': _weight_count(layer, bias),
             'macs': layer_mac_count(layer)}
            for layer in model.layers]


def model_macs(model):
    """Total MACs of a built model, summed over layer_table."""
    return sum(layer_mac_count(layer) for layer in model.layers)
