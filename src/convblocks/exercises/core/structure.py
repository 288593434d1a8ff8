"""One structural comparison of a reader's block with a reference block, for every exercise.

Both blocks are read with `convblocks.exercises.core.graph` (chains of single-input layers between
states; a state is an input or a merge such as add, concatenate or multiply) and compared
from the output back: the kind of each merge, its inputs, and along every chain the layers'
kinds and configs (kernel, strides, filters or units, groups, padding, activation, bias).
The first difference becomes one sentence that names the reader's layer by its kind and its
place in their code ("your 2nd Conv2D") and says the one thing to change.

Blocks that compute the same function up to their weights are accepted:
- the order of the inputs of an add, multiply or concatenation does not matter (a reordered
  concatenation only permutes channels, which the next layer's weights absorb);
- nested adds and nested channel concatenations read as one (a list of features stacked once
  with `concatenate(feats)` equals stacking them step by step); a concatenation of one tensor
  is that tensor;
- an activation written as its own layer (`ReLU()`, `ReLU(max_value=6)`, `Activation(...)`)
  right after a linear layer counts as that layer's activation; an activation right after a
  channel concatenation is applied to each of its inputs (the two commute); `Identity` layers
  are skipped;
- a layer with a 1x1 kernel and stride 1 computes the same with padding 'valid' or 'same';
- variable names, statement order, aliases or raw `keras.layers` make no difference.
"""
import itertools
from dataclasses import dataclass, field

from convblocks import language
from convblocks.exercises.core import graph
from convblocks.exercises.core.run import layers_in_order, yours
from convblocks.exercises.core.wording import a as _article_en
from convblocks.exercises.core.wording import count, listing_zh
from convblocks.exercises.core.wording import say as _say

MERGE_WORDS = {'en': {'add': 'add', 'concat': 'concatenation', 'multiply': 'multiply'},
               'zh': {'add': '相加', 'concat': '拼接', 'multiply': '相乘'}}
ATTRIBUTES = ('kernel', 'strides', 'filters', 'units', 'groups', 'depth_multiplier',
              'padding', 'activation', 'use_bias', 'dilation')
ACTIVATION_LAYERS = {'ReLU', 'Activation', 'ReLU6', 'Relu', 'Relu6', 'Sigmoid'}
CHANNEL_AXES = (-1, 3)
MAX_PERMUTED = 6


class Note(str):
    """Text carried in a tree that comparisons ignore: every Note equals every other."""

    def __eq__(self, other):
        return isinstance(other, Note)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return 0


@dataclass(frozen=True)
class Layer:
    """One single-input layer of a chain, with the attributes the comparison looks at."""
    kind: str
    config: tuple   # ((attribute, value), ...) for the ATTRIBUTES the layer has
    mine: str = field(default='', compare=False)   # 'your 2nd Conv2D', for sentences

    def get(self, name):
        return dict(self.config).get(name)

    def describe(self):
        """'a 3x3 Conv2D with 16 filters', 'a Dense layer with 4 units', 'a relu activation'.

        In Chinese: '有 16 个滤波器的 3x3 Conv2D', '有 4 个单元的 Dense 层', 'relu 激活'.
        """
        kernel = self.get('kernel')
        size = f'{kernel}x{kernel} ' if isinstance(kernel, int) else ''
        zh = language.current() == 'zh'
        if self.kind == 'Activation':
            if zh:
                return f'{self.get("activation")} 激活'
            return f'{_article(str(self.get("activation")))} activation'
        if self.kind == 'Dense':
            if zh:
                return f'有 {self.get("units")} 个单元的 Dense 层'
            return f'a Dense layer with {count(self.get("units"), "unit")}'
        if zh:
            width = f'有 {self.get("filters")} 个滤波器的 ' if self.get('filters') else ''
            return f'{width}{size}{self.kind}'
        width = f' with {count(self.get("filters"), "filter")}' if self.get('filters') else ''
        return f'{_article(size + self.kind)}{width}'

    def name(self):
        """The reader's own name for it ('your 2nd Conv2D (3x3)'), else its description."""
        if not self.mine:
            return self.describe()
        kernel = self.get('kernel')
        if not isinstance(kernel, int):
            return self.mine
        return language.pick(en=f'{self.mine} ({kernel}x{kernel})',
                             zh=f'{self.mine}（{kernel}x{kernel}）')


def read(output, inputs):
    """The block that produced `output` from `inputs` ({name: Keras tensor}), as a tree."""
    cell = graph.read(output, inputs)
    order = layers_in_order(output)
    return _normalize(_Reader(cell, order).path(cell.output))


