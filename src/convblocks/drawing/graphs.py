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
from dataclasses import dataclass

import pydot

from convblocks import language
from convblocks.checks import knobs
from convblocks.checks.errors import BlockValueError, Sentence
from convblocks.drawing import labels
from convblocks.keras_internals import operations, snake_case
from convblocks.models import shapes_model
from convblocks.quiet import keras

INSTALL_HINT = ("Graphviz's `dot` program is not installed; on Debian/Ubuntu run "
                "`sudo apt-get install graphviz`, on macOS `brew install graphviz`, "
                "then restart the kernel.")

# The sentences of a drawing that fails, per language.
SAY = {
    'en': {
        'install': INSTALL_HINT,
        'slow': "Graphviz's dot took over {seconds} s to draw {title} and was stopped.",
        'failed': "Graphviz's dot could not draw {title} (exit code {code}): {said}",
        'no_message': 'no message',
        'rankdir': "rankdir = {value!r}; use 'TB' (top to bottom), 'LR' (left to right) or "
                   "None (chosen by the graph's width).",
    },
    'zh': {
        'install': '没有安装 Graphviz 的 `dot` 程序；在 Debian/Ubuntu 上运行 '
                   '`sudo apt-get install graphviz`，在 macOS 上运行 `brew install graphviz`，'
                   '然后重启内核。',
        'slow': 'Graphviz 的 dot 画 {title} 用了超过 {seconds} 秒，已被停止。',
        'failed': 'Graphviz 的 dot 画不出 {title}（退出码 {code}）：{said}',
        'no_message': '没有消息',
        'rankdir': "rankdir = {value!r}；请用 'TB'（从上到下）、'LR'（从左到右）"
                   "或 None（按图的宽度选择）。",
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)

# Seconds `dot` may take for one drawing before it is stopped.
DOT_SECONDS = 120

# Graphs with more side-by-side layers than this are laid out left to right.
MAX_COLUMNS_TOP_DOWN = 4
# A unit of boxes repeated this often or more is drawn twice, with a 'more' box between.
FOLD_AT = 4
# Graphviz sizes the boxes with this font; scripts/system-deps.sh installs it
# (fonts-dejavu-core), so the drawings are the same on every machine.
FONT = 'DejaVu Sans'



class GraphvizMissingError(RuntimeError):
    """Graphviz's `dot` program is not on the PATH."""

    def __init__(self):
        super().__init__(_say('install'))

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
    """[['stride', '2'], ['groups', '4']] for a conv's stride, dilation and groups other than 1."""
    extras = []
    for key, word in (('strides', 'stride'), ('dilation_rate', 'dilation'), ('groups', 'groups')):
        value = _single(config.get(key, 1))
        if value != '1':
            extras.append([word, value])
    return extras


def _auto_named(layer):
    """True for names Keras made up, like conv2d_17 or input_layer_3."""
    return re.fullmatch(rf'{snake_case(type(layer).__name__)}(_\d+)?', layer.name)


TITLES = {'GlobalAveragePooling2D': 'global avgpool', 'GlobalMaxPooling2D': 'global maxpool',
          'Add': 'add', 'Concatenate': 'concat', 'Multiply': 'multiply',
          'BatchNormalization': 'batch norm', 'Identity': 'identity'}


def parts(layer):
    """What a graph box says about a layer, as data the explorer can also format in Chinese.

    [title, count, unit, extras, activation, shape], e.g.
    ['conv 3x3', 8, 'filter', [['stride', '2']], 'relu', '32×32×8']. count and unit are None
    for layers without filters or units; activation is None for layers without one.
    Inputs show their name ('input x1'); other layers named by hand get it as a prefix.
    """
    kind = type(layer).__name__
    if kind == 'InputLayer':
        title = 'input' if _auto_named(layer) else f'input {layer.name}'
        count, unit, extras = None, None, []
    else:
        title, count, unit, extras = _what(layer, kind)
        title = title if _auto_named(layer) else f'{layer.name}: {title}'
    activation = _activation(layer) if kind != 'Activation' else None
    return [title, count, unit, extras, activation, _shape(layer)]


def title_text(part):
    """A layer's title in one line, e.g. 'conv 1x1, 8 filters, stride 2' ('卷积 1x1，8 个滤波器，
    步幅 2' in Chinese)."""
    title, count, unit, extras = part[:4]
    text = labels.title(title)
    if count is not None:
        text += labels.separator() + labels.count(count, unit)
    return text + ''.join(labels.extra(word, value) for word, value in extras)


def body_text(part):
    """The last line of a box: 'relu → 32×32×8', or the shape alone."""
    activation, shape = part[4:6]
    return shape if activation is None else f'{activation} → {shape}'


def describe(layer):
    """A short title for a layer, e.g. 'conv 1x1, 8 filters' or 'maxpool 3x3, stride 1'."""
    return title_text(parts(layer))


def _what(layer, kind):
    """What the layer computes, from its class and configuration."""
    config = layer.get_config()
    if kind in ('Conv2D', 'SeparableConv2D'):
        word = 'conv' if kind == 'Conv2D' else 'sepconv'
        size, filters = _pair(config['kernel_size']), config['filters']
        return f"{word} {size}", filters, 'filter', _extras(config)
    if kind == 'DepthwiseConv2D':
        return f"depthwise conv {_pair(config['kernel_size'])}", None, None, _extras(config)
    if kind == 'Dense':
        return 'dense', config['units'], 'unit', []
    if kind in ('MaxPooling2D', 'AveragePooling2D'):
        word = 'maxpool' if kind == 'MaxPooling2D' else 'avgpool'
        stride = config['strides'] or config['pool_size']
        return f"{word} {_pair(config['pool_size'])}", None, None, [['stride', _single(stride)]]
    if kind == 'Activation':
        return str(config['activation']), None, None, []
    return TITLES.get(kind, kind), None, None, []


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


def head_text(part):
    """The first line of a box: the operation, e.g. 'conv 3x3' or 'maxpool 3x3, stride 1'."""
    title, _, _, extras = part[:4]
    return labels.title(title) + ''.join(labels.extra(word, value) for word, value in extras)


def lines(part):
    """The lines of a box: operation, filter or unit count (if any), activation and shape."""
    count, unit = part[1:3]
    middle = [] if count is None else [labels.count(count, unit)]
    return [head_text(part), *middle, body_text(part)]


def label(layer_or_parts):
    """An HTML-like Graphviz label: the operation on black, then count, activation and shape.

    Short lines keep the boxes narrow, so wide blocks stay readable on a phone.
    """
    part = layer_or_parts if isinstance(layer_or_parts, list) else parts(layer_or_parts)
    head, *rest = lines(part)
    rows = ''.join(f'<tr><td bgcolor="white"><font point-size="12">{_escape(text)}</font></td>'
                   '</tr>' for text in rest)
    return ('<<table border="1" cellborder="0" cellspacing="0" cellpadding="3">'
            f'<tr><td bgcolor="black"><font color="white" point-size="13">'
            f'<b>{_escape(head)}</b></font></td></tr>{rows}</table>>')


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


@dataclass
class Graph:
    """A model's graph in the order its code builds it.

    ids: stable node ids n0, n1, ...; parts: id -> the box's data (see `parts`);
    edges: (source id, target id) pairs; more: (hidden, total) when repeated structure was
    folded into the node 'more' ('… 30 more of the same, 32 in all'), else None.
    """
    ids: list
    parts: dict
    edges: list
    more: tuple = None

    def key(self):
        """The graph's structure without its numbers: equal keys can share one layout."""
        kinds = tuple(_kind(self.parts[i]) for i in self.ids if i != 'more')
        return repr((kinds, self.edges, self.more))


def _kind(part):
    """A box's data without its counts and shape: what folding and layouts compare."""
    title, _, unit, extras, activation, _ = part
    return title, unit, repr(extras), activation


def model_graph(model):
    """The Graph of a functional Keras model (node ids stable from run to run)."""
    keras_dot = keras.utils.model_to_dot(model, show_shapes=False, show_layer_names=False,
                                         dpi=72)
    layers = {str(id(layer)): layer for layer in operations(model)}
    names = [node.get_name() for node in keras_dot.get_nodes() if node.get_name() in layers]
    edges = [(e.get_source(), e.get_destination()) for e in keras_dot.get_edges()]
    order = _code_order(names, edges)
    stable = {name: f'n{i}' for i, name in enumerate(order)}
    position = {name: i for i, name in enumerate(order)}
    edges = sorted(edges, key=lambda e: (position[e[1]], position[e[0]]))
    graph = Graph([stable[n] for n in order], {stable[n]: parts(layers[n]) for n in order},
                  [(stable[a], stable[b]) for a, b in edges])
    _letter_the_sums(graph)
    return graph


def _letter_the_sums(graph):
    """A cell's output concatenating only sums (NASNet's a-e): its adds become 'add a', ..."""
    output = graph.ids[-1]
    sums = [a for a, b in graph.edges if b == output]
    if graph.parts[output][0] != 'concat' or len(sums) < 2 or \
            any(graph.parts[i][0] != 'add' for i in sums):
        return
    for letter, node in zip('abcdefghijklmnopqrstuvwxyz', sums):
        graph.parts[node][0] = f'add {letter}'



def _repeat(kinds):
    """(start, period, repeats) of the longest run of one unit repeated >= FOLD_AT times."""
    best, n = None, len(kinds)
    for period in range(1, 7):
        for start in range(n - period * FOLD_AT + 1):
            unit, repeats = kinds[start:start + period], 1
            while kinds[start + repeats * period:start + (repeats + 1) * period] == unit:
                repeats += 1
            if repeats >= FOLD_AT and (best is None or
                                       (repeats - 2) * period > (best[2] - 2) * best[1]):
                best = (start, period, repeats)
    return best


def fold(graph):
    """Draw the first and last of FOLD_AT or more repeated units, and one 'more' box between.

    A unit is a run of boxes in code order (a ResNeXt path, a dense layer and its concat);
    arrows into or out of the hidden units go to or from the 'more' box instead.
    """
    found = _repeat([_kind(graph.parts[i]) for i in graph.ids])
    if found is None:
        return graph
    start, period, repeats = found
    hidden = set(graph.ids[start + period:start + (repeats - 1) * period])
    ids = [i for i in graph.ids if i not in hidden]
    ids.insert(start + period, 'more')
    edges = []
    for a, b in graph.edges:
        edge = ('more' if a in hidden else a, 'more' if b in hidden else b)
        if edge != ('more', 'more') and edge not in edges:
            edges.append(edge)
    parts_kept = {i: graph.parts[i] for i in ids if i != 'more'}
    return Graph(ids, parts_kept, edges, (repeats - 2, repeats))


def more_text(hidden, total):
    """The text of the 'more' box (two lines), in the current language."""
    return labels.more(hidden, total)


def graph_dot(graph, name='block', rankdir=None):
    """A pydot graph of `graph`; rankdir 'TB' or 'LR' (None: LR for wide graphs)."""
    if rankdir is None:
        wide = _columns(graph.ids, graph.edges) > MAX_COLUMNS_TOP_DOWN
        rankdir = 'LR' if wide else 'TB'
    dot = pydot.Dot(graph_name=name, graph_type='digraph', rankdir=rankdir, dpi=72,
                    ordering='out', concentrate='false', nodesep=0.25, ranksep=0.3)
    dot.set('splines', 'spline')  # Graphviz 2.43's 'ortho' router can crash (maze.c assertion)
    dot.set_node_defaults(shape='plain', fontname=FONT)
    for node in graph.ids:
        if node == 'more':
            dot.add_node(pydot.Node('more', label=more_text(*graph.more), shape='box',
                                    style='dashed', fontsize=12, margin='0.1,0.05'))
        else:
            dot.add_node(pydot.Node(node, label=label(graph.parts[node])))
    for source, target in graph.edges:
        dot.add_edge(pydot.Edge(source, target, penwidth=1.5, arrowsize=0.7))
    return dot


def model_dot(model, rankdir=None, folded=False):
    """A pydot graph of `model` with stable node ids n0, n1, ... and descriptive labels.

    `rankdir` is 'TB' (top to bottom) or 'LR'; None picks LR for graphs with more than
    MAX_COLUMNS_TOP_DOWN layers side by side. folded=True folds repeated units (`fold`).
    """
    graph = model_graph(model)
    return graph_dot(fold(graph) if folded else graph, model.name, rankdir)


def svg_of_graph(graph, name='block', rankdir=None):
    """The SVG text of a Graph (see `model_graph` and `fold`)."""
    require_dot()
    return _tidy(run_dot(graph_dot(graph, name, rankdir), name))


CELL_TEXT = re.compile(r'(<polygon fill="[^"]+" stroke="transparent" points="([^"]+)"/>\n'
                       r'(?:<polygon [^>]*/>\n)?<text text-anchor=")start" x="[^"]+"')


def _centred(match):
    """Centre a box's text in its cell, so the explorer can put other numbers in it."""
    xs = [float(point.split(',')[0]) for point in match.group(2).split()]
    return f'{match.group(1)}middle" x="{(min(xs) + max(xs)) / 2:g}"'


def _tidy(svg):
    """Drop comments and the XML prologue; let the drawing shrink to fit its container."""
    svg = re.sub(r'<!--.*?-->\n?', '', svg, flags=re.DOTALL)
    svg = svg[svg.index('<svg'):]
    svg = CELL_TEXT.sub(_centred, svg)
    return svg.replace('<svg ', '<svg style="max-width:100%;height:auto" ', 1)


def run_dot(dot, title):
    """SVG text from Graphviz's `dot` for a pydot graph; DrawingError (one sentence) if it fails."""
    require_dot()
    try:
        done = subprocess.run(['dot', '-Tsvg'], input=dot.to_string().encode('utf-8'),
                              capture_output=True, timeout=DOT_SECONDS)
    except subprocess.TimeoutExpired:
        raise DrawingError(_say('slow', seconds=DOT_SECONDS, title=title)) from None
    if done.returncode != 0:
        said = done.stderr.decode('utf-8', 'replace').strip().splitlines() or [_say('no_message')]
        raise DrawingError(_say('failed', title=title, code=done.returncode, said=said[0]))
    return done.stdout.decode('utf-8')


def svg_of_model(model, rankdir=None, folded=False):
    """The SVG text of any functional Keras model's graph, identical for identical models.

    folded=True draws a unit repeated FOLD_AT or more times only twice (see `fold`).
    """
    require_dot()
    _require_rankdir(rankdir)
    return _tidy(run_dot(model_dot(model, rankdir, folded), model.name))


def _require_rankdir(rankdir):
    if rankdir not in (None, 'TB', 'LR'):
        raise BlockValueError(_say('rankdir', value=rankdir))


def _block_svg(block, size, channels, rankdir, settled, folded, lang):
    """(`lang`, the language the labels are in, keeps drawings apart in the cache.)"""
    return svg_of_model(shapes_model(block, size, channels, **dict(settled)), rankdir, folded)


_cached_block_svg = functools.lru_cache(maxsize=256)(_block_svg)


def block_svg(block, size=32, channels=None, *, rankdir=None, folded=False, **block_knobs):
    """The SVG text of a block's graph, built on a size x size input (see `block_model`).

    folded=True draws a unit repeated FOLD_AT or more times only twice (see `fold`). Wrong
    arguments raise the block's own sentence, as `block_model` does.
    """
    require_dot()
    _require_rankdir(rankdir)
    name = knobs.checked_block_name(block)
    settled = knobs.settle(name if isinstance(block, str) else block, block_knobs)
    size = knobs.positive_whole(name, 'size', size)
    channels = None if channels is None else knobs.positive_whole(name, 'channels', channels)
    arguments = (block, size, channels, rankdir, tuple(sorted(settled.items())), folded,
                 language.current())
    try:
        hash(arguments)
    except TypeError:                       # e.g. a=['relu']: drawn, not cached
        return _block_svg(*arguments)
    return _cached_block_svg(*arguments)


def draw(block, size=32, channels=None, *, rankdir=None, **knobs):
    """Show a block (a block function, its name or a Keras model) as SVG in a notebook."""
    from IPython.display import SVG
    if isinstance(block, keras.Model):
        return SVG(svg_of_model(block, rankdir))
    return SVG(block_svg(block, size, channels, rankdir=rankdir, **knobs))
