"""Sliders for a block's knobs above its exact parameters, MACs and graph, live and static.

    from convblocks.explorer import explore
    explore(resnext_block)                      # or explore(resnext_block, c=(1, 2, 4, 8))
    explore(my_block, k=(1, 3, 5), f=(16, 32))  # any block function, any knob names
    explore(my_block, act=('relu', 'tanh'), channels=32)   # buttons; a fixed input width

One anywidget (explorer.js) draws everything: a native slider and a value box per numeric
knob, a row of buttons per other knob, the readout (a polite live region) and the graph.
When the explorer is built, Python works out every point of the grid and stores it as data
(numbers, each graph box's filters and shape, the error of an impossible setting), so the
static book needs no kernel: a small loader (book/_vendor/explorer-loader.js) hands the
stored state to the same render(). The JavaScript formats the text in English or Chinese
(convblocks.explorer.strings). How keywords become knobs, within budget: `ranges`.

Counts come from the closed forms in convblocks.counting for the nine blocks, and from
building the block (count_params and model_macs) for any other block function, in the
sandbox (convblocks.building.sandbox: time limit, shapes only, per-layer size limit). The
graph of every setting is the block Keras builds at that setting; settings with the same
structure share one layout, whose boxes the JavaScript fills in with that setting's numbers.
Every mistake is one sentence (convblocks.checks.errors), never a traceback.
"""
import functools
import inspect
import itertools
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import anywidget
import traitlets

from convblocks import counting, language
from convblocks.book.browser import common_js
from convblocks.building import guards, sandbox
from convblocks.checks import knobs as knob_table
from convblocks.checks import widths
from convblocks.checks.errors import BlockTypeError, BlockValueError, Sentence, listed, number
from convblocks.explorer import ranges as ranges_module
from convblocks.explorer.ranges import POW2, Knob, grid_size, knob_from, label
from convblocks.explorer.strings import STRINGS, fill
from convblocks.models import knob_defaults, shapes_model

HERE = Path(__file__).parent
MAX_POINTS = ranges_module.MAX_POINTS    # kept here for `convblocks.explorer.widget` readers
MAX_GRAPHS = 64                          # different graphs one explorer may draw


@dataclass
class Spec:
    """How to explore one block of convblocks.blocks.

    knobs: knob -> (slider values, start value); 'channels' is the input's channel count.
    detail: [template name, values] for the note under the counts (templates in
    convblocks.explorer.strings), from the widths in convblocks.checks.widths. shape: knobs
    that change the graph's structure (to check the graph budget before building anything).
    """
    knobs: dict
    detail: callable
    shape: tuple = ()


def _out(name):
    """The detail values 'out' and 'channels' of a block whose note shows its output width."""
    return lambda channels, **k: {**k, 'channels': channels,
                                  'out': widths.output(name, channels, **k)}


SPECS = {
    'bottleneck': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        detail=lambda channels, f, r: ['squeeze', {'f': f, 'r': r, 'q': widths.squeezed(f, r)}]),
    'naive_inception_module': Spec(
        {'f': (POW2, 32), 'channels': (POW2, 32)},
        detail=lambda channels, f: ['naive_out', _out('naive_inception_module')(channels, f=f)]),
    'inception_module': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4), 'channels': (POW2, 32)},
        detail=lambda channels, f, r: ['reductions', {'f': f, 'r': r, 'a': widths.third(f),
                                                      'b': widths.squeezed(f, r)}]),
    'residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 4, 8), 4)},
        detail=lambda channels, f, r: ['squeeze', {'f': f, 'r': r, 'q': widths.squeezed(f, r)}]),
    'resnext_block': Spec(
        {'f': ((16, 32, 64, 128, 256), 32), 'r': ((1, 2, 4), 2), 'c': ((1, 2, 4, 8, 16, 32), 4)},
        shape=('c',),
        detail=lambda channels, f, r, c: ['paths', {'c': c, 'f': f, 'r': r,
                                                    'w': widths.path_width(f, r, c)}]),
    'dense_block': Spec(
        {'f': ((8, 12, 16, 24, 32), 12), 'd': (tuple(range(9)), 4), 'channels': (POW2, 32)},
        shape=('d',),
        detail=lambda channels, f, d: ['dense_out', _out('dense_block')(channels, f=f, d=d)]),
    'se_block': Spec(
        {'f': (POW2, 32), 'rate': ((1, 2, 4, 8, 16, 32), 16)},
        detail=lambda channels, f, rate: ['se', {'f': f, 'rate': rate,
                                                 'q': widths.se_units(f, rate)}]),
    'normal_cell': Spec(
        {'f': (POW2, 32)},
        detail=lambda channels, f: ['cell_out', _out('normal_cell')(channels, f=f)]),
    'inv_residual_block': Spec(
        {'f': (POW2, 32), 'r': ((1, 2, 3, 4, 6), 4)},
        detail=lambda channels, f, r: ['expand', {'f': f, 'r': r,
                                                  'q': widths.expanded(f, r)}]),
}


