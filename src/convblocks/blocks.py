"""The nine blocks of the article, with its names, signatures and defaults.

Each block first checks its arguments (see `convblocks.checks`) and then builds its layers
on the Keras tensor it is given, returning the output tensor.
"""
from convblocks import checks
from convblocks.aliases import avgpool, conv, dense, gavgpool, maxpool, sepconv
from keras.layers import add, concatenate, multiply


def bottleneck(x, f=32, r=4):
    """Squeeze to f//r channels with a 1x1 conv, convolve 3x3, expand to f with a 1x1 conv."""
    checks.positive('bottleneck', 'f', f, 'use f >= 1')
    checks.divisor('bottleneck', 'r', r)
    checks.quotient('bottleneck', 'f // r', f'{f} // {r}', f // r,
                    'channels in the squeezed layers', 'lower r or raise f')
    x = conv(x, f // r, k=1)
    x = conv(x, f // r, k=3)
    return conv(x, f, k=1)


def naive_inception_module(x, f=32):
    """Run 1x1, 3x3 and 5x5 convs and a 3x3 max pool side by side and stack the results."""
    checks.positive('naive_inception_module', 'f', f, 'use f >= 1')
    a = conv(x, f, k=1)
    b = conv(x, f, k=3)
    c = conv(x, f, k=5)
    d = maxpool(x, k=3, s=1)
    return concatenate([a, b, c, d])


def inception_module(x, f=32, r=4):
    """The Inception module with 1x1 reductions in front of the 3x3 and 5x5 convs."""
    checks.positive('inception_module', 'f', f, 'use f >= 1')
    checks.divisor('inception_module', 'r', r)
    checks.quotient('inception_module', 'f // 3', f'{f} // 3', f // 3,
                    "channels in the 3x3 branch's reduction", 'raise f to at least 3')
    checks.quotient('inception_module', 'f // r', f'{f} // {r}', f // r,
                    "channels in the 5x5 branch's reduction", 'lower r or raise f')
    a = conv(x, f, k=1)
    b = conv(x, f // 3, k=1)
    b = conv(b, f, k=3)
    c = conv(x, f // r, k=1)
    c = conv(c, f, k=5)
    d = maxpool(x, k=3, s=1)
    d = conv(d, f, k=1)
    return concatenate([a, b, c, d])


def residual_block(x, f=32, r=4):
    """A bottleneck whose output is added to its input."""
    checks.positive('residual_block', 'f', f, 'use f >= 1')
    checks.divisor('residual_block', 'r', r)
    checks.quotient('residual_block', 'f // r', f'{f} // {r}', f // r,
                    'channels in the squeezed layers', 'lower r or raise f')
    checks.channels('residual_block', x, f)
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1)
    return add([x, m])


def resnext_block(x, f=32, r=2, c=4):
    """c thin bottleneck paths whose outputs are summed and added to the input."""
    checks.positive('resnext_block', 'f', f, 'use f >= 1')
    checks.positive('resnext_block', 'c', c, 'the block needs at least one path, so use c >= 1')
    checks.divisor('resnext_block', 'r', r)
    checks.quotient('resnext_block', 'f // (c*r)', f'{f} // ({c}*{r})', f // (c * r),
                    'channels per path', 'lower c or r, or raise f')
    checks.channels('resnext_block', x, f)
    paths = []
    for _ in range(c):
        m = conv(x, f // (c * r), k=1)
        m = conv(m, f // (c * r), k=3)
        m = conv(m, f, k=1)
        paths.append(m)
    m = add(paths)
    return add([x, m])


def dense_block(x, f=32, d=5):
    """d 3x3 convs, each fed the concatenation of the input and every earlier conv's output."""
    checks.positive('dense_block', 'f', f, 'use f >= 1')
    if d < 0:
        raise ValueError(f'dense_block: d = {d} layers; use d >= 0.')
    stack = x
    for _ in range(d):
        new = conv(stack, f)
        stack = concatenate([stack, new])
    return stack


def se_block(x, f, rate=16):
    """Squeeze-and-excitation: rescale each channel by a weight computed from all channels."""
    checks.positive('se_block', 'f', f, 'use f >= 1')
    checks.divisor('se_block', 'rate', rate)
    checks.quotient('se_block', 'f // rate', f'{f} // {rate}', f // rate,
                    'units in the squeeze layer', 'lower rate or raise f')
    checks.channels('se_block', x, f)
    m = gavgpool(x)
    m = dense(m, f // rate)
    m = dense(m, f, a='sigmoid')
    return multiply([x, m])


def normal_cell(x1, x2, f=32):
    """NASNet-A's normal cell: five pairs of operations on two inputs, summed and stacked.

    x1 plays the role of the older input h_{i-1}, x2 of the newer one h_i.
    """
    checks.positive('normal_cell', 'f', f, 'use f >= 1')
    checks.same_size('normal_cell', x1, x2)
    checks.channels('normal_cell', x1, f, name='x1')
    checks.channels('normal_cell', x2, f, name='x2')
    a = add([sepconv(x1, f, k=3), sepconv(x1, f, k=5)])
    b = add([avgpool(x1, k=3, s=1), avgpool(x1, k=3, s=1)])
    c = add([x1, avgpool(x2, k=3, s=1)])
    d = add([sepconv(x2, f, k=5), sepconv(x1, f, k=3)])
    e = add([x2, sepconv(x2, f, k=3)])
    return concatenate([a, b, c, d, e])


def inv_residual_block(x, f=32, r=4):
    """MobileNetV2's block: expand to f*r with a 1x1 conv, separable 3x3 back to f, add input."""
    checks.positive('inv_residual_block', 'f', f, 'use f >= 1')
    checks.quotient('inv_residual_block', 'f * r', f'{f} * {r}', f * r,
                    'channels in the expansion layer', 'use r >= 1')
    checks.channels('inv_residual_block', x, f)
    m = conv(x, f * r, k=1)
    m = sepconv(m, f, a='linear')
    return add([m, x])
