"""Compare a cell read from Keras (see `graph.py`) with AmoebaNet-A's normal cell (`spec.py`).

The reader's adds are matched to the cell's sums a..e by trying every assignment and
keeping the one where the most operations and inputs agree; the differences of that best
match become one-sentence problems, most fundamental first. Argument order inside an add,
variable names, statement order and the order of the concatenation do not matter.
"""
import dataclasses
from collections import Counter

from convblocks import language
from convblocks.exercises.amoeba import spec
from convblocks.exercises.core.graph import Op, Path
from convblocks.exercises.core.structure import first_difference
from convblocks.exercises.core.wording import a as _a_en
from convblocks.exercises.core.wording import count as _count_en
from convblocks.exercises.core.wording import listing as _and_en
from convblocks.exercises.core.wording import listing_zh
from convblocks.exercises.core.wording import say as _say
from convblocks.exercises.core.wording import times as _times

INPUTS = ('h_i', 'h_{i-1}')
MAX_MERGES = 8
ATTRIBUTES = ('k', 's', 'filters', 'padding', 'activation', 'dilation', 'depth_multiplier',
              'use_bias')
WEIGHTLESS = ('avgpool', 'maxpool', 'relu')


def expected_ops(branch, f):
    """The Keras operations one branch of the reference cell is made of."""
    if branch.kind == 'identity':
        return ()
    if branch.kind == 'sepconv':
        return (Op('sepconv', branch.k, 1, f, 'same', 'relu', 1, 1, use_bias=True),)
    return (Op(branch.kind, branch.k, 1, None, 'same'),)


def problems(graph, f):
    """Every difference between `graph` and the cell, as sentences, most fundamental first."""
    graph, _ = normalize(graph)
    found = _differences(graph, f)
    if found:
        for transform, sentence in _GLOBAL_MISTAKES:
            if not _differences(transform(graph), f):
                return [sentence[language.current()]]
    return found


def concat_order(graph, f):
    """The names the output concatenates, in the reader's order (for a cell that matches)."""
    graph, _ = normalize(graph)
    top = graph.merges[graph.output.source]
    adds = [m for m in graph.merges.values() if m is not top]
    names = _Names(_best_assignment(adds, top, f))
    return [names.of(p.source) for p in top.paths]


def normalize(graph):
    """`graph` with equal-function rewrites undone, and a note on each one found.

    A linear sepconv followed by a ReLU becomes the alias' sepconv; nested concatenations
    become one; add(add(a, b), c) becomes one add of three (which the check then rejects).
    """
    notes = []
    folded = _rewrite(graph, _fold_relu)
    if folded != graph:
        notes.append(_say(
            en='Your cell writes a sepconv as a linear SeparableConv2D followed by a ReLU; that '
               'computes the same as the sepconv alias, so it is accepted.',
            zh='你的单元把 sepconv 写成线性的 SeparableConv2D 加一个 ReLU；'
               '这与别名 sepconv 的计算相同，因此算对。'))
    flat = flatten_concats(folded)
    if flat != folded:
        notes.append(_say(
            en='Your cell nests concatenations; stacking them in one concatenate gives the same '
               'output, so it is accepted.',
            zh='你的单元嵌套了拼接；放进一个 concatenate 里得到的输出相同，因此算对。'))
    notes += _reuse_notes(flat)
    return flatten_sums(flat), notes


def _fold_relu(path):
    ops = []
    for op in path.ops:
        if op.kind == 'relu' and ops and ops[-1].kind == 'sepconv' \
                and ops[-1].activation in ('linear', None):
            ops[-1] = dataclasses.replace(ops[-1], activation='relu')
        else:
            ops.append(op)
    return Path(tuple(ops), path.source)


