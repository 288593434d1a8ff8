"""What each block requires of its arguments, checked before any layer is built.

One rule per block, named after it, raising the block's one-sentence error; the decorator
`convblocks.building.checked` runs them before a block builds, and `require_valid` runs the
same rule on a channel count alone, for the counting formulas. Imports no TensorFlow or Keras.
"""
from types import SimpleNamespace

from convblocks import language
from convblocks.checks import knobs as knob_table
from convblocks.checks import widths
from convblocks.checks.values import channels, divisor, positive, quotient, same_size
from convblocks.checks.errors import BlockValueError, number
from convblocks.checks.knobs import input_names


# What the rules say, per language: the advice after a value, and what a computed width
# counts ({value} is the width).
SAY = {
    'en': {
        'f': 'use f >= 1',
        'c': 'the block needs at least one path, so use c >= 1',
        'r_or_f': 'lower r or raise f',
        'f3': 'raise f to at least 3',
        'c_r_or_f': 'lower c or r, or raise f',
        'rate_or_f': 'lower rate or raise f',
        'r': 'use r >= 1',
        'squeezed': 'channels in the squeezed layers',
        'third': "channels in the 3x3 branch's reduction",
        'reduction5': "channels in the 5x5 branch's reduction",
        'per_path': 'channels per path',
        'se_units': 'units in the squeeze layer',
        'expanded': 'channels in the expansion layer',
        'dense_d': 'dense_block: d = {d} layers; use d >= 0.',
    },
    'zh': {
        'f': '请用 f >= 1',
        'c': '模块至少需要一条路径，所以请用 c >= 1',
        'r_or_f': '请减小 r 或增大 f',
        'f3': '请把 f 增大到至少 3',
        'c_r_or_f': '请减小 c 或 r，或增大 f',
        'rate_or_f': '请减小 rate 或增大 f',
        'r': '请用 r >= 1',
        'squeezed': '即压缩层有 {value} 个通道',
        'third': '即 3x3 分支的降维层有 {value} 个通道',
        'reduction5': '即 5x5 分支的降维层有 {value} 个通道',
        'per_path': '即每条路径有 {value} 个通道',
        'se_units': '即挤压层有 {value} 个单元',
        'expanded': '即扩展层有 {value} 个通道',
        'dense_d': 'dense_block：d = {d} 层；请用 d >= 0。',
    },
}


def _say(key):
    return SAY[language.current()][key]


def require_valid(block, channels, knobs):
    """Run the named block's rule on stand-in inputs with `channels` channels (ints already)."""
    stand_in = SimpleNamespace(shape=(None, 1, 1, channels))
    RULES[block](*[stand_in] * len(input_names(block)), **knobs)


def bottleneck(x, f, r, name='bottleneck'):
    positive(name, 'f', f, _say('f'))
    divisor(name, 'r', r)
    quotient(name, 'f // r', f'{number(f)} // {number(r)}', widths.squeezed(f, r),
             _say('squeezed'), _say('r_or_f'))


def naive_inception_module(x, f):
    positive('naive_inception_module', 'f', f, _say('f'))


def inception_module(x, f, r):
    positive('inception_module', 'f', f, _say('f'))
    divisor('inception_module', 'r', r)
    quotient('inception_module', 'f // 3', f'{number(f)} // 3', widths.third(f),
             _say('third'), _say('f3'))
    quotient('inception_module', 'f // r', f'{number(f)} // {number(r)}', widths.squeezed(f, r),
             _say('reduction5'), _say('r_or_f'))


def residual_block(x, f, r):
    bottleneck(x, f, r, name='residual_block')
    channels('residual_block', x, f)


def resnext_block(x, f, r, c):
    positive('resnext_block', 'f', f, _say('f'))
    positive('resnext_block', 'c', c, _say('c'))
    divisor('resnext_block', 'r', r)
    quotient('resnext_block', 'f // (c*r)', f'{number(f)} // ({number(c)}*{number(r)})',
             widths.path_width(f, r, c), _say('per_path'), _say('c_r_or_f'))
    channels('resnext_block', x, f)


def dense_block(x, f, d):
    positive('dense_block', 'f', f, _say('f'))
    if d < 0:
        raise BlockValueError(_say('dense_d').format(d=number(d)))


def se_block(x, f, rate):
    positive('se_block', 'f', f, _say('f'))
    divisor('se_block', 'rate', rate)
    quotient('se_block', 'f // rate', f'{number(f)} // {number(rate)}', widths.se_units(f, rate),
             _say('se_units'), _say('rate_or_f'))
    channels('se_block', x, f)


def normal_cell(x1, x2, f):
    positive('normal_cell', 'f', f, _say('f'))
    same_size('normal_cell', x1, x2)
    channels('normal_cell', x1, f, name='x1')
    channels('normal_cell', x2, f, name='x2')


def inv_residual_block(x, f, r):
    positive('inv_residual_block', 'f', f, _say('f'))
    quotient('inv_residual_block', 'f * r', f'{number(f)} * {number(r)}', widths.expanded(f, r),
             _say('expanded'), _say('r'))
    channels('inv_residual_block', x, f)


RULES = {name: globals()[name] for name in knob_table.BLOCKS}
