"""The computations behind the predict-then-observe "why" questions: what really happens.

Each function builds the block (or layer) in question, runs or counts it, and returns a dict of
the measured facts; `parts(name)` turns them into what the notebook shows (lines of text and
result tables, convblocks.book.show.Table), `report(name)` into the lines it prints as text.
The unit tests check the same dicts against the claims of the questions' explanations.
"""
import numpy as np

from convblocks import blocks
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


def _residual_lines(facts):
    lines = [f"{facts['depth']} residual blocks in a row on a random input "
             f"(mean {facts['input mean']:+.2f}):", '']
    for name, title in (('article', "the article's block (ReLU at the end of the path)"),
                        ('resnet', "ResNet's order (last 1x1 linear, ReLU after the add)")):
        means = ', '.join(f'{m:.2f}' for m in facts[name]['means'])
        lowered = ', '.join(f'{s:.0%}' for s in facts[name]['lowered'])
        lines += [title, f'  mean after each block:          {means}',
                  f'  values each block made smaller: {lowered}']
    return lines


def _grouped_lines(facts):
    c = facts['channels']
    rows = [{'groups': row['groups'], 'output 0 reads': f"{row['reads']} ch",
             'weights': row['weights'], 'changes with its group': row['inside changes it'],
             'with the others': row['outside changes it']} for row in facts['rows']]
    return [f'A 3x3 convolution from {c} to {c} channels, split into groups:', '', Table(rows)]


def _dense_lines(facts):
    rows = [{**{key: row[key] for key in ('layer', 'reads', '3x3 alone', '1x1 + 3x3')},
             'saved': f"{row['saved']:+,}"} for row in facts['rows']]
    return [f"Dense block on {facts['channels']} channels, growth rate {facts['growth']}: "
            f"weights of each layer", '', Table(rows)]


def _se_lines(facts):
    return [f"SE block on {facts['f']} channels:",
            f"  one gain per channel, shared by every position: {facts['one gain per channel']}",
            f"  gains from {facts['lowest gain']:.2f} to {facts['highest gain']:.2f}",
            '  output of the shuffled input = the shuffled output (up to float32 rounding, '
            f"< 1e-5): {facts['difference'] < 1e-5}"]


def _projection_lines(facts):
    return [f"Inverted residual, f = {facts['f']}, on a random input:",
            f"  expansion to {facts['expanded']} channels: {facts['zeros after the expansion']:.0%}"
            ' of its values are 0 after its ReLU',
            f"  projection back to {facts['f']} channels: {facts['negative projected']:.0%}"
            ' of its values are negative,',
            f"  so a ReLU there would set {facts['zeros after a ReLU']:.0%} of them to 0"]


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
