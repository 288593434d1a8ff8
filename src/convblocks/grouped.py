"""The ResNeXt block rewritten with grouped convolutions, and a weight copy that makes it equal.

`resnext_block` builds c separate paths. The same computation fits in three layers:
a 1x1 conv whose c*w filters are the paths' first convs side by side, a 3x3 conv with
groups=c (group g sees only path g's w channels), and a 1x1 conv with groups=c that gives
each path its own f outputs. Because the article's code applies ReLU to every path's
output before summing, those c*f outputs pass a ReLU, are reshaped to (c, f) and summed.
"""
from convblocks.checks import rules
from convblocks.checks.widths import path_width
from convblocks.counting import CONV, layer_params
from convblocks.keras_internals import layer_inputs, producer
from convblocks.models import block_model
from convblocks.quiet import keras
from convblocks.building.checked import checked
from keras import layers


def _size(channels, f, r, c):
    """(parameters, layers) of grouped_resnext_block: a grouped conv holds cin/groups inputs
    per filter, so it counts as a conv from w channels to all c*w (or c*f) filters."""
    w = path_width(f, r, c)
    return (layer_params(CONV, 1, channels, c * w) + layer_params(CONV, 3, w, c * w)
            + layer_params(CONV, 1, w, c * f), 3)


@checked(rules.resnext_block, size=_size)
def grouped_resnext_block(x, f=32, r=2, c=4):
    """resnext_block(x, f, r, c) computed with grouped convolutions."""
    w = f // (c * r)
    m = layers.Conv2D(c * w, 1, activation='relu', name='squeeze_1x1')(x)
    m = layers.Conv2D(c * w, 3, padding='same', groups=c,
                      activation='relu', name='grouped_3x3')(m)
    m = layers.Conv2D(c * f, 1, groups=c,
                      activation='relu', name='grouped_expand_1x1')(m)
    m = layers.Reshape((*m.shape[1:3], c, f), name='split_paths')(m)
    m = layers.Lambda(lambda t: keras.ops.sum(t, axis=3), name='sum_paths')(m)
    return layers.add([x, m])


def grouped_model(size=32, f=32, r=2, c=4):
    """A Keras model of `grouped_resnext_block` on a size x size x f input."""
    return block_model(grouped_resnext_block, size=size, f=f, r=r, c=c)


def path_convs(paths_model):
    """[(1x1, 3x3, 1x1) Conv2D layers] of each path of a model built from `resnext_block`."""
    _, summed = layer_inputs(producer(paths_model.output))  # add([x, m])
    paths = []
    for path_output in layer_inputs(producer(summed)):       # add(paths)
        expand = producer(path_output)
        middle = producer(layer_inputs(expand)[0])
        squeeze = producer(layer_inputs(middle)[0])
        paths.append((squeeze, middle, expand))
    return paths


def copy_weights(paths_model, grouped):
    """Set the grouped model's weights so that it computes exactly what paths_model does."""
    names = ('squeeze_1x1', 'grouped_3x3', 'grouped_expand_1x1')
    for name, convs in zip(names, zip(*path_convs(paths_model))):  # the same layer of every path
        kernels, biases = zip(*(conv.get_weights() for conv in convs))
        grouped.get_layer(name).set_weights([keras.ops.concatenate(kernels, axis=-1),
                                             keras.ops.concatenate(biases, axis=0)])
