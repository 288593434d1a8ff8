"""Draw a block's graph as SVG through Keras' `model_to_dot`, the same byte for byte every time.

Keras names its nodes after Python object ids and its layers with session counters
(conv2d_17), so its raw output changes from run to run. Here each node gets a stable id and
a label that says what the layer does ("conv 3x3, 8 filters") and what shape it outputs.
"""
import collections
import functools
import re
import shutil
import subprocess

import pydot

from convblocks import knobs
from convblocks.errors import BlockValueError, Sentence
from convblocks.keras_internals import operations, snake_case
from convblocks.models import block_model
from convblocks.quiet import keras

INSTALL_HINT = ("Graphviz's `dot` program is not installed; on Debian/Ubuntu run "
                "`sudo apt-get install graphviz`, on macOS `brew install graphviz`, "
                "then restart the kernel.")

# Seconds `dot` may take for one drawing before it is stopped.
DOT_SECONDS = 120

# Graphs with more side-by-side layers than this are laid out left to right.
MAX_COLUMNS_TOP_DOWN = 4


class GraphvizMissingError(RuntimeError):
    """Graphviz's `dot` program is not on the PATH."""

    def __init__(self):
        super().__init__(INSTALL_HINT)

    def _render_traceback_(self):
        """Show only the message in IPython and Jupyter, not a traceback."""
        return [f'{type(self).__name__}: {self}']


class DrawingError(Sentence, RuntimeError):
    """Graphviz's `dot` ran but could not draw the graph."""


def require_dot():
    """Raise GraphvizMissingError unless the `dot` program can be found (as pydot looks for it)."""
    if shutil.which('dot') is None:
        raise GraphvizMissingError()


def _pair(value):
    """'3x3' for 3 or (3, 3)."""
    a, b = (value, value) if isinstance(value, int) else value
    return f'{a}x{b}'


def _single(value):
    """'2' for 2 or (2, 2); '2x1' for (2, 1)."""
    a, b = (value, value) if isinstance(value, int) else value
    return str(a) if a == b else f'{a}x{b}'


def _extras(config):
    """', stride 2' and ', dilation 2' when a conv's stride or dilation is not 1."""
    text = ''
    for key, word in (('strides', 'stride'), ('dilation_rate', 'dilation')):
        value = _single(config.get(key, 1))
        if value != '1':
            text += f', {word} {value}'
    return text


def _auto_named(layer):
    """True for names Keras made up, like conv2d_17 or input_layer_3."""
    return re.fullmatch(rf'{snake_case(type(layer).__name__)}(_\d+)?', layer.name)


TITLES = {'GlobalAveragePooling2D': 'global avgpool', 'GlobalMaxPooling2D': 'global maxpool',
          'Add': 'add', 'Concatenate': 'concat', 'Multiply': 'multiply',
          'BatchNormalization': 'batch norm', 'Identity': 'identity'}


def describe(layer):
    """A short title for a layer, e.g. 'conv 1x1, 8 filters' or 'maxpool 3x3, stride 1'.

    Inputs show their name ('input x1'); other layers named by hand get it as a prefix.
    """
    kind = type(layer).__name__
    if kind == 'InputLayer':
        return 'input' if _auto_named(layer) else f'input {layer.name}'
    title = _what(layer, kind)
    return title if _auto_named(layer) else f'{layer.name}: {title}'


def _what(layer, kind):
    """What the layer computes, from its class and configuration."""
    config = layer.get_config()
    if kind in ('Conv2D', 'SeparableConv2D'):
        word = 'conv' if kind == 'Conv2D' else 'sepconv'
        size, filters = _pair(config['kernel_size']), config['filters']
        return f"{word} {size}, {filters} filters{_extras(config)}"
    if kind == 'DepthwiseConv2D':
        return f"depthwise conv {_pair(config['kernel_size'])}{_extras(config)}"
    if kind == 'Dense':
        return f"dense, {config['units']} units"
    if kind in ('MaxPooling2D', 'AveragePooling2D'):
        word = 'maxpool' if kind == 'MaxPooling2D' else 'avgpool'
        stride = config['strides'] or config['pool_size']
        return f"{word} {_pair(config['pool_size'])}, stride {_single(stride)}"
    if kind == 'Activation':
        return str(config['activation'])
    return TITLES.get(kind, kind)


def _shape(layer):
    """The output shape without the batch axis, e.g. '32×32×8' ('?' for a shared layer)."""
    try:
        shape = layer.output.shape[1:]
    except (AttributeError, ValueError):
        return '?'
    return '×'.join('?' if n is None else str(n) for n in shape)


def _activation(layer):
    """The layer's activation name, or None if it has none."""
    activation = getattr(layer, 'activation', None)
    if activation is None:
        return None
    return getattr(activation, '__name__', None) or str(activation)


def label(layer):
    """An HTML-like Graphviz label: the title on black, activation and output shape below."""
    body = _shape(layer)
    activation = _activation(layer)
    if activation is not None and type(layer).__name__ != 'Activation':
        body = f'{activation} → {body}'
    return ('<<table border="0" cellborder="0" cellspacing="0" cellpadding="4">'
            f'<tr><td bgcolor="black"><font color="white" point-size="13">'
            f'<b>{_escape(describe(layer))}</b></font></td></tr>'
            f'<tr><td bgcolor="white" border="1"><font point-size="12">{_escape(body)}</font>'
            '</td></tr></table>>')


