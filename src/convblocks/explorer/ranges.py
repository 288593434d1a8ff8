"""What explore() makes of its keywords: each knob's values, start and kind, within budget.

A range is read before anything is built, and never further than the budget: len() first
where the range has one (range(1, 10**8) is refused at once), else at most MAX_POINTS + 1
values (iter(int, 1) never ends, so reading it to the end would never return), under the
sandbox's time limit (a reader's generator may loop). Values may be any hashable values:
numbers slide, other values (text, True/False, None) are a choice of buttons, and a range of
one value is a fixed knob shown as text.
"""
import itertools
import math
import numbers
import sys
from dataclasses import dataclass

from convblocks import language
from convblocks.building import sandbox
from convblocks.checks import knobs as knob_table
from convblocks.checks.errors import BlockTypeError, BlockValueError, Sentence, number, short

# explore() refuses grids beyond these budgets; raise them here if you need more.
MAX_POINTS = 5000        # settings of the whole grid (each is counted and stored)
MAX_READER_POINTS = 300  # settings of a reader's block (each is a Keras build, about 0.1 s)
EXACT = 2**53            # a JavaScript number holds ints up to this exactly
POW2 = (8, 16, 32, 64, 128, 256)
DEFAULT_VALUES = {'f': POW2}   # slider values of a reader's knob named so, given no range


@dataclass
class Knob:
    """One knob: its values (Python's own), the start position, and how the page shows it."""
    values: tuple
    start: int

    @property
    def kind(self):
        """'slider' for numbers the page can hold exactly, else 'choice' (a row of buttons)."""
        return 'slider' if all(_plain_number(v) for v in self.values) else 'choice'

    def shown(self):
        """The values as the page gets them: numbers for a slider, labels for buttons."""
        return list(self.values) if self.kind == 'slider' else [label(v) for v in self.values]


def label(value):
    """How a value reads on a button or in a caption: text as it is, anything else shortened."""
    return value if isinstance(value, str) else short(value)


def _plain_number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) < EXACT if isinstance(value, int) else math.isfinite(value)


