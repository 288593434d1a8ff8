"""The end-of-chapter exercises as data: question kind, answer, typical mistakes, hint.

Every number here is computed: answers by `convblocks.counting`, typical wrong answers by the
same layer formulas with one term changed, worked solutions from the built Keras model.
The statements themselves are markdown cells of the chapter notebooks.
"""
import html
import re
from dataclasses import dataclass
from typing import Callable

from convblocks import language
from convblocks.exercises.chapters import mistakes as typical
from convblocks.exercises.chapters import references as ref
from convblocks.exercises.chapters.blockcheck import check_block
from convblocks.exercises.chapters.numeric import Wrong, check_number
from convblocks.exercises.core.run import TIME_LIMIT
from convblocks.checks.errors import BlockTypeError, BlockValueError
from convblocks.building.sandbox import short, standard_keras


@dataclass
class Exercise:
    """One exercise. Numeric ones have `answer`; change-the-block ones have `reference`."""
    chapter: str
    number: int
    kind: str                       # 'params', 'macs', 'channels', 'budget' or 'build'
    hints: dict                     # {'en': HTML, 'zh': HTML}
    answer: Callable = None         # () -> int
    wrong: Callable = list          # () -> [Wrong]
    judge: Callable = None          # int -> a sentence on a non-typical wrong answer, or None
    worked: Callable = None         # () -> HTML of the worked solution
    reference: Callable = None
    settings: tuple = ()
    terms: tuple = ()
    after_pass: Callable = None     # reader's function -> a note added to a pass

    @property
    def hint(self):
        """The hint's HTML in the current language."""
        return self.hints[language.current()]

    @property
    def numeric(self):
        return self.reference is None

    def check(self, given, time_limit=TIME_LIMIT):
        if self.numeric:
            return check_number(given, self.answer(), self.wrong(), self.kind, self.judge)
        return check_block(given, self.reference, self.settings, self.terms, time_limit,
                           self.after_pass)

    def solution_html(self):
        if self.numeric:
            with standard_keras():   # the worked tables build Keras models
                return (TEXT[language.current()]['answer'].format(f'{self.answer():,}')
                        + self.worked())
        from convblocks.book.reveal import source_html
        return source_html(self.reference)


# --- worked solutions -------------------------------------------------------------------

# The words of the worked solutions; a table header is a key of 'headers' (or a knob's name).
TEXT = {
    'en': {'answer': '<p>The answer: <b>{}</b>.</p>', 'total': 'Total: {}',
           'headers': {'layer': 'layer', 'output': 'output', 'params': 'params',
                       'macs': 'macs', 'parameters': 'parameters', 'step': 'step',
                       'channels': 'channels'},
           'yes': 'yes', 'no': 'no', 'input': 'input x', 'after_conv': 'after conv {}',
           'output_shape': 'Output shape of the built block: {}.',
           'inception_3a': 'At 28x28x192 your module has {weights} weights (without biases) '
                           'and {macs} multiply-accumulates.'},
    'zh': {'answer': '<p>答案：<b>{}</b>。</p>', 'total': '合计：{}',
           'headers': {'layer': '层', 'output': '输出', 'params': '参数',
                       'macs': '乘加次数', 'parameters': '参数量', 'step': '步骤',
                       'channels': '通道数'},
           'yes': '是', 'no': '否', 'input': '输入 x', 'after_conv': '第 {} 个卷积之后',
           'output_shape': '搭好的模块的输出形状：{}。',
           'inception_3a': '在 28x28x192 的输入上，你的模块有 {weights} 个权重（不含偏置），'
                           '做 {macs} 次乘加运算。'},
}
# A budget exercise's sentence on a wrong value: over the budget, or within it but not largest.
BUDGET = {
    'en': {'over': '{name} = {value} gives {n} parameters, over {budget}.',
           'fits': '{name} = {value} fits ({n} parameters), but a larger one does too.'},
    'zh': {'over': '{name} = {value} 时参数量为 {n}，超出 {budget}。',
           'fits': '{name} = {value} 在预算内（{n} 个参数），但还有更大的取值也在预算内。'},
}


def _words():
    return TEXT[language.current()]

KERAS_CLASS = re.compile(r'[A-Z][a-z]+(?:[A-Z0-9][A-Za-z0-9]*)*')   # Add, Conv2D, ReLU