def flatten_concats(graph):
    """Read concatenate([x, concatenate([y, z])]) as concatenate([x, y, z]).

    Only a concatenation along the channel axis that feeds nothing but the output's
    concatenation, directly, is merged into it.
    """
    uses = Counter(p.source for m in graph.merges.values() for p in m.paths)
    top = graph.merges.get(graph.output.source)
    if graph.output.ops or top is None or top.kind != 'concat':
        return graph
    channel = (-1, 3)

    def inner(path):
        merge = graph.merges.get(path.source)
        return (not path.ops and merge is not None and merge.kind == 'concat'
                and merge.axis in channel and uses[path.source] == 1)

    def expand(paths):
        for path in paths:
            if inner(path):
                yield from expand(graph.merges[path.source].paths)
            else:
                yield path

    if top.axis not in channel or not any(inner(p) for p in top.paths):
        return graph
    absorbed, stack = set(), list(top.paths)
    while stack:
        path = stack.pop()
        if inner(path):
            absorbed.add(path.source)
            stack += graph.merges[path.source].paths
    merges = {k: (dataclasses.replace(m, paths=list(expand(m.paths))) if m is top else m)
              for k, m in graph.merges.items() if k not in absorbed}
    return dataclasses.replace(graph, merges=merges)


def flatten_sums(graph):
    """Read a + b + c written as add(add(a, b), c) as one add of three tensors.

    Only an add that feeds nothing but one other add, directly, is merged into it.
    """
    uses = Counter(p.source for m in graph.merges.values() for p in m.paths)
    uses[graph.output.source] += 1
    inner = {k for k, m in graph.merges.items() if m.kind == 'add' and uses[k] == 1}

    def expand(paths):
        for path in paths:
            if not path.ops and path.source in inner:
                yield from expand(graph.merges[path.source].paths)
            else:
                yield path

    merges = {}
    for key, merge in graph.merges.items():
        paths = list(expand(merge.paths)) if merge.kind == 'add' else merge.paths
        merges[key] = dataclasses.replace(merge, paths=paths)
    absorbed = {p.source for m in graph.merges.values() if m.kind == 'add'
                for p in m.paths if not p.ops and p.source in inner}
    merges = {k: m for k, m in merges.items() if k not in absorbed}
    return dataclasses.replace(graph, merges=merges)


def _differences(graph, f):
    out = graph.output
    if out.ops:
        return [_say(en=f'Your cell applies {_ops_text(out.ops)} after its last step; the cell '
                        f'ends with the concatenation itself.',
                     zh=f'你的单元在最后一步之后又用了{_ops_text(out.ops)}；'
                        f'单元应以拼接本身结束。')]
    if out.source in INPUTS:
        return [_say(en=f'Your function returns the input {out.source} unchanged; it should '
                        f'return the concatenation of h_{{i-1}}, b, c and e.',
                     zh=f'你的函数原样返回了输入 {out.source}；'
                        f'它应返回 h_{{i-1}}、b、c、e 的拼接。')]
    if out.source == 'foreign input':
        return [_say(en='Your cell is built on a keras.Input of its own; build it on x1 and x2.',
                     zh='你的单元搭在它自己的 keras.Input 上；请在 x1 和 x2 上搭建。')]
    top = graph.merges[out.source]
    if top.kind != 'concat':
        return [_say(en=f'The cell should end with a concatenation of h_{{i-1}}, b, c and e; '
                        f'yours ends with {_a(top.kind)}.',
                     zh=f'单元应以 h_{{i-1}}、b、c、e 的拼接结束；'
                        f'你的以{_merge_zh(top.kind)}结束。')]
    if top.axis not in (-1, 3):
        return [_say(en=f'The output concatenates along axis {top.axis}; stack the states along '
                        f'the channel axis (axis=-1, the default of concatenate).',
                     zh=f'输出沿 axis {top.axis} 拼接；请沿通道轴拼接各状态'
                        f'（axis=-1，concatenate 的默认值）。')]
    adds = [m for m in graph.merges.values() if m is not top]
    if len(adds) > MAX_MERGES:
        return [_say(en=f'Your cell combines tensors {len(adds)} times before the output; the '
                        f'cell has five adds, a to e.',
                     zh=f'你的单元在输出之前合并了 {len(adds)} 次张量；'
                        f'单元只有五个求和，a 到 e。')]
    assignment = _best_assignment(adds, top, f)
    names = _Names(assignment)
    found, missing = [], []
    for pair in spec.pairs():
        merge = assignment.get(pair.name)
        if merge is None:
            first, second = (spec.describe_branch(b) for b in pair.branches)
            missing.append(_say(
                en=f'Add {pair.name} is missing (or does not lead to the output): it should add '
                   f'{first} and {second}.',
                zh=f'缺少求和 {pair.name}（或者它没有通向输出）：它应把{first}和{second}相加。'))
        else:
            found += _pair_problems(pair, merge, names, f)
    found += missing
    matched = {id(m) for m in assignment.values()}
    for merge in adds:
        if id(merge) not in matched:
            parts = _and(_path_text(p, names) for p in merge.paths)
            found.append(_say(
                en=f'Your cell has an extra {merge.kind} of {parts}; the cell has five adds, a '
                   f'to e, as in the diagram.',
                zh=f'你的单元多了一个对{parts}的{_merge_zh(merge.kind)}；'
                   f'单元只有五个求和，a 到 e，如图所示。'))
    found += _concat_problems(top, names)
    if not found:
        found += _sharing_problems(adds, names)
    return found


