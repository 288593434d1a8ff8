"""Sliders for a block's knobs above its exact parameters, MACs and graph, live and static.

    from convblocks.explorer import explore
    explore(resnext_block)                      # or explore(resnext_block, c=(1, 2, 4, 8))
    explore(my_block, k=(1, 3, 5), f=(16, 32))  # any block function, any knob names

One anywidget (explorer.js) draws everything: a native slider and a value box per knob, the
readout (a polite live region) and the graph. When the explorer is built, Python works out
every point of the slider grid and stores it as data (numbers, each graph box's filters and
shape, the error of an impossible setting), so the static book needs no kernel: a small
loader (book/_vendor/explorer-loader.js) hands the stored state to the same render().
The JavaScript formats the text in English or Chinese (convblocks.explorer.strings).

Counts come from the closed forms in convblocks.counting for the blocks in SPECS, and from
building the block (count_params and model_macs) for any other block function. The graph of
every setting is the block Keras builds at that setting; settings with the same structure
share one layout, whose boxes the JavaScript fills in with that setting's numbers.
"""
import functools
import inspect
import itertools
import math
import numbers
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import anywidget
import traitlets

from convblocks import blocks, counting, keras_internals
from convblocks.checks import knobs as knobs_module
from convblocks.explorer.strings import EN, STRINGS, fill
from convblocks.models import knob_defaults
from convblocks.checks.knobs import input_names

HERE = Path(__file__).parent
POW2 = (8, 16, 32, 64, 128, 256)
# explore() refuses grids beyond these budgets; raise them here if you need more.
MAX_POINTS = 5000
MAX_GRAPHS = 64


@dataclass
class Spec:
    """How to explore one block of convblocks.blocks.

    knobs: knob -> (slider values, start value); 'channels' is the input's channel count.
    out: output channels from the knobs. detail: [template name, values] for the note under
    the counts (templates in convblocks.explorer.strings). shape: knobs that change the
    graph's structure (to check the graph budget before building anything).
    """
    knobs: dict
    out: callable
    detail: callable
    shape: tuple = ()


