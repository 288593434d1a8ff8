"""One structural comparison of a reader's block with a reference block, for every exercise.

Both blocks are read with `convblocks.exercises.core.graph` (chains of single-input layers between
states; a state is an input or a merge such as add, concatenate or multiply) and compared
from the output back: the kind of each merge, its inputs, and along every chain the layers'
kinds and configs (kernel, strides, filters or units, groups, padding, activation, bias).
The first difference becomes one sentence that names the layer, where it is and what differs.

Equivalent blocks are accepted:
- the order of the inputs of an add, multiply or concatenation does not matter (a reordered
  concatenation only permutes channels, which the next layer's weights absorb);
- an activation written as its own layer (`ReLU()`, `ReLU(max_value=6)`, `Activation(...)`)
  right after a linear layer counts as that layer's activation; `Identity` layers are skipped;
- variable names, statement order, aliases or raw `keras.layers` make no difference.
"""
import itertools
from dataclasses import dataclass

from convblocks import keras_internals
from convblocks.exercises.core import graph

MERGE_WORDS = {'add': 'add', 'concat': 'concatenation', 'multiply': 'multiply'}
ATTRIBUTES = ('kernel', 'strides', 'filters', 'units', 'groups', 'depth_multiplier',
              'padding', 'activation', 'use_bias', 'dilation')
ACTIVATION_LAYERS = {'ReLU', 'Activation', 'ReLU6', 'Relu', 'Relu6', 'Sigmoid'}
MAX_PERMUTED = 6


@dataclass(frozen=True)
class Layer:
    """One single-input layer of a chain, with the attributes the comparison looks at."""
    kind: str
    config: tuple   # ((attribute, value), ...) for the ATTRIBUTES the layer has

    def get(self, name):
        return dict(self.config).get(name)

    def describe(self):
        kernel = self.get('kernel')
        size = f'{kernel}x{kernel} ' if isinstance(kernel, int) else ''
        if self.kind == 'Dense':
            return f'Dense({self.get("units")})'
        if self.kind == 'Activation':
            return f'{self.get("activation")} activation'
        return f'{size}{self.kind}'


def read(output, inputs):
    """The block that produced `output` from `inputs` ({name: Keras tensor}), as a tree."""
    cell = graph.read(output, inputs)
    layers = _operations(output)
    return _Reader(cell, layers).path(cell.output)


def _operations(output):
    """id -> Keras operation, for every operation between the inputs and `output`."""
    found, seen, stack = {}, set(), [output]
    while stack:
        history = keras_internals.history(stack.pop())
        if history is None or (id(history[0]), history[1]) in seen:
            continue
        operation, node_index, node = history
        seen.add((id(operation), node_index))
        found[id(operation)] = operation
        stack.extend(node.input_tensors)
    return found


class _Reader:
    def __init__(self, cell, operations):
        self.cell, self.operations = cell, operations

    def path(self, path):
        """('path', layers, source) where source is an input name or a merge tree."""
        layers = _fold_activations([_layer(self.operations[op.layer]) for op in path.ops])
        source = path.source
        if source in self.cell.merges:
            merge = self.cell.merges[source]
            source = ('merge', merge.kind, merge.axis, tuple(self.path(p) for p in merge.paths))
        return ('path', tuple(layers), source)


def _layer(operation):
    try:
        config = operation.get_config()
    except NotImplementedError:   # a keras.ops function with nothing to configure
        config = {}
    pick = {'kernel': config.get('kernel_size', config.get('pool_size')),
            'strides': config.get('strides'), 'filters': config.get('filters'),
            'units': config.get('units'), 'groups': config.get('groups'),
            'depth_multiplier': config.get('depth_multiplier'),
            'padding': config.get('padding'), 'activation': _activation(operation, config),
            'use_bias': config.get('use_bias'), 'dilation': config.get('dilation_rate')}
    square = {k: v[0] if isinstance(v, (tuple, list)) and len(set(v)) == 1 else v
              for k, v in pick.items()}
    square = {k: tuple(v) if isinstance(v, list) else v for k, v in square.items()}
    kind = type(operation).__name__
    kind = 'Activation' if kind in ACTIVATION_LAYERS else kind   # ReLU() == Activation('relu')
    return Layer(kind, tuple((k, v) for k, v in square.items() if v is not None))