# --- which block, which knobs ------------------------------------------------------------

# The sentences of a wrong call of explore(), per language.
SAY = {
    'en': {
        'not_block': 'explore: {value} is not a block; pass a block function such as '
                     'resnext_block, or the name of one.',
        'not_function': 'explore: {value} is not a block function; pass one such as '
                        'resnext_block.',
        'no_knob': 'explore: {block} has no knob {knob!r}; its knobs are {knobs}.',
        'no_default': "explore: {block} has no default for {knob}; give it a value or a range, "
                      "e.g. {knob}=(16, 32, 64) or {knob}=('relu', 'tanh').",
        'inexact': '{block}: this setting has {count} {what}, more than the explorer shows '
                   'exactly; convblocks.counting gives the exact count.',
        'no_slider': 'explore: no slider {knob!r}; the sliders are {sliders}.',
        'none': 'none',
        'off_slider': 'explore: {knob} = {value} is not on the slider; its values are {values}.',
        'graphs': 'explore: the sliders reach {count} different graphs, over the budget of '
                  '{most}; give fewer values, pass graph=False, or raise '
                  'convblocks.explorer.widget.MAX_GRAPHS.',
        'setting': "readout_html: setting = {value}; give a dict of knob values, e.g. "
                   "{{'f': 64}}.",
        'start': 'explore: the start values ({setting}) are not a valid setting: {said}',
        'flag': 'explore: {name} = {value}; use True or False.',
    },
    'zh': {
        'not_block': 'explore：{value} 不是模块；'
                     '请传入一个模块函数（如 resnext_block）或模块的名字。',
        'not_function': 'explore：{value} 不是模块函数；请传入一个，例如 resnext_block。',
        'no_knob': 'explore：{block} 没有旋钮 {knob!r}；它的旋钮是 {knobs}。',
        'no_default': "explore：{block} 的 {knob} 没有默认值；请给它一个值或一个范围，"
                      "例如 {knob}=(16, 32, 64) 或 {knob}=('relu', 'tanh')。",
        'inexact': '{block}：这个设置的 {what}为 {count}，超出了探索器能精确显示的范围；'
                   'convblocks.counting 能给出精确的计数。',
        'no_slider': 'explore：没有滑块 {knob!r}；滑块有 {sliders}。',
        'none': '无',
        'off_slider': 'explore：{knob} = {value} 不在滑块上；它的取值是 {values}。',
        'graphs': 'explore：滑块能到达 {count} 种不同的结构图，超出了 {most} 的预算；'
                  '请给更少的取值、传入 graph=False，'
                  '或调高 convblocks.explorer.widget.MAX_GRAPHS。',
        'setting': "readout_html：setting = {value}；请给一个旋钮取值的字典，例如 {{'f': 64}}。",
        'start': 'explore：起始值（{setting}）不是有效的设置：{said}',
        'flag': 'explore：{name} = {value}；请用 True 或 False。',
    },
}
# What _require_exact counts, in Chinese.
COUNTED_ZH = {'parameters': '参数量', 'MACs': '乘加次数'}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def _spec_name(block):
    """The SPECS name of one of the nine blocks (function or name), else None (a reader's)."""
    if not (isinstance(block, str) or callable(block)):
        raise BlockTypeError(_say('not_block', value=number(block)))
    name = knob_table.checked_block_name(block)
    return name if knob_table.is_known(block) else None