def _escape(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def _code_order(names, edges):
    """Nodes in the order the block's code builds them: a depth-first walk from the output
    that visits each layer's inputs in argument order (Keras lists them by depth instead)."""
    inputs = {name: [] for name in names}
    for source, target in edges:
        inputs[target].append(source)
    has_output = {source for source, _ in edges}
    order = []

    def visit(name):
        if name not in order:
            for source in inputs[name]:
                visit(source)
            order.append(name)

    for name in names:
        if name not in has_output:
            visit(name)
    return order


def _columns(order, edges):
    """The most nodes at the same depth (longest path from an input); `order` is topological."""
    depth = dict.fromkeys(order, 0)
    for name in order:
        for source, target in edges:
            if source == name:
                depth[target] = max(depth[target], depth[name] + 1)
    return max(collections.Counter(depth.values()).values(), default=0)


def model_dot(model, rankdir=None):
    """A pydot graph of `model` with stable node ids n0, n1, ... and descriptive labels.

    `rankdir` is 'TB' (top to bottom) or 'LR'; None picks LR for graphs with more than
    MAX_COLUMNS_TOP_DOWN layers side by side.
    """
    keras_dot = keras.utils.model_to_dot(model, show_shapes=False, show_layer_names=False,
                                         dpi=72)
    layers = {str(id(layer)): layer for layer in operations(model)}
    names = [node.get_name() for node in keras_dot.get_nodes() if node.get_name() in layers]
    edges = [(e.get_source(), e.get_destination()) for e in keras_dot.get_edges()]
    order = _code_order(names, edges)
    position = {name: i for i, name in enumerate(order)}
    stable = {name: f'n{i}' for name, i in position.items()}
    if rankdir is None:
        wide = _columns(order, edges) > MAX_COLUMNS_TOP_DOWN
        rankdir = 'LR' if wide else 'TB'
    dot = pydot.Dot(graph_name=model.name, graph_type='digraph')
    for key, value in keras_dot.get_attributes().items():
        dot.set(key, value)
    dot.set('rankdir', rankdir)
    dot.set('ordering', 'out')
    dot.set('splines', 'spline')  # Graphviz 2.43's 'ortho' router can crash (maze.c assertion)
    dot.set('concentrate', 'false')  # keep every input its own arrow
    dot.set('nodesep', 0.25)
    dot.set('ranksep', 0.3)
    dot.set_node_defaults(shape='plain', fontname='Arial')
    for name in order:
        layer = layers[name]  # the tooltip names the Keras layer class behind the label
        dot.add_node(pydot.Node(stable[name], label=label(layer), tooltip=type(layer).__name__))
    for source, target in sorted(edges, key=lambda e: (position[e[1]], position[e[0]])):
        dot.add_edge(pydot.Edge(stable[source], stable[target], penwidth=1.5, arrowsize=0.7))
    return dot


def _tidy(svg):
    """Drop comments and the XML prologue; let the drawing shrink to fit its container."""
    svg = re.sub(r'<!--.*?-->\n?', '', svg, flags=re.DOTALL)
    svg = svg[svg.index('<svg'):]
    return svg.replace('<svg ', '<svg style="max-width:100%;height:auto" ', 1)


def run_dot(dot, title):
    """SVG text from Graphviz's `dot` for a pydot graph; DrawingError (one sentence) if it fails."""
    require_dot()
    try:
        done = subprocess.run(['dot', '-Tsvg'], input=dot.to_string().encode('utf-8'),
                              capture_output=True, timeout=DOT_SECONDS)
    except subprocess.TimeoutExpired:
        raise DrawingError(f"Graphviz's dot took over {DOT_SECONDS} s to draw {title} "
                           f"and was stopped.") from None
    if done.returncode != 0:
        said = done.stderr.decode('utf-8', 'replace').strip().splitlines() or ['no message']
        raise DrawingError(f"Graphviz's dot could not draw {title} (exit code "
                           f"{done.returncode}): {said[0]}")
    return done.stdout.decode('utf-8')


def svg_of_model(model, rankdir=None):
    """The SVG text of any functional Keras model's graph, identical for identical models."""
    require_dot()
    _require_rankdir(rankdir)
    return _tidy(run_dot(model_dot(model, rankdir), model.name))


def _require_rankdir(rankdir):
    if rankdir not in (None, 'TB', 'LR'):
        raise BlockValueError(f"rankdir = {rankdir!r}; use 'TB' (top to bottom), 'LR' (left "
                              f"to right) or None (chosen by the graph's width).")


@functools.lru_cache(maxsize=256)
def _block_svg(block, size, channels, rankdir, knobs):
    return svg_of_model(block_model(block, size, channels, **dict(knobs)), rankdir)


def block_svg(block, size=32, channels=None, *, rankdir=None, **block_knobs):
    """The SVG text of a block's graph, built on a size x size input (see `block_model`).

    Wrong arguments raise the block's own sentence, as `block_model` does.
    """
    require_dot()
    _require_rankdir(rankdir)
    name = knobs.block_name(block)
    settled = knobs.settle(name if isinstance(block, str) else block, block_knobs)
    size = knobs.count(name, 'size', size)
    channels = None if channels is None else knobs.count(name, 'channels', channels)
    return _block_svg(block, size, channels, rankdir, tuple(sorted(settled.items())))


def draw(block, size=32, channels=None, *, rankdir=None, **knobs):
    """Show a block (a block function, its name or a Keras model) as SVG in a notebook."""
    from IPython.display import SVG
    if isinstance(block, keras.Model):
        return SVG(svg_of_model(block, rankdir))
    return SVG(block_svg(block, size, channels, rankdir=rankdir, **knobs))
