"""The end-of-chapter exercises as data: question kind, answer, typical mistakes, hint.

Every number here is computed: answers by `convblocks.counting`, typical wrong answers by the
same layer formulas with one term changed, worked solutions from the built Keras model.
The statements themselves are markdown cells of the chapter notebooks.
"""
import html
from dataclasses import dataclass, field
from typing import Callable

from convblocks import counting
from convblocks.chapter_exercises import references as ref
from convblocks.chapter_exercises.blockcheck import check_block
from convblocks.chapter_exercises.numeric import Wrong, check_number
from convblocks.counting import CONV, DENSE, SEPCONV, layer_params

P = layer_params


@dataclass
class Exercise:
    """One exercise. Numeric ones have `answer`; change-the-block ones have `reference`."""
    chapter: str
    number: int
    kind: str                       # 'params', 'macs', 'channels', 'budget' or 'build'
    hint: str                       # HTML
    answer: Callable = None         # () -> int
    wrong: Callable = list          # () -> [Wrong]
    judge: Callable = None          # int -> a sentence on a non-typical wrong answer, or None
    worked: Callable = None         # () -> HTML of the worked solution
    reference: Callable = None
    settings: tuple = ()
    terms: tuple = ()
    after_pass: Callable = None     # reader's function -> a note added to a pass
    notes: list = field(default_factory=list)

    @property
    def numeric(self):
        return self.reference is None

    def check(self, given):
        if self.numeric:
            return check_number(given, self.answer(), self.wrong(), self.kind, self.judge)
        verdict = check_block(given, self.reference, self.settings, self.terms)
        if verdict.passed and self.after_pass:
            verdict.notes.append(self.after_pass(given))
        return verdict

    def solution_html(self):
        if self.numeric:
            return f'<p>The answer: <b>{self.answer():,}</b>.</p>' + self.worked()
        from convblocks.reveal import source_html
        return source_html(self.reference)


# --- worked solutions -------------------------------------------------------------------

def _table(header, rows, total=None):
    head = ''.join(f'<th>{html.escape(h)}</th>' for h in header)
    body = ''.join('<tr>' + ''.join(f'<td>{html.escape(str(c))}</td>' for c in row) + '</tr>'
                   for row in rows)
    foot = f'<p><b>Total: {total:,}</b></p>' if total is not None else ''
    return f'<table class="cb-worked"><tr>{head}</tr>{body}</table>{foot}'


def layers_worked(block, metric, size=32, channels=None, **knobs):
    """A per-layer table of params (with biases) or MACs of the block, from its Keras model."""
    from convblocks.model_counts import layer_table
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
    rows = [(f'{name} = {v}', f'{count(v):,}', 'yes' if count(v) <= budget else 'no')
            for v in values]
    return _table([name, 'parameters', f'<= {budget:,}'], rows)


def budget_judge(count, budget, name, answer, allowed, rule):
    """A sentence on a wrong budget answer: not allowed, over the budget, or not the largest."""
    def judge(value):
        if not allowed(value):
            return rule
        if count(value) > budget:
            return f'{name} = {value} gives {count(value):,} parameters, over {budget:,}.'
        if value < answer():
            return (f'{name} = {value} fits ({count(value):,} parameters), but a larger one '
                    f'does too.')
        return None
    return judge


def budget_wrong(values, count, budget, name, answer):
    """The judge's sentences for a range of values, in both languages, for the answer box."""
    found = []
    for v in values:
        if v == answer:
            continue
        n = count(v)
        if n > budget:
            found.append(Wrong(v, f'{name} = {v} gives {n:,} parameters, over {budget:,}.',
                               f'{name} = {v} 时参数量为 {n:,}，超出 {budget:,}。'))
        else:
            found.append(Wrong(v, f'{name} = {v} fits ({n:,} parameters), but a larger one does '
                                  f'too.',
                               f'{name} = {v} 在预算内（{n:,} 个参数），但还有更大的取值也在预算内。'))
    return found


# --- bottleneck ---------------------------------------------------------------------------

