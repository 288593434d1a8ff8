"""Argument checks that run before a block builds any layer.

Each check raises a ValueError with one sentence that names the block, the offending
arguments, the value they produce and what to change. The knobs are Python ints already
(see `convblocks.checks.knobs`); x, x1 and x2 are anything with a channels-last `.shape`.
"""
from convblocks import language
from convblocks.checks.errors import BlockValueError, number

# The sentences, per language; `advice` and `what` come from the rules (checks/rules.py).
SAY = {
    'en': {
        'positive': '{block}: {name} = {value}; {advice}.',
        'divisor': '{block}: {name} = {value}, but {name} divides the filter count; '
                   'use {name} >= 1.',
        'quotient': '{block}: {formula} = {numbers} = {value} {what}; {advice}.',
        'channels': '{block}: {name} has {have} channel{plural} but f = {f}; the block combines '
                    'them element-wise{hint}, so pass f={have} or an input with {f} channels.',
        'broadcast': ' (Keras would silently broadcast a 1-channel input)',
        'same_size': '{block}: x1 is {h1}x{w1} but x2 is {h2}x{w2}; both inputs need the same '
                     'height and width.',
        'the input': 'the input',
    },
    'zh': {
        'positive': '{block}：{name} = {value}；{advice}。',
        'divisor': '{block}：{name} = {value}，但滤波器数要除以 {name}；请用 {name} >= 1。',
        'quotient': '{block}：{formula} = {numbers} = {value}，{what}；{advice}。',
        'channels': '{block}：{name} 有 {have} 个通道，但 f = {f}；模块要把两者逐元素组合{hint}，'
                    '所以请传入 f={have}，或一个有 {f} 个通道的输入。',
        'broadcast': '（Keras 会悄悄地广播只有 1 个通道的输入）',
        'same_size': '{block}：x1 是 {h1}x{w1}，而 x2 是 {h2}x{w2}；两个输入的高和宽必须相同。',
        'the input': '输入',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def positive(block, name, value, advice):
    """Require an integer knob such as f or c to be at least 1."""
    if value < 1:
        raise BlockValueError(_say('positive', block=block, name=name, value=number(value),
                                   advice=advice))


def divisor(block, name, value):
    """Require a divisor such as r or rate to be at least 1."""
    if value < 1:
        raise BlockValueError(_say('divisor', block=block, name=name, value=number(value)))


def quotient(block, formula, numbers, value, what, advice):
    """Require a computed width such as f // r to be at least 1."""
    if value < 1:
        raise BlockValueError(_say('quotient', block=block, formula=formula, numbers=numbers,
                                   value=number(value), what=what.format(value=number(value)),
                                   advice=advice))


def channels(block, x, f, name=None):
    """Require x to have exactly f channels, as an add or multiply with x needs."""
    have = x.shape[-1]
    if have != f:
        hint = _say('broadcast') if have == 1 else ''
        plural = '' if have == 1 else 's'
        raise BlockValueError(_say('channels', block=block, name=name or _say('the input'),
                                   have=number(have), plural=plural, f=number(f), hint=hint))


def same_size(block, x1, x2):
    """Require x1 and x2 to have the same height and width."""
    size1, size2 = tuple(x1.shape[1:3]), tuple(x2.shape[1:3])
    if size1 != size2:
        raise BlockValueError(_say('same_size', block=block, h1=size1[0], w1=size1[1],
                                   h2=size2[0], w2=size2[1]))