def _worked_cell(value):
    """A cell of a worked table; a Keras layer's class name (Add, Concatenate) as code."""
    text = html.escape(str(value))
    return f'<code>{text}</code>' if KERAS_CLASS.fullmatch(text) else text


def _table(header, rows, total=None):
    words = _words()['headers']
    head = ''.join(f'<th>{html.escape(words.get(h, h))}</th>' for h in header)
    body = ''.join('<tr>' + ''.join(f'<td>{_worked_cell(c)}</td>' for c in row) + '</tr>'
                   for row in rows)
    total_text = _words()['total'].format(f'{total:,}') if total is not None else ''
    foot = f'<p><b>{total_text}</b></p>' if total is not None else ''
    return f'<table class="cb-worked"><tr>{head}</tr>{body}</table>{foot}'


def layers_worked(block, metric, size=32, channels=None, **knobs):
    """A per-layer table of params (with biases) or MACs of the block, from its Keras model."""
    from convblocks.counting.keras_counts import layer_table
    from convblocks.models import block_model
    model = block_model(block, size=size, channels=channels, **knobs)
    kernels = [getattr(layer, 'kernel_size', None) or getattr(layer, 'pool_size', None)
               for layer in model.layers]
    rows = [(f'{k[0]}x{k[1]} {r["kind"]}' if k else r['kind'],
             'x'.join(map(str, r['output_shape'])), f'{r[metric]:,}')
            for k, r in zip(kernels, layer_table(model)) if r['kind'] != 'InputLayer']
    total = sum(r[metric] for r in layer_table(model))
    return _table(['layer', 'output', metric], rows, total)


def budget_worked(values, count, budget, name):
    words = _words()
    rows = [(f'{name} = {v}', f'{count(v):,}', words['yes' if count(v) <= budget else 'no'])
            for v in values]
    return _table([name, 'parameters', f'<= {budget:,}'], rows)


def budget_judge(count, budget, name, answer, allowed, rule):
    """A sentence on a wrong budget answer: not allowed, over the budget, or not the largest.

    rule: {'en': ..., 'zh': ...}, the sentence for a value `allowed` refuses.
    """
    def judge(value):
        if not allowed(value):
            return rule[language.current()]
        if count(value) > budget or value < answer():
            return _budget_sentence(name, value, count(value), budget)[language.current()]
        return None
    return judge


def budget_wrong(values, count, budget, name, answer):
    """The judge's sentences for a range of values, in both languages, for the answer box."""
    found = []
    for v in values:
        if v == answer:
            continue
        sentence = _budget_sentence(name, v, count(v), budget)
        found.append(Wrong(v, sentence['en'], sentence['zh']))
    return found


def _budget_sentence(name, value, n, budget):
    """{'en': ..., 'zh': ...}: `name` = `value` is over the budget, or fits but is not largest."""
    which = 'over' if n > budget else 'fits'
    return {lang: BUDGET[lang][which].format(name=name, value=value, n=f'{n:,}',
                                             budget=f'{budget:,}') for lang in BUDGET}


def _inception_3a_note(fn):
    from convblocks.counting.keras_counts import layer_table, model_macs
    from convblocks.quiet import keras
    x = keras.Input((28, 28, 192))
    model = keras.Model(x, fn(x))
    weights = sum(r['params'] for r in layer_table(model, bias=False))
    return _words()['inception_3a'].format(weights=f'{weights:,}',
                                           macs=f'{model_macs(model):,}')


def _dense_channels_worked():
    from convblocks.models import block_model
    _, knobs = typical.SETTINGS[('dense', 2)]
    c0, f, d = knobs['channels'], knobs['f'], knobs['d']
    model = block_model('dense_block', size=8, channels=c0, f=f, d=d)
    words = _words()
    rows = [(words['after_conv'].format(i), c0 + f * i) for i in range(1, d + 1)]
    shape = html.escape(words['output_shape'].format(tuple(model.output.shape)[1:]))
    return (_table(['step', 'channels'], [(words['input'], c0), *rows]) + f'<p>{shape}</p>')


def _worked(key, metric):
    block, knobs = typical.SETTINGS[key]
    return layers_worked(block, metric, **knobs)


# --- the catalog ----------------------------------------------------------------------------

