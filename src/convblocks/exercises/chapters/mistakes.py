"""The typical wrong answers of the numeric exercises, each with what it means.

Each value is computed from the layer formulas of `convblocks.counting` with one term changed
(biases left out, a wrong width, a kernel counted as k instead of k·k, ...), so a reader who
makes that mistake gets the sentence that names it, in English and Chinese. The settings
(SETTINGS) are chosen so that no answer shows on its chapter's page before the reader works
it out: none is a value the page's text, tables or explorer sliders show
(tests/test_exercise_answers_hidden.py checks the built book).
"""
from convblocks import counting
from convblocks.exercises.chapters.numeric import Wrong
from convblocks.counting import CONV, DENSE, SEPCONV, layer_params

P = layer_params
SIZE = 32   # every MAC exercise is on a 32x32 input

# The block and knobs each numeric exercise asks about ('channels' is the input's width).
SETTINGS = {
    ('bottleneck', 1): ('bottleneck', {'f': 48, 'r': 4, 'channels': 48}),
    ('bottleneck', 2): ('bottleneck', {'f': 48, 'r': 4, 'channels': 48}),
    ('inception', 1): ('naive_inception_module', {'f': 24, 'channels': 24}),
    ('inception', 2): ('inception_module', {'f': 48, 'r': 4, 'channels': 48}),
    ('residual', 1): ('residual_block', {'f': 160, 'r': 4}),
    ('resnext', 1): ('resnext_block', {'f': 96, 'r': 2, 'c': 3}),
    ('dense', 1): ('dense_block', {'f': 20, 'd': 3, 'channels': 40}),
    ('dense', 2): ('dense_block', {'f': 14, 'd': 5, 'channels': 20}),
    ('squeeze_excitation', 1): ('se_block', {'f': 192, 'rate': 16}),
    ('squeeze_excitation', 2): ('se_block', {'f': 192, 'rate': 16}),
    ('nasnet', 1): ('normal_cell', {'f': 48}),
    ('nasnet', 2): ('normal_cell', {'f': 48}),
    ('inverted_residual', 1): ('inv_residual_block', {'f': 40, 'r': 4}),
    ('inverted_residual', 2): ('inv_residual_block', {'f': 40, 'r': 4}),
}
RESIDUAL_BUDGET = 8000            # residual exercise 3: widest f (multiple of 4), r = 4
RESNEXT_F, RESNEXT_BUDGET = 80, 17500   # resnext exercise 3: most paths c, f = 80, r = 1


def params(key, bias=True):
    block, knobs = SETTINGS[key]
    knobs = dict(knobs)
    return counting.params(block, channels=knobs.pop('channels', None), bias=bias, **knobs)


def macs(key):
    block, knobs = SETTINGS[key]
    knobs = dict(knobs)
    return counting.macs(block, size=SIZE, channels=knobs.pop('channels', None), **knobs)


def out_channels(key):
    _, knobs = SETTINGS[key]
    return knobs['channels'] + knobs['d'] * knobs['f']


# --- bottleneck ---------------------------------------------------------------------------

def bottleneck_wrong():
    f, q = 48, 48 // 4
    right = [P(CONV, 1, f, q), P(CONV, 3, q, q), P(CONV, 1, q, f)]
    return [
        Wrong(sum(right) - (q + q + f),
              f'You left out the biases: one per filter ({q} + {q} + {f} = {q + q + f}).',
              f'你漏掉了偏置：每个滤波器一个（{q} + {q} + {f} = {q + q + f}）。'),
        Wrong(right[0] + P(CONV, 3, f, f) + right[2],
              f'The middle 3x3 conv has f//r = {q} channels in and out, not f = {f}.',
              f'中间的 3x3 卷积输入和输出都是 f//r = {q} 个通道，而不是 f = {f}。'),
        Wrong(right[0] + 3 * q * q + q + right[2],
              'A 3x3 kernel has 3·3 = 9 weights per pair of input and output channels, not 3.',
              '3x3 卷积核对每一对输入、输出通道有 3·3 = 9 个权重，而不是 3 个。'),
        Wrong(right[0] + right[1],
              f'You left out the last 1x1 conv, which expands back to {f} channels '
              f'({q}·{f} + {f} = {right[2]:,}).',
              f'你漏掉了最后一个 1x1 卷积，它把通道扩回 {f}（{q}·{f} + {f} = {right[2]:,}）。'),
    ]


