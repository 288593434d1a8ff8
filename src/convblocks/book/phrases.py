"""Words the prose takes from a measurement, glued in English and in Chinese.

A sentence such as "the plain conv {eval}`glued.t_reference` one of the three highest
rates" gets its verb from the measurement (convblocks.book.glued). `glue_words(name, english)`
glues the English words under `name` and their Chinese under `name_zh`; the Chinese catalogs write
{eval}`glued.name_zh` in the same place, so both editions state the same verdict, each in
its own language. `glue_count(name, number, english)` does the same for a large count,
which Chinese writes in 万 and 亿 (35,900,000 -> '3590 万'): `chinese_count`.

Spacing in the Chinese edition: one space between a Chinese character and a Latin word or a
number, none between two Chinese characters or next to full-width punctuation. The Chinese
catalogs write no space around a glued Chinese phrase and one around glued block names.
"""
import re

from convblocks.book.glued import glue

from convblocks.drawing.names import joined_zh

ZH = {
    'agree exactly': '完全一致',
    'differ': '有差异',
    'achieved': '位列',
    'did not reliably achieve': '未能稳定位列',
    'ran at under three quarters of its rate': '运行速率都不到普通 3x3 卷积的四分之三',
    'did not all run at under three quarters of its rate':
        '并非都不到普通 3x3 卷积速率的四分之三',
    'was slower than': '慢于',
    'was not reliably slower than': '并不稳定地慢于',
    'tended to win': '往往赢得',
    'did not reliably win': '并未稳定赢得',
    'equal': '相等',
    'different': '不同',
    'exactly twice': '恰好两倍',
    'not twice': '不是两倍',
    'the same': '相同',
    'none': '无',
}

# A list of block names (one or two lowercase words each), as claims.joined and
# claims.fewest_macs write it (wording.listing): 'se_block', 'bottleneck and residual'.
NAME = r'[a-z_]+( [a-z_]+)?'
NAMES = re.compile(rf'{NAME}(, {NAME})*( and {NAME})?')


def chinese(english):
    """The Chinese for glued English words; block names in Chinese (drawing.names: a label
    such as 'bottleneck' becomes 瓶颈模块, a code name stays), joined the Chinese way."""
    if english in ZH:
        return ZH[english]
    if NAMES.fullmatch(english):
        return joined_zh(re.split(', | and ', english))
    raise ValueError(f'phrases: no Chinese for {english!r}; add it to convblocks.book.phrases.ZH.')


# Chinese groups digits by four: 万 (10^4), 亿 (10^8), 万亿 (10^12).
CHINESE_UNITS = ((10**12, '万亿'), (10**8, '亿'), (10**4, '万'))


def chinese_count(number):
    """A count as Chinese writes it: 35_900_000 -> '3590 万', 18_496 -> '1.85 万', 512 -> '512'.

    Below 10,000 the number is written out; above, it is given in the largest unit with at
    least three significant digits (trailing zeros dropped)."""
    if number < 0:
        return '-' + chinese_count(-number)
    for size, unit in CHINESE_UNITS:
        if number >= size:
            value = number / size
            decimals = 0 if value >= 100 else 1 if value >= 10 else 2
            text = f'{value:.{decimals}f}'
            if '.' in text:
                text = text.rstrip('0').rstrip('.')
            return f'{text} {unit}'
    return f'{number:,}' if isinstance(number, int) else f'{number:g}'


def glue_count(name, number, english):
    """Glue `english` (the count as the English prose writes it) as glued.name and the
    count in Chinese units as glued.name_zh ('3590 万'; the catalogs add '次', '个')."""
    glue(name, english, display=False)
    glue(f'{name}_zh', chinese_count(number), display=False)


def glue_words(name, english):
    """Glue `english` as glued.name and its Chinese as glued.name_zh."""
    glue(name, english, display=False)
    glue(f'{name}_zh', chinese(english), display=False)