def _readers_knobs(block):
    """knob -> (default Knob or None, its default value) of a reader's block function."""
    try:
        parameters = inspect.signature(block).parameters
    except (TypeError, ValueError):
        raise BlockTypeError(_say('not_function', value=number(block))) from None
    inputs = knob_table.input_names(block)
    defaults = knob_defaults(block)
    found = {}
    for knob in parameters:
        if knob in inputs:
            continue
        if knob not in defaults:
            found[knob] = (None, knob_table.REQUIRED)
            continue
        value = defaults[knob]
        whole = isinstance(value, int) and not isinstance(value, bool)
        values = tuple(sorted({*ranges_module.DEFAULT_VALUES.get(knob, ()), value})) \
            if whole else (value,)
        found[knob] = (Knob(values, values.index(value)), value)
    return found


def _ranges(block, name, overrides):
    """knob -> Knob for one of the nine blocks or a reader's block function, within budget."""
    label_ = name or getattr(block, '__name__', 'block')
    if name is not None:
        known = {k: (Knob(v, v.index(start)), start) for k, (v, start) in SPECS[name].knobs.items()}
        whole = set(known)
    else:
        known = {**_readers_knobs(block), 'channels': (None, None)}
        whole = {'channels'}
    for knob in overrides:
        if knob not in known:
            raise BlockTypeError(_say('no_knob', block=label_, knob=knob, knobs=listed(known)))
    result = {}
    for knob, (default, value) in known.items():
        if knob in overrides:
            result[knob] = knob_from(label_, knob, overrides[knob], default, knob in whole)
        elif value is knob_table.REQUIRED:
            raise BlockTypeError(_say('no_default', block=label_, knob=knob))
        elif default is not None:
            result[knob] = default
    grid_size(result, reader=name is None)
    return result


# --- one setting -------------------------------------------------------------------------

def _error_row(error):
    """The row of an impossible setting: the block's sentence and, if it has one, its formula."""
    message = str(error)
    found = re.match(r'(\w+)[:：] ?(.+? = .+? = -?\d+)[ ，]', message)
    head = re.split('[:：]', message, maxsplit=1)
    return {'e': message, 'ef': found.group(2) if found else None,
            'eb': head[0] if len(head) > 1 else ''}


def _built(block, size, channels, knobs):
    """Build the block once (cached when the knobs can be): (params, macs, shape, Graph)."""
    try:
        hash(knobs)
    except TypeError:                       # a reader's list default, say
        return _build(block, size, channels, knobs)
    return _cached_build(block, size, channels, knobs)


def _build(block, size, channels, knobs):
    from convblocks.drawing import graphs as drawing
    from convblocks.counting.keras_counts import model_macs
    model = shapes_model(block, size, channels, **dict(knobs))
    output = model.outputs[0].shape[1:]
    folded = drawing.fold(drawing.model_graph(model))
    return model.count_params(), model_macs(model), tuple(output), folded


_cached_build = functools.lru_cache(maxsize=4096)(_build)


def _input_width(knobs, channels):
    """(the input width a reader's block is built with, the note's template saying why)."""
    if channels is not None:
        return channels, 'io_fixed'
    f = knobs.get('f')
    if isinstance(f, int) and not isinstance(f, bool) and f >= 1:
        return f, 'io_from_f'
    return 32, 'io_default'


def _readers_row(block, size, knobs, channels):
    """(params, macs, cin, cout, detail, folded) of a reader's block, built in the sandbox."""
    cin, template = _input_width(knobs, channels)
    params, macs, shape, folded = _built(block, size, cin, tuple(knobs.items()))
    cout = shape[-1]
    dims = '×'.join('?' if n is None else str(n) for n in shape)
    return params, macs, cin, cout, [template, {'size': size, 'cin': cin, 'shape': dims}], folded