class _Reader:
    def __init__(self, cell, order):
        self.cell = cell
        self.operations = {id(op): op for op in order}
        self.names, seen = {}, {}
        for op in order:
            kind = _kind_name(op)
            seen[kind] = seen.get(kind, 0) + 1
            self.names[id(op)] = yours(seen[kind], kind)
        self.merge_names, self.merge_seen = {}, {}

    def path(self, path):
        """('path', layers, source) where source is an input name or a merge tree."""
        layers = _fold_activations([_layer(self.operations[op.layer],
                                           self.names[op.layer]) for op in path.ops])
        source = path.source
        if source in self.cell.merges:
            merge = self.cell.merges[source]
            source = ('merge', merge.kind, merge.axis,
                      tuple(self.path(p) for p in merge.paths), Note(self.merge_name(merge)))
        return ('path', tuple(layers), source)

    def merge_name(self, merge):
        if merge.key not in self.merge_names:
            word = MERGE_WORDS[language.current()].get(merge.kind, merge.kind)
            self.merge_seen[word] = self.merge_seen.get(word, 0) + 1
            self.merge_names[merge.key] = yours(self.merge_seen[word], word)
        return self.merge_names[merge.key]


def _kind_name(operation):
    name = type(operation).__name__
    return 'activation' if name in ACTIVATION_LAYERS else name


def _layer(operation, mine=''):
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
    if square['kernel'] == 1 and square['strides'] == 1 and square['padding'] == 'valid':
        square['padding'] = 'same'   # a 1x1 window at stride 1 pads nothing either way
    kind = type(operation).__name__
    kind = 'Activation' if kind in ACTIVATION_LAYERS else kind   # ReLU() == Activation('relu')
    return Layer(kind, tuple((k, v) for k, v in square.items() if v is not None), mine)


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
                and previous.get('activation') == layer.get('activation')
                and layer.get('activation') in ('relu', 'relu6')):
            continue   # relu(relu(x)) is relu(x)
        if (layer.kind == 'Activation' and previous is not None
                and previous.get('activation') == 'linear'):
            config = dict(previous.config)
            config['activation'] = layer.get('activation')
            folded[-1] = Layer(previous.kind, tuple(config.items()), previous.mine)
        else:
            folded.append(layer)
    return folded


def _normalize(path):
    """The tree with equal-function forms made one: flat sums and concatenations, and an
    activation after a channel concatenation moved into each of its inputs."""
    _, layers, source = path
    if isinstance(source, str):
        return path
    _, kind, axis, paths, note = source
    paths = tuple(_normalize(p) for p in paths)
    channel = kind == 'concat' and axis in CHANNEL_AXES
    if kind == 'add' or channel:
        flat = []
        for p in paths:
            inner = p[2]
            if not p[1] and not isinstance(inner, str) and inner[1] == kind and \
                    (kind == 'add' or inner[2] in CHANNEL_AXES):
                flat.extend(inner[3])
            else:
                flat.append(p)
        paths = tuple(flat)
    if len(paths) == 1 and kind in ('add', 'concat'):   # concatenate([x]) is x
        _, inner_layers, inner_source = paths[0]
        return _normalize(('path', tuple(_fold_activations([*inner_layers, *layers])),
                           inner_source))
    if channel and layers and layers[0].kind == 'Activation':
        moved = tuple(('path', tuple(_fold_activations([*p[1], layers[0]])), p[2])
                      for p in paths)
        return _normalize(('path', layers[1:], ('merge', kind, axis, moved, note)))
    return ('path', layers, ('merge', kind, axis, paths, note))


# --- comparison -------------------------------------------------------------------------
# Every problem is found as (depth, sentence); the shallowest, nearest the output, comes first.

def differences(mine, reference, names=None):
    """Sentences on how the tree `mine` differs from `reference` (both from `read`).

    names(value) -> '' or ' (f//r)': how a number relates to the block's knobs.
    """
    output = language.pick(en='the output', zh='输出')
    found = _path(mine, reference, output, names or (lambda v: ''), 0)
    return [sentence for _, sentence in sorted(found, key=lambda p: p[0])]


def _article(words):
    return language.pick(en=_article_en(words), zh=words)


