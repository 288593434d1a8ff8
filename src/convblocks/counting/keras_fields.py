"""Receptive fields of a built Keras model: in closed form from its layers, and measured.

`fields` reads each layer's kernel, stride and dilation and hands the graph to
`convblocks.counting.receptive_field`. `measured_sizes` finds the same number without any
formula: the input pixels whose gradient is non-zero for one output pixel, with every
weight positive so that no contributions cancel.
"""
import numpy as np

from convblocks.counting.receptive_field import GLOBAL, graph_fields
from convblocks.keras_internals import layer_inputs, producer
from convblocks.quiet import keras, tf

_WINDOWED = (keras.layers.Conv2D, keras.layers.SeparableConv2D,
             keras.layers.DepthwiseConv2D, keras.layers.MaxPooling2D,
             keras.layers.AveragePooling2D)
_GLOBAL = (keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D)


def geometry(layer):
    """(k, s, d) of one layer along a side: a window's size, stride and dilation, GLOBAL for
    global pooling, and (1, 1, 1) for a layer that works pixel by pixel."""
    if isinstance(layer, _GLOBAL):
        return GLOBAL, 1, 1
    if not isinstance(layer, _WINDOWED):
        return 1, 1, 1
    config = layer.get_config()
    k = config.get('kernel_size') or config['pool_size']
    s = config['strides'] or k
    d = config.get('dilation_rate', (1, 1))
    if len({*k}) > 1 or len({*s}) > 1 or len({*d}) > 1:
        raise ValueError(f'{layer.name}: the window is {k} with strides {s}; only square '
                         'windows have one receptive field size.')
    return k[0], s[0], d[0]


def nodes(model):
    """The model as {layer name: (k, s, d, names of its input layers)}, inputs first."""
    return {layer.name: (*geometry(layer),
                         [producer(t).name for t in layer_inputs(layer)]
                         if layer._inbound_nodes and layer_inputs(layer) else [])
            for layer in model.layers}


def fields(model):
    """{layer name: Field} for every layer of a functional model."""
    return graph_fields(nodes(model))


def positive_copy(model):
    """A copy of `model` whose weights are all positive and whose max pools average instead.

    A max pool passes the gradient to one pixel of its window, so it would hide the others;
    an average pool has the same window and passes it to all. A softmax becomes linear: its
    outputs always sum to 1, so the sum's gradient would vanish. Kernels are 1 / fan-in so that
    values stay near 1 however deep the model; batch norm becomes the identity.
    """
    def swap(layer):
        config = layer.get_config()
        if isinstance(layer, keras.layers.MaxPooling2D):
            return keras.layers.AveragePooling2D.from_config(config)
        if config.get('activation') == 'softmax':
            config['activation'] = 'linear'
        return layer.__class__.from_config(config)
    copy = keras.models.clone_model(model, clone_function=swap)
    for layer in copy.layers:
        values = []
        for weight in layer.weights:
            shape, name = tuple(weight.shape), weight.name
            if name in ('kernel', 'depthwise_kernel', 'pointwise_kernel'):
                fan_in = int(np.prod(shape[:-1])) if name != 'depthwise_kernel' \
                    else int(np.prod(shape[:2]))
                values.append(np.full(shape, 1.0 / fan_in, 'float32'))
            elif name in ('gamma', 'moving_variance'):
                values.append(np.ones(shape, 'float32'))
            else:
                values.append(np.zeros(shape, 'float32'))
        layer.set_weights(values)
    return copy


def measured_sizes(model, names=None):
    """{layer name: how many input pixels along a row change the centre pixel of its output},
    measured by the gradient on inputs of ones (the widest run of non-zero gradient along
    the rows; a field wider than the input reads as the input's width). `names`: which
    layers (default: all but the inputs)."""
    copy = positive_copy(model)
    names = names or [l.name for l in copy.layers if not isinstance(l, keras.layers.InputLayer)]
    xs = [tf.ones((1, *i.shape[1:])) for i in copy.inputs]
    return {name: _widest_run(copy, name, xs) for name in names}


def _widest_run(model, name, xs):
    probe = keras.Model(model.inputs, model.get_layer(name).output)
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        out = probe(xs if len(xs) > 1 else xs[0], training=False)
        if len(out.shape) == 4:
            out = out[:, out.shape[1] // 2, out.shape[2] // 2, :]
        total = tf.reduce_sum(out)
    gradients = [g for g in tape.gradient(total, xs) if g is not None]
    seen = sum(np.abs(g.numpy()[0]).sum(axis=-1) for g in gradients) > 0
    columns = np.flatnonzero(np.any(seen, axis=0))
    return 0 if len(columns) == 0 else int(columns[-1] - columns[0] + 1)