def _known_row(name, size, knobs, channels, graph):
    """(params, macs, cin, cout, detail, folded) of one of the nine blocks, from the formulas."""
    from convblocks import blocks
    params = counting.params(name, channels=channels, **knobs)
    macs = counting.macs(name, size=size, channels=channels, **knobs)
    cin = knobs['f'] if channels is None else channels
    detail = SPECS[name].detail(cin, **knobs)
    folded = _built(getattr(blocks, name), size, cin, tuple(sorted(knobs.items())))[3] \
        if graph else None
    return params, macs, cin, widths.output(name, cin, **knobs), detail, folded


def _row(block, name, size, setting, graph):
    """Everything the readout and graph show at one setting, as data.

    An impossible setting gives the row of its sentence; a reader's block that runs out of
    time or builds an over-budget layer stops the explorer (ReaderCodeStopped).
    """
    knobs = dict(setting)
    channels = knobs.pop('channels', None)
    try:
        if name is None:
            params, macs, cin, cout, detail, folded = _readers_row(block, size, knobs, channels)
        else:
            params, macs, cin, cout, detail, folded = _known_row(name, size, knobs, channels,
                                                                 graph)
        _require_exact(name or block.__name__, params, macs)
        plain, _ = counting.plain_conv(cin, cout, k=3, size=size)
    except sandbox.ReaderCodeStopped:
        raise
    except (Sentence, ValueError, TypeError) as error:
        return _error_row(error), None
    return {'p': params, 'm': macs, 'd': detail,
            'c': {'cin': cin, 'cout': cout, 'plain': plain}}, folded if graph else None


def _require_exact(name, params, macs):
    """Counts beyond 2**53 would be rounded by the page's JavaScript: a sentence instead."""
    for what, count in (('parameters', params), ('MACs', macs)):
        if count >= ranges_module.EXACT:
            counted = COUNTED_ZH.get(what, what) if language.current() == 'zh' else what
            raise BlockValueError(_say('inexact', block=name, count=number(count, True),
                                       what=counted))


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

    _esm = common_js() + (HERE / 'explorer.js').read_text()   # cbCommon first: one module
    _css = (HERE / 'explorer.css').read_text()
    block = traitlets.Unicode().tag(sync=True)
    size = traitlets.Int(32).tag(sync=True)
    knobs = traitlets.List().tag(sync=True)      # [[knob, [values or labels], kind], ...]
    fixed = traitlets.Dict().tag(sync=True)      # knobs without a slider -> their value's text
    note = traitlets.List().tag(sync=True)       # [template, values] above the readout, or []
    index = traitlets.List().tag(sync=True)      # the sliders' positions
    rows = traitlets.Dict().tag(sync=True)       # "i,j" positions -> row (the static table)
    row = traitlets.Dict().tag(sync=True)        # the row at `index`
    graphs = traitlets.Dict().tag(sync=True)     # graph id -> {svg, ids, more}
    strings = traitlets.Dict(STRINGS).tag(sync=True)

    def __init__(self, fn, name, sliders, size, fixed, graph, table, note=()):
        self._fn, self._name, self._graph, self._fixed = fn, name, graph, fixed
        self._keys, self._cache = {}, {}
        self.values = {k: knob.values for k, knob in sliders.items()}
        super().__init__(block=name or fn.__name__, size=size, note=list(note),
                         fixed={k: _json_label(v) for k, v in fixed.items()},
                         knobs=[[k, knob.shown(), knob.kind] for k, knob in sliders.items()],
                         index=[knob.start for knob in sliders.values()])
        if table:
            self._fill_table()
        self.observe(self._moved, 'index')
        self._moved()

    def __repr__(self):
        return fill(STRINGS[language.current()]['repr'], {'block': self.block})

    def setting(self):
        """The knob values the sliders show, e.g. {'f': 32, 'r': 2, 'c': 4}."""
        return {k: values[i] for (k, values), i in zip(self.values.items(), self.index)}

    def set(self, **knobs):
        """Move sliders from Python, e.g. explorer.set(c=8)."""
        index = dict(zip(self.values, self.index))
        for knob, value in knobs.items():
            if knob not in self.values:
                raise BlockValueError(_say('no_slider', knob=knob,
                                           sliders=listed(self.values) or _say('none')))
            values = self.values[knob]
            if not _hashable(value) or value not in values:
                raise BlockValueError(_say('off_slider', knob=knob, value=label(value),
                                           values=listed(map(label, values))))
            index[knob] = values.index(value)
        self.index = list(index.values())

    @property
    def text(self):
        """The readout in plain text, as the page shows it, in `language.current()`."""
        note = fill(texts(self.block)[self.note[0]], self.note[1]) + ' ' if self.note else ''
        return note + readout_text(self.block, self.size, self.row)

    @property
    def caption(self):
        """The graph's caption ('' for an impossible setting), in `language.current()`."""
        if 'e' in self.row or self.row.get('g') is None:
            return ''
        setting = ', '.join(f'{k}={label(v)}' for k, v in
                            {**self.setting(), **self._fixed}.items())
        said = texts(self.block)
        text = fill(said['caption'] if setting else said['caption_plain'],
                    {'block': self.block, 'setting': setting})
        more = self.graphs[self.row['g']]['more']
        return text + (fill(said['folded'], {'total': more[1]}) if more else '')

    def _full(self, setting):
        return {**setting, **self._fixed}

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
                raise _too_many_graphs(f'more than {MAX_GRAPHS}')
            gid = f'g{len(self._keys)}'
            self._keys[structure] = gid
            self.graphs = {**self.graphs, gid: _svg(folded, self.block)}
        gid = self._keys[structure]
        return gid, [folded.parts[i] for i in self.graphs[gid]['ids']]

    def _grid(self):
        """Every (position key, setting) of the grid."""
        knobs = list(self.values)
        for index in itertools.product(*(range(len(v)) for v in self.values.values())):
            yield ','.join(map(str, index)), {k: self.values[k][i] for k, i in zip(knobs, index)}

    def _fill_table(self):
        """Every point of the grid; each structure drawn at its longest labels (no overflow)."""
        rows, longest, best = {}, {}, {}
        for key, setting in self._grid():
            row, folded = _row(self._fn, self._name, self.size, self._full(setting),
                               self._graph)
            rows[key] = (setting, row, folded)
            if folded is not None:
                structure, length = folded.key(), _longest(folded)
                if structure not in longest or length > longest[structure]:
                    longest[structure], best[structure] = length, folded
                if len(best) > MAX_GRAPHS:
                    raise _too_many_graphs(f'more than {MAX_GRAPHS}')
        for folded in best.values():
            self._register(folded)
        table = {}
        for key, (setting, row, folded) in rows.items():
            if folded is not None:
                row['g'], row['l'] = self._register(folded)
            table[key] = row
            self._cache[tuple(setting.items())] = row
        self.rows = table

    def _moved(self, change=None):
        try:
            row = self._compute(self.setting())
        except sandbox.ReaderCodeStopped as stopped:   # a slider moved onto a slow setting
            row = _error_row(stopped)
        self.row = {**row, 'i': ','.join(map(str, self.index))}