def _p(en, zh):
    """A hint's paragraph in both languages (HTML)."""
    return {'en': f'<p>{en}</p>', 'zh': f'<p>{zh}</p>'}


EXERCISES = [
    Exercise('bottleneck', 1, 'params',
             _p('Three convs: 1x1 from 48 to f//r, 3x3 from f//r to f//r, 1x1 from f//r to 48. '
                'Each has k·k·in·out weights plus one bias per filter.',
                '三个卷积：1x1 从 48 到 f//r，3x3 从 f//r 到 f//r，1x1 从 f//r 到 48。'
                '每个卷积的权重数是 k·k·输入通道数·输出通道数，每个滤波器另有一个偏置。'),
             answer=lambda: typical.params(('bottleneck', 1)),
             wrong=typical.bottleneck_wrong,
             worked=lambda: _worked(('bottleneck', 1), 'params')),
    Exercise('bottleneck', 2, 'macs',
             _p('Each kernel weight does one multiply-accumulate at every output position; the '
                'input keeps its 32x32 size. Biases do not count.',
                '每个卷积核权重在每个输出位置上做一次乘加运算；输入保持 32x32 的大小。偏置不计。'),
             answer=lambda: typical.macs(('bottleneck', 2)),
             wrong=typical.bottleneck_macs_wrong,
             worked=lambda: _worked(('bottleneck', 2), 'macs')),
    Exercise('bottleneck', 3, 'build',
             _p('Copy the three lines of <code>bottleneck</code> and give the middle conv '
                '<code>k=k</code>; the two 1x1 convs stay 1x1.',
                '复制 <code>bottleneck</code> 的三行，给中间的卷积加上 <code>k=k</code>；'
                '两个 1x1 卷积仍是 1x1。'),
             reference=ref.my_bottleneck, terms=('f//r',),
             settings=({'f': 32, 'r': 4, 'k': 5}, {'f': 24, 'r': 2, 'k': 1})),

    Exercise('inception', 1, 'macs',
             _p('Three convs from 24 to 24 channels: 1x1, 3x3 and 5x5, at each of the 32·32 '
                'positions. The max pool multiplies nothing.',
                '三个从 24 到 24 个通道的卷积：1x1、3x3 和 5x5，在 32·32 个位置上各算一次。'
                '最大池化不做乘法。'),
             answer=lambda: typical.macs(('inception', 1)),
             wrong=typical.naive_macs_wrong,
             worked=lambda: _worked(('inception', 1), 'macs')),
    Exercise('inception', 2, 'params',
             _p('Six convs: a 1x1 to f; a 1x1 to f//3 then a 3x3 to f; a 1x1 to f//r then a 5x5 '
                'to f; a 1x1 to f after the pool. Mind which branch uses f//3.',
                '六个卷积：一个 1x1 到 f；一个 1x1 到 f//3，再一个 3x3 到 f；一个 1x1 到 f//r，'
                '再一个 5x5 到 f；池化之后一个 1x1 到 f。注意哪个分支用的是 f//3。'),
             answer=lambda: typical.params(('inception', 2)),
             wrong=typical.inception_wrong,
             worked=lambda: _worked(('inception', 2), 'params')),
    Exercise('inception', 3, 'build',
             _p('Start from <code>inception_module</code> and replace each <code>f</code> by '
                'its own knob: <code>f1</code> for the 1x1 branch, <code>f3r</code> and '
                '<code>f3</code> for the 3x3 branch, <code>f5r</code> and <code>f5</code> for '
                'the 5x5 branch, <code>fp</code> after the pool.',
                '从 <code>inception_module</code> 出发，把每个 <code>f</code> 换成它自己的旋钮：'
                '1x1 分支用 <code>f1</code>，3x3 分支用 <code>f3r</code> 和 <code>f3</code>，'
                '5x5 分支用 <code>f5r</code> 和 <code>f5</code>，池化之后用 <code>fp</code>。'),
             reference=ref.inception_3a, after_pass=_inception_3a_note,
             settings=({'channels': 192},
                       {'f1': 8, 'f3r': 4, 'f3': 12, 'f5r': 2, 'f5': 6, 'fp': 10,
                        'channels': 16})),

    Exercise('residual', 1, 'params',
             _p('The add has no weights. The path is a bottleneck with f = 160 and r = 4.',
                '相加没有权重。路径是 f = 160、r = 4 的瓶颈模块。'),
             answer=lambda: typical.params(('residual', 1)),
             wrong=typical.residual_wrong,
             worked=lambda: _worked(('residual', 1), 'params')),
    Exercise('residual', 2, 'build',
             _p("Give the last conv <code>a='linear'</code> and put a "
                '<code>keras.layers.ReLU()</code> after the add.',
                "给最后一个卷积加上 <code>a='linear'</code>，"
                '并在相加之后放一个 <code>keras.layers.ReLU()</code>。'),
             reference=ref.resnet_block, terms=('f//r',),
             settings=({'f': 32, 'r': 4}, {'f': 48, 'r': 2})),
    Exercise('residual', 3, 'budget',
             _p('With r = 4 the two 1x1 convs hold f²/4 weights each and the 3x3 holds 9·f²/16, '
                'so the block has (1/2 + 9/16)·f² = 17/16·f² weights plus 3f/2 biases. Solve '
                '17/16·f² = 8,000 for a first guess, then count the multiples of 4 on both '
                'sides of it.',
                'r = 4 时，两个 1x1 卷积各有 f²/4 个权重，3x3 卷积有 9·f²/16 个，'
                '所以模块共有 (1/2 + 9/16)·f² = 17/16·f² 个权重，另加 3f/2 个偏置。'
                '先解 17/16·f² = 8,000 得到一个初步估计，再数一数它两侧 4 的倍数。'),
             answer=typical.widest_residual,
             wrong=lambda: budget_wrong(range(48, 129, 4), typical.residual_count,
                                        typical.RESIDUAL_BUDGET, 'f', typical.widest_residual()),
             judge=budget_judge(typical.residual_count, typical.RESIDUAL_BUDGET, 'f',
                                typical.widest_residual, lambda f: f % 4 == 0 and f >= 4,
                                {'en': 'Keep f a multiple of r = 4, so that f//r is exact.',
                                 'zh': 'f 要是 r = 4 的倍数，这样 f//r 才能整除。'}),
             worked=lambda: budget_worked(range(72, 97, 4), typical.residual_count,
                                          typical.RESIDUAL_BUDGET, 'f')),

    Exercise('resnext', 1, 'params',
             _p('Each of the c = 3 paths is a bottleneck of width f//(c·r) = 16: 1x1 from 96 to '
                '16, 3x3 from 16 to 16, 1x1 from 16 to 96.',
                'c = 3 条路径中的每一条都是宽 f//(c·r) = 16 的瓶颈模块：1x1 从 96 到 16，'
                '3x3 从 16 到 16，1x1 从 16 到 96。'),
             answer=lambda: typical.params(('resnext', 1)),
             wrong=typical.resnext_wrong,
             worked=lambda: _worked(('resnext', 1), 'params')),
    Exercise('resnext', 2, 'build',
             _p('Three convs: a 1x1 to c·w channels, a 3x3 with <code>groups=c</code> '
                '(<code>keras.layers.Conv2D(..., groups=c)</code>; the alias has no groups), '
                "a linear 1x1 back to f (<code>a='linear'</code>: the paper sums the paths "
                'before any activation); then the add.',
                '三个卷积：一个 1x1 到 c·w 个通道，一个带 <code>groups=c</code> 的 3x3'
                '（<code>keras.layers.Conv2D(..., groups=c)</code>；别名没有 groups），'
                "一个线性的 1x1 回到 f（<code>a='linear'</code>："
                '论文在任何激活函数之前就把各路径相加）；然后相加。'),
             reference=ref.fig3c_resnext_block, terms=('f//(c*r)', 'c*(f//(c*r))'),
             settings=({'f': 64, 'r': 2, 'c': 4}, {'f': 96, 'r': 1, 'c': 3})),
    Exercise('resnext', 3, 'budget',
             _p('Write one path with w = 80//c channels: 80·w + w (the first 1x1), 9·w² + w '
                '(the 3x3), w·80 + 80 (the last 1x1). Times c paths: the weights shrink as c '
                'grows, but every path brings its own 80 biases. Count the large divisors of 80 '
                'one by one.',
                '写出一条 w = 80//c 个通道的路径：80·w + w（第一个 1x1）、9·w² + w（3x3）、'
                'w·80 + 80（最后一个 1x1）。再乘以 c 条路径：c 越大权重越少，'
                '但每条路径都带着自己的 80 个偏置。把 80 的较大约数逐个算一遍。'),
             answer=typical.most_paths,
             wrong=lambda: budget_wrong(typical.DIVISORS, typical.resnext_count,
                                        typical.RESNEXT_BUDGET, 'c', typical.most_paths()),
             judge=budget_judge(typical.resnext_count, typical.RESNEXT_BUDGET, 'c',
                                typical.most_paths, lambda c: c in typical.DIVISORS,
                                {'en': 'c must divide 80, so that every path has 80//c channels.',
                                 'zh': 'c 必须整除 80，这样每条路径才有 80//c 个通道。'}),
             worked=lambda: budget_worked(typical.DIVISORS, typical.resnext_count,
                                          typical.RESNEXT_BUDGET, 'c')),

    Exercise('dense', 1, 'params',
             _p('Conv i reads the input and the i - 1 outputs before it: 40, 60, then 80 '
                'channels. Each conv is 3x3 with 20 filters.',
                '第 i 个卷积读入输入和它之前的 i - 1 个输出：依次为 40、60、80 个通道。'
                '每个卷积都是有 20 个滤波器的 3x3 卷积。'),
             answer=lambda: typical.params(('dense', 1)), wrong=typical.dense_wrong,
             worked=lambda: _worked(('dense', 1), 'params')),
    Exercise('dense', 2, 'channels',
             _p('The stack starts as the input and grows by f channels per conv.',
                '拼接结果从输入开始，每个卷积增加 f 个通道。'),
             answer=lambda: typical.out_channels(('dense', 2)),
             wrong=typical.dense_channels_wrong,
             worked=_dense_channels_worked),
    Exercise('dense', 3, 'build',
             _p('Inside the loop, put <code>conv(stack, 4 * f, k=1)</code> before the 3x3 conv '
                'and feed its output to the 3x3.',
                '在循环里，在 3x3 卷积之前放一个 <code>conv(stack, 4 * f, k=1)</code>，'
                '再把它的输出交给 3x3 卷积。'),
             reference=ref.dense_b_block, terms=('4*f',),
             settings=({'f': 8, 'd': 3}, {'f': 6, 'd': 2, 'channels': 10})),

    Exercise('squeeze_excitation', 1, 'params',
             _p('Two dense layers: 192 to f//rate = 12 units, then 12 to 192; each has one '
                'bias per unit. Pooling and multiply have none.',
                '两个全连接层：从 192 到 f//rate = 12 个单元，再从 12 到 192；'
                '每个单元有一个偏置。池化和相乘没有参数。'),
             answer=lambda: typical.params(('squeeze_excitation', 1)), wrong=typical.se_wrong,
             worked=lambda: _worked(('squeeze_excitation', 1), 'params')),
    Exercise('squeeze_excitation', 2, 'macs',
             _p('After global pooling each dense layer runs once, on a vector.',
                '全局池化之后，每个全连接层只在一个向量上运行一次。'),
             answer=lambda: typical.macs(('squeeze_excitation', 2)),
             wrong=typical.se_macs_wrong,
             worked=lambda: _worked(('squeeze_excitation', 2), 'macs')),
    Exercise('squeeze_excitation', 3, 'build',
             _p('Build the residual path as in <code>residual_block</code>, call '
                '<code>se_block(m, f, rate)</code> on it, then add x.',
                '像 <code>residual_block</code> 那样搭出残差路径，'
                '在它上面调用 <code>se_block(m, f, rate)</code>，然后加上 x。'),
             reference=ref.se_residual_block, terms=('f//r', 'f//rate'),
             settings=({'f': 96, 'r': 4, 'rate': 8}, {'f': 64, 'r': 2, 'rate': 16})),

    Exercise('nasnet', 1, 'params',
             _p('Three 3x3 and two 5x5 sepconvs from 48 to 48 channels; the pools and adds have '
                'no weights.',
                '三个 3x3 和两个 5x5 的可分离卷积，都从 48 到 48 个通道；池化和相加没有权重。'),
             answer=lambda: typical.params(('nasnet', 1)), wrong=typical.nasnet_wrong,
             worked=lambda: _worked(('nasnet', 1), 'params')),
    Exercise('nasnet', 2, 'macs',
             _p('A k x k sepconv from 48 to 48 channels costs k·k·48 + 48·48 per position.',
                'k x k 可分离卷积从 48 到 48 个通道，每个位置的运算量是 k·k·48 + 48·48。'),
             answer=lambda: typical.macs(('nasnet', 2)),
             wrong=typical.nasnet_macs_wrong,
             worked=lambda: _worked(('nasnet', 2), 'macs')),
    Exercise('nasnet', 3, 'build',
             _p('Keep the five adds; the only change is the list given to '
                '<code>concatenate</code>.',
                '保留五个求和；唯一的改动是交给 <code>concatenate</code> 的列表。'),
             reference=ref.nasnet_a_cell, settings=({'f': 8}, {'f': 12})),

    Exercise('inverted_residual', 1, 'params',
             _p('A 1x1 conv from 40 to f·r = 160 channels, then a 3x3 sepconv from 160 to 40.',
                '一个 1x1 卷积从 40 到 f·r = 160 个通道，再一个 3x3 可分离卷积从 160 到 40。'),
             answer=lambda: typical.params(('inverted_residual', 1)),
             wrong=typical.inverted_wrong,
             worked=lambda: _worked(('inverted_residual', 1), 'params')),
    Exercise('inverted_residual', 2, 'macs',
             _p('The depthwise part works on the expanded channels. Count 32·32 positions.',
                '逐深度的部分作用在扩展后的通道上。按 32·32 个位置计算。'),
             answer=lambda: typical.macs(('inverted_residual', 2)),
             wrong=typical.inverted_macs_wrong,
             worked=lambda: _worked(('inverted_residual', 2), 'macs')),
    Exercise('inverted_residual', 3, 'build',
             _p("Use <code>a='relu6'</code> on the first conv, "
                "<code>keras.layers.DepthwiseConv2D(3, strides=s, padding='same', "
                "activation='relu6')</code> in the middle, a linear 1x1 conv last, and add x "
                'only when s == 1.',
                "第一个卷积用 <code>a='relu6'</code>，中间用 "
                "<code>keras.layers.DepthwiseConv2D(3, strides=s, padding='same', "
                "activation='relu6')</code>，最后用线性的 1x1 卷积，并且只在 s == 1 时加上 x。"),
             reference=ref.mobilenet_v2_block, terms=('f*r',),
             settings=({'f': 16, 'r': 4, 's': 1}, {'f': 16, 'r': 6, 's': 2})),
]

