"""Small display helpers for the book's notebooks: source listings and result tables."""
import html
import inspect
import itertools
import re
import unicodedata

from IPython.display import Markdown, display

from convblocks import language
from convblocks.drawing import names


def code(fn):
    """The source code of a function (e.g. a block), as the listings show it."""
    return inspect.getsource(fn).rstrip()


def source(fn):
    """A function's source as a highlighted Python listing (Markdown, for a notebook cell)."""
    return Markdown(f'```python\n{code(fn)}\n```')


def source_html(fn, decorators=True):
    """A function's source as a highlighted HTML listing (Pygments, the book's own styles),
    for listings inside other HTML: hints and solutions. decorators=False leaves out the
    decorator lines (a listing a reader pastes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    lines = code(fn).splitlines(keepends=True)
    if not decorators:
        lines = lines[next(i for i, line in enumerate(lines) if line.lstrip().startswith('def ')):]
    return highlight(''.join(lines) + '\n', PythonLexer(), HtmlFormatter(cssclass='highlight'))


# Words of the result tables' cells in Chinese (block labels: drawing.names): exact cells,
# then patterns for the cells with a number in them.
CELLS = {'weights': '权重', 'biases': '偏置', 'batch norm': '批归一化', 'stem': '起始层',
         'head': '头部', 'plain': '普通网络', 'naive': '朴素', 'with reductions': '带降维',
         'residual block': '残差模块', 'True': '是', 'False': '否'}
CELL_PATTERNS = [(re.compile(r'stage (\d+)'), r'阶段 \1'),
                 (re.compile(r'depthwise (\d+x\d+)'), r'\1 逐深度卷积'),
                 (re.compile(r'ResNeXt, (\d+) paths x (\d+) channels'),
                  r'ResNeXt 模块，\1 条路径 × \2 个通道'),
                 (re.compile(r'(ResNeXt|SE) block, (.+)'), r'\1 模块，\2'),
                 (re.compile(r'\brate (\d+)$'), r'缩减比 \1')]


def _cell_words(text):
    """A text cell in the current language: a word of CELLS, a column's name (the fair
    table's budget cells, 'params' and 'MACs', name columns), a pattern, a block's label."""
    if language.current() != 'zh':
        return text
    if text in CELLS:
        return CELLS[text]
    if text in HEADINGS['zh']:
        return HEADINGS['zh'][text]
    for pattern, chinese in CELL_PATTERNS:
        text = pattern.sub(chinese, text)
    return names.shown(text)


def _cell(value):
    """Integers with thousands separators, floats with three significant digits; a block's
    label and the comparison's words in the current language (drawing.names)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _cell_words(str(value))
    if isinstance(value, int):
        return f'{value:,}'
    return f'{value:.3g}'