def _json_label(value):
    """A fixed knob's value as the page shows it: JSON numbers, text and booleans as they are."""
    plain = value is None or isinstance(value, (str, bool)) or \
        ranges_module.Knob((value,), 0).kind == 'slider'
    return value if plain else label(value)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _too_many_graphs(count):
    return BlockValueError(_say('graphs', count=count, most=MAX_GRAPHS))


def texts(block):
    """The explorer's texts in `language.current()`, with `block`'s own knob names."""
    said = STRINGS[language.current()]
    return {**said, **said['per_block'].get(block, {})}


def readout_text(block, size, row):
    """The readout of one row, as the page shows it: counts, a note and a comparison, or the
    error; in `language.current()`."""
    said = texts(block)
    if 'e' in row:
        if language.current() == 'en':
            return row['e']
        if row.get('ef'):
            return fill(said['error_formula'], {'block': row['eb'], 'formula': row['ef']})
        return fill(said['error'], {'block': block, 'message': row['e']})
    values = {'size': size}
    template, detail = row['d']
    return ' '.join([
        said['params'], f"{row['p']:,}", _short(row['p']),
        fill(said['macs'], values), f"{row['m']:,}", _short(row['m']),
        fill(said[template], detail),
        fill(said['compare'], {**row['c'], 'plain': f"{row['c']['plain']:,}",
                               'ratio': f"{row['p'] / row['c']['plain']:.2f}"})])


