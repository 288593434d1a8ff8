"""Exact parameter and multiply-accumulate (MAC) counts, without building a model.

`params(block, ...)` and `macs(block, ...)` are closed-form: each block is described by
the shapes of the layers it builds (`_PARTS` below), and two small helpers turn one layer
shape into its parameters or MACs. They equal Keras' `count_params()` and the per-layer
counter `convblocks.model_counts.layer_table(model)` exactly, integer divisions such as
f // r included, and take microseconds instead of the tens of milliseconds a rebuild costs.

MAC convention (the one papers use): one multiply-accumulate per kernel weight per output
position, at stride 1 with 'same' padding, so an H x W input keeps its size:
  Conv2D           H*W * k*k * Cin * Cout / groups
  SeparableConv2D  H*W * k*k * Cin  (depthwise)  +  H*W * Cin * Cout  (pointwise)
  DepthwiseConv2D  H*W * k*k * Cin * depth_multiplier
  Dense            inputs * units (per position, if applied to an image)
Biases, pooling, add, concatenate, multiply and activations count 0.
"""
from inspect import signature

from convblocks import blocks, rules
from convblocks.models import knob_defaults

CONV, SEPCONV, DENSE = 'conv', 'sepconv', 'dense'


# --- one layer -------------------------------------------------------------------------

def layer_params(kind, k, cin, cout, bias=True):
    """Parameters of one layer: a conv or sepconv with a k x k kernel, or a dense layer."""
    if kind == CONV:
        weights = k * k * cin * cout
    elif kind == SEPCONV:
        weights = k * k * cin + cin * cout          # depthwise + pointwise kernels
    else:
        weights = cin * cout
    return weights + cout if bias else weights


def layer_macs(kind, k, cin, cout, size):
    """MACs of one layer on a size x size input (a dense layer follows global pooling)."""
    if kind == DENSE:
        return cin * cout
    return size * size * layer_params(kind, k, cin, cout, bias=False)


def plain_conv(cin, cout, k=3, size=32, bias=True):
    """(params, macs) of a single k x k conv from cin to cout channels, for comparisons."""
    return layer_params(CONV, k, cin, cout, bias), layer_macs(CONV, k, cin, cout, size)


# --- the layers each block builds: (kind, kernel, in channels, out channels) -------------

def _bottleneck(ch, f, r):
    q = f // r
    return [(CONV, 1, ch, q), (CONV, 3, q, q), (CONV, 1, q, f)]


def _naive_inception_module(ch, f):
    return [(CONV, 1, ch, f), (CONV, 3, ch, f), (CONV, 5, ch, f)]


def _inception_module(ch, f, r):
    return [(CONV, 1, ch, f),
            (CONV, 1, ch, f // 3), (CONV, 3, f // 3, f),
            (CONV, 1, ch, f // r), (CONV, 5, f // r, f),
            (CONV, 1, ch, f)]                        # after the max pool


def _resnext_block(ch, f, r, c):
    return _bottleneck(ch, f, c * r) * c             # c paths of width f // (c*r)


def _dense_block(ch, f, d):
    return [(CONV, 3, ch + i * f, f) for i in range(d)]   # conv i sees ch + i*f channels


def _se_block(ch, f, rate):
    return [(DENSE, 1, ch, f // rate), (DENSE, 1, f // rate, f)]


def _normal_cell(ch, f):
    return [(SEPCONV, 3, ch, f)] * 3 + [(SEPCONV, 5, ch, f)] * 2


def _inv_residual_block(ch, f, r):
    return [(CONV, 1, ch, f * r), (SEPCONV, 3, f * r, f)]


_PARTS = {
    'bottleneck': _bottleneck,
    'naive_inception_module': _naive_inception_module,
    'inception_module': _inception_module,
    'residual_block': _bottleneck,                   # the same layers, plus an add
    'resnext_block': _resnext_block,
    'dense_block': _dense_block,
    'se_block': _se_block,
    'normal_cell': _normal_cell,
    'inv_residual_block': _inv_residual_block,
}


_DEFAULTS = {name: knob_defaults(getattr(blocks, name)) for name in _PARTS}
_KNOBS = {name: {knob for knob in signature(getattr(blocks, name)).parameters
                 if knob not in ('x', 'x1', 'x2')} for name in _PARTS}


def _layers(block, size, channels, knobs):
    """Check the arguments as the block does and return the layer shapes it would build."""
    name = block if isinstance(block, str) else getattr(block, '__name__', None)
    if name not in _PARTS or not (isinstance(block, str) or getattr(blocks, name) is block):
        raise ValueError(f'no formula for {block!r}; use one of the blocks in '
                         f'convblocks.blocks: {", ".join(_PARTS)}.')
    knobs = {**_DEFAULTS[name], **knobs}
    if knobs.keys() != _KNOBS[name]:
        extra, missing = knobs.keys() - _KNOBS[name], _KNOBS[name] - knobs.keys()
        raise TypeError(f'{name}: unknown knob {min(extra)!r}; it takes '
                        f'{", ".join(sorted(_KNOBS[name]))}.' if extra else
                        f'{name}: pass {min(missing)}=...; it has no default.')
    ch = knobs['f'] if channels is None else channels
    rules.check(getattr(blocks, name), size, ch, knobs)
    return _PARTS[name](ch, **knobs)


# --- public API ---------------------------------------------------------------------------

def params(block, *, channels=None, bias=True, **knobs):
    """Parameters of `block` (function or name) with the given knobs, as count_params() says.

    `channels` is the input's channel count (default: f); bias=False counts weights only,
    as papers usually do. Invalid knobs raise the same ValueError as the block.
    """
    return sum(layer_params(*layer, bias) for layer in _layers(block, 1, channels, knobs))


def macs(block, *, size=32, channels=None, **knobs):
    """Multiply-accumulates of `block` on a size x size input (see the module docstring)."""
    return sum(layer_macs(*layer, size) for layer in _layers(block, size, channels, knobs))