# --- matching -----------------------------------------------------------------------------

class _Names:
    """Translate the reader's state keys to the cell's names under one assignment."""

    def __init__(self, assignment):
        self.by_key = {m.key: name for name, m in assignment.items() if m is not None}

    def of(self, source):
        if source in INPUTS or source == 'foreign input':
            return source
        return self.by_key.get(source, 'other')

    def label(self, source):
        name = self.of(source)
        if name == 'other':
            return language.pick(en='an add that is not part of the cell',
                                 zh='一个不属于单元的相加')
        if name == 'foreign input':
            return language.pick(en='a keras.Input of your own', zh='你自己的 keras.Input')
        return spec.state_label(name)


def _best_assignment(merges, top, f):
    """Map each sum a..e to one of the reader's merges (or None) so that most things agree."""
    names = [p.name for p in spec.pairs()]
    pairs = {p.name: p for p in spec.pairs()}
    concatenated = {p.source for p in top.paths}
    best, best_score = {}, -1

    def score(assignment):
        by_key = _Names(assignment)
        total = 0
        for name, merge in assignment.items():
            if merge is None:
                continue
            points = _pair_score(pairs[name], merge, by_key, f)
            if points <= 3:
                return -1
            in_output = name in spec.concatenated()
            total += points + (1 if (merge.key in concatenated) == in_output else 0)
        return total

    def assign(i, assignment, used):
        nonlocal best, best_score
        if i == len(names):
            points = score(assignment)
            if points > best_score:
                best, best_score = dict(assignment), points
            return
        for merge in merges + [None]:
            if merge is not None and id(merge) in used:
                continue
            assignment[names[i]] = merge
            assign(i + 1, assignment, used | ({id(merge)} if merge else set()))
        del assignment[names[i]]

    assign(0, {}, frozenset())
    return best


def _pair_score(pair, merge, names, f):
    points = 1 if merge.kind == 'add' else 0
    return points + max((sum(_branch_score(b, p, names, f) for b, p in matching)
                         for matching in _matchings(pair.branches, merge.paths)), default=0)


def _matchings(branches, paths):
    """Every way to pair the two branches with two distinct paths (None when too few)."""
    padded = list(paths) + [None] * max(0, 2 - len(paths))
    for i, first in enumerate(padded):
        for j, second in enumerate(padded):
            if i != j:
                yield [(branches[0], first), (branches[1], second)]


