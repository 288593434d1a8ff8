"""The nine blocks of the article, with its names, signatures and defaults.

Each block builds its layers on the Keras tensor it is given and returns the output tensor.
`@checked` runs the block's rule from `convblocks.checks.rules` first, so impossible arguments (0
channels per path, an input of the wrong width, ...) raise one clear ValueError before any
layer is built.
"""
from convblocks.checks import rules
from convblocks.aliases import avgpool, conv, dense, gavgpool, maxpool, sepconv
from convblocks.building.checked import checked
from keras.layers import add, concatenate, multiply


@checked(rules.bottleneck)
def bottleneck(x, f=32, r=4):
    """1x1 conv down to f//r channels, 3x3 conv, 1x1 conv back up to f."""
    x = conv(x, f // r, k=1)
    x = conv(x, f // r, k=3)
    return conv(x, f, k=1)


@checked(rules.naive_inception_module)
def naive_inception_module(x, f=32):
    """1x1, 3x3 and 5x5 convs and a 3x3 max pool side by side, stacked."""
    a = conv(x, f, k=1)
    b = conv(x, f, k=3)
    c = conv(x, f, k=5)
    d = maxpool(x, k=3, s=1)
    return concatenate([a, b, c, d])


@checked(rules.inception_module)
def inception_module(x, f=32, r=4):
    """Inception with 1x1 reductions in front of the 3x3 and 5x5 convs."""
    a = conv(x, f, k=1)
    b = conv(x, f // 3, k=1)
    b = conv(b, f, k=3)
    c = conv(x, f // r, k=1)
    c = conv(c, f, k=5)
    d = maxpool(x, k=3, s=1)
    d = conv(d, f, k=1)
    return concatenate([a, b, c, d])


@checked(rules.residual_block)
def residual_block(x, f=32, r=4):
    """A bottleneck whose output is added to its input."""
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1)
    return add([x, m])


@checked(rules.resnext_block)
def resnext_block(x, f=32, r=2, c=4):
    """c thin bottleneck paths, summed and added to the input."""
    paths = []
    for _ in range(c):
        m = conv(x, f // (c * r), k=1)
        m = conv(m, f // (c * r), k=3)
        m = conv(m, f, k=1)
        paths.append(m)
    m = add(paths)
    return add([x, m])


@checked(rules.dense_block)
def dense_block(x, f=32, d=5):
    """d 3x3 convs, each reading the input and every earlier output, stacked."""
    stack = x
    for _ in range(d):
        new = conv(stack, f)
        stack = concatenate([stack, new])
    return stack


@checked(rules.se_block)
def se_block(x, f, rate=16):
    """Rescale each channel by a weight computed from all channels."""
    m = gavgpool(x)
    m = dense(m, f // rate)
    m = dense(m, f, a='sigmoid')
    return multiply([x, m])


@checked(rules.normal_cell)
def normal_cell(x1, x2, f=32):
    """NASNet-A's normal cell: five sums of two operations each, stacked.

    x1 plays the role of the older input h_{i-1}, x2 of the newer one h_i.
    """
    a = add([sepconv(x1, f, k=3), sepconv(x1, f, k=5)])
    b = add([avgpool(x1, k=3, s=1), avgpool(x1, k=3, s=1)])
    c = add([x1, avgpool(x2, k=3, s=1)])
    d = add([sepconv(x2, f, k=5), sepconv(x1, f, k=3)])
    e = add([x2, sepconv(x2, f, k=3)])
    return concatenate([a, b, c, d, e])


@checked(rules.inv_residual_block)
def inv_residual_block(x, f=32, r=4):
    """1x1 conv up to f*r channels, separable 3x3 back down to f, plus the input."""
    m = conv(x, f * r, k=1)
    m = sepconv(m, f, a='linear')
    return add([m, x])
