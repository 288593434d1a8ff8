"""Sliders for a block's knobs with a readout of its parameters and MACs, live and static.

`explore(resnext_block)` shows one slider per knob and, below them, the exact parameter
and multiply-accumulate counts, a comparison with one plain 3x3 conv, and the block's graph.

It works in two places with the same widget:
- In JupyterLab, a Python observer recomputes the readout with `convblocks.counting`
  (microseconds per move).
- In the static HTML book there is no kernel, so when the explorer is built it also runs
  the counting code over every point of the slider grid and stores the readouts in its
  state. The sliders are linked to the readout in the browser (`jslink`), and the
  readout's JavaScript (explorer.js) looks the new setting up in that table.

In a chapter notebook:

    from convblocks.blocks import resnext_block
    from convblocks.explorer import explore
    explore(resnext_block)                      # or explore(resnext_block, c=(1, 2, 4, 8))

The static pages need the vendored widget scripts set up in _config.yml (nb_ipywidgets_js).
"""
import itertools
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from convblocks import counting
from convblocks.exercise import solution

HERE = Path(__file__).parent
POW2 = (8, 16, 32, 64, 128, 256)
KNOB_LABELS = {'f': 'filters f', 'r': 'ratio r', 'c': 'paths c', 'd': 'layers d',
               'rate': 'rate', 'channels': 'input channels'}


@dataclass
class Spec:
    """How to explore one block: the slider values and start value of each knob, and more.

    knobs: knob -> (values, start); 'channels' is the input's channel count.
    out: output channels from the knobs; shape: knobs that change the graph's layout;
    detail: a one-line note on the widths the knobs produce.
    count: (size, channels, **knobs) -> (params, macs) for a block convblocks.counting does
    not know (it raises ValueError for impossible settings); block: the block function to
    draw when it is not in convblocks.blocks. Register new blocks in SPECS under their name.
    """
    knobs: dict
    out: callable
    detail: callable
    shape: tuple = ()
    count: callable = None
    block: callable = None


SPECS = {
    'bottleneck': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: f'squeezed layers: f // r = {f} // {r} = {f // r} channels'),
    'naive_inception_module': Spec(
        {'f': (POW2, 32), 'channels': (POW2, 32)},
        out=lambda channels, f: 3 * f + channels,
        detail=lambda channels, f: f'output: 3 × {f} + {channels} (pooled input) = '
                                   f'{3 * f + channels} channels'),
    'inception_module': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, r: 4 * f,
        detail=lambda channels, f, r: f'reductions: f // 3 = {f // 3} (3×3 branch), '
                                      f'f // r = {f} // {r} = {f // r} (5×5 branch)'),
    'residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: f'squeezed layers: f // r = {f} // {r} = {f // r} channels'),
    'resnext_block': Spec(
        {'f': ((16, 32, 64, 128, 256), 32), 'r': ((1, 2, 4), 2), 'c': ((1, 2, 4, 8, 16, 32), 4)},
        out=lambda channels, f, r, c: f, shape=('c',),
        detail=lambda channels, f, r, c: f'{c} path{"s" * (c > 1)}, each f // (c·r) = '
                                         f'{f} // ({c}·{r}) = {f // (c * r)} channels wide'),
    'dense_block': Spec(
        {'f': ((8, 12, 16, 24, 32), 12), 'd': (tuple(range(9)), 4), 'channels': (POW2, 32)},
        out=lambda channels, f, d: channels + d * f, shape=('d',),
        detail=lambda channels, f, d: f'output: {channels} + {d} × {f} = '
                                      f'{channels + d * f} channels'),
    'se_block': Spec(
        {'f': (POW2, 32), 'rate': ((1, 2, 4, 8, 16, 32), 16)},
        out=lambda channels, f, rate: f,
        detail=lambda channels, f, rate: f'squeeze layer: f // rate = {f} // {rate} = '
                                         f'{f // rate} units'),
    'normal_cell': Spec(
        {'f': (POW2, 32)},
        out=lambda channels, f: 5 * f,
        detail=lambda channels, f: f'output: 5 × {f} = {5 * f} channels'),
    'amoeba_normal_cell': Spec(
        {'f': (POW2, 32)},
        out=lambda channels, f: 4 * f,
        detail=lambda channels, f: f'output: h_(i-1), b, c, e = 4 × {f} = {4 * f} channels',
        count=lambda size, channels, f: (solution.params(f), solution.macs(size, f)),
        block=solution.amoeba_normal_cell),
    'inv_residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 3, 4, 6), 4)},
        out=lambda channels, f, r: f,
        detail=lambda channels, f, r: f'expansion layer: f × r = {f} × {r} = {f * r} channels'),
}


