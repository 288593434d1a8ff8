"""The sentences the chapters' code cells print, in English and Chinese.

A cell prints `sentence(key, **values)`: SENTENCES[language.current()][key] filled in with
str.format, so the Chinese notebooks (code identical, `language.use('zh')` first) print
Chinese. Two conversions serve the Chinese: `{n!c}` writes a count in 万 and 亿
(phrases.chinese_count; '161 万次') and `{ok!y}` writes a truth value as 是 or 否; in English both
write the value as Python does.
"""
import re
import string

from convblocks import language
from convblocks.book.phrases import chinese_count

SENTENCES = {
    'en': {
        'conv_formula': 'conv 3x3, 32 -> 64 channels, formula: {params:,} parameters',
        'conv_keras': 'conv 3x3, Keras count_params():       {params:,}',
        'sepconv_keras': 'separable conv, Keras count_params(): {params:,}',
        'conv_shape': 'conv with {knobs}: 32×32×3 -> {shape}',
        'bottleneck_saving': 'The bottleneck needs {weights:.1f} times fewer weights and '
                             '{macs:.1f} times fewer MACs.',
        'inception_saving': 'The reductions save {times:.1f} times the weights.',
        'dense_growth': 'The eighth layer costs {times:.1f} times the first.',
        'machine': '{arch}, {cores} cores',
        'resnext_more': 'ResNeXt uses {share:.1%} more weights.',
        'resnext_layers': 'layers: {paths} vs {grouped}',
        'resnext_params': 'parameters: {paths:,} vs {grouped:,}',
        'resnext_difference': 'max abs difference: {difference:.1e}',
        'resnext_equal': 'equal up to float32 rounding (< 1e-5): {ok!y}',
        'groups_weights': '5x5, 96 -> 256, groups={groups}: {weights:,} weights',
        'resnext_in_keras': 'ResNeXt models in keras.applications: {names}',
        'grouped_weights': 'grouped 3x3, 16 groups of 1 channel: {weights} weights',
        'depthwise_weights': 'depthwise 3x3 on 16 channels:        {weights} weights',
        'paths_form': 'article, 16 paths of width 1  {weights:,} weights in {convs} convolutions',
        'depthwise_form': 'depthwise form                {weights:,} weights in {convs} '
                          'convolutions',
        'se_adds': 'SE adds {weights:.1%} weights and {macs:.4%} MACs.',
        'se_pool_scale': 'pool + scale: {operations:,} operations, {share:.2%} of the block',
        'se_one_gain': 'one gain per channel: {ok!y}',
        'se_gains_inside': 'all gains strictly between 0 and 1: {ok!y}',
        'inverted_weights': 'The inverted residual has {weights:.2f} times the weights\n'
                            'and hands on a tensor {tensor:.0f} times smaller.',
        'residual_zeroed': '{block:15} max |output - input| = {moved:.4f}, '
                           'max |output| = {size:.4f}',
        'residual_above': 'every output value >= its input value: {ok!y}',
        'trainable': 'trainable: {trainable:,} of {params:,} parameters',
        'at_params': 'At equal parameters',
        'at_macs': 'At equal MACs',
    },
    'zh': {
        'conv_formula': '3x3 卷积，32 -> 64 个通道，按公式：{params:,} 个参数',
        'conv_keras': '3x3 卷积，Keras 的 count_params()：{params:,}',
        'sepconv_keras': '可分离卷积，Keras 的 count_params()：{params:,}',
        'conv_shape': 'conv 取 {knobs}：32×32×3 -> {shape}',
        'bottleneck_saving': '瓶颈模块的权重只有普通 3x3 卷积的 1/{weights:.1f}，'
                             '乘加运算也只有它的 1/{macs:.1f}。',
        'inception_saving': '降维之后，权重只有朴素 Inception 模块的 1/{times:.1f}。',
        'dense_growth': '第八层的权重是第一层的 {times:.1f} 倍。',
        'machine': '{arch}，{cores} 个核心',
        'resnext_more': 'ResNeXt 模块的权重多了 {share:.1%}。',
        'resnext_layers': '层数：{paths} 对 {grouped}',
        'resnext_params': '参数：{paths:,} 对 {grouped:,}',
        'resnext_difference': '最大绝对差：{difference:.1e}',
        'resnext_equal': '在 float32 的舍入误差之内相等（< 1e-5）：{ok!y}',
        'groups_weights': '5x5，96 -> 256，groups={groups}：{weights:,} 个权重',
        'resnext_in_keras': 'keras.applications 中的 ResNeXt 模型：{names}',
        'grouped_weights': '3x3 分组卷积，16 组、每组 1 个通道：{weights} 个权重',
        'depthwise_weights': '16 个通道上的 3x3 逐深度卷积：{weights} 个权重',
        'paths_form': '原文写法，16 条宽为 1 的路径：{convs} 个卷积共 {weights:,} 个权重',
        'depthwise_form': '逐深度卷积写法：{convs} 个卷积共 {weights:,} 个权重',
        'se_adds': 'SE 模块增加了 {weights:.1%} 的权重和 {macs:.4%} 的乘加运算。',
        'se_pool_scale': '池化 + 缩放：{operations!c} 次运算，占整个模块的 {share:.2%}',
        'se_one_gain': '每个通道一个增益：{ok!y}',
        'se_gains_inside': '所有增益都严格介于 0 和 1 之间：{ok!y}',
        'inverted_weights': '倒残差模块的权重是残差模块的 {weights:.2f} 倍，\n'
                            '传给下一层的张量只有它的 1/{tensor:.0f}。',
        'residual_zeroed': '{block:15} 最大 |输出 - 输入| = {moved:.4f}，'
                           '最大 |输出| = {size:.4f}',
        'residual_above': '每个输出值都 >= 它的输入值：{ok!y}',
        'trainable': '可训练的参数：{params:,} 个中的 {trainable:,} 个',
        'at_params': '参数相等时',
        'at_macs': '乘加次数相等时',
    },
}


class _Formatter(string.Formatter):
    """str.format with two more conversions: !c (a count in 万/亿) and !y (是/否)."""

    def __init__(self, lang):
        super().__init__()
        self.lang = lang

    def convert_field(self, value, conversion):
        if conversion == 'c':
            return chinese_count(value) if self.lang == 'zh' else value
        if conversion == 'y':
            return ('是' if value else '否') if self.lang == 'zh' else value
        return super().convert_field(value, conversion)


def sentence(key, **values):
    """The sentence `key` in the current language with `values` filled in."""
    lang = language.current()
    if key not in SENTENCES[lang]:
        raise KeyError(f'convblocks.book.sentences has no sentence {key!r}; '
                       f'its sentences are {", ".join(SENTENCES[lang])}.')
    text = _Formatter(lang).format(SENTENCES[lang][key], **values)
    # '161 万 次' -> '161 万次': no space between two Chinese characters
    return re.sub(r'([万亿]) (?=[\u4e00-\u9fff])', r'\1', text) if lang == 'zh' else text
