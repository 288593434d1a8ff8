"""The comparison's block labels ('ResNeXt, 4 paths', 'NASNet normal cell') in the current
language, for charts, printed lines and glued lists; code names such as 'inv_residual_block'
stay."""
import re

from convblocks import language

# English label -> Chinese, in the glossary's terms (book/glossary.md).
ZH = {
    '3x3 conv': '3x3 卷积',
    'bottleneck': '瓶颈模块',
    'naive inception': '朴素 Inception 模块',
    'inception': 'Inception 模块',
    'residual': '残差模块',
    'ResNeXt': 'ResNeXt 模块',
    'ResNeXt, 4 paths': 'ResNeXt 模块（4 条路径）',
    'ResNeXt, Fig. 3(c)': 'ResNeXt 模块（图 3(c)）',
    'ResNeXt, grouped copy': 'ResNeXt 模块（分组卷积版）',
    'dense': '密集模块',
    'SE': 'SE 模块',
    '3x3 conv + SE': '3x3 卷积 + SE 模块',
    'NASNet normal cell': 'NASNet 普通单元',
    'inverted residual': '倒残差模块',
    'stem only': '仅主干',
    # the comparison's verdicts (experiments.claims glues these)
    'higher': '更高', 'lower': '更低', 'no clear difference': '无明确差异',
}


# A space the Chinese spacing rule drops: between two Chinese characters (or full-width
# brackets), e.g. around the 和 of '瓶颈模块 和 残差模块'.
HAN_SPACE = re.compile(r'(?<=[\u4e00-\u9fff）]) (?=[\u4e00-\u9fff（])')


def joined_zh(labels):
    """Labels in Chinese, joined the Chinese way: ['bottleneck', 'residual'] ->
    '瓶颈模块和残差模块', ['x', 'y', 'z'] -> 'x、y 和 z' (a space beside 和 only next to a
    Latin word or a number)."""
    said = [ZH.get(label, label) for label in labels]
    text = said[0] if len(said) == 1 else '、'.join(said[:-1]) + ' 和 ' + said[-1]
    return HAN_SPACE.sub('', text)


def shown(label):
    """`label` as the current language writes it: unchanged in English (and for a code name),
    its glossary term in Chinese."""
    return ZH.get(label, label) if language.current() == 'zh' else label