def _bottleneck_wrong():
    q = 64 // 8
    right = [P(CONV, 1, 64, q), P(CONV, 3, q, q), P(CONV, 1, q, 64)]
    return [
        Wrong(sum(right) - (q + q + 64),
              f'You left out the biases: one per filter ({q} + {q} + 64 = {q + q + 64}).',
              f'你漏掉了偏置：每个滤波器一个（{q} + {q} + 64 = {q + q + 64}）。'),
        Wrong(right[0] + P(CONV, 3, 64, 64) + right[2],
              f'The middle 3x3 conv has f//r = {q} channels in and out, not f = 64.',
              f'中间的 3x3 卷积输入和输出都是 f//r = {q} 个通道，而不是 f = 64。'),
        Wrong(right[0] + 3 * q * q + q + right[2],
              'A 3x3 kernel has 3·3 = 9 weights per pair of input and output channels, not 3.',
              '3x3 卷积核对每一对输入、输出通道有 3·3 = 9 个权重，而不是 3 个。'),
        Wrong(right[0] + right[1],
              f'You left out the last 1x1 conv, which expands back to 64 channels '
              f'({q}·64 + 64 = {right[2]:,}).',
              f'你漏掉了最后一个 1x1 卷积，它把通道扩回 64（{q}·64 + 64 = {right[2]:,}）。'),
    ]


