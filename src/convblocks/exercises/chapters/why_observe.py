"""The computations behind the predict-then-observe "why" questions: what really happens.

Each function builds the block (or layer) in question, runs or counts it, and returns a dict of
the measured facts; `parts(name)` turns them into what the notebook shows (lines of text and
result tables, convblocks.book.show.Table), `report(name)` into the lines it prints as text.
The unit tests check the same dicts against the claims of the questions' explanations.
"""
import numpy as np

from convblocks import blocks, language
from convblocks.aliases import conv
from convblocks.book.show import Table
from convblocks.counting import CONV, layer_params
from convblocks.models import block_model
from convblocks.quiet import keras


def _random_input(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype('float32')


def _linear_last_path(x, f=32, r=4):
    """The residual block with its path's last 1x1 linear and the ReLU after the add (ResNet)."""
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1, a='linear')
    return keras.layers.ReLU()(keras.layers.add([x, m]))


def _chain(block, depth, f, size):
    """`depth` blocks in a row on a size x size x f input; a model with every block's output."""
    image = keras.Input((size, size, f))
    outputs, x = [], image
    for _ in range(depth):
        x = block(x, f=f, r=4)
        outputs.append(x)
    return keras.Model(image, outputs)


def residual_stack(depth=6, f=32, size=8, seed=0):
    """Stacked residual blocks, the article's (ReLU ends the path) and ResNet's order.

    For each block: the mean of its output, and the share of values it made smaller.
    """
    keras.utils.set_random_seed(seed)
    x = _random_input((1, size, size, f), seed)
    result = {'depth': depth, 'input mean': float(x.mean())}
    for name, block in (('article', blocks.residual_block), ('resnet', _linear_last_path)):
        outs = [np.asarray(o) for o in _chain(block, depth, f, size)(x)]
        ins = [x] + outs[:-1]
        result[name] = {'means': [float(o.mean()) for o in outs],
                        'lowered': [float((o < i).mean()) for o, i in zip(outs, ins)]}
    return result


def grouped_conv(channels=128, groups=(1, 2, 4, 8, 32), seed=0):
    """A 3x3 convolution from `channels` to `channels` split into g groups.

    For each g: its weights (Keras' count), and whether output channel 0 changes when the
    input channels outside its group change (it should not) and inside it (it should).
    """
    keras.utils.set_random_seed(seed)
    image = keras.Input((6, 6, channels))
    x = _random_input((1, 6, 6, channels), seed)
    rows = []
    for g in groups:
        model = keras.Model(image, keras.layers.Conv2D(channels, 3, groups=g, use_bias=False,
                                                        padding='same')(image))
        width = channels // g
        outside, inside = x.copy(), x.copy()
        outside[..., width:] += 1.0
        inside[..., :width] += 1.0
        first = np.asarray(model(x))[..., 0]
        rows.append({'groups': g, 'reads': width, 'weights': model.count_params(),
                     'outside changes it': bool(np.abs(np.asarray(model(outside))[..., 0]
                                                       - first).max() > 0),
                     'inside changes it': bool(np.abs(np.asarray(model(inside))[..., 0]
                                                      - first).max() > 0)})
    return {'channels': channels, 'rows': rows}


def dense_bottleneck(channels=64, growth=32, depth=12):
    """Weights of each dense layer with and without DenseNet-B's 1x1 (4 * growth filters).

    Layer l reads channels + (l - 1) * growth channels. Counted by convblocks.counting.
    """
    rows = []
    for layer in range(1, depth + 1):
        reads = channels + (layer - 1) * growth
        plain = layer_params(CONV, 3, reads, growth, bias=False)
        with_1x1 = (layer_params(CONV, 1, reads, 4 * growth, bias=False)
                    + layer_params(CONV, 3, 4 * growth, growth, bias=False))
        rows.append({'layer': layer, 'reads': reads, '3x3 alone': plain,
                     '1x1 + 3x3': with_1x1, 'saved': plain - with_1x1})
    return {'channels': channels, 'growth': growth, 'rows': rows}


def se_shuffle(f=32, rate=4, size=8, seed=0):
    """The SE block on an input and on the same input with its positions shuffled.

    The gains (output / input) are one number per channel; shuffling the positions, the same
    way in every channel, gives the shuffled output back.
    """
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 1.5, (1, size, size, f)).astype('float32')
    order = rng.permutation(size * size)
    shuffled = x.reshape(1, -1, f)[:, order].reshape(x.shape)
    model = block_model(blocks.se_block, size=size, f=f, rate=rate)
    out, out_shuffled = np.asarray(model(x)), np.asarray(model(shuffled))
    gains = (out / x).reshape(-1, f)
    return {'f': f,
            'one gain per channel': bool(np.allclose(gains, gains[0], rtol=1e-5)),
            'lowest gain': float(gains[0].min()), 'highest gain': float(gains[0].max()),
            'difference': float(np.abs(out.reshape(1, -1, f)[:, order].reshape(x.shape)
                                       - out_shuffled).max())}


def linear_projection(f=32, r=4, size=8, seed=0):
    """The inverted residual's projection: the share of its values a ReLU would set to 0.

    Also the share of zeros after the expansion's own ReLU (f * r channels wide).
    """
    keras.utils.set_random_seed(seed)
    model = block_model(blocks.inv_residual_block, size=size, f=f, r=r)
    expand = next(la for la in model.layers if isinstance(la, keras.layers.Conv2D)
                  and not isinstance(la, keras.layers.SeparableConv2D))
    project = next(la for la in model.layers if isinstance(la, keras.layers.SeparableConv2D))
    parts = keras.Model(model.input, [expand.output, project.output])
    expanded, projected = (np.asarray(t) for t in parts(_random_input((1, size, size, f), seed)))
    return {'f': f, 'expanded': f * r,
            'zeros after the expansion': float((expanded == 0).mean()),
            'negative projected': float((projected < 0).mean()),
            'zeros after a ReLU': float((np.maximum(projected, 0) == 0).mean())}


