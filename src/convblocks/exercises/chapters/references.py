"""Reference solutions of the change-the-block exercises, in the article's style.

Each function is what a reader is asked to write; the checker compares the reader's
function with it, and `solution(...)` shows its source.
"""
from convblocks.aliases import avgpool, conv, maxpool, sepconv
from convblocks.blocks import se_block
from keras import layers
from keras.layers import add, concatenate


def my_bottleneck(x, f=32, r=4, k=3):
    """The bottleneck with a k x k middle conv."""
    x = conv(x, f // r, k=1)
    x = conv(x, f // r, k=k)
    return conv(x, f, k=1)


def inception_3a(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):
    """An Inception module with its own width per branch (GoogLeNet's 3a by default)."""
    a = conv(x, f1, k=1)
    b = conv(x, f3r, k=1)
    b = conv(b, f3, k=3)
    c = conv(x, f5r, k=1)
    c = conv(c, f5, k=5)
    d = maxpool(x, k=3, s=1)
    d = conv(d, fp, k=1)
    return concatenate([a, b, c, d])


def resnet_block(x, f=32, r=4):
    """The residual block with ResNet's order: linear last conv, ReLU after the add."""
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1, a='linear')
    return layers.ReLU()(add([x, m]))


def fig3c_resnext_block(x, f=32, r=2, c=4):
    """ResNeXt as the paper's Fig. 3(c) draws it: one grouped 3x3 conv holds all c paths.

    As in the paper, the paths have no activation before they are summed, so their c last
    1x1 convs are one linear 1x1 conv on the c*w channels (same weights, f biases instead of
    c*f). The ReLU the paper puts after the add is left out, as the article's blocks do.
    """
    w = f // (c * r)
    m = conv(x, c * w, k=1)
    m = layers.Conv2D(c * w, 3, padding='same', groups=c, activation='relu')(m)
    m = conv(m, f, k=1, a='linear')
    return add([x, m])


def dense_b_block(x, f=32, d=5):
    """DenseNet-B: a 1x1 conv to 4*f channels before each 3x3 conv."""
    stack = x
    for _ in range(d):
        new = conv(stack, 4 * f, k=1)
        new = conv(new, f)
        stack = concatenate([stack, new])
    return stack


def se_residual_block(x, f=32, r=4, rate=16):
    """SE-ResNet: the residual path rescaled by an SE block before the add."""
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1)
    m = se_block(m, f, rate)
    return add([x, m])


def nasnet_a_cell(x1, x2, f=32):
    """The article's normal cell that also stacks the older input h_{i-1}, as NASNet-A does."""
    a = add([sepconv(x1, f, k=3), sepconv(x1, f, k=5)])
    b = add([avgpool(x1, k=3, s=1), avgpool(x1, k=3, s=1)])
    c = add([x1, avgpool(x2, k=3, s=1)])
    d = add([sepconv(x2, f, k=5), sepconv(x1, f, k=3)])
    e = add([x2, sepconv(x2, f, k=3)])
    return concatenate([x1, a, b, c, d, e])


def mobilenet_v2_block(x, f=32, r=4, s=1):
    """MobileNetV2's block: ReLU6, a linear last conv; at stride 2 no skip."""
    m = conv(x, f * r, k=1, a='relu6')
    m = layers.DepthwiseConv2D(3, strides=s, padding='same', activation='relu6')(m)
    m = conv(m, f, k=1, a='linear')
    return add([m, x]) if s == 1 else m