def _bottleneck_macs_wrong():
    weights = counting.params('bottleneck', f=64, r=8, bias=False)
    return [
        Wrong(1024 * counting.params('bottleneck', f=64, r=8),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(32 * weights, 'A 32x32 input has 32·32 = 1,024 positions, not 32.',
              '32x32 的输入有 32·32 = 1,024 个位置，而不是 32 个。'),
        Wrong(weights, f'{weights:,} is the count for one position; every weight works at each '
                       f'of the 32·32 = 1,024 positions.',
              f'{weights:,} 只是一个位置的运算量；每个权重在 32·32 = 1,024 个位置上都要计算。'),
    ]


# --- inception ----------------------------------------------------------------------------

def _naive_macs_wrong():
    positions, c = 32 * 32, 32
    return [
        Wrong(positions * (1 + 3 + 5) * c * c,
              'A k x k kernel has k·k weights per channel pair: 1 + 9 + 25, not 1 + 3 + 5.',
              'k x k 卷积核对每对通道有 k·k 个权重：1 + 9 + 25，而不是 1 + 3 + 5。'),
        Wrong(positions * 35 * c * c + positions * 9 * c,
              'The max pool compares numbers; it multiplies nothing and counts 0 MACs.',
              '最大池化只做比较，不做乘法，乘加运算为 0。'),
        Wrong(35 * c * c, 'That is one position; multiply by the 32·32 = 1,024 positions.',
              '这只是一个位置的运算量；还要乘以 32·32 = 1,024 个位置。'),
        Wrong(positions * (35 * c * c + 3 * c),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
    ]


def _inception_wrong():
    right = counting.params('inception_module', f=32, r=4)
    branch_b = P(CONV, 1, 32, 10) + P(CONV, 3, 10, 32)
    return [
        Wrong(right - branch_b + P(CONV, 1, 32, 8) + P(CONV, 3, 8, 32),
              "Branch b reduces to f//3 = 10 channels, not f//r = 8: the article's code uses "
              "f//3 there.",
              '分支 b 降到 f//3 = 10 个通道，而不是 f//r = 8：文章的代码在这里用的是 f//3。'),
        Wrong(right - P(CONV, 1, 32, 32),
              'You left out the 1x1 conv after the max pool (32·32 + 32 = 1,056).',
              '你漏掉了最大池化之后的 1x1 卷积（32·32 + 32 = 1,056）。'),
        Wrong(counting.params('inception_module', f=32, r=4, bias=False),
              'You left out the biases: one per filter of each of the six convs (146 in all).',
              '你漏掉了偏置：六个卷积的每个滤波器各一个（共 146 个）。'),
        Wrong(right - branch_b - P(CONV, 1, 32, 8) - P(CONV, 5, 8, 32)
              + P(CONV, 3, 32, 32) + P(CONV, 5, 32, 32),
              'You counted the 3x3 and 5x5 convs without their 1x1 reductions: they read 10 and '
              '8 channels, not 32.',
              '你没有算上 1x1 降维：3x3 和 5x5 卷积读入的是 10 个和 8 个通道，而不是 32 个。'),
    ]


def _inception_3a_note(fn):
    from convblocks.model_counts import layer_table, model_macs
    from convblocks.quiet import keras
    x = keras.Input((28, 28, 192))
    model = keras.Model(x, fn(x))
    weights = sum(r['params'] for r in layer_table(model, bias=False))
    return (f'At 28x28x192 your module has {weights:,} weights (without biases) and '
            f'{model_macs(model):,} multiply-accumulates.')


# --- residual -----------------------------------------------------------------------------

def _residual_wrong():
    right = counting.params('residual_block', f=64, r=4)
    return [
        Wrong(counting.params('residual_block', f=64, r=4, bias=False),
              'You left out the biases: one per filter (16 + 16 + 64 = 96).',
              '你漏掉了偏置：每个滤波器一个（16 + 16 + 64 = 96）。'),
        Wrong(right + P(CONV, 1, 64, 64),
              'The skip adds x as it is: it has no weights (a 1x1 conv on the skip is only '
              'needed when the shapes differ).',
              '跳跃连接直接加上 x，没有权重（只有形状不同时才在跳跃路径上用 1x1 卷积）。'),
        Wrong(right - P(CONV, 3, 16, 16) + P(CONV, 3, 64, 64),
              'The middle 3x3 conv has f//r = 16 channels in and out, not f = 64.',
              '中间的 3x3 卷积输入和输出都是 f//r = 16 个通道，而不是 f = 64。'),
    ]


def _residual_count(f):
    return counting.params('residual_block', f=f, r=4)


def _widest_residual():
    return max(f for f in range(4, 257, 4) if _residual_count(f) <= 5000)


# --- ResNeXt ------------------------------------------------------------------------------

def _resnext_wrong():
    path = counting.params('bottleneck', f=64, r=8)
    wide = counting.params('bottleneck', f=64, r=2)
    return [
        Wrong(path, 'That is one path; the block has c = 4 of them.',
              '这只是一条路径；模块有 c = 4 条。'),
        Wrong(4 * wide, 'Each path is f//(c·r) = 8 channels wide, not f//r = 32.',
              '每条路径宽 f//(c·r) = 8 个通道，而不是 f//r = 32。'),
        Wrong(counting.params('resnext_block', f=64, r=2, c=4, bias=False),
              'You left out the biases: 8 + 8 + 64 = 80 in every path.',
              '你漏掉了偏置：每条路径 8 + 8 + 64 = 80 个。'),
    ]


def _resnext_count(c):
    return counting.params('resnext_block', f=64, r=1, c=c)


DIVISORS_64 = (1, 2, 4, 8, 16, 32, 64)


def _most_paths():
    return max(c for c in DIVISORS_64 if _resnext_count(c) <= 12000)


# --- dense --------------------------------------------------------------------------------

def _dense_wrong():
    right = counting.params('dense_block', f=16, d=3)
    return [
        Wrong(3 * P(CONV, 3, 16, 16),
              'Each conv reads everything stacked so far: 16, then 32, then 48 channels.',
              '每个卷积读入之前拼接的全部通道：依次为 16、32、48 个。'),
        Wrong(counting.params('dense_block', f=16, d=3, bias=False),
              'You left out the biases: 16 per conv, 48 in all.',
              '你漏掉了偏置：每个卷积 16 个，共 48 个。'),
        Wrong(sum(P(CONV, 3, 16 * (i + 2), 16) for i in range(3)),
              'The first conv reads only the input (16 channels); the stack grows after it.',
              '第一个卷积只读入输入（16 个通道）；之后拼接的通道才逐渐增多。'),
        Wrong(right + 16 * 3 * 16, 'Concatenation has no parameters.', '拼接没有参数。'),
    ]


def _dense_channels_wrong():
    return [
        Wrong(12, "That is the last conv's output; the block returns the whole stack.",
              '这是最后一个卷积的输出；模块返回的是整个拼接结果。'),
        Wrong(72, "You left out the input's 24 channels: the stack starts with x.",
              '你漏掉了输入的 24 个通道：拼接从 x 开始。'),
        Wrong(84, 'There are d = 6 convs, each adding f = 12 channels, not 5.',
              '共有 d = 6 个卷积，每个增加 f = 12 个通道，而不是 5 个。'),
        Wrong(24 * 2 ** 6, 'Each conv adds f = 12 channels to the stack; it does not double it.',
              '每个卷积向拼接结果增加 f = 12 个通道，而不是使其翻倍。'),
    ]


def _dense_channels_worked():
    from convblocks.models import block_model
    model = block_model('dense_block', size=8, channels=24, f=12, d=6)
    rows = [(f'after conv {i}', 24 + 12 * i) for i in range(1, 7)]
    return (_table(['step', 'channels'], [('input x', 24), *rows]) +
            f'<p>Output shape of the built block: {tuple(model.output.shape)[1:]}.</p>')


# --- squeeze and excitation -----------------------------------------------------------------

def _se_wrong():
    return [
        Wrong(counting.params('se_block', f=256, rate=16, bias=False),
              'You left out the biases: 16 + 256 = 272.', '你漏掉了偏置：16 + 256 = 272 个。'),
        Wrong(2 * P(DENSE, 1, 256, 256),
              'The first dense layer has f//rate = 16 units, not f = 256.',
              '第一个全连接层有 f//rate = 16 个单元，而不是 f = 256。'),
        Wrong(P(DENSE, 1, 256, 16),
              'There are two dense layers: down to 16 units, then back up to 256.',
              '有两个全连接层：先降到 16 个单元，再升回 256 个。'),
    ]


def _se_macs_wrong():
    right = counting.macs('se_block', size=32, f=256, rate=16)
    return [
        Wrong(1024 * right,
              'The dense layers work once, on the pooled vector of 256 numbers, not at each of '
              'the 32·32 positions.',
              '全连接层只在池化后的 256 维向量上计算一次，而不是在 32·32 个位置上各算一次。'),
        Wrong(counting.params('se_block', f=256, rate=16),
              'Biases cost no multiply-accumulate: count only the weights.',
              '偏置不产生乘加运算：只计权重。'),
        Wrong(right + 32 * 32 * 256,
              "The rescaling multiply is element-wise; by the book's convention it counts 0 "
              "MACs, like the pooling.",
              '重新缩放的相乘是逐元素运算；按本书的约定与池化一样计为 0 次乘加运算。'),
    ]


# --- NASNet -------------------------------------------------------------------------------

def _nasnet_wrong():
    right = counting.params('normal_cell', f=32)
    return [
        Wrong(3 * P(CONV, 3, 32, 32) + 2 * P(CONV, 5, 32, 32),
              'A separable conv is a k x k depthwise filter per channel plus a 1x1 conv: '
              'k·k·32 + 32·32 weights (+ 32 biases), not k·k·32·32.',
              '可分离卷积是每个通道一个 k x k 深度卷积核加一个 1x1 卷积：k·k·32 + 32·32 个权重'
              '（另加 32 个偏置），而不是 k·k·32·32。'),
        Wrong(counting.params('normal_cell', f=32, bias=False),
              'You left out the biases: 32 in each of the five sepconvs.',
              '你漏掉了偏置：五个可分离卷积各 32 个。'),
        Wrong(right - 3 * 9 * 32 - 2 * 25 * 32,
              'You left out the depthwise kernels: k·k·32 weights in each sepconv.',
              '你漏掉了深度卷积核：每个可分离卷积有 k·k·32 个权重。'),
    ]


def _nasnet_macs_wrong():
    right = counting.macs('normal_cell', size=32, f=32)
    return [
        Wrong(1024 * counting.params('normal_cell', f=32),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(right // 1024, 'That is one position; multiply by the 32·32 = 1,024 positions.',
              '这只是一个位置的运算量；还要乘以 32·32 = 1,024 个位置。'),
        Wrong(1024 * (3 * 9 * 32 * 32 + 2 * 25 * 32 * 32),
              'A separable conv costs k·k·32 (depthwise) + 32·32 (pointwise) per position, '
              'not k·k·32·32.',
              '可分离卷积每个位置的运算量是 k·k·32（深度）+ 32·32（逐点），而不是 k·k·32·32。'),
    ]


# --- inverted residual --------------------------------------------------------------------

def _inverted_wrong():
    right = counting.params('inv_residual_block', f=32, r=4)
    return [
        Wrong(counting.params('inv_residual_block', f=32, r=4, bias=False),
              'You left out the biases: 128 + 32 = 160.', '你漏掉了偏置：128 + 32 = 160 个。'),
        Wrong(P(CONV, 1, 32, 128) + P(CONV, 3, 128, 32),
              'The second layer is separable: 3·3·128 depthwise + 128·32 pointwise weights, not '
              '3·3·128·32.',
              '第二层是可分离卷积：3·3·128 个深度权重加 128·32 个逐点权重，而不是 3·3·128·32。'),
        Wrong(P(CONV, 1, 32, 8) + P(SEPCONV, 3, 8, 32),
              'The first 1x1 conv expands to f·r = 128 channels; it does not squeeze to f//r.',
              '第一个 1x1 卷积把通道扩展到 f·r = 128，而不是压缩到 f//r。'),
        Wrong(right - P(CONV, 1, 32, 128),
              'You left out the first 1x1 conv (32·128 + 128 = 4,224).',
              '你漏掉了第一个 1x1 卷积（32·128 + 128 = 4,224）。'),
    ]


def _inverted_macs_wrong():
    return [
        Wrong(1024 * counting.params('inv_residual_block', f=32, r=4),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(1024 * (32 * 128 + 9 * 32 + 128 * 32),
              'The depthwise 3x3 runs on the f·r = 128 expanded channels, not on f = 32.',
              '深度 3x3 卷积作用在扩展后的 f·r = 128 个通道上，而不是 f = 32 个。'),
        Wrong(counting.params('inv_residual_block', f=32, r=4, bias=False),
              'That is one position; multiply by the 32·32 = 1,024 positions.',
              '这只是一个位置的运算量；还要乘以 32·32 = 1,024 个位置。'),
    ]


# --- the catalog ----------------------------------------------------------------------------

def _p(text):
    return f'<p>{text}</p>'


EXERCISES = [
    Exercise('bottleneck', 1, 'params',
             _p('Three convs: 1x1 from 64 to f//r, 3x3 from f//r to f//r, 1x1 from f//r to 64. '
                'Each has k·k·in·out weights plus one bias per filter.'),
             answer=lambda: counting.params('bottleneck', f=64, r=8), wrong=_bottleneck_wrong,
             worked=lambda: layers_worked('bottleneck', 'params', f=64, r=8)),
    Exercise('bottleneck', 2, 'macs',
             _p('Each kernel weight does one multiply-accumulate at every output position; the '
                'input keeps its 32x32 size. Biases do not count.'),
             answer=lambda: counting.macs('bottleneck', size=32, f=64, r=8),
             wrong=_bottleneck_macs_wrong,
             worked=lambda: layers_worked('bottleneck', 'macs', f=64, r=8)),
    Exercise('bottleneck', 3, 'build',
             _p('Copy the three lines of <code>bottleneck</code> and give the middle conv '
                '<code>k=k</code>; the two 1x1 convs stay 1x1.'),
             reference=ref.my_bottleneck, terms=('f//r',),
             settings=({'f': 32, 'r': 4, 'k': 5}, {'f': 24, 'r': 2, 'k': 1})),

    Exercise('inception', 1, 'macs',
             _p('Three convs from 32 to 32 channels: 1x1, 3x3 and 5x5, at each of the 32·32 '
                'positions. The max pool multiplies nothing.'),
             answer=lambda: counting.macs('naive_inception_module', size=32, f=32),
             wrong=_naive_macs_wrong,
             worked=lambda: layers_worked('naive_inception_module', 'macs', f=32)),
    Exercise('inception', 2, 'params',
             _p('Six convs: a 1x1 to f; a 1x1 to f//3 then a 3x3 to f; a 1x1 to f//r then a 5x5 '
                'to f; a 1x1 to f after the pool. Mind which branch uses f//3.'),
             answer=lambda: counting.params('inception_module', f=32, r=4),
             wrong=_inception_wrong,
             worked=lambda: layers_worked('inception_module', 'params', f=32, r=4)),
    Exercise('inception', 3, 'build',
             _p('Start from <code>inception_module</code> and replace each <code>f</code> by '
                'its own knob: f1 for the 1x1 branch, f3r and f3 for the 3x3 branch, f5r and f5 '
                'for the 5x5 branch, fp after the pool.'),
             reference=ref.inception_3a, after_pass=_inception_3a_note,
             settings=({'channels': 192},
                       {'f1': 8, 'f3r': 4, 'f3': 12, 'f5r': 2, 'f5': 6, 'fp': 10,
                        'channels': 16})),

    Exercise('residual', 1, 'params',
             _p('The add has no weights. The path is a bottleneck with f = 64 and r = 4.'),
             answer=lambda: counting.params('residual_block', f=64, r=4), wrong=_residual_wrong,
             worked=lambda: layers_worked('residual_block', 'params', f=64, r=4)),
    Exercise('residual', 2, 'build',
             _p("Give the last conv <code>a='linear'</code> and put a "
                '<code>keras.layers.ReLU()</code> after the add.'),
             reference=ref.resnet_block, terms=('f//r',),
             settings=({'f': 32, 'r': 4}, {'f': 48, 'r': 2})),
    Exercise('residual', 3, 'budget',
             _p('With r = 4 the block has about (2 + 9/16)·f² weights: start near '
                'f = 64 and count both neighbours that are multiples of 4.'),
             answer=_widest_residual,
             wrong=lambda: budget_wrong(range(32, 97, 4), _residual_count, 5000, 'f',
                                        _widest_residual()),
             judge=budget_judge(_residual_count, 5000, 'f', _widest_residual,
                                lambda f: f % 4 == 0 and f >= 4,
                                'Keep f a multiple of r = 4, so that f//r is exact.'),
             worked=lambda: budget_worked(range(56, 77, 4), _residual_count, 5000, 'f')),

    Exercise('resnext', 1, 'params',
             _p('Each of the c = 4 paths is a bottleneck of width f//(c·r) = 8: 1x1 from 64 to '
                '8, 3x3 from 8 to 8, 1x1 from 8 to 64.'),
             answer=lambda: counting.params('resnext_block', f=64, r=2, c=4),
             wrong=_resnext_wrong,
             worked=lambda: layers_worked('resnext_block', 'params', f=64, r=2, c=4)),
    Exercise('resnext', 2, 'build',
             _p('Three convs: a 1x1 to c·w channels, a 3x3 with <code>groups=c</code> '
                '(<code>keras.layers.Conv2D(..., groups=c)</code>; the alias has no groups), '
                'a 1x1 back to f; then the add.'),
             reference=ref.grouped_resnext_block, terms=('f//(c*r)',),
             settings=({'f': 64, 'r': 2, 'c': 4}, {'f': 96, 'r': 1, 'c': 3})),
    Exercise('resnext', 3, 'budget',
             _p('Count c = 16, 32 and 64. The last 1x1 conv of every path brings 64 biases and '
                '64 weights per channel, whatever the width.'),
             answer=_most_paths,
             wrong=lambda: budget_wrong(DIVISORS_64, _resnext_count, 12000, 'c', _most_paths()),
             judge=budget_judge(_resnext_count, 12000, 'c', _most_paths,
                                lambda c: c in DIVISORS_64,
                                'c must divide 64, so that every path has 64//c channels.'),
             worked=lambda: budget_worked(DIVISORS_64, _resnext_count, 12000, 'c')),

    Exercise('dense', 1, 'params',
             _p('Conv i reads the input and the i - 1 outputs before it: 16, 32, then 48 '
                'channels. Each conv is 3x3 with 16 filters.'),
             answer=lambda: counting.params('dense_block', f=16, d=3), wrong=_dense_wrong,
             worked=lambda: layers_worked('dense_block', 'params', f=16, d=3)),
    Exercise('dense', 2, 'channels',
             _p('The stack starts as the input and grows by f channels per conv.'),
             answer=lambda: 24 + 6 * 12, wrong=_dense_channels_wrong,
             worked=_dense_channels_worked),
    Exercise('dense', 3, 'build',
             _p('Inside the loop, put <code>conv(stack, 4 * f, k=1)</code> before the 3x3 conv '
                'and feed its output to the 3x3.'),
             reference=ref.dense_b_block, terms=('4*f',),
             settings=({'f': 8, 'd': 3}, {'f': 6, 'd': 2, 'channels': 10})),

    Exercise('squeeze_excitation', 1, 'params',
             _p('Two dense layers: 256 to f//rate = 16 units, then 16 to 256; each has one '
                'bias per unit. Pooling and multiply have none.'),
             answer=lambda: counting.params('se_block', f=256, rate=16), wrong=_se_wrong,
             worked=lambda: layers_worked('se_block', 'params', f=256, rate=16)),
    Exercise('squeeze_excitation', 2, 'macs',
             _p('After global pooling each dense layer runs once, on a vector.'),
             answer=lambda: counting.macs('se_block', size=32, f=256, rate=16),
             wrong=_se_macs_wrong,
             worked=lambda: layers_worked('se_block', 'macs', f=256, rate=16)),
    Exercise('squeeze_excitation', 3, 'build',
             _p('Build the residual path as in <code>residual_block</code>, call '
                '<code>se_block(m, f, rate)</code> on it, then add x.'),
             reference=ref.se_residual_block, terms=('f//r', 'f//rate'),
             settings=({'f': 96, 'r': 4, 'rate': 8}, {'f': 64, 'r': 2, 'rate': 16})),

    Exercise('nasnet', 1, 'params',
             _p('Three 3x3 and two 5x5 sepconvs from 32 to 32 channels; the pools and adds have '
                'no weights.'),
             answer=lambda: counting.params('normal_cell', f=32), wrong=_nasnet_wrong,
             worked=lambda: layers_worked('normal_cell', 'params', f=32)),
    Exercise('nasnet', 2, 'macs',
             _p('A k x k sepconv from 32 to 32 channels costs k·k·32 + 32·32 per position.'),
             answer=lambda: counting.macs('normal_cell', size=32, f=32),
             wrong=_nasnet_macs_wrong,
             worked=lambda: layers_worked('normal_cell', 'macs', f=32)),
    Exercise('nasnet', 3, 'build',
             _p('Keep the five adds; the only change is the list given to '
                '<code>concatenate</code>.'),
             reference=ref.nasnet_a_cell, settings=({'f': 8}, {'f': 12})),

    Exercise('inverted_residual', 1, 'params',
             _p('A 1x1 conv from 32 to f·r = 128 channels, then a 3x3 sepconv from 128 to 32.'),
             answer=lambda: counting.params('inv_residual_block', f=32, r=4),
             wrong=_inverted_wrong,
             worked=lambda: layers_worked('inv_residual_block', 'params', f=32, r=4)),
    Exercise('inverted_residual', 2, 'macs',
             _p('The depthwise part works on the expanded channels. Count 32·32 positions.'),
             answer=lambda: counting.macs('inv_residual_block', size=32, f=32, r=4),
             wrong=_inverted_macs_wrong,
             worked=lambda: layers_worked('inv_residual_block', 'macs', f=32, r=4)),
    Exercise('inverted_residual', 3, 'build',
             _p("Use <code>a='relu6'</code> on the first conv, "
                "<code>keras.layers.DepthwiseConv2D(3, strides=s, padding='same', "
                "activation='relu6')</code> in the middle, a linear 1x1 conv last, and add x "
                'only when s == 1.'),
             reference=ref.mobilenet_v2_block, terms=('f*r',),
             settings=({'f': 16, 'r': 4, 's': 1}, {'f': 16, 'r': 6, 's': 2})),
]

CHAPTERS = tuple(dict.fromkeys(e.chapter for e in EXERCISES))


def find(chapter, number):
    """The exercise, or a ValueError in one sentence."""
    for exercise in EXERCISES:
        if exercise.chapter == chapter and exercise.number == number:
            return exercise
    numbers = [e.number for e in EXERCISES if e.chapter == chapter]
    if not numbers:
        raise ValueError(f'No exercises for {chapter!r}; the chapters are '
                         f'{", ".join(map(repr, CHAPTERS))}.')
    raise ValueError(f'{chapter!r} has exercises {", ".join(map(str, numbers))}, not {number!r}.')
