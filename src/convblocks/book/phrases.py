"""Words the prose takes from a measurement, glued in English and in Chinese.

A sentence such as "the plain conv {glue:text}`t_reference` one of the three highest rates"
gets its verb from the measurement (myst-nb `glue`). `glue_words(name, english)` glues the
English words under `name` and their Chinese under `name_zh`; the Chinese catalogs write
{glue:text}`name_zh` in the same place, so both editions state the same verdict, each in
its own language.
"""
import re

from myst_nb import glue

ZH = {
    'agree exactly': '完全一致',
    'differ': '有差异',
    'achieved': '达到了',
    'did not reliably achieve': '未能稳定达到',
    'ran at under three quarters of its rate': '运行速率都不到普通 3x3 conv 的四分之三',
    'did not all run at under three quarters of its rate':
        '并非都不到普通 3x3 conv 速率的四分之三',
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

# A list of block names (one or two lowercase words each), as claims.names and
# claims.fewest_macs write it: 'se_block', 'bottleneck and residual'.
NAME = r'[a-z_]+( [a-z_]+)?'
NAMES = re.compile(rf'{NAME}(, {NAME})*( and {NAME})?')


def chinese(english):
    """The Chinese for glued English words; block names stay, joined the Chinese way."""
    if english in ZH:
        return ZH[english]
    if NAMES.fullmatch(english):
        return english.replace(' and ', '和').replace(', ', '、')
    raise ValueError(f'phrases: no Chinese for {english!r}; add it to convblocks.book.phrases.ZH.')


def glue_words(name, english):
    """Glue `english` as {glue:text}`name` and its Chinese as {glue:text}`name_zh`."""
    glue(name, english, display=False)
    glue(f'{name}_zh', chinese(english), display=False)