# Column headings in each language, by the row key the code uses (the keys stay English: the
# notebooks read rows by them). A key missing here is shown as it is (names such as ResNet50,
# symbols such as r or GMAC/s); '{}' stands for a number inside a heading.
HEADINGS = {'en': {}, 'zh': {
    '3x3 weights': '3x3 权重', 'all weights': '全部权重', 'conv weights': '卷积权重',
    'sepconv weights': '可分离卷积权重', 'weights': '权重', 'weights (MiB)': '权重（MiB）',
    'layer weights': '该层权重', 'block weights': '模块权重',
    'params': '参数', 'params (Keras)': '参数（Keras）', 'params (formula)': '参数（公式）',
    'params ratio': '参数之比', 'AmoebaNet params': 'AmoebaNet 参数',
    'NASNet params': 'NASNet 参数',
    'MACs': '乘加次数', 'MACs (Keras)': '乘加次数（Keras）', 'MACs (formula)': '乘加次数（公式）',
    'MACs ratio': '乘加次数之比', 'MACs at 56x56': '56x56 上的乘加次数',
    'AmoebaNet MACs': 'AmoebaNet 乘加次数', 'NASNet MACs': 'NASNet 乘加次数',
    'layer': '层', 'layers': '层', 'layer d': '第 d 层', 'output': '输出', 'output KiB': '输出 KiB',
    'output channels': '输出通道数', 'block output': '模块输出', 'in': '输入', 'out': '输出',
    'naive: in': '朴素：输入', 'naive: weights': '朴素：权重',
    'reduced: in': '降维后：输入', 'reduced: weights': '降维后：权重',
    'inner channels': '内部通道数', 'reads channels': '读入通道数', 'kernel': '卷积核',
    'block': '模块', 'module': '模块', 'design': '设计', 'part': '部分', 'network': '网络',
    'article': '文章', 'difference': '差值', 'ratio': '比值', 'vs plain 3x3': '相对普通 3x3',
    'paths c': '路径数 c', 'width per path': '每条路径宽度', 'width': '宽度', 'knobs': '旋钮',
    'budget': '预算', 'memory KiB': '内存 KiB',
    'b{} ms': '批大小 {}：毫秒', 'b{} q1–q3': '批大小 {}：四分位', 'claim': '论断',
    'held': '成立次数', 'repeats': '重复次数', 'holds': '成立',
    'mean acc': '平均准确率', 'mean accuracy': '平均准确率', 'diff pp': '差（百分点）',
    'low pp': '下限（百分点）', 'high pp': '上限（百分点）', 'better in': '更好的次数',
    'sign p': '符号检验 p', 'verdict': '结论',
    'sees': '感受野', 'pixels apart': '相隔像素', 'measured': '实测',
    'seeds': '种子数', 'final loss': '最终损失', 'lowest': '最低', 'highest': '最高',
    'batch {} (MiB)': '批大小 {}（MiB）',
    'largest output, batch {} (MiB)': '最大输出，批大小 {}（MiB）',
    'estimated KiB per image': '每张图像的估计值（KiB）',
    'measured KiB per image': '每张图像的实测值（KiB）', 'measured / estimated': '实测 / 估计',
    'computed per image (KiB)': '每张图像计算的量（KiB）',
    'groups': '分组数', 'output 0 reads': '输出 0 读入', 'changes with its group': '随本组变化',
    'with the others': '随其他组变化', 'reads': '读入通道数', '3x3 alone': '只用 3x3',
    '1x1 + 3x3': '先 1x1 再 3x3', 'saved': '节省',
    'kept per image (KiB)': '每张图像保留的量（KiB）',
}}
# Headings of columns of numbers that read differently from the same key over other values.
COUNTS = {'en': {}, 'zh': {'layers': '层数'}}
# A wide table scrolls inside its own region on a phone; the region is named (numbered: each
# landmark on a page needs a name of its own) and reachable by keyboard.
SCROLLS = {'en': 'table {n} (scrolls sideways)', 'zh': '表 {n}（可左右滚动）'}
NARROWEST_PX = 358   # the width of an output at a 390 px viewport
CHAR_EM = 0.62       # a Latin letter or digit of the tables' font, at most about (a Han one: 1)
CELL_PADDING_EM = 0.8   # a cell's padding on a phone is 0.7 em (book-theme.css)
HAN = '\u4e00-\u9fff'
FONT_PX = 13         # the tables' font size on a phone (book-theme.css)
NUMBER = re.compile(r'[-+−]?[\d.,]+%?(?:\s*[±–/]\s*[-+−]?[\d.,]+%?)?')
_shown = itertools.count(1)   # tables shown so far in this kernel: one page's numbering


def heading(key, numbers=False):
    """The heading of the column `key` in the current language (`numbers`: the column holds
    numbers, which for some keys reads differently: 'layers' as a count is 层数)."""
    table = HEADINGS[language.current()]
    if numbers and key in COUNTS[language.current()]:
        return COUNTS[language.current()][key]
    if key in table:
        return table[key]
    for pattern, text in table.items():
        if '{}' in pattern:
            match = re.fullmatch(re.escape(pattern).replace(r'\{\}', r'(\d+)'), key)
            if match:
                return text.format(match.group(1))
    return key


