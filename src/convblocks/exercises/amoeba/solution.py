"""The reference solution: AmoebaNet-A's normal cell in the article's style.

`amoeba_normal_cell` is written out by hand from the encoding in `spec.py`; the tests check
that the two agree. `params` and `macs` are its closed-form counts.
"""
from convblocks.checks import values as checks
from convblocks.aliases import avgpool, maxpool, sepconv
from convblocks.building.checked import checked
from keras.layers import add, concatenate


def require_valid_arguments(x1, x2, f):
    """Raise a one-sentence ValueError unless both inputs have f >= 1 channels and one size."""
    checks.positive('amoeba_normal_cell', 'f', f, 'use f >= 1')
    checks.same_size('amoeba_normal_cell', x1, x2)
    checks.channels('amoeba_normal_cell', x1, f, name='x1')
    checks.channels('amoeba_normal_cell', x2, f, name='x2')


@checked(require_valid_arguments)
def amoeba_normal_cell(x1, x2, f=32):
    """AmoebaNet-A's normal cell: five sums, four states stacked.

    Source: tensorflow/tpu, models/official/amoeba_net/
    model_specs.py (cell 'amoeba_net_a'), the authors' code for
    Real et al., "Regularized Evolution for Image Classifier
    Architecture Search" (AAAI 2019). As in the NASNet chapter,
    x1 is the older input h_{i-1}, x2 the newer input h_i.
    Simplified like the article's NASNet cell: one sepconv per
    separable op (the original stacks two, each ReLU -> sepconv
    -> BN), no batch norm, no 1x1 convs adjusting the inputs.
    The output stacks h_{i-1} and the sums no other sum uses,
    as the original does: 4*f channels.
    """
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, f, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    e = add([avgpool(d, k=3, s=1), sepconv(x2, f, k=3)])
    return concatenate([x1, b, c, e])


def params(f=32, bias=True):
    """Trainable weights of the cell with f-channel inputs: three 3x3 sepconvs and one 5x5.

    A k x k sepconv from f to f channels has k*k*f depthwise weights, f*f pointwise weights
    and f biases.
    """
    per_bias = f if bias else 0
    return 3 * (9 * f + f * f + per_bias) + (25 * f + f * f + per_bias)


def macs(size=32, f=32):
    """Multiply-accumulates of the sepconvs on a size x size input (pools and adds count 0)."""
    return size * size * (3 * (9 * f + f * f) + (25 * f + f * f))
