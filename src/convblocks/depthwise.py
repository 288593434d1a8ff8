"""ResNeXt at its limit: one channel per path, where the grouped 3x3 is a depthwise conv.

With c paths of width w, the paths' 3x3 convs are one conv with groups=c over c*w channels.
When every group holds one channel (w = 1, c = f // r) that conv is a depthwise conv, the
layer Xception is built on. The article's code spells the width as f // (c*r); this block
builds the same case from the inner width f // r instead, in the paper's form (c): one 1x1
conv into all paths, one depthwise 3x3, one 1x1 conv out.
"""
from convblocks.checks import rules
from convblocks.checks.widths import squeezed
from convblocks.counting import CONV, layer_params
from convblocks.aliases import conv
from convblocks.building.checked import checked
from keras.layers import DepthwiseConv2D, add


def _rule(x, f, r):
    rules.bottleneck(x, f, r, name='depthwise_resnext_block')
    rules.channels('depthwise_resnext_block', x, f)


def _size(channels, f, r):
    """(parameters, layers): 1x1 conv, depthwise 3x3 (one 3x3 filter per channel), 1x1 conv."""
    q = squeezed(f, r)
    return (layer_params(CONV, 1, channels, q) + layer_params(CONV, 3, 1, q)
            + layer_params(CONV, 1, q, f), 3)


@checked(_rule, size=_size)
def depthwise_resnext_block(x, f=32, r=2):
    """ResNeXt with c = f // r paths of one channel: 1x1 conv, depthwise 3x3, 1x1 conv, add."""
    m = conv(x, f // r, k=1)
    m = DepthwiseConv2D(3, padding='same', activation='relu')(m)
    m = conv(m, f, k=1)
    return add([x, m])
