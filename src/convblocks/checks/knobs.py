"""Each block's knobs and defaults, and the one place where a knob value is checked.

Every entry point (the blocks themselves, `counting`, `block_model`, `drawing`) turns its
keyword arguments into knobs here, so the same mistake gives the same sentence everywhere:
Python ints and numpy integers become Python ints; bool, float, str, None and anything else
raise the block's TypeError; unknown and missing knobs raise one sentence that lists the
block's knobs. Imports neither TensorFlow nor Keras.
"""
import math
import numbers

from convblocks.checks.errors import BlockTypeError, BlockValueError, number, short


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
        raise BlockValueError(f'there is no block named {short(block)}; the blocks are '
                              f'{", ".join(BLOCKS)}.')
    name = getattr(block, '__name__', None)
    if callable(block) and isinstance(name, str):
        return name
    raise BlockTypeError(f'{short(block)} is not a block; pass a block function or the name of one '
                         f'of {", ".join(BLOCKS)}.')


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
        raise BlockTypeError(f'{short(block)} is not a block; pass a block function or the name of '
                             f'one of {", ".join(BLOCKS)}.') from None


def whole(block, name, value, example=32):
    """`value` as a Python int, or the block's TypeError naming the knob and an int to use."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value >= 1:
        example = math.floor(value)
    if isinstance(value, float) and value.is_integer():
        raise BlockTypeError(f'{block}: {name} = {short(value)} is a float; '
                             f'use an int such as {number(example)}.')
    raise BlockTypeError(f'{block}: {name} = {short(value)} is not a whole number; '
                         f'use an int such as {number(example)}.')


def settle(block, knobs):
    """The block's knobs as Python ints, defaults filled in: {'f': 32, 'r': 4}.

    Unknown knobs, knobs without a value and values that are not whole numbers raise the
    block's TypeError. (For a block outside KNOBS, only knobs whose default is an int or
    missing must be whole numbers.)
    """
    name, table = checked_block_name(block), defaults(block)
    listed = ', '.join(table) if table else 'none'
    unknown = [knob for knob in knobs if knob not in table]
    if unknown:
        raise BlockTypeError(f'{name}: unknown knob {unknown[0]}; its knobs are {listed}.')
    given = {**table, **knobs}
    missing = [knob for knob, value in given.items() if value is REQUIRED and knob not in knobs]
    if missing:
        raise BlockTypeError(f'{name}: knob {missing[0]} has no default, so pass it, '
                             f'e.g. {missing[0]}=32; its knobs are {listed}.')
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
        raise BlockValueError(f'{block}: {name} = {number(value)}; use {name} >= 1.')
    return value