def _branch_score(branch, path, names, f):
    if path is None:
        return 0
    wanted = expected_ops(branch, f)
    if path.ops == wanted:
        points = 3
    elif [o.kind for o in path.ops] == [o.kind for o in wanted]:
        points = 2
    elif path.ops and wanted and _family(path.ops[0].kind) == _family(wanted[0].kind):
        points = 1
    else:
        points = 0
    return points + (2 if names.of(path.source) == branch.source else 0)


def _family(kind):
    return 'pool' if kind in ('avgpool', 'maxpool') else kind


# --- problems -----------------------------------------------------------------------------

def _pair_problems(pair, merge, names, f):
    label = spec.pair_label(pair)
    if merge.kind != 'add':
        return [_say(en=f'Add {pair.name} should add its two branches; yours combines them with '
                        f'{merge.kind}.',
                     zh=f'求和 {pair.name} 应把两个分支相加；'
                        f'你的用{_merge_zh(merge.kind)}合并它们。')]
    if len(merge.paths) != 2:
        parts = _and(_path_text(p, names) for p in merge.paths)
        return [_say(en=f'{label[0].upper()}{label[1:]} should add 2 tensors; yours adds '
                        f'{len(merge.paths)}: {parts}.',
                     zh=f'{label}应把 2 个张量相加；你的加了 {len(merge.paths)} 个：{parts}。')]
    matching = max(_matchings(pair.branches, merge.paths),
                   key=lambda m: sum(_branch_score(b, p, names, f) for b, p in m))
    found = []
    for branch, path in matching:
        found += _branch_problems(label, branch, path, names, f)
    return found


def _branch_problems(label, branch, path, names, f):
    wanted = expected_ops(branch, f)
    source = spec.state_label(branch.source)
    got_source = names.label(path.source)
    found = []
    if path.ops != wanted:
        difference = _op_difference(branch, wanted, path.ops, got_source, f)
        found.append(_say(en=f'In {label}, {difference}', zh=f'在{label}中，{difference}'))
    elif names.of(path.source) != branch.source:
        op = spec.op_name(branch.kind, branch.k)
        found.append(_say(
            en=f'In {label}, {f"the {op}" if wanted else "the identity branch"} should take '
               f'{source}, not {got_source}.',
            zh=f'在{label}中，{op if wanted else "恒等分支"}应作用于{source}，'
               f'而不是{got_source}。'))
    return found


