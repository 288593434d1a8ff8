"""Read a cell built from Keras tensors back into sums, branches and a concatenation.

Walking back from the output tensor, every tensor is either a *state* (an input, or the
result of an add, a concatenation or another op that combines several tensors) or the end
of a chain of single-input operations (sepconv, pooling, ...) that starts at a state. A
`Merge` records what a state combines: one `Path` per input, each a chain of `Op`s.
"""
from dataclasses import dataclass, field

from convblocks import keras_internals

MERGE_KINDS = {'Add': 'add', 'Concatenate': 'concat', 'Multiply': 'multiply',
               'Subtract': 'subtract', 'Average': 'average', 'Maximum': 'maximum',
               'Minimum': 'minimum', 'Dot': 'dot'}
OP_KINDS = {'SeparableConv2D': 'sepconv', 'AveragePooling2D': 'avgpool',
            'MaxPooling2D': 'maxpool'}
SKIPPED = {'Identity'}   # keras.layers.Identity changes nothing
PLAIN_RELU = {'max_value': None, 'negative_slope': 0.0, 'threshold': 0.0}


@dataclass(frozen=True)
class Op:
    """One single-input operation: 'sepconv', 'avgpool', 'maxpool', 'relu' or a class name."""
    kind: str
    k: object = None
    s: object = None
    filters: object = None
    padding: object = None
    activation: object = None
    dilation: object = None
    depth_multiplier: object = None
    use_bias: object = None
    layer: int = field(default=0, compare=False)   # id of the Keras operation object
    call: tuple = field(default=(), compare=False)  # (layer id, node index): one call


@dataclass(frozen=True)
class Path:
    """A chain of operations (possibly none) applied to the state called `source`."""
    ops: tuple
    source: str


@dataclass
class Merge:
    """A state that combines several paths: an add, a concatenation or another merge."""
    key: str
    kind: str
    paths: list
    axis: object = None


@dataclass
class CellGraph:
    """Everything reachable from the output: `output` is a Path ending at the returned tensor."""
    output: Path
    merges: dict           # key -> Merge, in the order first met
    inputs: dict           # id(tensor) -> name, for the two inputs


def read(output, inputs):
    """Walk back from `output`; `inputs` maps input names (e.g. 'h_i') to Keras tensors."""
    graph = CellGraph(None, {}, {id(t): name for name, t in inputs.items()})
    graph.output = _path(output, graph)
    return graph


def _history(tensor):
    return keras_internals.history(tensor)


def _path(tensor, graph):
    """Follow single-input operations back to the state they start from."""
    ops = []
    while True:
        if id(tensor) in graph.inputs:
            return Path(tuple(reversed(ops)), graph.inputs[id(tensor)])
        operation, node_index, node = _history(tensor)
        name = type(operation).__name__
        if name == 'InputLayer':
            return Path(tuple(reversed(ops)), 'foreign input')
        if name in MERGE_KINDS or len(node.input_tensors) != 1:
            return Path(tuple(reversed(ops)), _merge(tensor, operation, node, graph))
        if name not in SKIPPED:
            ops.append(_op(operation, node_index))
        tensor = node.input_tensors[0]


def _merge(tensor, operation, node, graph):
    key = f'merge{id(node)}'
    if key not in graph.merges:
        name = type(operation).__name__
        kind = MERGE_KINDS.get(name, name)
        graph.merges[key] = Merge(key, kind, [], getattr(operation, 'axis', None))
        graph.merges[key].paths = [_path(t, graph) for t in node.input_tensors]
    return key


def _op(operation, node_index):
    name = type(operation).__name__
    config = operation.get_config() if hasattr(operation, 'get_config') else {}
    k = config.get('kernel_size', config.get('pool_size'))
    activation = config.get('activation')
    return Op(kind=_kind(name, config), k=_square(k), s=_square(config.get('strides')),
              filters=config.get('filters'), padding=config.get('padding'),
              activation=activation if isinstance(activation, str) or activation is None
              else getattr(activation, '__name__', str(activation)),
              dilation=_square(config.get('dilation_rate')),
              depth_multiplier=config.get('depth_multiplier'), use_bias=config.get('use_bias'),
              layer=id(operation), call=(id(operation), node_index))


def _square(value):
    """3 for (3, 3); anything else as it is."""
    if isinstance(value, (tuple, list)) and len(set(value)) == 1:
        return value[0]
    return value


def _kind(name, config):
    """'relu' for a plain ReLU however it is written (ReLU(), Activation('relu'), ops.relu)."""
    if name == 'Relu' or (name == 'Activation' and config.get('activation') == 'relu'):
        return 'relu'
    if name == 'ReLU' and all(config.get(k) == v for k, v in PLAIN_RELU.items()):
        return 'relu'
    return OP_KINDS.get(name, name)
