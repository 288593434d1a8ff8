"""Short aliases for the Keras layers the blocks are made of.

Every alias takes a tensor and returns a tensor; spatial layers pad with 'same'
so that the output keeps the input's height and width (at stride 1).
"""
from convblocks import quiet  # noqa: F401 (quiets TensorFlow's logs)
from keras import layers


def conv(x, f, k=3, s=1, p='same', d=1, a='relu'):
    """A k x k convolution with f filters."""
    return layers.Conv2D(f, k, strides=s, padding=p, dilation_rate=d,
                         activation=a)(x)


def dense(x, f, a='relu'):
    """A fully connected layer with f units."""
    return layers.Dense(f, activation=a)(x)


def maxpool(x, k=2, s=2, p='same'):
    """Max pooling over k x k windows."""
    return layers.MaxPooling2D(k, strides=s, padding=p)(x)


def avgpool(x, k=2, s=2, p='same'):
    """Average pooling over k x k windows."""
    return layers.AveragePooling2D(k, strides=s, padding=p)(x)


def gavgpool(x):
    """The mean of each channel over the whole image."""
    return layers.GlobalAveragePooling2D()(x)


def sepconv(x, f, k=3, s=1, p='same', d=1, a='relu'):
    """A depthwise k x k convolution, then a 1x1 convolution to f filters."""
    return layers.SeparableConv2D(f, k, strides=s, padding=p, dilation_rate=d,
                                  activation=a)(x)