# The sentences of a range explore() cannot use, per language.
SAY = {
    'en': {
        'reading': 'Reading the range of {knob}',
        'raised': 'explore: reading the range of {knob} raised {kind}: {said}',
        'no_values': 'explore: {knob} = {given} gives the slider no values; give at least one, '
                     'e.g. {knob}=(1, 2, 4).',
        'has': '{knob} has {count} values',
        'more_than': '{knob} has more than {count:,} values',
        'over': 'explore: {what}, over the budget of {most:,} slider settings; give fewer '
                'values, or raise convblocks.explorer.ranges.MAX_POINTS.',
        'changes': 'explore: {knob} = {value} cannot be a slider value (a {kind} can change); '
                   'use a number, a text or a tuple.',
        'not_finite': 'explore: {knob} = {value!r} is not a finite number; give values such as '
                      '0.5 or 2.',
        'grid': 'explore: {points:,} slider settings is over the budget of {budget:,}{why}; '
                'give fewer values, pass table=False, or raise '
                'convblocks.explorer.ranges.{name}.',
        'why': ' for a block of yours (each setting is a Keras build)',
    },
    'zh': {
        'reading': '读取 {knob} 的取值范围',
        'raised': 'explore：读取 {knob} 的取值范围时引发了 {kind}：{said}',
        'no_values': 'explore：{knob} = {given} 没有给滑块任何取值；请至少给一个，'
                     '例如 {knob}=(1, 2, 4)。',
        'has': '{knob} 有 {count} 个取值',
        'more_than': '{knob} 有超过 {count:,} 个取值',
        'over': 'explore：{what}，超出了 {most:,} 个滑块设置的预算；请给更少的取值，'
                '或调高 convblocks.explorer.ranges.MAX_POINTS。',
        'changes': 'explore：{knob} = {value} 不能作为滑块的取值（{kind} 是可变的）；'
                   '请用数、文本或元组。',
        'not_finite': 'explore：{knob} = {value!r} 不是有限的数；请给 0.5 或 2 这样的取值。',
        'grid': 'explore：{points:,} 个滑块设置超出了 {budget:,} 的预算{why}；'
                '请给更少的取值、传入 table=False，或调高 convblocks.explorer.ranges.{name}。',
        'why': '（你自己的模块每个设置都要用 Keras 构建一次）',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def read(label_, knob, given, whole):
    """The values of one range as a tuple (sorted if numbers, else in the given order).

    `whole`: the knob takes only whole numbers (the nine blocks' knobs, channels).
    """
    length = _length(knob, given)
    if length is not None and length > MAX_POINTS:
        raise _over(_say('has', knob=knob, count=number(length, True)))
    try:
        with sandbox.time_limit(sandbox.TIME_LIMIT, _say('reading', knob=knob)):
            values = list(itertools.islice(iter(given), MAX_POINTS + 1))
    except Sentence:
        raise
    except Exception as error:
        raise BlockValueError(_say('raised', knob=knob, kind=type(error).__name__,
                                   said=short(str(error), 120))) from None
    if len(values) > MAX_POINTS:
        raise _over(_say('more_than', knob=knob, count=MAX_POINTS))
    if not values:
        raise BlockValueError(_say('no_values', knob=knob, given=short(given)))
    return _tidy(label_, knob, [_value(label_, knob, v, whole) for v in values])


def _length(knob, given):
    """len(given), or None if it has none; a sentence if it is too long for len()."""
    try:
        return len(given)
    except OverflowError:                    # len(range(10**20)): more than sys.maxsize
        raise _over(_say('more_than', knob=knob, count=sys.maxsize)) from None
    except Exception:
        return None


def _over(what):
    return BlockValueError(_say('over', what=what, most=MAX_POINTS))


def _value(label_, knob, value, whole):
    """One value checked: a whole number where the knob needs one, else anything hashable."""
    if whole:
        return knob_table.whole(label_, knob, value)
    try:
        hash(value)
    except TypeError:
        raise BlockTypeError(_say('changes', knob=knob, value=short(value),
                                  kind=type(value).__name__)) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise BlockValueError(_say('not_finite', knob=knob, value=value))
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


def _tidy(label_, knob, values):
    """Values without repeats: sorted if they are all numbers, else in the order given."""
    unique = list(dict.fromkeys((type(v), v) for v in values))   # 1 and True stay apart
    values = [v for _, v in unique]
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return tuple(sorted(values))
    return tuple(values)


def knob_from(label_, knob, given, default, whole):
    """The Knob for one keyword of explore(): a range, or a single value.

    A single int (not bool) starts the knob's default range there; any other single value,
    or a range of one value, fixes the knob.
    """
    single = isinstance(given, (str, bytes)) or not _iterable(given)
    if single:
        value = _value(label_, knob, given, whole) if whole or _hashable(given) else given
        if isinstance(value, int) and not isinstance(value, bool) and default is not None:
            values = _tidy(label_, knob, [*default.values, value])
            return Knob(values, values.index(value))
        return Knob((value,), 0)
    values = read(label_, knob, given, whole)
    start = default.values[default.start] if default is not None else None
    return Knob(values, values.index(start) if start in values else len(values) // 2)


def _iterable(value):
    try:
        iter(value)
    except Exception:
        return False
    return True


def _hashable(value):
    try:
        hash(value)
    except Exception:
        return False
    return True


def grid_size(knobs, reader):
    """Refuse a grid of more settings than the budget, from the lengths alone."""
    points = math.prod(len(k.values) for k in knobs.values())
    budget, name = (MAX_READER_POINTS, 'MAX_READER_POINTS') if reader else \
        (MAX_POINTS, 'MAX_POINTS')
    why = _say('why') if reader else ''
    if points > budget:
        raise BlockValueError(_say('grid', points=points, budget=budget, why=why, name=name))
    return points