def _op_difference(branch, wanted, ops, got_source, f):
    """One sentence (after 'In add x, ') on how the reader's ops differ from the wanted ones."""
    wanted_text = spec.op_name(branch.kind, branch.k)
    if not wanted:
        return _say(en=f'{got_source} should be added as it is (identity), not through '
                       f'{_ops_text(ops)}.',
                    zh=f'{got_source}应原样相加（恒等），而不是经过{_ops_text(ops)}。')
    if not ops:
        return _say(en=f'{got_source} should go through {_a(wanted_text)}; yours adds it '
                       f'unchanged.',
                    zh=f'{got_source}应经过{wanted_text}；你的单元直接把它相加了。')
    if len(ops) > 1:
        if all(dataclasses.replace(o, layer=0, call=()) == wanted[0] for o in ops):
            return _say(en=f'use one {wanted_text} on {got_source}, not {len(ops)} stacked ones: '
                           f'the article simplifies each separable op to a single sepconv.',
                        zh=f'对{got_source}只用一个{wanted_text}，而不是 {len(ops)} 个叠在一起：'
                           f'原文把每个可分离运算简化为一个 sepconv。')
        return _say(en=f'{got_source} should go through a single {wanted_text}; yours applies '
                       f'{_ops_text(ops)}.',
                    zh=f'{got_source}应只经过一个{wanted_text}；你的单元用了{_ops_text(ops)}。')
    got, want = ops[0], wanted[0]
    if got.kind != want.kind:
        if _family(got.kind) == _family(want.kind) == 'pool':
            return _say(en=f'the pooling of {got_source} should be {_pool_word(want.kind)} '
                           f'pooling, not {_pool_word(got.kind)} pooling.',
                        zh=f'{got_source}的池化应为{_kind_word(want.kind)}，'
                           f'而不是{_kind_word(got.kind)}。')
        return _say(en=f'{got_source} should go through {_a(wanted_text)}, not {_ops_text(ops)}.',
                    zh=f'{got_source}应经过{wanted_text}，而不是{_ops_text(ops)}。')
    attribute, have, need = first_difference(vars(got), vars(want), ATTRIBUTES)
    what = _say(en=f'the {_kind_word(want.kind)} of {got_source}',
                zh=f'{got_source}的{_kind_word(want.kind)}')
    stride = have if isinstance(have, int) else _size(have)
    sentences = {
        'k': (f'{what} should be {need}x{need}, not {_size(have)}.',
              f'{what}应为 {need}x{need}，而不是 {_size(have)}。'),
        'filters': (f'{what} should have f = {f} filters, not {have}: every sepconv in the '
                    f'cell outputs f channels.',
                    f'{what}应有 f = {f} 个滤波器，而不是 {have}：'
                    f'单元中的每个 sepconv 都输出 f 个通道。'),
        's': (f'{what} should use stride 1, not {stride}.',
              f'{what}应使用步幅 1，而不是 {stride}。'),
        'use_bias': (f'{what} should keep its bias (use_bias=True, the default); without it, it '
                     f'loses its {f} biases and the cell has fewer weights than the original.',
                     f'{what}应保留偏置（use_bias=True，即默认值）；否则它会少 {f} 个偏置，'
                     f'单元的权重也比原版少。'),
        'padding': (f"{what} should use padding='same', not '{have}'.",
                    f"{what}应使用 padding='same'，而不是 '{have}'。"),
        'activation': (f"{what} should use the sepconv alias's default activation 'relu', "
                       f"not '{have}'.",
                       f"{what}应使用别名 sepconv 的默认激活函数 'relu'，而不是 '{have}'。"),
    }
    en, zh = sentences.get(attribute, (f'{what} should use {attribute} = {need}, not {have}.',
                                       f'{what}应使用 {attribute} = {need}，而不是 {have}。'))
    return _say(en=en, zh=zh)


def _concat_problems(top, names):
    """The output's concatenation against the cell's, without listing the cell's answer."""
    expected = spec.concatenated()
    for path in top.paths:
        if path.ops:
            source = names.label(path.source)
            return [_say(en=f'The output should concatenate the states themselves; yours applies '
                            f'{_ops_text(path.ops)} to {source} first.',
                         zh=f'输出应直接拼接各状态本身；你的单元先对{source}用了'
                            f'{_ops_text(path.ops)}。')]
    got = [names.of(p.source) for p in top.paths]
    missing = list((Counter(expected) - Counter(got)).elements())
    extra = list((Counter(got) - Counter(expected)).elements())
    if not missing and not extra:
        return []
    count = _say(en=f'The output concatenates {_count(len(got), "tensor")}; the cell '
                    f'concatenates {len(expected)}',
                 zh=f'你的输出拼接了 {len(got)} 个张量；单元拼接 {len(expected)} 个')
    misses = _say(en=f'{len(missing)} of the states the cell stacks (the untouched h_{{i-1}} and '
                     f'every sum that no add uses)',
                  zh=f'单元所拼接的状态中的 {len(missing)} 个'
                     f'（未经处理的 h_{{i-1}}，以及每个没有被任何求和用到的求和）')
    if missing and not extra:
        if missing == ['h_{i-1}']:
            return [_say(en=f'{count}, including the untouched h_{{i-1}}.',
                         zh=f'{count}，其中包括未经处理的 h_{{i-1}}。')]
        return [_say(en=f'{count}: yours misses {misses}.', zh=f'{count}：你的单元缺少{misses}。')]
    reasons = language.pick(en=' ', zh='').join(_why_not_concatenated(n)
                                                for n in dict.fromkeys(extra))
    if extra and not missing:
        return [_say(en=f'{count}. {reasons}', zh=f'{count}。{reasons}')]
    return [_say(en=f'{reasons} The output also misses {misses}.',
                 zh=f'{reasons}输出还缺少{misses}。')]


