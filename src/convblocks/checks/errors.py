"""Errors that carry one sentence for the reader, and the numbers those sentences show.

The errors are ordinary ValueError and TypeError subclasses, so `except ValueError` still
works; Jupyter shows their sentence, not a traceback. `number` and `short` put a value into
a sentence without writing out a huge int in full (Python refuses to turn an int of more
than 4,300 digits into text, and nobody reads 200 digits).
"""
import math

from convblocks import language

LONG_INT_BITS = 100     # ints longer than this (about 30 digits) are described, not written


class Sentence(Exception):
    """An error whose message is all a reader needs to see."""

    def _render_traceback_(self):
        """IPython and Jupyter show this instead of the traceback."""
        return [f'{type(self).__name__}: {self}']


class BlockValueError(Sentence, ValueError):
    """A setting a block cannot build, e.g. f // r = 0 channels."""


class BlockTypeError(Sentence, TypeError):
    """A knob or argument of the wrong kind, e.g. f = 32.5 or an unknown knob."""


def _long(value):
    return isinstance(value, int) and not isinstance(value, bool) and \
        value.bit_length() > LONG_INT_BITS


def digits(value):
    """How many decimal digits an int has, without writing it out: digits(10**5000) == 5001."""
    value = abs(value)
    guess = max(1, math.floor(value.bit_length() * math.log10(2)))
    while guess > 1 and value < 10 ** (guess - 1):
        guess -= 1
    while value >= 10 ** guess:
        guess += 1
    return guess


def _described(value):
    if language.current() == 'zh':
        return f'{digits(value):,} 位的{"负" * (value < 0)}数'
    return f'a{" negative" * (value < 0)} number with {digits(value):,} digits'


def listed(names):
    """Names in a sentence's list: 'f, r' in English, 'f、r' in Chinese."""
    return ('、' if language.current() == 'zh' else ', ').join(names)


def number(value, commas=False):
    """An int as a sentence shows it: '32', '1,234' (commas=True), or 'a number with 201 digits'."""
    if _long(value):
        return _described(value)
    if commas and isinstance(value, int) and not isinstance(value, bool):
        return f'{value:,}'
    return str(value) if isinstance(value, (int, float)) else short(value)


def short(value, width=40):
    """repr(value), shortened: huge ints are described, long texts cut with '...'."""
    if _long(value):
        return _described(value)
    try:
        text = repr(value)
    except Exception:                       # a reader's object whose __repr__ fails
        text = f'<{type(value).__name__}>'
    return text if len(text) <= width else text[:width - 3] + '...'
