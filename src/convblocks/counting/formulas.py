"""Exact parameter and multiply-accumulate (MAC) counts, without building a model.

`params(block, ...)` and `macs(block, ...)` are closed-form: each block is described by
the shapes of the layers it builds (`_TERMS` below), and two small helpers turn those shapes
into parameters or MACs, in constant time however large c or d is. They equal Keras'
`count_params()` and the per-layer counter `convblocks.counting.keras_counts.layer_table(model)`
exactly, integer divisions such as f // r included, and take microseconds instead of the
tens of milliseconds a rebuild costs.

MAC convention (the one papers use): one multiply-accumulate per kernel weight per output
position, at stride 1 with 'same' padding, so an H x W input keeps its size:
  Conv2D           H*W * k*k * Cin * Cout / groups
  SeparableConv2D  H*W * k*k * Cin  (depthwise)  +  H*W * Cin * Cout  (pointwise)
  DepthwiseConv2D  H*W * k*k * Cin * depth_multiplier
  Dense            inputs * units (per position, if applied to an image)
Biases, pooling, add, concatenate, multiply and activations count 0.

Knobs go through `convblocks.checks.knobs` and the block's rule, so a wrong value raises the same
sentence as the block itself. The counts are Python ints, exact at any size (there is no
size budget here; see `convblocks.building.guards` for building). Imports no TensorFlow or Keras.
"""
from convblocks import language
from convblocks.checks import knobs as knob_table
from convblocks.checks import rules
from convblocks.checks.errors import BlockTypeError, BlockValueError, listed, number, short
from convblocks.checks.widths import expanded, path_width, se_units, squeezed, third

CONV, SEPCONV, DENSE = 'conv', 'sepconv', 'dense'


# --- layers ----------------------------------------------------------------------------
# Every count below is linear in the input width, so n layers of one kind, kernel and output
# width are counted at once from the sum of their input widths: that keeps c paths and d
# dense layers to a few multiplications.

def _params(kind, k, cin, cout, bias, n):
    """Parameters of n conv, sepconv or dense layers (k x k kernel) whose inputs sum to cin."""
    if kind == CONV:
        weights = k * k * cin * cout
    elif kind == SEPCONV:
        weights = k * k * cin + cin * cout          # depthwise + pointwise kernels
    else:
        weights = cin * cout
    return weights + n * cout if bias else weights


def _macs(kind, k, cin, cout, size, n):
    """MACs of those layers on a size x size input (a dense layer follows global pooling)."""
    if kind == DENSE:
        return cin * cout
    return size * size * _params(kind, k, cin, cout, False, n)


def layer_params(kind, k, cin, cout, bias=True):
    """Parameters of one 'conv', 'sepconv' or 'dense' layer with a k x k kernel."""
    return _params(*_layer('layer_params', kind, k, cin, cout), _bias('layer_params', bias), 1)


def layer_macs(kind, k, cin, cout, size):
    """MACs of that layer on a size x size input (a dense layer follows global pooling)."""
    size = knob_table.positive_whole('layer_macs', 'size', size)
    return _macs(*_layer('layer_macs', kind, k, cin, cout), size, 1)


def plain_conv(cin, cout, k=3, size=32, bias=True):
    """(params, macs) of a single k x k conv from cin to cout channels, for comparisons."""
    layer = _layer('plain_conv', CONV, k, cin, cout)
    size = knob_table.positive_whole('plain_conv', 'size', size)
    return _params(*layer, _bias('plain_conv', bias), 1), _macs(*layer, size, 1)


def _layer(caller, kind, k, cin, cout):
    """(kind, k, cin, cout) checked: a known kind and whole numbers >= 1."""
    if kind not in (CONV, SEPCONV, DENSE):
        raise BlockValueError(f"{caller}: kind = {short(kind)}; use 'conv', 'sepconv' or 'dense'.")
    return (kind, *(knob_table.positive_whole(caller, name, value)
                    for name, value in (('k', k), ('cin', cin), ('cout', cout))))


