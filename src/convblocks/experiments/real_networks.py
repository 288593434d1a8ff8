"""The article's blocks next to the matching part of a `keras.applications` network.

Networks are built offline (`weights=None`, no classifier top, weight shapes only) and
cached, so a page builds each one once. A part is a list of layers; `compare` counts an
article block and a part by kind of layer (1x1 conv, 3x3 conv, depthwise 3x3, ...), with
biases and batch-norm parameters on rows of their own, so the difference between the two
reads off the table.
"""
import functools
import math
import re

from convblocks.keras_internals import layer_inputs, producer, shapes_only
from convblocks.models import block_model
from convblocks.quiet import keras

INPUT_SHAPES = {'InceptionV3': (299, 299, 3)}


@functools.cache
def network(name):
    """keras.applications.<name> with no top, its weights' shapes only (built once per process).

    Counting reads no weight values, and skipping the random draws builds it 2-4 times faster.
    """
    shape = INPUT_SHAPES.get(name, (224, 224, 3))
    with shapes_only():
        return getattr(keras.applications, name)(weights=None, include_top=False,
                                                 input_shape=shape)


def named(name, pattern):
    """The layers of network `name` whose names match the regular expression `pattern`."""
    return [layer for layer in network(name).layers if re.fullmatch(pattern, layer.name)]


def between(name, first, last):
    """The layers of network `name` after layer `first` up to and including layer `last`."""
    model = network(name)
    found, todo = {}, [model.get_layer(last)]
    while todo:
        layer = todo.pop()
        if layer.name == first or layer.name in found:
            continue
        found[layer.name] = layer
        todo.extend(producer(tensor) for tensor in layer_inputs(layer))
    return [layer for layer in model.layers if layer.name in found]


def article_layers(block, channels=None, **knobs):
    """The layers the article's block builds (on a 8x8 input; counts do not depend on size)."""
    return block_model(block, size=8, channels=channels, **knobs).layers


def _kernel(layer):
    return 'x'.join(str(k) for k in layer.kernel_size)


def _kinds(layer):
    """(kind, weight count) pairs for one layer; a separable conv is a depthwise + a 1x1."""
    size = {w.path.split('/')[-1]: math.prod(w.shape) for w in layer.weights}
    if isinstance(layer, keras.layers.BatchNormalization):
        return [('batch norm', sum(size.values()))]
    if isinstance(layer, keras.layers.SeparableConv2D):
        return [(f'depthwise {_kernel(layer)}', size['depthwise_kernel']),
                ('conv 1x1', size['pointwise_kernel'])]
    if isinstance(layer, keras.layers.DepthwiseConv2D):
        return [(f'depthwise {_kernel(layer)}', size['kernel'])]
    if isinstance(layer, keras.layers.Conv2D):
        grouped = ' grouped' if layer.groups > 1 else ''
        return [(f'conv {_kernel(layer)}{grouped}', size['kernel'])]
    if isinstance(layer, keras.layers.Dense):
        return [('dense', size['kernel'])]
    return []


def breakdown(layers):
    """Weights per kind of layer, then 'biases' and 'batch norm', in order of appearance."""
    counts = {}
    for layer in layers:
        for kind, n in _kinds(layer):
            counts[kind] = counts.get(kind, 0) + n
    biases = sum(math.prod(w.shape) for layer in layers for w in layer.weights
                 if w.path.endswith('/bias') and not
                 isinstance(layer, keras.layers.BatchNormalization))
    batch_norm = counts.pop('batch norm', 0)
    return {**counts, 'biases': biases, 'batch norm': batch_norm}


def weights(layers):
    """Weights without biases and batch norm: what papers count."""
    counts = breakdown(layers)
    return sum(n for kind, n in counts.items() if kind not in ('biases', 'batch norm'))


def compare(article, real, network='keras'):
    """Rows for show.table: each kind of layer counted in the article's block and in the
    `network`'s part, the difference, and totals.

    The 'weights' row sums the layer kinds (biases and batch norm excluded).
    """
    a, b = breakdown(article), breakdown(real)
    names = ('article', network)
    kinds = [k for k in {**a, **b} if k not in ('biases', 'batch norm')]
    rows = [{'': kind, names[0]: a.get(kind, 0), names[1]: b.get(kind, 0)} for kind in kinds]
    rows.append({'': 'weights', names[0]: weights(article), names[1]: weights(real)})
    rows += [{'': kind, names[0]: a[kind], names[1]: b[kind]}
             for kind in ('biases', 'batch norm')]
    for row in rows:
        row['difference'] = row[names[1]] - row[names[0]]
    return rows


def agree(rows, rows_to_compare=('weights', 'biases')):
    """True when `compare`'s rows show no difference in `rows_to_compare`."""
    return all(row['difference'] == 0 for row in rows if row[''] in rows_to_compare)


# --- the parts each chapter shows ------------------------------------------------------

def resnet50_block(n, stage=2):
    """ResNet50's conv{stage}_block{n}: its convs, batch norms, shortcut and add."""
    return named('ResNet50', f'conv{stage}_block{n}_.*')


def resnet50_branch(n, stage=2):
    """The residual branch of ResNet50's conv{stage}_block{n}: convs 1 to 3 and their BN."""
    return named('ResNet50', f'conv{stage}_block{n}_[123]_.*')


def mobilenetv2_block(n):
    """MobileNetV2's block_{n}: expand, depthwise and project, with their batch norms."""
    return named('MobileNetV2', f'block_{n}_.*')


def densenet121_block(stage=2):
    """DenseNet121's dense block in stage `stage` (stage 2 is its first, six layers)."""
    return named('DenseNet121', f'conv{stage}_block\\d+_.*')


def inceptionv3_mixed0():
    """InceptionV3's first Inception module, mixed0 (35x35x192 in, 256 channels out)."""
    model = network('InceptionV3')
    ends = [producer(t).name for t in layer_inputs(model.get_layer('mixed0'))]
    return between('InceptionV3', _common_input(model, ends), 'mixed0')


def _common_input(model, branch_ends):
    """The name of the layer all branches of an Inception module start from."""
    seen = None
    for name in branch_ends:
        ancestors, todo = set(), [model.get_layer(name)]
        while todo:
            layer = todo.pop()
            if layer.name in ancestors:
                continue
            ancestors.add(layer.name)
            todo.extend(producer(t) for t in layer_inputs(layer))
        seen = ancestors if seen is None else seen & ancestors
    order = [layer.name for layer in model.layers]
    return max(seen, key=order.index)


def nasnetmobile_normal_cell(n=1):
    """NASNetMobile's normal cell n: input adjustments, separable ops and their batch norms."""
    return named('NASNetMobile', f'(adjust|normal|separable_conv_\\d_(bn_)?normal)\\w*_{n}')


def efficientnetb0_se(block='block2b'):
    """The squeeze-and-excitation layers inside EfficientNetB0's `block`."""
    return named('EfficientNetB0', f'{block}_se_.*')


def channels_in(layers):
    """The channel count of the first layer's input."""
    return layer_inputs(layers[0])[0].shape[-1]


def conv_rows(layers):
    """Rows for show.table: each convolution of a part with its kind, channels and weights."""
    rows = []
    for layer in layers:
        for kind, n in _kinds(layer):
            if kind not in ('batch norm', 'dense'):
                cin = layer_inputs(layer)[0].shape[-1]
                cout = cin if kind.startswith('depthwise') else layer.output.shape[-1]
                rows.append({'layer': kind, 'in': cin, 'out': cout, 'weights': n})
    return rows