def bottleneck_macs_wrong():
    key = ('bottleneck', 2)
    weights = params(key, bias=False)
    return [
        Wrong(SIZE * SIZE * params(key),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(SIZE * weights, 'A 32x32 input has 32·32 = 1,024 positions, not 32.',
              '32x32 的输入有 32·32 = 1,024 个位置，而不是 32 个。'),
        Wrong(weights, f'{weights:,} is the count for one position; every weight works at each '
                       f'of the 32·32 = 1,024 positions.',
              f'{weights:,} 只是一个位置的运算量；每个权重在 32·32 = 1,024 个位置上都要计算。'),
    ]


# --- inception ----------------------------------------------------------------------------

def naive_macs_wrong():
    positions, c = SIZE * SIZE, 24
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


def inception_wrong():
    f, b, c = 48, 48 // 3, 48 // 4
    right = params(('inception', 2))
    branch_b = P(CONV, 1, f, b) + P(CONV, 3, b, f)
    biases = f + b + f + c + f + f
    return [
        Wrong(right - branch_b + P(CONV, 1, f, c) + P(CONV, 3, c, f),
              f"Branch b reduces to f//3 = {b} channels, not f//r = {c}: the article's code "
              f"uses f//3 there.",
              f'分支 b 降到 f//3 = {b} 个通道，而不是 f//r = {c}：文章的代码在这里用的是 f//3。'),
        Wrong(right - P(CONV, 1, f, f),
              f'You left out the 1x1 conv after the max pool ({f}·{f} + {f} = '
              f'{P(CONV, 1, f, f):,}).',
              f'你漏掉了最大池化之后的 1x1 卷积（{f}·{f} + {f} = {P(CONV, 1, f, f):,}）。'),
        Wrong(params(('inception', 2), bias=False),
              f'You left out the biases: one per filter of each of the six convs ({biases} in '
              f'all).',
              f'你漏掉了偏置：六个卷积的每个滤波器各一个（共 {biases} 个）。'),
        Wrong(right - branch_b - P(CONV, 1, f, c) - P(CONV, 5, c, f)
              + P(CONV, 3, f, f) + P(CONV, 5, f, f),
              f'You counted the 3x3 and 5x5 convs without their 1x1 reductions: they read {b} '
              f'and {c} channels, not {f}.',
              f'你没有算上 1x1 降维：3x3 和 5x5 卷积读入的是 {b} 个和 {c} 个通道，而不是 {f} 个。'),
    ]


# --- residual -----------------------------------------------------------------------------

def residual_wrong():
    f, q = 160, 160 // 4
    right = params(('residual', 1))
    return [
        Wrong(params(('residual', 1), bias=False),
              f'You left out the biases: one per filter ({q} + {q} + {f} = {q + q + f}).',
              f'你漏掉了偏置：每个滤波器一个（{q} + {q} + {f} = {q + q + f}）。'),
        Wrong(right + P(CONV, 1, f, f),
              'The skip adds x as it is: it has no weights (a 1x1 conv on the skip is only '
              'needed when the shapes differ).',
              '捷径直接加上 x，没有权重（只有形状不同时才在捷径上用 1x1 卷积）。'),
        Wrong(right - P(CONV, 3, q, q) + P(CONV, 3, f, f),
              f'The middle 3x3 conv has f//r = {q} channels in and out, not f = {f}.',
              f'中间的 3x3 卷积输入和输出都是 f//r = {q} 个通道，而不是 f = {f}。'),
    ]


def residual_count(f):
    return counting.params('residual_block', f=f, r=4)


def widest_residual():
    return max(f for f in range(4, 1025, 4) if residual_count(f) <= RESIDUAL_BUDGET)


# --- ResNeXt ------------------------------------------------------------------------------

def resnext_wrong():
    f, c, w = 96, 3, 96 // 6
    path = counting.params('bottleneck', f=f, r=c * 2)
    wide = counting.params('bottleneck', f=f, r=2)
    return [
        Wrong(path, f'That is one path; the block has c = {c} of them.',
              f'这只是一条路径；模块有 c = {c} 条。'),
        Wrong(c * wide, f'Each path is f//(c·r) = {w} channels wide, not f//r = {f // 2}.',
              f'每条路径宽 f//(c·r) = {w} 个通道，而不是 f//r = {f // 2}。'),
        Wrong(params(('resnext', 1), bias=False),
              f'You left out the biases: {w} + {w} + {f} = {w + w + f} in every path.',
              f'你漏掉了偏置：每条路径 {w} + {w} + {f} = {w + w + f} 个。'),
    ]


def resnext_count(c):
    return counting.params('resnext_block', f=RESNEXT_F, r=1, c=c)


DIVISORS = tuple(c for c in range(1, RESNEXT_F + 1) if RESNEXT_F % c == 0)


def most_paths():
    return max(c for c in DIVISORS if resnext_count(c) <= RESNEXT_BUDGET)


# --- dense --------------------------------------------------------------------------------

def dense_wrong():
    f, c0 = 20, 40
    right = params(('dense', 1))
    reads = [c0 + i * f for i in range(3)]
    return [
        Wrong(3 * P(CONV, 3, c0, f),
              f'Each conv reads everything stacked so far: {reads[0]}, then {reads[1]}, then '
              f'{reads[2]} channels.',
              f'每个卷积读入之前拼接的全部通道：依次为 {reads[0]}、{reads[1]}、{reads[2]} 个。'),
        Wrong(params(('dense', 1), bias=False),
              f'You left out the biases: {f} per conv, {3 * f} in all.',
              f'你漏掉了偏置：每个卷积 {f} 个，共 {3 * f} 个。'),
        Wrong(sum(P(CONV, 3, c0 + (i + 1) * f, f) for i in range(3)),
              f'The first conv reads only the input ({c0} channels); the stack grows after it.',
              f'第一个卷积只读入输入（{c0} 个通道）；之后拼接的通道才逐渐增多。'),
        Wrong(right + f * 3 * f, 'Concatenation has no parameters.', '拼接没有参数。'),
    ]


def dense_channels_wrong():
    _, knobs = SETTINGS[('dense', 2)]
    c0, f, d = knobs['channels'], knobs['f'], knobs['d']
    return [
        Wrong(f, "That is the last conv's output; the block returns the whole stack.",
              '这是最后一个卷积的输出；模块返回的是整个拼接结果。'),
        Wrong(d * f, f"You left out the input's {c0} channels: the stack starts with x.",
              f'你漏掉了输入的 {c0} 个通道：拼接从 x 开始。'),
        Wrong(c0 + (d - 1) * f, f'There are d = {d} convs, each adding f = {f} channels, not '
                                f'{d - 1}.',
              f'共有 d = {d} 个卷积，每个增加 f = {f} 个通道，而不是 {d - 1} 个。'),
        Wrong(c0 * 2 ** d, f'Each conv adds f = {f} channels to the stack; it does not double it.',
              f'每个卷积向拼接结果增加 f = {f} 个通道，而不是使其翻倍。'),
    ]


# --- squeeze and excitation -----------------------------------------------------------------

def se_wrong():
    f, q = 192, 192 // 16
    return [
        Wrong(params(('squeeze_excitation', 1), bias=False),
              f'You left out the biases: {q} + {f} = {q + f}.',
              f'你漏掉了偏置：{q} + {f} = {q + f} 个。'),
        Wrong(2 * P(DENSE, 1, f, f),
              f'The first dense layer has f//rate = {q} units, not f = {f}.',
              f'第一个全连接层有 f//rate = {q} 个单元，而不是 f = {f}。'),
        Wrong(P(DENSE, 1, f, q),
              f'There are two dense layers: down to {q} units, then back up to {f}.',
              f'有两个全连接层：先降到 {q} 个单元，再升回 {f} 个。'),
    ]


def se_macs_wrong():
    f = 192
    right = macs(('squeeze_excitation', 2))
    return [
        Wrong(SIZE * SIZE * right,
              f'The dense layers work once, on the pooled vector of {f} numbers, not at each of '
              f'the 32·32 positions.',
              f'全连接层只在池化后的 {f} 维向量上计算一次，而不是在 32·32 个位置上各算一次。'),
        Wrong(params(('squeeze_excitation', 2)),
              'Biases cost no multiply-accumulate: count only the weights.',
              '偏置不产生乘加运算：只计权重。'),
        Wrong(right + SIZE * SIZE * f,
              "The rescaling multiply is element-wise; by the book's convention it counts 0 "
              "MACs, like the pooling.",
              '重新缩放的相乘是逐元素运算；按本书的约定与池化一样计为 0 次乘加运算。'),
    ]


# --- NASNet -------------------------------------------------------------------------------

def nasnet_wrong():
    f = 48
    right = params(('nasnet', 1))
    return [
        Wrong(3 * P(CONV, 3, f, f) + 2 * P(CONV, 5, f, f),
              f'A separable conv is a k x k depthwise filter per channel plus a 1x1 conv: '
              f'k·k·{f} + {f}·{f} weights (+ {f} biases), not k·k·{f}·{f}.',
              '可分离卷积是每个通道一个 k x k 逐深度卷积核加一个 1x1 卷积：'
              f'k·k·{f} + {f}·{f} 个权重'
              f'（另加 {f} 个偏置），而不是 k·k·{f}·{f}。'),
        Wrong(params(('nasnet', 1), bias=False),
              f'You left out the biases: {f} in each of the five sepconvs.',
              f'你漏掉了偏置：五个可分离卷积各 {f} 个。'),
        Wrong(right - 3 * 9 * f - 2 * 25 * f,
              f'You left out the depthwise kernels: k·k·{f} weights in each sepconv.',
              f'你漏掉了逐深度卷积核：每个可分离卷积有 k·k·{f} 个权重。'),
    ]


def nasnet_macs_wrong():
    f = 48
    right = macs(('nasnet', 2))
    return [
        Wrong(SIZE * SIZE * params(('nasnet', 2)),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(right // (SIZE * SIZE),
              'That is one position; multiply by the 32·32 = 1,024 positions.',
              '这只是一个位置的运算量；还要乘以 32·32 = 1,024 个位置。'),
        Wrong(SIZE * SIZE * (3 * 9 * f * f + 2 * 25 * f * f),
              f'A separable conv costs k·k·{f} (depthwise) + {f}·{f} (pointwise) per position, '
              f'not k·k·{f}·{f}.',
              f'可分离卷积每个位置的运算量是 k·k·{f}（逐深度）+ {f}·{f}（逐点），'
              f'而不是 k·k·{f}·{f}。'),
    ]


# --- inverted residual --------------------------------------------------------------------

def inverted_wrong():
    f, r = 40, 4
    e = f * r
    right = params(('inverted_residual', 1))
    return [
        Wrong(params(('inverted_residual', 1), bias=False),
              f'You left out the biases: {e} + {f} = {e + f}.',
              f'你漏掉了偏置：{e} + {f} = {e + f} 个。'),
        Wrong(P(CONV, 1, f, e) + P(CONV, 3, e, f),
              f'The second layer is separable: 3·3·{e} depthwise + {e}·{f} pointwise weights, '
              f'not 3·3·{e}·{f}.',
              f'第二层是可分离卷积：3·3·{e} 个逐深度权重加 {e}·{f} 个逐点权重，'
              f'而不是 3·3·{e}·{f}。'),
        Wrong(P(CONV, 1, f, f // r) + P(SEPCONV, 3, f // r, f),
              f'The first 1x1 conv expands to f·r = {e} channels; it does not squeeze to f//r.',
              f'第一个 1x1 卷积把通道扩展到 f·r = {e}，而不是压缩到 f//r。'),
        Wrong(right - P(CONV, 1, f, e),
              f'You left out the first 1x1 conv ({f}·{e} + {e} = {P(CONV, 1, f, e):,}).',
              f'你漏掉了第一个 1x1 卷积（{f}·{e} + {e} = {P(CONV, 1, f, e):,}）。'),
    ]


def inverted_macs_wrong():
    f, e = 40, 160
    return [
        Wrong(SIZE * SIZE * params(('inverted_residual', 2)),
              'Biases cost no multiply-accumulate: count only the kernel weights.',
              '偏置不产生乘加运算：只计卷积核权重。'),
        Wrong(SIZE * SIZE * (f * e + 9 * f + e * f),
              f'The depthwise 3x3 runs on the f·r = {e} expanded channels, not on f = {f}.',
              f'逐深度 3x3 卷积作用在扩展后的 f·r = {e} 个通道上，而不是 f = {f} 个。'),
        Wrong(params(('inverted_residual', 2), bias=False),
              'That is one position; multiply by the 32·32 = 1,024 positions.',
              '这只是一个位置的运算量；还要乘以 32·32 = 1,024 个位置。'),
    ]