def _why_not_concatenated(name):
    label = spec.state_label(name)
    if name in spec.concatenated():
        return _say(en=f'Use {label} only once.', zh=f'{label}只能用一次。')
    users = [p.name for p in spec.pairs() if any(b.source == name for b in p.branches)]
    if name in spec.STATE_NAMES and name not in INPUTS and users:
        adds, verb = ('add', 'uses') if len(users) == 1 else ('adds', 'use')
        return _say(en=f'Leave out {label}: {adds} {_and(users)} {verb} it, and the output only '
                       f'takes the sums no add uses, plus h_{{i-1}}.',
                    zh=f'去掉{label}：求和 {"、".join(users)} 用到了它，'
                       f'而输出只取没有被任何求和用到的求和，外加 h_{{i-1}}。')
    if name == 'other':
        return _say(en='Leave out the extra add.', zh='去掉多出来的相加。')
    return _say(en=f'Leave out {label}: the cell does not output it.',
                zh=f'去掉{label}：单元不输出它。')


def _sharing_problems(adds, names):
    """A sentence if two adds share a call, or one layer, that carries weights."""
    seen_calls, seen_layers = {}, {}
    for merge in sorted(adds, key=lambda m: names.of(m.key)):
        where = spec.state_label(names.of(merge.key))
        for path in merge.paths:
            for op in path.ops:
                if op.kind in WEIGHTLESS:
                    continue
                if op.call in seen_calls and seen_calls[op.call] != where:
                    other, source = seen_calls[op.call], names.label(path.source)
                    return [_say(en=f'{other.capitalize()} and {where} share one {_op_text(op)} '
                                    f'of {source}; in the cell each add has its own, with its '
                                    f'own weights.',
                                 zh=f'{other}和{where}共用了{source}的同一个{_op_text(op)}；'
                                    f'在单元中，每个求和都有自己的一个，带着自己的权重。')]
                first_call, first_where = seen_layers.get(op.layer, (op.call, where))
                if first_call != op.call:
                    places = _say(en=(f'in {first_where} and in {where}' if first_where != where
                                      else f'twice in {where}'),
                                  zh=(f'在{first_where}和{where}中各调用一次'
                                      if first_where != where else f'在{where}中调用了两次'))
                    return [_say(en=f'One {_op_text(op)} layer is called {places}, so the two '
                                    f'calls share weights; create a new layer for each use, as '
                                    f'the sepconv alias does.',
                                 zh=f'同一个{_op_text(op)}层{places}，所以两次调用共用权重；'
                                    f'请像别名 sepconv 那样，每次使用都新建一层。')]
                seen_calls[op.call] = where
                seen_layers.setdefault(op.layer, (op.call, where))
    return []


def _reuse_notes(graph):
    """A note for each weightless layer (a pool, a ReLU) called more than once."""
    calls = {}
    for merge in graph.merges.values():
        for path in merge.paths:
            for op in path.ops:
                if op.kind in WEIGHTLESS:
                    calls.setdefault(op.layer, (op, set()))[1].add(op.call)
    return [_say(en=f'Your cell calls one {_op_text(op)} layer {_times(len(seen))}; it has no '
                    f'weights, so that computes the same as separate layers and is accepted.',
                 zh=f'你的单元把同一个{_op_text(op)}层调用了 {len(seen)} 次；它没有权重，'
                    f'计算结果与分开的几层相同，因此算对。')
            for op, seen in calls.values() if len(seen) > 1]


