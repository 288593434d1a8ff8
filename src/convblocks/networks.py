"""Blocks assembled into small classifiers: a stem, stages joined by stride-2 transitions, a head.

The layout is the one He et al. (2016) use on CIFAR-10: a 3x3 stem, then stages that each
halve the map and double the channels, then global average pooling and a softmax. Batch norm
follows every convolution of the units below, before the ReLU, as in ResNet.
"""
from convblocks.checks.knobs import input_names
from convblocks.quiet import keras

layers = keras.layers


def conv_bn(x, f, k=3, s=1, relu=True):
    """k x k convolution (no bias: batch norm's shift replaces it), batch norm, then ReLU."""
    x = layers.Conv2D(f, k, strides=s, padding='same', use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x) if relu else x


def plain_unit(x, f=16, s=1):
    """Two 3x3 conv-BN-ReLU layers, the first with stride s: a unit of He et al.'s plain nets."""
    return conv_bn(conv_bn(x, f, s=s), f)


def residual_unit(x, f=16, s=1):
    """The same two layers plus a shortcut, with the last ReLU after the add (ResNet's basic
    block). The shortcut is x itself, or a 1x1 conv-BN projection where the unit strides or
    changes the channel count, so that the two terms of the sum have one shape."""
    m = conv_bn(conv_bn(x, f, s=s), f, relu=False)
    if s != 1 or x.shape[-1] != f:
        x = conv_bn(x, f, k=1, s=s, relu=False)
    return layers.ReLU()(layers.add([x, m]))


def parts(x, block=residual_unit, width=16, depth=1, stages=3, classes=10):
    """The tensors where each part of the classifier ends: {'input', 'stem', 'stage 1', ...,
    'head'}. Stage i holds `depth` units at width * 2**(i-1) channels; from stage 2 on, its
    first unit is a stride-2 transition (a plain_unit for plain networks, a residual_unit
    with its projection otherwise) and the others are `block`."""
    ends = {'input': x}
    x = ends['stem'] = conv_bn(x, width)
    transition = plain_unit if block is plain_unit else residual_unit
    for stage in range(stages):
        f = width * 2 ** stage
        for i in range(depth):
            if stage > 0 and i == 0:
                x = transition(x, f, s=2)
            else:
                x = block(*[x] * len(input_names(block)), f=f)
        ends[f'stage {stage + 1}'] = x
    x = layers.GlobalAveragePooling2D()(x)
    ends['head'] = layers.Dense(classes, activation='softmax')(x)
    return ends


def plain_net(x, width=16, depth=1):
    """A plain classifier: 6 * depth + 2 layers with weights (He et al.'s plain-20 is depth 3)."""
    return parts(x, plain_unit, width, depth)['head']


def res_net(x, width=16, depth=1):
    """The same classifier with shortcuts around every pair of layers (ResNet-20 at depth 3)."""
    return parts(x, residual_unit, width, depth)['head']


def classifier(block=residual_unit, size=32, channels=1, **options):
    """A Keras model of parts(...) on size x size x channels images."""
    inputs = keras.Input((size, size, channels), name='image')
    name = getattr(block, '__name__', 'block') + '_net'
    return keras.Model(inputs, parts(inputs, block, **options)['head'], name=name)