CHAPTERS = tuple(dict.fromkeys(e.chapter for e in EXERCISES))


def find(chapter, number, call='check', answer=None):
    """The exercise, or one sentence (BlockTypeError / BlockValueError) naming a right call.

    call and answer write the example: check('dense', 1, None), hint('dense', 1).
    """
    example = f"{call}('{chapter if chapter in CHAPTERS else CHAPTERS[0]}', 1" + \
        (f', {answer})' if answer else ')')
    if not isinstance(chapter, str) or chapter not in CHAPTERS:
        if isinstance(chapter, int) and not isinstance(chapter, bool) and number is None:
            raise BlockTypeError(language.pick(
                en=f'{call} needs the chapter and the exercise number, e.g. {example}.',
                zh=f'{call} 需要章节名和练习编号，例如 {example}。'))
        known = ", ".join(map(repr, CHAPTERS))
        raise BlockValueError(language.pick(
            en=f'{call}: {short(chapter)} is not a chapter with exercises; the chapters are '
               f'{known}, e.g. {example}.',
            zh=f'{call}：{short(chapter)} 不是有练习的章节；有练习的章节是 {known}，'
               f'例如 {example}。'))
    numbers = [e.number for e in EXERCISES if e.chapter == chapter]
    for exercise in EXERCISES:
        if exercise.chapter == chapter and _same_int(exercise.number, number):
            return exercise
    listed = ", ".join(map(str, numbers))
    raise BlockValueError(language.pick(
        en=f'{call}: {chapter!r} has exercises {listed}, not {short(number)}; e.g. {example}.',
        zh=f'{call}：{chapter!r} 的练习编号是 {listed}，没有 {short(number)}；例如 {example}。'))


def _same_int(wanted, given):
    return isinstance(given, int) and not isinstance(given, bool) and given == wanted