def _short(n):
    """12.6 M, 940 k, 512: a rounded reading aid next to the exact number (as in the JS)."""
    for scale, unit in ((1e9, 'G'), (1e6, 'M'), (1e3, 'k')):
        if n >= scale:
            return f'{n / scale:.3g} {unit}'
    return str(n)


def readout_html(block, size=32, setting=None):
    """The readout of `block` at one setting, as an HTML paragraph (`language.current()`)."""
    name = _spec_name(block)
    if setting is not None and not isinstance(setting, dict):
        raise BlockTypeError(_say('setting', value=label(setting)))
    setting = dict(setting or {})
    size = knob_table.positive_whole(name or block.__name__, 'size', size)
    if name is not None:
        defaults = {k: start for k, (_, start) in SPECS[name].knobs.items()}
        setting = {**defaults, **setting}
    row, _ = _row(block, name, size, setting, graph=False)
    return f'<p>{escape(readout_text(name or block.__name__, size, row))}</p>'


def _note(label_, fixed, sliders):
    """Why there is no slider, when there is none: [template, values] (strings.py), or []."""
    if sliders:
        return []
    knobs = [k for k in fixed if k != 'channels']
    if not knobs:
        return ['no_knobs', {'block': label_}]
    shown = ', '.join(f'{k}={label(v)}' for k, v in fixed.items())
    return ['no_sliders', {'block': label_, 'fixed': shown, 'knob': knobs[0]}]


def _start_row(block, name, size, start):
    """The row at the start; a reader's block that fails there raises its own sentence."""
    if name is None:                              # what it raised, named, not caught
        knobs = dict(start)
        _readers_row(block, size, knobs, knobs.pop('channels', None))
    row, _ = _row(block, name, size, start, graph=False)
    if 'e' in row:
        setting = ', '.join(f'{k}={label(v)}' for k, v in start.items())
        raise BlockValueError(_say('start', setting=setting, said=row['e']))


def _require_flag(name, value):
    if not isinstance(value, bool):
        raise BlockTypeError(_say('flag', name=name, value=label(value)))


def explore(block, size=32, graph=True, table=True, **knobs):
    """Sliders for `block`'s knobs above a readout of its exact parameters and MACs.

    block: a block of convblocks.blocks (function or name) or any block function of yours,
    e.g. def my_block(x, f=32, k=3). size: the input's height and width for MACs.
    Each keyword sets a knob: a sequence gives its values (numbers slide, other values are
    buttons, one value is fixed), an int its start value, any other single value fixes it,
    e.g. explore(resnext_block, c=(1, 2, 4, 8), f=64), explore(my_block, k=(1, 3, 5),
    act=('relu', 'tanh')). For your block, channels=... fixes the input width (else it
    follows f, or is 32 without f); a knob with no range stays at its default (f slides over
    8 ... 256). graph=False leaves out the graph; table=False stores no table (then the
    readout updates only with a running kernel). Grids over the budgets of
    `convblocks.explorer.ranges` or MAX_GRAPHS graphs are refused with a sentence, before
    any block is built.
    """
    name = _spec_name(block)
    label_ = name or block.__name__
    size = knob_table.positive_whole(label_, 'size', size)
    guards.require_size(label_, size)
    _require_flag('graph', graph)
    _require_flag('table', table)
    ranges = _ranges(block, name, knobs)
    if name is not None and graph:
        graphs = 1
        for knob in SPECS[name].shape:
            graphs *= len(ranges[knob].values)
        if graphs > MAX_GRAPHS:
            raise _too_many_graphs(graphs)
    fixed = {k: knob.values[0] for k, knob in ranges.items() if len(knob.values) == 1}
    sliders = {k: v for k, v in ranges.items() if k not in fixed}
    start = {**{k: v.values[v.start] for k, v in sliders.items()}, **fixed}
    _start_row(block, name, size, start)
    return Explorer(block, name, sliders, size, fixed, graph, table, _note(label_, fixed, sliders))


__all__ = ['explore', 'Explorer', 'SPECS', 'Spec', 'readout_html', 'MAX_POINTS', 'MAX_GRAPHS']