def _activation(operation, config):
    name = type(operation).__name__
    if name in ('Relu', 'Relu6', 'Sigmoid'):   # keras.ops.relu(...) and friends
        return name.lower()
    if name == 'ReLU':
        if config.get('max_value') == 6 and not config.get('negative_slope'):
            return 'relu6'
        return 'relu' if config.get('max_value') is None else f'relu(max={config["max_value"]})'
    value = config.get('activation')
    if value is None or isinstance(value, str):
        return value
    return getattr(value, '__name__', str(value))


def _fold_activations(layers):
    """Merge an activation layer into a linear layer right before it."""
    folded = []
    for layer in layers:
        previous = folded[-1] if folded else None
        if (layer.kind == 'Activation' and previous is not None
                and previous.get('activation') == 'linear'):
            config = dict(previous.config)
            config['activation'] = layer.get('activation')
            folded[-1] = Layer(previous.kind, tuple(config.items()))
        else:
            folded.append(layer)
    return folded


# --- comparison -------------------------------------------------------------------------
# Every problem is found as (depth, sentence); the shallowest, nearest the output, comes first.

def differences(mine, reference, names=None):
    """Sentences on how the tree `mine` differs from `reference` (both from `read`).

    names(value) -> '' or ' (f//r)': how a number relates to the block's knobs.
    """
    found = _path(mine, reference, 'before the output', names or (lambda v: ''), 0)
    return [sentence for _, sentence in sorted(found, key=lambda p: p[0])]


def _path(mine, ref, where, names, depth):
    _, my_layers, my_source = mine
    _, ref_layers, ref_source = ref
    if len(my_layers) != len(ref_layers):
        problem = _layer_count(my_layers, ref_layers, ref_source, where)
        if _kind_of(my_source) != _kind_of(ref_source):
            problem += (f' Your chain starts from {_source_text(my_source)}, the reference\'s '
                        f'from {_source_text(ref_source)}.')
        return [(depth, problem)]
    for index, (a, b) in enumerate(zip(my_layers, ref_layers)):
        problem = _layer_difference(a, b, _position(my_layers, index, where), names)
        if problem:
            return [(depth, problem)]
    return _source(my_source, ref_source, ref_layers, where, names, depth)


def _layer_count(mine, ref, ref_source, where):
    """A chain with layers missing or extra; the common end (next to the output) is named."""
    same = 0
    while same < min(len(mine), len(ref)) and mine[-1 - same] == ref[-1 - same]:
        same += 1
    end = ref[len(ref) - same:]
    mine, ref = mine[:len(mine) - same], ref[:len(ref) - same]
    start = 0
    while not end and start < min(len(mine), len(ref)) and mine[start] == ref[start]:
        start += 1
    if end:
        where = f'{where} (before the {_listing(end)})'
    elif start:
        where = f'{where} (after the {_listing(ref[:start])})'
        mine, ref = mine[start:], ref[start:]
    if not ref:
        return (f'{_cap(where)}, your block has {_count(mine)} ({_listing(mine)}) where the '
                f'reference has none: it takes {_source_text(ref_source)} as it is.')
    if not mine:
        return f'{_cap(where)}, your block is missing {_count(ref)}: {_listing(ref)}.'
    return (f'{_cap(where)}, your block has {_count(mine)} ({_listing(mine)}) where the '
            f'reference has {len(ref)} ({_listing(ref)}).')


def _count(layers):
    return f'{len(layers)} layer{"s" * (len(layers) != 1)}'


def _listing(layers):
    return ', '.join(layer.describe() for layer in layers)


def _position(layers, index, where):
    if index == 0:
        return f'the {layers[0].describe()} at the start of the chain {where}'
    return f'the {layers[index].describe()} after the {layers[index - 1].describe()} {where}'