def _path(mine, ref, into, names, depth):
    """The differences of one chain; `into` names what it feeds ('the output', 'your 1st add')."""
    _, my_layers, my_source = mine
    _, ref_layers, ref_source = ref
    if len(my_layers) != len(ref_layers):
        return [(depth, _layer_count(my_layers, ref_layers, my_source, into))]
    for a, b in zip(my_layers, ref_layers):
        problem = _layer_difference(a, b, names)
        if problem:
            return [(depth, problem)]
    return _source(mine, ref, into, names, depth)


def _layer_count(mine, ref, my_source, into):
    """A chain with layers missing or extra, placed next to the reader's own layers."""
    same_end = 0
    while same_end < min(len(mine), len(ref)) and mine[-1 - same_end] == ref[-1 - same_end]:
        same_end += 1
    after = mine[len(mine) - same_end:]
    mine, ref = mine[:len(mine) - same_end], ref[:len(ref) - same_end]
    same_start = 0
    while same_start < min(len(mine), len(ref)) and mine[same_start] == ref[same_start]:
        same_start += 1
    before = mine[:same_start]
    mine, ref = mine[same_start:], ref[same_start:]
    start = before[-1].name() if before else _source_text(my_source)
    end = after[0].name() if after else into
    place = language.pick(en=f'between {start} and {end}', zh=f'在{start}和{end}之间')
    if not ref:
        extra = _listing([layer.name() for layer in mine])
        verb = 'is' if len(mine) == 1 else 'are'
        if len(mine) == 1:
            return _say(en=f'{_cap(extra)} {verb} one layer too many: the reference has nothing '
                           f'{place}; remove it.',
                        zh=f'{extra}是多出来的一层：参考答案{place}什么也没有；请删掉它。')
        return _say(en=f'{_cap(extra)} {verb} {len(mine)} layers too many: the reference has '
                       f'nothing {place}; remove them.',
                    zh=f'{extra}多出了 {len(mine)} 层：参考答案{place}什么也没有；请删掉它们。')
    wanted = _listing([layer.describe() for layer in ref])
    if not mine:
        return _say(en=f'Your block is missing {wanted} {place}.',
                    zh=f'你的模块{place}缺少{wanted}。')
    yours_listed = _listing([layer.name() for layer in mine])
    return _say(en=f'{_cap(place)}, the reference has {wanted}; your block has {yours_listed}.',
                zh=f'{place}，参考答案是{wanted}；你的模块是{yours_listed}。')


def _listing(words):
    words = list(words)
    if language.current() == 'zh':
        return listing_zh(words)
    return words[0] if len(words) == 1 else ', '.join(words[:-1]) + ' and ' + words[-1]


def first_difference(mine, wanted, attributes):
    """(attribute, mine's value, the wanted value) for the first of `attributes` whose values
    differ between the mappings `mine` and `wanted`; None where they agree on all of them.

    The one walk over a layer's settings: the block checks here and the AmoebaNet cell's
    (exercises.amoeba.compare) each word its result in their own sentences.
    """
    for attribute in attributes:
        if mine.get(attribute) != wanted.get(attribute):
            return attribute, mine.get(attribute), wanted.get(attribute)
    return None


def _layer_difference(mine, ref, names):
    who = _cap(mine.name())
    if mine.kind != ref.kind:
        return _say(en=f'{who} should be {ref.describe()}.', zh=f'{who}应为{ref.describe()}。')
    found = first_difference(dict(mine.config), dict(ref.config), ATTRIBUTES)
    if found is None:
        return None
    attribute, have, need = found
    if attribute == 'kernel':
        who = _cap(mine.mine or mine.describe())
    return _attribute_sentence(who, attribute, have, need, names, mine.kind == 'Activation')


