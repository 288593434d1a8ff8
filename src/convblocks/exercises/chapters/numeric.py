"""Numeric answers: exact comparison, a specific message for each typical wrong answer.

The same data feeds the Python check and the book's answer box: the box gets SHA-256 hashes
of `salt:answer` (never the numbers) and the messages in English and Chinese.
"""
import hashlib
import numbers
import re
from dataclasses import dataclass

from convblocks import language
from convblocks.building.sandbox import short
from convblocks.exercises.chapters.verdict import Verdict

# Digit-group separators a reader may type: spaces (also no-break and ideographic), commas
# (also the full-width one), underscores and apostrophes. answers.js uses the same set.
SEPARATORS = re.compile(r"[\s,_'\u2019\u00a0\u202f\u3000\uff0c]")
FULL_WIDTH = str.maketrans('０１２３４５６７８９', '0123456789')
MAX_DIGITS = 30   # longer numbers are refused (answers.js too): no answer comes close


@dataclass(frozen=True)
class Wrong:
    """A typical wrong answer and what it means, in English and Chinese."""
    value: int
    en: str
    zh: str


# The sentence for a wrong answer that is not a typical one, by kind of question.
GENERIC = {
    'params': ('Count layer by layer: a k x k conv from C to F channels has k·k·C·F weights and '
               'F biases; pools, adds and concatenations have none.',
               '逐层计数：k x k 卷积从 C 个通道到 F 个通道，有 k·k·C·F 个权重和 F 个偏置；'
               '池化、相加和拼接没有参数。'),
    'macs': ('Count one multiply-accumulate per kernel weight per output position; biases, '
             'pools and adds count 0.',
             '每个输出位置上的每个卷积核权重算一次乘加运算；偏置、池化和相加不计。'),
    'channels': ('Follow the channels through the block: which tensors end up stacked in the '
                 'output?',
                 '沿着模块跟踪通道数：输出中拼接了哪些张量？'),
    'budget': ('Work out the count for your value and for its neighbours: the answer is the '
               'largest value that stays within the budget.',
               '算出你的取值及其相邻取值的参数量：答案是不超出预算的最大取值。'),
}


def normalize(value):
    """The answer as an int ('1,680', ' 1680 ', '１６８０', 1680.0, numpy ints), else None.

    Only the digits 0-9 (ASCII or full-width) count: '²', '①' or '١٢' are refused, and so is
    anything negative or longer than MAX_DIGITS digits, exactly as the book's answer box does.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**MAX_DIGITS:
        value = int(value)
    if isinstance(value, numbers.Integral):
        value = int(value)
        return value if 0 <= value < 10**MAX_DIGITS else None
    if isinstance(value, str):
        text = SEPARATORS.sub('', value[:10 * MAX_DIGITS]).translate(FULL_WIDTH)
        if re.fullmatch('[0-9]{1,%d}' % MAX_DIGITS, text):
            return int(text)
    return None


# The verdicts' sentences; {given} and {answer} are numbers written with commas.
TEXT = {
    'en': {'todo': 'replace None with your number and run this cell again.',
           'not_a_number': 'Give a whole number, e.g. 1234 or "1,234", not {value}.',
           'right': '{answer} is right.', 'wrong': '{given} is not it. {why}'},
    'zh': {'todo': '把 None 换成你算出的数，再运行这个单元格。',
           'not_a_number': '请给出一个整数，例如 1234 或 "1,234"，而不是 {value}。',
           'right': '{answer} 是对的。', 'wrong': '{given} 不是答案。{why}'},
}


def in_language(en, zh):
    """The one of two sentences that is in the current language."""
    return language.pick(en=en, zh=zh)


def check_number(value, answer, wrong, kind, judge=None):
    """A Verdict on the reader's `value`: exact match, a typical mistake, or the judge's word."""
    text = TEXT[language.current()]
    if value is None:
        return Verdict('todo', text['todo'])
    given = normalize(value)
    if given is None:
        return Verdict('fail', text['not_a_number'].format(value=short(value)))
    if given == answer:
        return Verdict('pass', text['right'].format(answer=f'{answer:,}'))
    for mistake in wrong:
        if mistake.value == given:
            return Verdict('fail', text['wrong'].format(given=f'{given:,}',
                                                        why=in_language(mistake.en, mistake.zh)))
    sentence = judge(given) if judge else None
    return Verdict('fail', text['wrong'].format(given=f'{given:,}',
                                                why=sentence or in_language(*GENERIC[kind])))


def digest(salt, value):
    """The hex SHA-256 of 'salt:value' that the answer box compares in the browser."""
    return hashlib.sha256(f'{salt}:{value}'.encode()).hexdigest()