# The printed lines of each observation, per language; {...} are filled from the measured facts.
LINES = {
    'en': {
        'residual': "{depth} residual blocks in a row on a random input (mean {mean:+.2f}):",
        'article': "the article's block (ReLU at the end of the path)",
        'resnet': "ResNet's order (last 1x1 linear, ReLU after the add)",
        'means': '  mean after each block:          {}',
        'lowered': '  values each block made smaller: {}',
        'grouped': 'A 3x3 convolution from {c} to {c} channels, split into groups:',
        'ch': 'ch',
        'dense': 'Dense block on {channels} channels, growth rate {growth}: weights of each layer',
        'se': 'SE block on {f} channels:',
        'se_gain': '  one gain per channel, shared by every position: {}',
        'se_range': '  gains from {low:.2f} to {high:.2f}',
        'se_shuffle': '  output of the shuffled input = the shuffled output (up to float32 '
                      'rounding, < 1e-5): {}',
        'projection': 'Inverted residual, f = {f}, on a random input:',
        'expansion': '  expansion to {expanded} channels: {share:.0%} of its values are 0 after '
                     'its ReLU',
        'projected': '  projection back to {f} channels: {share:.0%} of its values are negative,',
        'relu': '  so a ReLU there would set {share:.0%} of them to 0',
        True: 'True', False: 'False',
    },
    'zh': {
        'residual': "{depth} 个残差模块串联，作用在随机输入上（均值 {mean:+.2f}）：",
        'article': '原文的模块（ReLU 在路径末尾）',
        'resnet': 'ResNet 的顺序（最后的 1x1 是线性的，ReLU 在相加之后）',
        'means': '  每个模块之后的均值：        {}',
        'lowered': '  每个模块调小的值所占比例：  {}',
        'grouped': '一个从 {c} 到 {c} 个通道的 3x3 卷积，分成若干组：',
        'ch': '通道',
        'dense': '{channels} 个通道上的密集模块，增长率 {growth}：每一层的权重',
        'se': '{f} 个通道上的 SE 模块：',
        'se_gain': '  每个通道一个增益，所有位置共用：{}',
        'se_range': '  增益从 {low:.2f} 到 {high:.2f}',
        'se_shuffle': '  打乱后的输入的输出 = 打乱后的输出（在 float32 舍入误差内，< 1e-5）：{}',
        'projection': '倒残差模块，f = {f}，作用在随机输入上：',
        'expansion': '  扩展到 {expanded} 个通道：ReLU 之后 {share:.0%} 的值为 0',
        'projected': '  投影回 {f} 个通道：{share:.0%} 的值为负，',
        'relu': '  所以在那里加 ReLU 会把其中 {share:.0%} 的值置为 0',
        True: '是', False: '否',
    },
}


def _lines():
    return LINES[language.current()]


def _residual_lines(facts):
    words = _lines()
    lines = [words['residual'].format(depth=facts['depth'], mean=facts['input mean']), '']
    for name in ('article', 'resnet'):
        means = ', '.join(f'{m:.2f}' for m in facts[name]['means'])
        lowered = ', '.join(f'{s:.0%}' for s in facts[name]['lowered'])
        lines += [words[name], words['means'].format(means), words['lowered'].format(lowered)]
    return lines


def _grouped_lines(facts):
    words = _lines()
    c = facts['channels']
    rows = [{'groups': row['groups'], 'output 0 reads': f"{row['reads']} {words['ch']}",
             'weights': row['weights'], 'changes with its group': words[row['inside changes it']],
             'with the others': words[row['outside changes it']]} for row in facts['rows']]
    return [words['grouped'].format(c=c), '', Table(rows)]


def _dense_lines(facts):
    words = _lines()
    rows = [{**{key: row[key] for key in ('layer', 'reads', '3x3 alone', '1x1 + 3x3')},
             'saved': f"{row['saved']:+,}"} for row in facts['rows']]
    return [words['dense'].format(channels=facts['channels'], growth=facts['growth']), '',
            Table(rows)]


def _se_lines(facts):
    words = _lines()
    return [words['se'].format(f=facts['f']),
            words['se_gain'].format(words[facts['one gain per channel']]),
            words['se_range'].format(low=facts['lowest gain'], high=facts['highest gain']),
            words['se_shuffle'].format(words[bool(facts['difference'] < 1e-5)])]


def _projection_lines(facts):
    words = _lines()
    return [words['projection'].format(f=facts['f']),
            words['expansion'].format(expanded=facts['expanded'],
                                      share=facts['zeros after the expansion']),
            words['projected'].format(f=facts['f'], share=facts['negative projected']),
            words['relu'].format(share=facts['zeros after a ReLU'])]


OBSERVATIONS = {
    'residual': (residual_stack, _residual_lines),
    'resnext': (grouped_conv, _grouped_lines),
    'dense': (dense_bottleneck, _dense_lines),
    'squeeze_excitation': (se_shuffle, _se_lines),
    'inverted_residual': (linear_projection, _projection_lines),
}


def parts(name):
    """What the notebook shows for the observation of chapter `name`: lines and tables."""
    measure, lines = OBSERVATIONS[name]
    return lines(measure())


def as_lines(shown):
    """`parts` as the lines of text they print (each table as its aligned text)."""
    return [line for part in shown
            for line in (repr(part).splitlines() if isinstance(part, Table) else [part])]


def report(name):
    """The lines the notebook prints for the observation of chapter `name`."""
    return as_lines(parts(name))