def _attribute_sentence(who, attribute, mine, wanted, names, activation_layer=False):
    """The sentence on one attribute; activation_layer: the reader's layer is an activation."""
    label = {'dilation': 'dilation_rate', 'groups': 'groups'}.get(attribute, attribute)
    if attribute in ('filters', 'units'):
        noun = {'filters': '滤波器', 'units': '单元'}[attribute]
        en = f'{who} has {mine}{names(mine)} {attribute}; give it {wanted}{names(wanted)}.'
        zh = f'{who}有 {mine}{names(mine)} 个{noun}；请改为 {wanted}{names(wanted)} 个。'
    elif attribute == 'use_bias':
        en = (f'{who} has use_bias={mine}; keep its biases: leave out use_bias (the default is '
              f'use_bias={wanted}).')
        zh = f'{who}用了 use_bias={mine}；请保留偏置：去掉 use_bias（默认值是 use_bias={wanted}）。'
    elif attribute == 'activation' and activation_layer:
        en = (f"{who} is {mine!r}; it should be {wanted!r}, e.g. "
              f"keras.layers.Activation({wanted!r}).")
        zh = f"{who}是 {mine!r}；应为 {wanted!r}，例如 keras.layers.Activation({wanted!r})。"
    elif attribute == 'activation':
        en = (f"{who} uses activation {mine!r}; make it {wanted!r}: a={wanted!r} with the "
              f"aliases, activation={wanted!r} with keras.layers.")
        zh = (f"{who}的激活函数是 {mine!r}；请改为 {wanted!r}：别名中写 a={wanted!r}，"
              f"keras.layers 中写 activation={wanted!r}。")
    elif attribute == 'padding':
        en = f"{who} has padding={mine!r}; use padding={wanted!r}."
        zh = f"{who}用了 padding={mine!r}；请用 padding={wanted!r}。"
    elif attribute == 'kernel':
        en = (f'{who} has a {_size(mine)} kernel; give it a {_size(wanted)}{names(wanted)} '
              f'kernel.')
        zh = f'{who}的卷积核是 {_size(mine)}；请改为 {_size(wanted)}{names(wanted)} 的卷积核。'
    elif attribute == 'strides':
        en = f'{who} has strides={mine!r}; use strides={wanted!r}{names(wanted)}.'
        zh = f'{who}用了 strides={mine!r}；请用 strides={wanted!r}{names(wanted)}。'
    else:
        en = f'{who} has {label}={mine!r}{names(mine)}; use {label}={wanted!r}{names(wanted)}.'
        zh = f'{who}用了 {label}={mine!r}{names(mine)}；请用 {label}={wanted!r}{names(wanted)}。'
    return _say(en=en, zh=zh)


def _size(value):
    if isinstance(value, int):
        return f'{value}x{value}' if value > 0 else str(value)
    return 'x'.join(map(str, value)) if isinstance(value, tuple) else str(value)


def _cap(text):
    return text[:1].upper() + text[1:]


def _source(mine, ref, into, names, depth):
    _, my_layers, my_source = mine
    _, ref_layers, ref_source = ref
    if my_source == ref_source:
        return []
    first = my_layers[0].name() if my_layers else None
    if isinstance(ref_source, str) or isinstance(my_source, str) or \
            my_source[1] != ref_source[1]:
        wanted = _source_text(ref_source, reference=True)
        got = _source_text(my_source)
        if first:
            return [(depth, _say(en=f'{_cap(first)} takes {got}; it should take {wanted}.',
                                 zh=f'{first}的输入是{got}；应为{wanted}。'))]
        return [(depth, _say(en=f'{_cap(into)} takes {got} where the reference takes {wanted}.',
                             zh=f'{into}的输入是{got}，而参考答案的是{wanted}。'))]
    _, kind, my_axis, my_paths, note = my_source
    ref_paths = ref_source[3]
    if kind == 'concat' and my_axis not in CHANNEL_AXES:
        return [(depth, _say(en=f'{_cap(note)} uses axis={my_axis}; stack along the channel '
                                f'axis (axis=-1, the default).',
                             zh=f'{note}用了 axis={my_axis}；'
                                f'请沿通道轴拼接（axis=-1，即默认值）。'))]
    if len(my_paths) != len(ref_paths):
        return [(depth, _say(en=f'{_cap(note)} combines {len(my_paths)} tensors; it should '
                                f'combine {len(ref_paths)}.',
                             zh=f'{note}合并了 {len(my_paths)} 个张量；'
                                f'应合并 {len(ref_paths)} 个。'))]
    return _paths(my_paths, ref_paths, note, names, depth + 1)


def _paths(mine, ref, into, names, depth):
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
            for p in _path(mine[m], ref[r], into, names, depth)]


def _unlike(mine, ref):
    """How unlike two chains look at first sight: lengths, layer kinds, what they start from."""
    kinds = [layer.kind for layer in mine[1]], [layer.kind for layer in ref[1]]
    source = [s if isinstance(s, str) else s[1] for s in (mine[2], ref[2])]
    return ((len(kinds[0]) != len(kinds[1])) + (kinds[0] != kinds[1]) + (mine[1] != ref[1])
            + (source[0] != source[1]))


def _source_text(source, reference=False):
    if isinstance(source, str):
        if source == 'foreign input':
            return language.pick(en='a keras.Input of your own', zh='你自己的 keras.Input')
        return language.pick(en=f'the input {source}', zh=f'输入 {source}')
    word = MERGE_WORDS[language.current()].get(source[1], source[1])
    return _article(word) if reference else source[4]
