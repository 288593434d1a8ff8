"""The typical wrong answers of the numeric exercises, each with what it means.

Each value is computed from the layer formulas of `convblocks.counting` with one term changed
(biases left out, a wrong width, a kernel counted as k instead of k·k, ...), so a reader who
makes that mistake gets the sentence that names it, in English and Chinese.
"""
from convblocks import counting
from convblocks.exercises.chapters.numeric import Wrong
from convblocks.counting import CONV, DENSE, SEPCONV, layer_params

P = layer_params


# --- bottleneck ---------------------------------------------------------------------------

def bottleneck_wrong():
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


def bottleneck_macs_wrong():
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

def naive_macs_wrong():
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


def inception_wrong():
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


# --- residual -----------------------------------------------------------------------------

def residual_wrong():
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


def residual_count(f):
    return counting.params('residual_block', f=f, r=4)


def widest_residual():
    return max(f for f in range(4, 257, 4) if residual_count(f) <= 5000)


# --- ResNeXt ------------------------------------------------------------------------------

def resnext_wrong():
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


def resnext_count(c):
    return counting.params('resnext_block', f=64, r=1, c=c)


DIVISORS_64 = (1, 2, 4, 8, 16, 32, 64)


def most_paths():
    return max(c for c in DIVISORS_64 if resnext_count(c) <= 12000)


# --- dense --------------------------------------------------------------------------------

def dense_wrong():
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


def dense_channels_wrong():
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


# --- squeeze and excitation -----------------------------------------------------------------

def se_wrong():
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


def se_macs_wrong():
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

def nasnet_wrong():
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


def nasnet_macs_wrong():
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

def inverted_wrong():
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


def inverted_macs_wrong():
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
