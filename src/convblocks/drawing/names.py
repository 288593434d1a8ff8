"""The comparison's block labels ('ResNeXt, 4 paths', 'NASNet normal cell') in the current
language, for charts and printed lines; code names such as 'inv_residual_block' stay."""
from convblocks import language

# English label -> Chinese, in the glossary's terms (book/glossary.md).
ZH = {
    '3x3 conv': '3x3 卷积',
    'bottleneck': '瓶颈模块',
    'naive inception': '朴素 Inception 模块',
    'inception': 'Inception 模块',
    'residual': '残差模块',
    'ResNeXt': 'ResNeXt 模块',
    'ResNeXt, 4 paths': 'ResNeXt 模块，4 条路径',
    'ResNeXt, Fig. 3(c)': 'ResNeXt 模块，图 3(c)',
    'ResNeXt, grouped copy': 'ResNeXt 模块，分组卷积版',
    'dense': '密集模块',
    'SE': 'SE 模块',
    '3x3 conv + SE': '3x3 卷积 + SE 模块',
    'NASNet normal cell': 'NASNet 普通单元',
    'inverted residual': '倒残差模块',
    'stem only': '仅主干',
}


def shown(label):
    """`label` as the current language writes it: unchanged in English (and for a code name),
    its glossary term in Chinese."""
    return ZH.get(label, label) if language.current() == 'zh' else label
