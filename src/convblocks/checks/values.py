"""Argument checks that run before a block builds any layer.

Each check raises a ValueError with one sentence that names the block, the offending
arguments, the value they produce and what to change. The knobs are Python ints already
(see `convblocks.checks.knobs`); x, x1 and x2 are anything with a channels-last `.shape`.
"""
from convblocks.checks.errors import BlockValueError
from convblocks.wording import count


def positive(block, name, value, advice):
    """Require an integer knob such as f or c to be at least 1."""
    if value < 1:
        raise BlockValueError(f'{block}: {name} = {value}; {advice}.')


def divisor(block, name, value):
    """Require a divisor such as r or rate to be at least 1."""
    if value < 1:
        raise BlockValueError(f'{block}: {name} = {value}, but {name} divides the filter count; '
                         f'use {name} >= 1.')


def quotient(block, formula, numbers, value, what, advice):
    """Require a computed width such as f // r to be at least 1."""
    if value < 1:
        raise BlockValueError(f'{block}: {formula} = {numbers} = {value} {what}; {advice}.')


def channels(block, x, f, name='the input'):
    """Require x to have exactly f channels, as an add or multiply with x needs."""
    have = x.shape[-1]
    if have != f:
        hint = ' (Keras would silently broadcast a 1-channel input)' if have == 1 else ''
        raise BlockValueError(f'{block}: {name} has {count(have, "channel")} but f = {f}; the '
                              f'block combines them element-wise{hint}, so pass f={have} or an '
                              f'input with {f} channels.')


def same_size(block, x1, x2):
    """Require x1 and x2 to have the same height and width."""
    size1, size2 = tuple(x1.shape[1:3]), tuple(x2.shape[1:3])
    if size1 != size2:
        raise BlockValueError(f'{block}: x1 is {size1[0]}x{size1[1]} but x2 is '
                              f'{size2[0]}x{size2[1]}; both inputs need the same height and '
                              f'width.')
