"""What each block requires of its arguments, checked before any layer is built.

One rule per block, named after it, raising the block's one-sentence error; the decorator
`convblocks.building.checked` runs them before a block builds, and `require_valid` runs the
same rule on a channel count alone, for the counting formulas. Imports no TensorFlow or Keras.
"""
from types import SimpleNamespace

from convblocks.checks import knobs as knob_table
from convblocks.checks import widths
from convblocks.checks.values import channels, divisor, positive, quotient, same_size
from convblocks.checks.errors import BlockValueError, number
from convblocks.checks.knobs import input_names


def require_valid(block, channels, knobs):
    """Run the named block's rule on stand-in inputs with `channels` channels (ints already)."""
    stand_in = SimpleNamespace(shape=(None, 1, 1, channels))
    RULES[block](*[stand_in] * len(input_names(block)), **knobs)


def bottleneck(x, f, r, name='bottleneck'):
    positive(name, 'f', f, 'use f >= 1')
    divisor(name, 'r', r)
    quotient(name, 'f // r', f'{number(f)} // {number(r)}', widths.squeezed(f, r),
             'channels in the squeezed layers', 'lower r or raise f')


def naive_inception_module(x, f):
    positive('naive_inception_module', 'f', f, 'use f >= 1')


def inception_module(x, f, r):
    positive('inception_module', 'f', f, 'use f >= 1')
    divisor('inception_module', 'r', r)
    quotient('inception_module', 'f // 3', f'{number(f)} // 3', widths.third(f),
             "channels in the 3x3 branch's reduction", 'raise f to at least 3')
    quotient('inception_module', 'f // r', f'{number(f)} // {number(r)}', widths.squeezed(f, r),
             "channels in the 5x5 branch's reduction", 'lower r or raise f')


def residual_block(x, f, r):
    bottleneck(x, f, r, name='residual_block')
    channels('residual_block', x, f)


def resnext_block(x, f, r, c):
    positive('resnext_block', 'f', f, 'use f >= 1')
    positive('resnext_block', 'c', c, 'the block needs at least one path, so use c >= 1')
    divisor('resnext_block', 'r', r)
    quotient('resnext_block', 'f // (c*r)', f'{number(f)} // ({number(c)}*{number(r)})',
             widths.path_width(f, r, c),
             'channels per path', 'lower c or r, or raise f')
    channels('resnext_block', x, f)


def dense_block(x, f, d):
    positive('dense_block', 'f', f, 'use f >= 1')
    if d < 0:
        raise BlockValueError(f'dense_block: d = {number(d)} layers; use d >= 0.')


def se_block(x, f, rate):
    positive('se_block', 'f', f, 'use f >= 1')
    divisor('se_block', 'rate', rate)
    quotient('se_block', 'f // rate', f'{number(f)} // {number(rate)}', widths.se_units(f, rate),
             'units in the squeeze layer', 'lower rate or raise f')
    channels('se_block', x, f)


def normal_cell(x1, x2, f):
    positive('normal_cell', 'f', f, 'use f >= 1')
    same_size('normal_cell', x1, x2)
    channels('normal_cell', x1, f, name='x1')
    channels('normal_cell', x2, f, name='x2')


def inv_residual_block(x, f, r):
    positive('inv_residual_block', 'f', f, 'use f >= 1')
    quotient('inv_residual_block', 'f * r', f'{number(f)} * {number(r)}', widths.expanded(f, r),
             'channels in the expansion layer', 'use r >= 1')
    channels('inv_residual_block', x, f)


RULES = {name: globals()[name] for name in knob_table.BLOCKS}