def _width(text):
    """Columns `text` takes in a monospaced terminal (Han characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in 'WF' else 1 for ch in text)


def _min_px(text, breaks):
    """The narrowest width `text` can take in a table cell: its longest unbreakable part
    (a line may break at a space, not a no-break one, and beside a Han character, unless
    `breaks` is False)."""
    parts = re.split(rf' +|(?<=[{HAN}])|(?=[{HAN}])', text) if breaks else [text]
    widest = max((sum(1 if unicodedata.east_asian_width(ch) in 'WF' else CHAR_EM for ch in p)
                  for p in parts if p), default=0)
    return (widest + CELL_PADDING_EM) * FONT_PX


class Table:
    """A table of results: an HTML table in the book and JupyterLab, aligned text elsewhere.

    Numbers are right-aligned; the headings are in the current language (HEADINGS).
    """

    def __init__(self, rows, columns=None):
        keys = columns or list(rows[0])
        self.numeric = [all(isinstance(row[k], (int, float)) for row in rows) for k in keys]
        self.headings = [heading(str(k), n) for k, n in zip(keys, self.numeric)]
        self.cells = [[_cell(row[k]) for k in keys] for row in rows]
        self.number = next(_shown)

    def __repr__(self):
        widths = [max(_width(h), *(_width(r[i]) for r in self.cells))
                  for i, h in enumerate(self.headings)]

        def line(values):
            return '  '.join(' ' * (w - _width(v)) + v if n else v + ' ' * (w - _width(v))
                             for v, w, n in zip(values, widths, self.numeric)).rstrip()

        return '\n'.join([line(self.headings), line(['-' * w for w in widths]),
                          *(line(r) for r in self.cells)])

    def _right(self):
        """Which columns are right-aligned in HTML: numbers, and texts that are all numbers
        (a range such as 0.59–0.78, a mean ± spread, a count such as 5/6)."""
        return [n or all(NUMBER.fullmatch(r[i]) for r in self.cells)
                for i, n in enumerate(self.numeric)]

    def wide(self):
        """True when the table cannot fit an output at a 390 px viewport, even wrapped."""
        right = self._right()
        return sum(max(_min_px(h, True),
                       *(_min_px(r[i], not right[i] or ' ' in r[i]) for r in self.cells))
                   for i, h in enumerate(self.headings)) > NARROWEST_PX

    def _repr_html_(self):
        right = self._right()

        def cells(tag, values, scope=''):
            return ''.join(f'<{tag}{scope}{_kind(v, r, tag)}>{_html(v, r, tag)}</{tag}>'
                           if v or tag == 'td' else '<td></td>'   # no heading: not a header
                           for v, r in zip(values, right))

        scope = ' scope="col"'
        head = f'<thead><tr>{cells("th", self.headings, scope)}</tr></thead>'
        body = ''.join(f'<tr>{cells("td", r)}</tr>' for r in self.cells)
        region = ''
        if self.wide():
            name = SCROLLS[language.current()].format(n=self.number)
            region = f' cb-table-wide" tabindex="0" role="region" aria-label="{name}'
        return (f'<div class="cb-table{region}"><table>{head}<tbody>{body}</tbody>'
                f'</table></div>')


def _kind(text, right, tag):
    """A cell's class: text (left-aligned, wraps), a number (right-aligned, kept on one line)
    or a number with spaces in it, such as 0.028 ± 0.036 (may wrap before the ±). Headings
    always wrap. Text says its alignment inline too: JupyterLab right-aligns every cell."""
    if not right:
        return ' class="cb-text" style="text-align:left"'
    return ' class="cb-num cb-wrap"' if ' ' in text and tag == 'td' else ' class="cb-num"'


def _html(text, right, tag):
    """A cell's text as HTML; a sign (± or ×) stays with the number after it, and a heading
    does not break after a dash (b1 q1–q3)."""
    text = html.escape(text)
    if tag == 'th':
        return text.replace('–', '–&#8288;')
    return re.sub(r'([±×]) ', r'\1&nbsp;', text) if right else text


def table(rows, columns=None):
    """Show a list of dicts as a table (columns: its keys, or `columns`); numbers right-aligned."""
    display(Table(rows, columns))


def layers(model, bias=True):
    """Show a model's per-layer breakdown (a table): what each layer does, its output, params, MACs.

    Layer names such as conv2d_17 depend on what ran before, so each layer is described by
    what it does instead (as in the graphs); the input layer is left out.
    """
    from convblocks.counting.keras_counts import layer_table
    from convblocks.drawing import describe

    described = {layer.name: describe(layer) for layer in model.layers
                 if type(layer).__name__ != 'InputLayer'}
    rows = [{'layer': described[row['layer']],
             'output': '×'.join(str(n) for n in row['output_shape']),
             'params': row['params'], 'MACs': row['macs']}
            for row in layer_table(model, bias=bias) if row['layer'] in described]
    table(rows)