def _layer_difference(mine, ref, position, names):
    if mine.kind != ref.kind:
        return f'{_cap(position)} should be a {ref.describe()}, not a {mine.kind}.'
    a, b = dict(mine.config), dict(ref.config)
    for attribute in ATTRIBUTES:
        if a.get(attribute) != b.get(attribute):
            return _attribute_sentence(position, attribute, a.get(attribute),
                                       b.get(attribute), names)
    return None


def _attribute_sentence(position, attribute, mine, wanted, names):
    place = _cap(position)
    if attribute in ('filters', 'units'):
        return (f'{place} has {mine}{names(mine)} {attribute}; it should have '
                f'{wanted}{names(wanted)}.')
    if attribute == 'use_bias':
        return (f'{place} has use_bias={mine}; the reference layer keeps its biases '
                f'(use_bias={wanted}).')
    if attribute == 'activation':
        return f'{place} uses activation {mine!r}; it should use {wanted!r}.'
    label = {'kernel': 'kernel size ', 'dilation': 'dilation rate ', 'groups': 'groups=',
             'strides': 'strides ', 'padding': 'padding '}.get(attribute, f'{attribute} ')
    return (f'{place} has {label}{mine!r}{names(mine)}; it should have '
            f'{label}{wanted!r}{names(wanted)}.')


def _cap(text):
    return text[:1].upper() + text[1:]


def _source(mine, ref, ref_layers, where, names, depth):
    if mine == ref:
        return []
    chain = bool(ref_layers)
    if isinstance(ref, str) or isinstance(mine, str) or mine[1] != ref[1]:
        if chain:
            return [(depth, f'The chain {where} starts from {_source_text(mine)} in your '
                            f'block; it should start from {_source_text(ref)}.')]
        return [(depth, f'{_cap(where)}, your block has {_source_text(mine)}; the reference '
                        f'has {_source_text(ref)}.')]
    _, kind, my_axis, my_paths = mine
    _, _, _, ref_paths = ref
    word = MERGE_WORDS.get(kind, kind)
    if kind == 'concat' and my_axis not in (-1, 3):
        return [(depth, f'The concatenation {where} uses axis={my_axis}; stack along the '
                        f'channel axis (axis=-1, the default).')]
    if len(my_paths) != len(ref_paths):
        return [(depth, f'The {word} {where} combines {len(my_paths)} tensors; it should '
                        f'combine {len(ref_paths)}.')]
    return _paths(my_paths, ref_paths, f'{word} {where}', names, depth + 1)


def _paths(mine, ref, merge_where, names, depth):
    """Match the inputs of a merge in any order; the differences of the closest matching."""
    left = list(range(len(mine)))
    pairs = {}
    for r, ref_path in enumerate(ref):
        same = next((m for m in left if mine[m] == ref_path), None)
        if same is not None:
            pairs[r] = same
            left.remove(same)
    open_refs = [r for r in range(len(ref)) if r not in pairs]
    if not open_refs:
        return []
    orders = itertools.permutations(left) if len(left) <= MAX_PERMUTED else [tuple(left)]
    best, best_cost = None, None
    for order in orders:
        cost = sum(_unlike(mine[m], ref[r]) for r, m in zip(open_refs, order))
        if best_cost is None or cost < best_cost:
            best, best_cost = order, cost
    return [p for r, m in zip(open_refs, best)
            for p in _path(mine[m], ref[r], f'in input {r + 1} of the {merge_where}', names,
                           depth)]


def _unlike(mine, ref):
    """How unlike two chains look at first sight: lengths, layer kinds, what they start from."""
    kinds = [layer.kind for layer in mine[1]], [layer.kind for layer in ref[1]]
    source = [s if isinstance(s, str) else s[1] for s in (mine[2], ref[2])]
    return ((len(kinds[0]) != len(kinds[1])) + (kinds[0] != kinds[1]) + (mine[1] != ref[1])
            + (source[0] != source[1]))


def _kind_of(source):
    return source if isinstance(source, str) else source[1]


def _source_text(source):
    if isinstance(source, str):
        return 'a keras.Input of your own' if source == 'foreign input' else f'the input {source}'
    return _article(MERGE_WORDS.get(source[1], source[1]))


def _article(word):
    return f'an {word}' if word[0] in 'aeiou' else f'a {word}'