def _name(block):
    """The block's name, for a block function or a name; a clear error for anything else."""
    name = block if isinstance(block, str) else getattr(block, '__name__', None)
    if name not in SPECS:
        raise ValueError(f'explore: no slider spec for {block!r}; use one of '
                         f'{", ".join(SPECS)} (or add a Spec to convblocks.explorer.SPECS).')
    return name


def _knob_ranges(name, overrides):
    """knob -> (values, start) after applying explore()'s keyword overrides."""
    ranges = dict(SPECS[name].knobs)
    for knob, value in overrides.items():
        if knob not in ranges:
            raise ValueError(f'explore: {name} has no knob {knob!r}; its knobs are '
                             f'{", ".join(ranges)}.')
        values, start = ranges[knob]
        if isinstance(value, int):
            start = value
            values = tuple(sorted({*values, value}))
        else:
            values = tuple(value)
            start = start if start in values else values[len(values) // 2]
        ranges[knob] = (values, start)
    return ranges


def _counts(name, size, setting):
    """(params, macs) of the block at `setting`; ValueError with the block's message if invalid."""
    knobs = dict(setting)
    channels = knobs.pop('channels', None)
    count = SPECS[name].count
    if count is not None:
        return count(size, channels, **knobs)
    return (counting.params(name, channels=channels, **knobs),
            counting.macs(name, size=size, channels=channels, **knobs))


def _number(n):
    return f'{n:,}'


def _short(n):
    """12.6 M, 940 k, 512: a rounded reading aid next to the exact number."""
    for scale, unit in ((1e9, 'G'), (1e6, 'M'), (1e3, 'k')):
        if n >= scale:
            return f'{n / scale:.3g} {unit}'
    return str(n)


def readout_html(name, size, setting):
    """The readout for one setting: exact counts and a comparison, or the block's message."""
    try:
        params, macs = _counts(name, size, setting)
    except ValueError as error:
        return f'<p class="cb-error" role="alert">{escape(str(error))}</p>'
    spec = SPECS[name]
    knobs = dict(setting)
    channels = knobs.pop('channels', knobs['f'])
    out = spec.out(channels, **knobs)
    plain_params, _ = counting.plain_conv(channels, out, k=3, size=size)
    ratio = params / plain_params
    return (
        '<div class="cb-stats">'
        f'<div class="cb-stat"><span class="cb-label">parameters</span>'
        f'<span class="cb-value" data-params="{params}">{_number(params)}</span>'
        f'<span class="cb-short">{_short(params)}</span></div>'
        f'<div class="cb-stat"><span class="cb-label">MACs on a {size}×{size} input</span>'
        f'<span class="cb-value" data-macs="{macs}">{_number(macs)}</span>'
        f'<span class="cb-short">{_short(macs)}</span></div></div>'
        f'<p class="cb-detail">{escape(spec.detail(channels, **knobs))}</p>'
        f'<p class="cb-compare">One plain 3×3 conv from {channels} to {out} channels has '
        f'{_number(plain_params)} parameters; this block has '
        f'<b>{ratio:.2f}×</b> as many.</p>')


def _graph_key(name, setting):
    shape = SPECS[name].shape
    return ','.join(f'{k}={setting[k]}' for k in shape) or 'graph'


def _caption(name, setting):
    """'resnext_block, drawn at f=32, r=2, c=4'."""
    knobs = ', '.join(f'{k}={v}' for k, v in setting.items())
    return f'{name}, drawn at {knobs}'


def _distance(setting, starts):
    """How far a setting is from the start values, counted in slider steps."""
    return sum(abs(i - starts[k]) for k, i in setting.items())


class Readout(anywidget.AnyWidget):
    """The readout and graph under the sliders; explorer.js renders it."""

    _esm = (HERE / 'explorer.js').read_text()
    _css = (HERE / 'explorer.css').read_text()
    knobs = traitlets.List(traitlets.Unicode()).tag(sync=True)
    table = traitlets.Dict().tag(sync=True)      # "i,j,k" slider indices -> [html, graph key]
    svgs = traitlets.Dict().tag(sync=True)       # graph key -> [svg, caption]
    readout = traitlets.Unicode().tag(sync=True)
    graph = traitlets.Unicode().tag(sync=True)
    # one index per possible knob, linked to the sliders' `index`
    i_f = traitlets.Int(0).tag(sync=True)
    i_r = traitlets.Int(0).tag(sync=True)
    i_c = traitlets.Int(0).tag(sync=True)
    i_d = traitlets.Int(0).tag(sync=True)
    i_rate = traitlets.Int(0).tag(sync=True)
    i_channels = traitlets.Int(0).tag(sync=True)


class Explorer(widgets.VBox):
    """The sliders and the readout of one block; built by `explore`."""

    def __init__(self, name, ranges, size, table, graphs):
        self.name, self.size = name, size
        self.values = {k: values for k, (values, _) in ranges.items()}
        self.sliders = {k: widgets.SelectionSlider(
            options=[(str(v), v) for v in values], value=start, description=KNOB_LABELS[k],
            continuous_update=True, style={'description_width': '7.5em'},
            layout=widgets.Layout(width='min(26em, 100%)'))
            for k, (values, start) in ranges.items()}
        self.view = Readout(knobs=list(ranges), table=table if table else {},
                            svgs=graphs if graphs else {})
        for knob, slider in self.sliders.items():
            traitlets.link((slider, 'index'), (self.view, f'i_{knob}'))   # kernel side
            widgets.jslink((slider, 'index'), (self.view, f'i_{knob}'))  # browser side
            self.view.observe(self._update, f'i_{knob}')
        self._update()
        box = widgets.VBox(list(self.sliders.values()), layout=widgets.Layout(padding='4px 0'))
        super().__init__([box, self.view], layout=widgets.Layout(width='100%'))
        self.add_class('cb-explorer-box')

    def setting(self):
        """The knob values the sliders show, e.g. {'f': 32, 'r': 2, 'c': 4}."""
        return {k: slider.value for k, slider in self.sliders.items()}

    def set(self, **knobs):
        """Move sliders from Python, e.g. explorer.set(c=8)."""
        for knob, value in knobs.items():
            if knob not in self.sliders:
                raise ValueError(f'explore: no slider {knob!r}; the sliders are '
                                 f'{", ".join(self.sliders)}.')
            if value not in self.values[knob]:
                raise ValueError(f'explore: {knob} = {value} is not on the slider; its values '
                                 f'are {", ".join(map(str, self.values[knob]))}.')
            self.sliders[knob].value = value

    @property
    def text(self):
        """The readout as plain text (what a reader sees, without markup)."""
        text = re.sub(r'<[^>]+>', ' ', self.view.readout)
        return unescape(re.sub(r'\s+', ' ', text).strip())

    def _update(self, change=None):
        setting = self.setting()
        self.view.readout = readout_html(self.name, self.size, setting)
        key = _graph_key(self.name, setting)
        if 'cb-error' not in self.view.readout and key in self.view.svgs:
            self.view.graph = key


def _grid(name, ranges, size, draw, only_start=False):
    """The readout of every slider setting, and the graphs for every graph layout.

    Each layout (value of the shape knobs) is drawn once, at its valid setting nearest to
    the start values.
    """
    knobs = list(ranges)
    starts = {k: values.index(start) for k, (values, start) in ranges.items()}
    table, best = {}, {}
    for indices in itertools.product(*(range(len(ranges[k][0])) for k in knobs)):
        setting = {k: ranges[k][0][i] for k, i in zip(knobs, indices)}
        html = readout_html(name, size, setting)
        valid = 'cb-error' not in html
        key = _graph_key(name, setting) if valid else None
        table[','.join(map(str, indices))] = [html, key]
        steps = _distance(dict(zip(knobs, indices)), starts)
        if valid and (key not in best or steps < best[key][0]):
            best[key] = (steps, setting)
    if only_start:
        best = {k: v for k, v in best.items() if v[0] == 0}
    graphs = {}
    if draw:
        from convblocks import drawing
        for key, (_, setting) in best.items():
            knobs_only = dict(setting)
            channels = knobs_only.pop('channels', None)
            block = SPECS[name].block or name
            svg = drawing.block_svg(block, channels=channels, size=size, **knobs_only)
            graphs[key] = [svg, _caption(name, setting)]
    return table, graphs


def explore(block, size=32, graph=True, table=True, **knobs):
    """Sliders for `block`'s knobs above a readout of its exact parameters and MACs.

    block: a block function or its name. size: the input's height and width for MACs.
    Each keyword sets a knob's slider: a sequence gives its values, an int its start
    value, e.g. explore(resnext_block, c=(1, 2, 4, 8), f=64). graph=False leaves out the
    graphs; table=False leaves out the precomputed table (then the readout only updates
    with a running kernel).
    """
    name = _name(block)
    ranges = _knob_ranges(name, knobs)
    start = {k: s for k, (_, s) in ranges.items()}
    try:
        _counts(name, size, start)
    except ValueError as error:
        raise ValueError(f'explore: the start values are not a valid setting: {error}') from None
    grid, graphs = _grid(name, ranges, size, graph, only_start=not table)
    return Explorer(name, ranges, size, grid if table else None, graphs)


__all__ = ['explore', 'Explorer', 'SPECS', 'Spec', 'readout_html']