# --- whole-cell mistakes ------------------------------------------------------------------

def _swap_inputs(graph):
    swap = {'h_i': 'h_{i-1}', 'h_{i-1}': 'h_i'}
    return _rewrite(graph, lambda p: Path(p.ops, swap.get(p.source, p.source)))


def _swap_pools(graph):
    swap = {'avgpool': 'maxpool', 'maxpool': 'avgpool'}
    return _rewrite(graph, lambda p: Path(tuple(dataclasses.replace(o, kind=swap.get(
        o.kind, o.kind)) for o in p.ops), p.source))


def _rewrite(graph, change):
    merges = {k: dataclasses.replace(m, paths=[change(p) for p in m.paths])
              for k, m in graph.merges.items()}
    return dataclasses.replace(graph, output=change(graph.output), merges=merges)


# Whole-cell mistakes: a rewrite that undoes it, and its sentence in each language.
_GLOBAL_MISTAKES = [
    (_swap_inputs, {'en': 'Your cell has the two inputs swapped: x1 is the older input h_{i-1} '
                          'and x2 the newer input h_i (as in the NASNet chapter).',
                    'zh': '你的单元把两个输入对调了：x1 是较旧的输入 h_{i-1}，'
                          'x2 是较新的输入 h_i（与 NASNet 一章相同）。'}),
    (_swap_pools, {'en': 'Your cell swaps the two kinds of pooling: every average pool should be '
                         'a max pool and every max pool an average pool.',
                   'zh': '你的单元把两种池化对调了：每个平均池化应为最大池化，'
                         '每个最大池化应为平均池化。'}),
]


# --- wording ------------------------------------------------------------------------------
# Each sentence is written once per language: _say(en=..., zh=...) (wording.say) picks the
# current one, the Chinese with the zh spacing rule applied.

def _a(words):
    return language.pick(en=_a_en(words), zh=words)


def _and(words):
    return language.pick(en=_and_en, zh=listing_zh)(words)


def _count(n, noun):
    return language.pick(en=_count_en(n, noun), zh=f'{n} 个{ZH_NOUNS.get(noun, noun)}')


ZH_NOUNS = {'tensor': '张量'}

def _ops_text(ops, article=True):
    then = language.pick(en=' then ', zh=' 再接 ')
    return then.join(_a(_op_text(o)) if article else _op_text(o) for o in ops)


def _op_text(op):
    if op.kind in ('sepconv', 'avgpool', 'maxpool') and isinstance(op.k, int):
        return spec.op_name(op.kind, op.k)
    return op.kind + (f' {_size(op.k)}' if op.k is not None else '')


def _path_text(path, names):
    source = names.label(path.source)
    if not path.ops:
        return source
    return _say(en=f'{_ops_text(path.ops, article=False)} of {source}',
                zh=f'{source}的{_ops_text(path.ops, article=False)}')


def _size(k):
    return f'{k}x{k}' if isinstance(k, int) else 'x'.join(str(v) for v in k)


def _kind_word(kind):
    return language.pick(
        en={'sepconv': 'sepconv', 'avgpool': 'average pool', 'maxpool': 'max pool'},
        zh={'sepconv': '可分离卷积', 'avgpool': '平均池化', 'maxpool': '最大池化'})[kind]


def _merge_zh(kind):
    """A merge's kind in Chinese ('add' -> '相加'); other Keras merges keep their name."""
    return {'add': '相加', 'concat': '拼接', 'multiply': '相乘', 'subtract': '相减',
            'average': '平均', 'maximum': '取最大值', 'minimum': '取最小值'}.get(kind, kind)


def _pool_word(kind):
    return {'avgpool': 'average', 'maxpool': 'max'}[kind]


def _labels(names):
    extra = language.pick(en='an extra add', zh='多出来的相加')
    return [spec.state_label(n) if n != 'other' else extra for n in names]