SPECS = {
    'bottleneck': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: ['squeeze', {'f': f, 'r': r, 'q': f // r}]),
    'naive_inception_module': Spec(
        {'f': (POW2, 32), 'channels': (POW2, 32)},
        out=lambda channels, f: 3 * f + channels,
        detail=lambda channels, f: ['naive_out', {'f': f, 'channels': channels,
                                                  'out': 3 * f + channels}]),
    'inception_module': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, r: 4 * f,
        detail=lambda channels, f, r: ['reductions', {'f': f, 'r': r, 'a': f // 3,
                                                      'b': f // r}]),
    'residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: ['squeeze', {'f': f, 'r': r, 'q': f // r}]),
    'resnext_block': Spec(
        {'f': ((16, 32, 64, 128, 256), 32), 'r': ((1, 2, 4), 2), 'c': ((1, 2, 4, 8, 16, 32), 4)},
        out=lambda channels, f, r, c: f, shape=('c',),
        detail=lambda channels, f, r, c: ['paths', {'c': c, 'f': f, 'r': r,
                                                    'w': f // (c * r)}]),
    'dense_block': Spec(
        {'f': ((8, 12, 16, 24, 32), 12), 'd': (tuple(range(9)), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, d: channels + d * f, shape=('d',),
        detail=lambda channels, f, d: ['dense_out', {'channels': channels, 'd': d, 'f': f,
                                                     'out': channels + d * f}]),
    'se_block': Spec(
        {'f': (POW2, 32), 'rate': ((1, 2, 4, 8, 16, 32), 16)},
        out=lambda channels, f, rate: f,
        detail=lambda channels, f, rate: ['se', {'f': f, 'rate': rate, 'q': f // rate}]),
    'normal_cell': Spec(
        {'f': (POW2, 32)},
        out=lambda channels, f: 5 * f,
        detail=lambda channels, f: ['cell_out', {'f': f, 'out': 5 * f}]),
    'inv_residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 3, 4, 6), 4)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: ['expand', {'f': f, 'r': r, 'q': f * r}]),
}

# Slider values for a reader's block when explore() is given no range for a knob named so.
DEFAULT_VALUES = {'f': POW2}


# --- which block, which knobs ------------------------------------------------------------

def _spec_name(block):
    """The SPECS name of a built-in block (function or name), else None."""
    name = block if isinstance(block, str) else getattr(block, '__name__', None)
    if name in SPECS and (isinstance(block, str) or getattr(blocks, name, None) is block):
        return name
    if isinstance(block, str):
        raise ValueError(f'explore: there is no block named {block!r}; use one of '
                         f'{", ".join(SPECS)}, or pass your own block function.')
    if not callable(block):
        raise TypeError(f'explore: {block!r} is not a block; pass a block function such as '
                        'resnext_block.')
    return None


def _values(label, knob, given, start):
    """(slider values, start) from a sequence given to explore(); start kept if it is among them.

    A value that is not a whole number gets the block's own sentence (convblocks.checks.knobs).
    """
    if isinstance(given, (str, bytes)) or not hasattr(given, '__iter__'):
        knobs_module.whole(label, knob, given)  # raises the sentence
    values = tuple(sorted({knobs_module.whole(label, knob, v) for v in given}))
    if not values:
        raise ValueError(f'explore: {knob} = () gives the slider no values; give at least one, '
                         f'e.g. {knob}=(1, 2, 4).')
    return values, start if start in values else values[len(values) // 2]


def _ranges(block, name, overrides):
    """knob -> (values, start) for a built-in spec or a reader's block function."""
    if name is not None:
        ranges = dict(SPECS[name].knobs)
        known = ranges
    else:
        inputs = input_names(block)
        known = {k: None for k in inspect.signature(block).parameters if k not in inputs}
        known['channels'] = None
        defaults = knob_defaults(block)
        ranges = {k: (tuple(sorted({*DEFAULT_VALUES.get(k, ()), v})), v)
                  for k, v in defaults.items()
                  if isinstance(v, int) and not isinstance(v, bool)}
    label = name or getattr(block, '__name__', 'block')
    for knob, given in overrides.items():
        if knob not in known:
            raise ValueError(f'explore: {label} has no knob {knob!r}; its knobs are '
                             f'{", ".join(known)}.')
        values, start = ranges.get(knob, ((), None))
        if isinstance(given, numbers.Integral) and not isinstance(given, bool):
            ranges[knob] = (tuple(sorted({*values, int(given)})), int(given))
        else:
            ranges[knob] = _values(label, knob, given, start)
    missing = [k for k in known if k != 'channels' and k not in ranges]
    if missing:
        raise ValueError(f'explore: {label} has no default for {missing[0]}; give it a range, '
                         f'e.g. {missing[0]}=(16, 32, 64).')
    points = math.prod(len(values) for values, _ in ranges.values())
    if points > MAX_POINTS:
        raise ValueError(f'explore: {points:,} slider settings is over the budget of '
                         f'{MAX_POINTS:,}; give fewer values, or raise '
                         'convblocks.explorer.widget.MAX_POINTS.')
    return ranges


# --- one setting -------------------------------------------------------------------------

def _error_row(error):
    """The row of an impossible setting: the block's sentence and, if it has one, its formula."""
    message = str(error)
    found = re.match(r'(\w+): (.+? = .+? = -?\d+) ', message)
    return {'e': message, 'ef': found.group(2) if found else None,
            'eb': message.split(':')[0] if ':' in message else ''}


@functools.lru_cache(maxsize=4096)
def _built(block, size, channels, knobs):
    """Build the block once: (params, macs, output shape, folded Graph)."""
    from convblocks.drawing import graphs as drawing
    from convblocks.counting.keras_counts import model_macs
    from convblocks.models import block_model
    with keras_internals.shapes_only():
        model = block_model(block, size, channels, **dict(knobs))
    shape = '×'.join(str(n) for n in model.outputs[0].shape[1:])
    folded = drawing.fold(drawing.model_graph(model))
    return model.count_params(), model_macs(model), shape, folded


def _row(block, name, size, setting, graph):
    """Everything the readout and graph show at one setting, as data."""
    knobs = dict(setting)
    channels = knobs.pop('channels', None)
    try:
        if name is None:
            built_channels = channels if channels is not None else knobs.get('f', 32)
            params, macs, shape, folded = _built(block, size, built_channels,
                                                 tuple(sorted(knobs.items())))
            cin, cout = built_channels, int(shape.split('×')[-1])
            detail = ['output', {'shape': shape}]
        else:
            params = counting.params(name, channels=channels, **knobs)
            macs = counting.macs(name, size=size, channels=channels, **knobs)
            spec = SPECS[name]
            cin = knobs['f'] if channels is None else channels
            cout = spec.out(cin, **knobs)
            detail = spec.detail(cin, **knobs)
            folded = _built(getattr(blocks, name), size, cin,
                            tuple(sorted(knobs.items())))[3] if graph else None
    except (ValueError, TypeError) as error:
        return _error_row(error), None
    plain, _ = counting.plain_conv(cin, cout, k=3, size=size)
    folded = folded if graph else None
    return {'p': params, 'm': macs, 'd': detail,
            'c': {'cin': cin, 'cout': cout, 'plain': plain}}, folded


def _longest(graph):
    from convblocks.drawing import graphs as drawing
    return sum(len(line) for part in graph.parts.values() for line in drawing.lines(part))


def _svg(graph, name):
    from convblocks.drawing import graphs as drawing
    return {'svg': drawing.svg_of_graph(graph, name),
            'more': list(graph.more) if graph.more else None,
            'ids': [i for i in graph.ids if i != 'more']}


# --- the widget ---------------------------------------------------------------------------

class Explorer(anywidget.AnyWidget):
    """Sliders, readout and graph of one block; built by `explore`, drawn by explorer.js."""

    _esm = (HERE / 'explorer.js').read_text()
    _css = (HERE / 'explorer.css').read_text()
    block = traitlets.Unicode().tag(sync=True)
    size = traitlets.Int(32).tag(sync=True)
    knobs = traitlets.List().tag(sync=True)      # [[knob, [values]], ...]
    fixed = traitlets.Dict().tag(sync=True)      # knobs without a slider -> their value
    index = traitlets.List().tag(sync=True)      # the sliders' positions
    rows = traitlets.Dict().tag(sync=True)       # "i,j" positions -> row (the static table)
    row = traitlets.Dict().tag(sync=True)        # the row at `index`
    graphs = traitlets.Dict().tag(sync=True)     # graph id -> {svg, ids, more}
    strings = traitlets.Dict(STRINGS).tag(sync=True)

    def __init__(self, fn, name, ranges, size, fixed, graph, table):
        self._fn, self._name, self._graph = fn, name, graph
        self._keys, self._cache = {}, {}
        self.values = {k: values for k, (values, _) in ranges.items()}
        index = [values.index(start) for values, start in ranges.values()]
        super().__init__(block=name or fn.__name__, size=size, fixed=fixed,
                         knobs=[[k, list(v)] for k, v in self.values.items()], index=index)
        if table:
            self._fill_table()
        self.observe(self._moved, 'index')
        self._moved()

    def __repr__(self):
        return f'explore({self.block}): run this cell to see the sliders.'

    def setting(self):
        """The knob values the sliders show, e.g. {'f': 32, 'r': 2, 'c': 4}."""
        return {k: values[i] for (k, values), i in zip(self.values.items(), self.index)}

    def set(self, **knobs):
        """Move sliders from Python, e.g. explorer.set(c=8)."""
        index = dict(zip(self.values, self.index))
        for knob, value in knobs.items():
            if knob not in self.values:
                raise ValueError(f'explore: no slider {knob!r}; the sliders are '
                                 f'{", ".join(self.values)}.')
            if value not in self.values[knob]:
                raise ValueError(f'explore: {knob} = {value} is not on the slider; its values '
                                 f'are {", ".join(map(str, self.values[knob]))}.')
            index[knob] = self.values[knob].index(value)
        self.index = list(index.values())

    @property
    def text(self):
        """The readout in English plain text, as the page shows it."""
        return readout_text(self.block, self.size, self.row)

    @property
    def caption(self):
        """The graph's English caption ('' for an impossible setting)."""
        if 'e' in self.row or self.row.get('g') is None:
            return ''
        setting = ', '.join(f'{k}={v}' for k, v in {**self.setting(), **self.fixed}.items())
        text = fill(EN['caption'], {'block': self.block, 'setting': setting})
        more = self.graphs[self.row['g']]['more']
        return text + (fill(EN['folded'], {'total': more[1]}) if more else '')

    def _full(self, setting):
        return {**setting, **self.fixed}

    def _compute(self, setting):
        """The row at `setting`, with its graph registered (cached per setting)."""
        key = tuple(setting.items())
        if key not in self._cache:
            row, folded = _row(self._fn, self._name, self.size, self._full(setting), self._graph)
            if folded is not None:
                row['g'], row['l'] = self._register(folded)
            self._cache[key] = row
        return self._cache[key]

    def _register(self, folded):
        """The graph id of `folded`'s structure (drawn on first sight), and its box data."""
        structure = folded.key()
        if structure not in self._keys:
            if len(self._keys) >= MAX_GRAPHS:
                raise ValueError(f'explore: the sliders reach more than {MAX_GRAPHS} different '
                                 'graphs, over the budget; give fewer values, pass graph=False, '
                                 'or raise convblocks.explorer.widget.MAX_GRAPHS.')
            gid = f'g{len(self._keys)}'
            self._keys[structure] = gid
            self.graphs = {**self.graphs, gid: _svg(folded, self.block)}
        gid = self._keys[structure]
        return gid, [folded.parts[i] for i in self.graphs[gid]['ids']]

    def _fill_table(self):
        """Every point of the grid; each structure drawn at its longest labels (no overflow)."""
        rows, longest, best = {}, {}, {}
        knobs = list(self.values)
        for index in itertools.product(*(range(len(v)) for v in self.values.values())):
            setting = {k: self.values[k][i] for k, i in zip(knobs, index)}
            row, folded = _row(self._fn, self._name, self.size, self._full(setting),
                               self._graph)
            rows[','.join(map(str, index))] = (row, folded)
            if folded is not None:
                structure, length = folded.key(), _longest(folded)
                if structure not in longest or length > longest[structure]:
                    longest[structure], best[structure] = length, folded
                if len(best) > MAX_GRAPHS:
                    raise ValueError(
                        f'explore: the sliders reach more than {MAX_GRAPHS} different graphs, '
                        'over the budget; give fewer values, pass graph=False, or raise '
                        'convblocks.explorer.widget.MAX_GRAPHS.')
        for folded in best.values():
            self._register(folded)
        table = {}
        for key, (row, folded) in rows.items():
            if folded is not None:
                row['g'], row['l'] = self._register(folded)
            table[key] = row
            setting = {k: self.values[k][int(i)] for k, i in zip(knobs, key.split(','))}
            self._cache[tuple(setting.items())] = row
        self.rows = table

    def _moved(self, change=None):
        self.row = {**self._compute(self.setting()), 'i': ','.join(map(str, self.index))}


def readout_text(block, size, row):
    """The English readout of one row: counts, a note and a comparison, or the error."""
    if 'e' in row:
        return row['e']
    values = {'size': size}
    template, detail = row['d']
    return ' '.join([
        EN['params'], f"{row['p']:,}", _short(row['p']),
        fill(EN['macs'], values), f"{row['m']:,}", _short(row['m']),
        fill(EN[template], detail),
        fill(EN['compare'], {**row['c'], 'plain': f"{row['c']['plain']:,}",
                             'ratio': f"{row['p'] / row['c']['plain']:.2f}"})])


def _short(n):
    """12.6 M, 940 k, 512: a rounded reading aid next to the exact number (as in the JS)."""
    for scale, unit in ((1e9, 'G'), (1e6, 'M'), (1e3, 'k')):
        if n >= scale:
            return f'{n / scale:.3g} {unit}'
    return str(n)


def readout_html(block, size=32, setting=None):
    """The English readout of `block` at one setting, as an HTML paragraph."""
    name = _spec_name(block)
    setting = dict(setting or {})
    if name is not None:
        defaults = {k: start for k, (_, start) in SPECS[name].knobs.items()}
        setting = {**defaults, **setting}
    row, _ = _row(block, name, size, setting, graph=False)
    return f'<p>{escape(readout_text(name or block.__name__, size, row))}</p>'


def explore(block, size=32, graph=True, table=True, **knobs):
    """Sliders for `block`'s knobs above a readout of its exact parameters and MACs.

    block: a block of convblocks.blocks (function or name) or any block function of yours,
    e.g. def my_block(x, f=32, k=3). size: the input's height and width for MACs.
    Each keyword sets a knob's slider: a sequence gives its values, an int its start value,
    e.g. explore(resnext_block, c=(1, 2, 4, 8), f=64) or explore(my_block, k=(1, 3, 5)).
    A knob of your block with no range stays at its default (f slides over 8 ... 256).
    graph=False leaves out the graph; table=False stores no table (then the readout updates
    only with a running kernel). Grids over MAX_POINTS settings or MAX_GRAPHS graphs are
    refused with a sentence.
    """
    name = _spec_name(block)
    size = knobs_module.whole(name or getattr(block, '__name__', 'block'), 'size', size)
    ranges = _ranges(block, name, knobs)
    if name is not None and graph:
        graphs = math.prod(len(ranges[k][0]) for k in SPECS[name].shape)
        if graphs > MAX_GRAPHS:
            raise ValueError(f'explore: the sliders reach {graphs} different graphs, over the '
                             f'budget of {MAX_GRAPHS}; give fewer values, pass graph=False, or '
                             'raise convblocks.explorer.widget.MAX_GRAPHS.')
    fixed = {k: values[0] for k, (values, _) in ranges.items() if len(values) == 1}
    sliders = {k: v for k, v in ranges.items() if k not in fixed}
    start = {**{k: s for k, (_, s) in sliders.items()}, **fixed}
    row, _ = _row(block, name, size, start, graph=False)
    if 'e' in row:
        raise ValueError(f"explore: the start values are not a valid setting: {row['e']}")
    return Explorer(block, name, sliders, size, fixed, graph, table)


__all__ = ['explore', 'Explorer', 'SPECS', 'Spec', 'readout_html', 'MAX_POINTS', 'MAX_GRAPHS']
