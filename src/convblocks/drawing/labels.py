"""The words a graph box writes, in English and Chinese: one table for drawings and explorer.

`drawing.graphs` labels its boxes from WORDS[language.current()]; explorer/strings.py hands
the same entries to the explorer's JavaScript, so a static drawing and an explorer on the same
page say "8 个滤波器" and "3x3 卷积" alike. `ops` translates the operation a box names
('conv 3x3' -> '3x3 卷积'); English keeps the names the code uses.
"""
import re

from convblocks import language

WORDS = {
    'en': {
        'filter': 'filter', 'filters': 'filters', 'unit': 'unit', 'units': 'units',
        'stride': 'stride', 'dilation': 'dilation', 'groups': 'groups',
        'more': '⋯ {hidden} more like these',
        'more_total': '({total} in all)',
        'ops': {},
    },
    'zh': {
        'filter': '个滤波器', 'filters': '个滤波器', 'unit': '个单元', 'units': '个单元',
        'stride': '步幅', 'dilation': '膨胀率', 'groups': '分组数',
        'more': '⋯ 另有 {hidden} 个相同单元',
        'more_total': '（共 {total} 个）',
        'ops': {
            'input': '输入', 'conv': '卷积', 'sepconv': '可分离卷积',
            'depthwise conv': '逐深度卷积', 'maxpool': '最大池化', 'avgpool': '平均池化',
            'global avgpool': '全局平均池化', 'global maxpool': '全局最大池化',
            'dense': '全连接层', 'add': '相加', 'sum': '求和', 'concat': '拼接',
            'multiply': '相乘', 'batch norm': '批归一化', 'identity': '恒等',
        },
    },
}

# A cell's lettered sums ('add a' ... 'add e') are 求和 in Chinese, a plain add 相加.
LETTERED_SUM = re.compile(r'add ([a-z])')
# A kernel size after the operation ('conv 3x3'): Chinese writes it first ('3x3 卷积').
KERNEL = re.compile(r' (\d+x\d+)')


def words():
    """The box words of the current language."""
    return WORDS[language.current()]


def title(text):
    """A box's title in the current language: 'x1: conv 3x3' -> 'x1：3x3 卷积' in Chinese.

    The operation's word is translated (the longest that fits); a name the code gave the
    layer, a kernel size and an activation such as 'relu' stay as they are.
    """
    ops = words()['ops']
    if not ops:
        return text
    name, colon, op = text.rpartition(': ')
    lettered = LETTERED_SUM.fullmatch(op)
    if lettered:
        op = f"{ops['sum']} {lettered.group(1)}"
    else:
        key = next((k for k in sorted(ops, key=len, reverse=True)
                    if op == k or op.startswith(k + ' ')), None)
        if key is not None:
            rest = op[len(key):]
            kernel = KERNEL.match(rest)
            op = (f'{kernel.group(1)} {ops[key]}{rest[kernel.end():]}' if kernel
                  else ops[key] + rest)
    return f'{name}：{op}' if colon else op


def separator():
    """What joins the parts of a box's title: ', ' in English, '，' in Chinese."""
    return ', ' if language.current() == 'en' else '，'


def extra(word, value):
    """', stride 2' in English, '，步幅 2' in Chinese."""
    return f'{separator()}{words().get(word, word)} {value}'


def count(n, unit):
    """'8 filters' / '1 filter' in English, '8 个滤波器' in Chinese."""
    table = words()
    if language.current() == 'en':
        return f'{n} {table[unit] if n == 1 else table[unit + "s"]}'
    return f'{n} {table[unit]}'


def more(hidden, total):
    """The two lines of a folded graph's 'more' box."""
    table = words()
    return table['more'].format(hidden=hidden) + '\n' + table['more_total'].format(total=total)
