"""Every text the explorer's JavaScript writes, in English and Chinese.

The page picks the language from <html lang>; Python's `Explorer.text` writes in
`language.current()`. The graph boxes' words come from drawing/labels.py (one table for the
drawings and the explorer). `per_block` renames a knob for one block: the inverted residual's
r expands (扩展系数) where the other blocks' r squeezes (压缩系数).
Placeholders in braces are filled in by name, e.g. '{f} // {r}'; '{q|channel}' gives
'1 channel' or '8 channels'.
"""
import re

from convblocks.drawing import labels

EN = {
    'params': 'parameters',
    'macs': 'MACs on a {size}×{size} input',
    'compare': 'One plain 3×3 conv from {cin|channel} to {cout|channel} has {plain} parameters; '
               'this block has {ratio}× as many.',
    'squeeze': 'squeezed layers: f // r = {f} // {r} = {q|channel}',
    'naive_out': 'output: 3 × {f} + {channels} (pooled input) = {out|channel}',
    'reductions': 'reductions: f // 3 = {a} (3×3 branch), f // r = {f} // {r} = {b} (5×5 branch)',
    'paths': '{c|path}, each f // (c·r) = {f} // ({c}·{r}) = {w|channel} wide',
    'dense_out': 'output: {channels} + {d} × {f} = {out|channel}',
    'se': 'squeeze layer: f // rate = {f} // {rate} = {q|unit}',
    'cell_out': 'output: 5 × {f} = {out|channel}',
    'expand': 'expansion layer: f × r = {f} × {r} = {q|channel}',
    'io_fixed': 'input {size}×{size}×{cin}, output {shape}',
    'io_from_f': 'input {size}×{size}×{cin}: its width follows f (explore(..., channels=32) '
                 'fixes it); output {shape}',
    'io_default': 'input {size}×{size}×{cin}: 32 channels, as the block has no whole-number f '
                  '(explore(..., channels=16) changes it); output {shape}',
    'no_sliders': 'No sliders: every knob of {block} has one value ({fixed}). Give a knob '
                  'several values to slide it, e.g. explore({block}, {knob}=(1, 2, 4)).',
    'no_knobs': '{block} has no knobs besides its input, so there is nothing to slide; give it '
                'keyword arguments, e.g. def {block}(x, f=32).',
    'caption': 'Graph of {block} at {setting}.',
    'caption_plain': 'Graph of {block}.',
    'folded': ' Repeated units: the first and the last of {total} are drawn.',
    'withdrawn': 'No graph: this setting is impossible.',
    'error_formula': '{message}',
    'error': '{message}',
    'box': '{label}: type a value',
    'snapped': '{knob} = {typed} is not on the slider; moved to the nearest value, {value}.',
    'not_number': '{knob}: type a number such as {value}.',
    **labels.WORDS['en'],
    'f': 'filters f', 'r': 'ratio r', 'c': 'paths c', 'd': 'layers d', 'rate': 'rate',
    'channels': 'input channels',
    'per_block': {},
    'repr': 'explore({block}): run this cell to see the sliders.',
}

ZH = {
    'params': '参数',
    'macs': '{size}×{size} 输入上的乘加运算 (MACs)',
    'compare': '一个从 {cin} 个通道到 {cout} 个通道的普通 3×3 卷积有 {plain} 个参数；'
               '这个模块的参数是它的 {ratio} 倍。',
    'squeeze': '瓶颈层：f // r = {f} // {r} = {q} 个通道',
    'naive_out': '输出：3 × {f} + {channels}（池化后的输入）= {out} 个通道',
    'reductions': '降维：f // 3 = {a}（3×3 分支），f // r = {f} // {r} = {b}（5×5 分支）',
    'paths': '{c} 条路径，每条宽 f // (c·r) = {f} // ({c}·{r}) = {w} 个通道',
    'dense_out': '输出：{channels} + {d} × {f} = {out} 个通道',
    'se': '挤压层：f // rate = {f} // {rate} = {q} 个单元',
    'cell_out': '输出：5 × {f} = {out} 个通道',
    'expand': '扩展层：f × r = {f} × {r} = {q} 个通道',
    'io_fixed': '输入 {size}×{size}×{cin}，输出 {shape}',
    'io_from_f': '输入 {size}×{size}×{cin}：输入宽度随 f 变化'
                 '（explore(..., channels=32) 可固定它）；输出 {shape}',
    'io_default': '输入 {size}×{size}×{cin}：这个模块没有整数 f，所以取 32 个通道'
                  '（explore(..., channels=16) 可修改）；输出 {shape}',
    'no_sliders': '没有滑块：{block} 的每个旋钮都只有一个值（{fixed}）。给某个旋钮多个值即可滑动，'
                  '例如 explore({block}, {knob}=(1, 2, 4))。',
    'no_knobs': '{block} 除输入外没有旋钮，没有可以滑动的；'
                '请给它关键字参数，例如 def {block}(x, f=32)。',
    'caption': '{block} 在 {setting} 时的结构图。',
    'caption_plain': '{block} 的结构图。',
    'folded': '重复的单元共 {total} 个，图中只画出第一个和最后一个。',
    'withdrawn': '没有结构图：这个设置无法构建。',
    'error_formula': '{block}：{formula}，小于 1，这个设置无法构建；请换一个设置。',
    'error': '{block}：这个设置无法构建（{message}）',
    'box': '{label}：输入一个值',
    'snapped': '{knob} = {typed} 不在滑块上；已移到最接近的值 {value}。',
    'not_number': '{knob}：请输入一个数，例如 {value}。',
    **labels.WORDS['zh'],
    'f': '滤波器 f', 'r': '压缩系数 r', 'c': '路径 c', 'd': '层数 d', 'rate': '缩减比 rate',
    'channels': '输入通道',
    'per_block': {'inv_residual_block': {'r': '扩展系数 r'}},
    'repr': 'explore({block})：运行这个单元格即可看到滑块。',
}

STRINGS = {'en': EN, 'zh': ZH}


def fill(template, values):
    """Fill '{name}' and '{name|noun}' placeholders from `values` (as cb-common.js fill() does)."""
    def one(match):
        value = values[match.group(1)]
        noun = match.group(2)
        if noun is None:
            return str(value)
        return f'{value} {noun}{"" if value == 1 else "s"}'
    return re.sub(r'\{(\w+)(?:\|(\w+))?\}', one, template)