# The sentences of a wrong counting call, per language.
SAY = {
    'en': {
        'bias': '{caller}: bias = {bias}; use True or False.',
        'no_formula': 'counting has no formula for {name}; it counts {blocks}. For another '
                      'block, build it with convblocks.models.block_model and read '
                      'convblocks.counting.keras_counts.layer_table.',
        'by_name': '{caller}: give the knobs by name, e.g. {caller}({name}, f={first}); got '
                   '{got} after the block.',
    },
    'zh': {
        'bias': '{caller}：bias = {bias}；请用 True 或 False。',
        'no_formula': 'counting 没有 {name} 的公式；它能计算 {blocks}。其他模块请用 '
                      'convblocks.models.block_model 构建，再读取 '
                      'convblocks.counting.keras_counts.layer_table。',
        'by_name': '{caller}：请按名字给出旋钮，例如 {caller}({name}, f={first})；'
                   '模块之后收到了 {got} 个位置参数。',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def _bias(caller, bias):
    if not isinstance(bias, bool):
        raise BlockTypeError(_say('bias', caller=caller, bias=short(bias)))
    return bias


# --- the layers each block builds: (kind, kernel, sum of input widths, output width, n) ------

def _bottleneck(ch, f, r):
    q = squeezed(f, r)
    return [(CONV, 1, ch, q, 1), (CONV, 3, q, q, 1), (CONV, 1, q, f, 1)]


def _naive_inception_module(ch, f):
    return [(CONV, 1, ch, f, 1), (CONV, 3, ch, f, 1), (CONV, 5, ch, f, 1)]


def _inception_module(ch, f, r):
    return [(CONV, 1, ch, f, 1),
            (CONV, 1, ch, third(f), 1), (CONV, 3, third(f), f, 1),
            (CONV, 1, ch, squeezed(f, r), 1), (CONV, 5, squeezed(f, r), f, 1),
            (CONV, 1, ch, f, 1)]                     # after the max pool


def _resnext_block(ch, f, r, c):
    w = path_width(f, r, c)                          # c paths, each a bottleneck of width w
    return [(CONV, 1, c * ch, w, c), (CONV, 3, c * w, w, c), (CONV, 1, c * w, f, c)]


def _dense_block(ch, f, d):
    # conv i (i = 0 .. d-1) reads ch + i*f channels; their sum is d*ch + f*d*(d-1)/2
    return [(CONV, 3, d * ch + f * (d * (d - 1) // 2), f, d)]


def _se_block(ch, f, rate):
    return [(DENSE, 1, ch, se_units(f, rate), 1), (DENSE, 1, se_units(f, rate), f, 1)]


def _normal_cell(ch, f):
    return [(SEPCONV, 3, 3 * ch, f, 3), (SEPCONV, 5, 2 * ch, f, 2)]


def _inv_residual_block(ch, f, r):
    return [(CONV, 1, ch, expanded(f, r), 1), (SEPCONV, 3, expanded(f, r), f, 1)]


_TERMS = {
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


def _terms(block, channels, knobs):
    """Check the arguments as the block does and return the layers it would build."""
    name = knob_table.checked_block_name(block)
    if not knob_table.is_known(block):
        raise BlockValueError(_say('no_formula', name=name, blocks=listed(knob_table.BLOCKS)))
    knobs = knob_table.settle(name, knobs)
    ch = knobs['f'] if channels is None else knob_table.positive_whole(name, 'channels',
                                                                         channels)
    rules.require_valid(name, ch, knobs)
    return name, _TERMS[name](ch, **knobs)


# --- public API ---------------------------------------------------------------------------

def _by_name(caller, block, args):
    """Refuse knobs given by position: params('bottleneck', 32) could mean f or channels."""
    if args:
        name = block if isinstance(block, str) else getattr(block, '__name__', 'block')
        raise BlockTypeError(_say('by_name', caller=caller, name=short(name),
                                  first=number(args[0]), got=len(args)))


def params(block, *args, channels=None, bias=True, **knobs):
    """Parameters of `block` (function or name) with the given knobs, as count_params() says.

    `channels` is the input's channel count (default: f); bias=False counts weights only,
    as papers usually do. Invalid knobs raise the same error as the block.
    """
    _by_name('params', block, args)
    name, terms = _terms(block, channels, knobs)
    bias = _bias(name, bias)
    return sum(_params(kind, k, cin, cout, bias, n) for kind, k, cin, cout, n in terms)


def macs(block, *args, size=32, channels=None, **knobs):
    """Multiply-accumulates of `block` on a size x size input (see the module docstring)."""
    _by_name('macs', block, args)
    name, terms = _terms(block, channels, knobs)
    size = knob_table.positive_whole(name, 'size', size)
    return sum(_macs(kind, k, cin, cout, size, n) for kind, k, cin, cout, n in terms)


def layer_count(block, *args, channels=None, **knobs):
    """How many conv, sepconv and dense layers `block` builds with these knobs."""
    _by_name('layer_count', block, args)
    _, terms = _terms(block, channels, knobs)
    return sum(n for *_, n in terms)
