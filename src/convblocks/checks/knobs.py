"""Each block's knobs and defaults, and the one place where a knob value is checked.

Every entry point (the blocks themselves, `counting`, `block_model`, `drawing`) turns its
keyword arguments into knobs here, so the same mistake gives the same sentence everywhere:
Python ints and numpy integers become Python ints; bool, float, str, None and anything else
raise the block's TypeError; unknown and missing knobs raise one sentence that lists the
block's knobs. Imports neither TensorFlow nor Keras.
"""
import math
import numbers

from convblocks import language
from convblocks.checks.errors import BlockTypeError, BlockValueError, listed, number, short

# The sentences of a wrong knob, per language.
SAY = {
    'en': {
        'no_block': 'there is no block named {block}; the blocks are {blocks}.',
        'not_block': '{value} is not a block; pass a block function or the name of one '
                     'of {blocks}.',
        'float': '{block}: {name} = {value} is a float; use an int such as {example}.',
        'not_whole': '{block}: {name} = {value} is not a whole number; use an int such as '
                     '{example}.',
        'unknown': '{block}: unknown knob {knob}; its knobs are {knobs}.',
        'missing': '{block}: knob {knob} has no default, so pass it, e.g. {knob}=32; its knobs '
                   'are {knobs}.',
        'none': 'none',
        'below_one': '{block}: {name} = {value}; use {name} >= 1.',
    },
    'zh': {
        'no_block': '没有名为 {block} 的模块；模块有 {blocks}。',
        'not_block': '{value} 不是模块；请传入一个模块函数，或这些模块之一的名字：{blocks}。',
        'float': '{block}：{name} = {value} 是浮点数；请用整数，例如 {example}。',
        'not_whole': '{block}：{name} = {value} 不是整数；请用整数，例如 {example}。',
        'unknown': '{block}：没有旋钮 {knob}；它的旋钮是 {knobs}。',
        'missing': '{block}：旋钮 {knob} 没有默认值，请给出它，例如 {knob}=32；'
                   '它的旋钮是 {knobs}。',
        'none': '无',
        'below_one': '{block}：{name} = {value}；请用 {name} >= 1。',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


class _Required:
    """The default of a knob that has none (se_block's f)."""

    def __repr__(self):
        return 'REQUIRED'


REQUIRED = _Required()

# The knobs of the nine blocks in convblocks.blocks with their defaults, in signature order
# (tests/test_blocks.py checks this table against the real signatures).
KNOBS = {
    'bottleneck': {'f': 32, 'r': 4},
    'naive_inception_module': {'f': 32},
    'inception_module': {'f': 32, 'r': 4},
    'residual_block': {'f': 32, 'r': 4},
    'resnext_block': {'f': 32, 'r': 2, 'c': 4},
    'dense_block': {'f': 32, 'd': 5},
    'se_block': {'f': REQUIRED, 'rate': 16},
    'normal_cell': {'f': 32},
    'inv_residual_block': {'f': 32, 'r': 4},
}
BLOCKS = tuple(KNOBS)


def checked_block_name(block):
    """The name of a block given as a name or a function; a sentence for anything else."""
    if isinstance(block, str):
        if block in KNOBS:
            return block
        raise BlockValueError(_say('no_block', block=short(block), blocks=listed(BLOCKS)))
    name = getattr(block, '__name__', None)
    if callable(block) and isinstance(name, str):
        return name
    raise BlockTypeError(_say('not_block', value=short(block), blocks=listed(BLOCKS)))


def is_known(block):
    """True if `block` is one of the nine blocks, as a name or as convblocks.blocks' function."""
    if isinstance(block, str):
        return block in KNOBS
    return getattr(block, '__module__', None) == 'convblocks.blocks' and \
        getattr(block, '__name__', None) in KNOBS


def input_names(block):
    """The block's tensor arguments: ['x'], or ['x1', 'x2'] for the cells."""
    if isinstance(block, str):
        return ['x1', 'x2'] if block == 'normal_cell' else ['x']
    return [name for name in _parameters(block) if _is_input(name)]


def defaults(block):
    """knob -> default (REQUIRED if it has none), from KNOBS or from the function's signature."""
    if is_known(block):
        return dict(KNOBS[checked_block_name(block)])
    return {name: REQUIRED if p.default is p.empty else p.default
            for name, p in _parameters(block).items() if not _is_input(name)}


def _is_input(name):
    """x, x1, x2, ... name the tensor arguments."""
    return name == 'x' or (name[:1] == 'x' and name[1:].isdigit())


def _parameters(block):
    import inspect   # only for blocks outside the table; it takes longer to import than the rest
    try:
        return inspect.signature(block).parameters
    except (TypeError, ValueError):
        raise BlockTypeError(_say('not_block', value=short(block),
                                  blocks=listed(BLOCKS))) from None


def whole(block, name, value, example=32):
    """`value` as a Python int, or the block's TypeError naming the knob and an int to use."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value >= 1:
        example = math.floor(value)
    if isinstance(value, float) and value.is_integer():
        raise BlockTypeError(_say('float', block=block, name=name, value=short(value),
                                  example=number(example)))
    raise BlockTypeError(_say('not_whole', block=block, name=name, value=short(value),
                              example=number(example)))


def settle(block, knobs):
    """The block's knobs as Python ints, defaults filled in: {'f': 32, 'r': 4}.

    Unknown knobs, knobs without a value and values that are not whole numbers raise the
    block's TypeError. (For a block outside KNOBS, only knobs whose default is an int or
    missing must be whole numbers.)
    """
    name, table = checked_block_name(block), defaults(block)
    names = listed(table) if table else _say('none')
    unknown = [knob for knob in knobs if knob not in table]
    if unknown:
        raise BlockTypeError(_say('unknown', block=name, knob=unknown[0], knobs=names))
    given = {**table, **knobs}
    missing = [knob for knob, value in given.items() if value is REQUIRED and knob not in knobs]
    if missing:
        raise BlockTypeError(_say('missing', block=name, knob=missing[0], knobs=names))
    return {knob: whole(name, knob, value, _example(table[knob]))
            if _counts(table[knob]) else value for knob, value in given.items()}


def _counts(default):
    """Is a knob with this default a whole number? The nine blocks' knobs all are; a
    reader's block may also take, say, an activation name, which is passed on unchecked."""
    return default is REQUIRED or isinstance(default, int) and not isinstance(default, bool)


def _example(default):
    return default if isinstance(default, int) and default >= 1 else 32


def positive_whole(block, name, value):
    """A size or channel count given to the counting code or block_model: an int >= 1."""
    value = whole(block, name, value)
    if value < 1:
        raise BlockValueError(_say('below_one', block=block, name=name, value=number(value)))
    return value
