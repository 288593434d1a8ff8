"""The exercise's three graded hints: how to read the encoding, the a-e table, the solution.

`folded_hints()` is what the page shows: closed dropdowns in the book, one pointer line per
hint anywhere else (so Run All in JupyterLab reveals nothing and the notebook stores none of
it). `hint(n)` is the reader's own call that shows hint n in the notebook. Every hint is
written from `spec.py`, the encoding that also draws the diagram and drives the checkers.
"""
import html

from convblocks import language
from convblocks.book import reveal
from convblocks.building.sandbox import short
from convblocks.exercises.amoeba import spec

TITLES = {'en': {1: 'Hint 1: how to read the encoding',
                 2: 'Hint 2: the five sums, a to e',
                 3: 'Hint 3: the solution'},
          'zh': {1: '提示 1：如何读懂编码',
                 2: '提示 2：五个求和，a 到 e',
                 3: '提示 3：解答'}}

# Every other text of the hints; the reading (hint 1) is HTML with {placeholders}.
TEXT = {
    'en': {
        'no_such_hint': 'There are three hints: hint(1), hint(2) and hint(3); {given} is not '
                        'one of them.',
        'reading': (
            '<p>The cell keeps a numbered list of states. It starts with two inputs: state 0 is '
            'h<sub>i</sub> (the newer one, <code>x2</code>) and state 1 is h<sub>i-1</sub> (the '
            'older one, <code>x1</code>).</p>'
            '<p>Read <code>operations</code> and <code>hiddenstate_indices</code> two entries at '
            'a time. Pair k (k = 0 to 4) applies <code>operations[2k]</code> to the state '
            'numbered <code>hiddenstate_indices[2k]</code> and <code>operations[2k+1]</code> to '
            'the state numbered <code>hiddenstate_indices[2k+1]</code>, then adds the two '
            'results. The sum joins the list as state 2 + k; the diagram calls states 2 to 6 a '
            'to e. <code>none</code> passes a state on unchanged, and a '
            '<code>separable_kxk_2</code> becomes one k x k <code>sepconv</code> in the '
            'article\'s simplification.</p>'
            '<p>For example, pair 0 applies <code>{op0}</code> to state {state0} and '
            '<code>{op1}</code> to state {state1}: a = {example}.</p>'
            '<p><code>used_hiddenstates</code> has one flag per state (the inputs first, then '
            'the sums a to e). The output concatenates, in order, every state whose flag is '
            '0.</p>'),
        'headers': ('sum', 'first branch', 'second branch'),
        'output': 'The output concatenates {states}.', 'comma': ', ',
        'check_says': 'What <code>check</code> says about it:',
    },
    'zh': {
        'no_such_hint': '一共有三个提示：hint(1)、hint(2) 和 hint(3)；{given} 不是其中之一。',
        'reading': (
            '<p>单元维护一个编了号的状态列表。它从两个输入开始：状态 0 是 h<sub>i</sub>'
            '（较新的输入，<code>x2</code>），状态 1 是 h<sub>i-1</sub>'
            '（较旧的输入，<code>x1</code>）。</p>'
            '<p>把 <code>operations</code> 和 <code>hiddenstate_indices</code> 每次读两项。'
            '第 k 对（k = 0 到 4）把 <code>operations[2k]</code> 作用于编号为 '
            '<code>hiddenstate_indices[2k]</code> 的状态，把 <code>operations[2k+1]</code> '
            '作用于编号为 <code>hiddenstate_indices[2k+1]</code> 的状态，再把两个结果相加。'
            '这个求和作为状态 2 + k 加入列表；图中把状态 2 到 6 称为 a 到 e。'
            '<code>none</code> 把状态原样传下去；在原文的简化中，一个 '
            '<code>separable_kxk_2</code> 变成一个 k x k 的 <code>sepconv</code>。</p>'
            '<p>例如，第 0 对把 <code>{op0}</code> 作用于状态 {state0}，把 '
            '<code>{op1}</code> 作用于状态 {state1}：a = {example}。</p>'
            '<p><code>used_hiddenstates</code> 为每个状态给出一个标记（先是两个输入，'
            '再是求和 a 到 e）。输出按顺序拼接标记为 0 的所有状态。</p>'),
        'headers': ('求和', '第一个分支', '第二个分支'),
        'output': '输出拼接 {states}。', 'comma': '、',
        'check_says': '<code>check</code> 对它的评价：',
    },
}


def _text():
    return TEXT[language.current()]


def hint(n=None):
    """Hint n (1, 2 or 3; 3 is the solution), shown in the notebook."""
    titles = TITLES[language.current()]
    if not (isinstance(n, int) and not isinstance(n, bool) and n in titles):
        sentence = _text()['no_such_hint'].format(given=short(n))
        return reveal.Shown(f'<p>{html.escape(sentence)}</p>', sentence)
    return reveal.shown(titles[n], BODIES[n]())


def folded_hints():
    """All three hints, folded: dropdowns in the book, pointers to hint(n) elsewhere."""
    titles = TITLES[language.current()]
    parts = [reveal.folded(titles[n], BODIES[n](), f'hint({n})') for n in titles]
    return reveal.Shown(''.join(p.html for p in parts), '\n'.join(p.text for p in parts))


def encoding_text():
    """The three lists of the authors' encoding, laid out as in model_specs.py."""
    def quoted(values):
        return ', '.join(repr(v) if isinstance(v, str) else str(v) for v in values)
    ops = [quoted(spec.OPERATIONS[i:i + 4]) for i in range(0, len(spec.OPERATIONS), 4)]
    return ('operations = [' + ',\n              '.join(ops) + ']\n'
            f'hiddenstate_indices = [{quoted(spec.HIDDENSTATE_INDICES)}]\n'
            f'used_hiddenstates = [{quoted(spec.USED_HIDDENSTATES)}]')


def show_encoding():
    """The encoding as a printed listing for a notebook cell."""
    print(encoding_text())


def _state(name):
    """h_i, h_{i-1} and add a..e (zh 求和 a..e) in HTML, with subscripts."""
    subscripts = {'h_i': 'h<sub>i</sub>', 'h_{i-1}': 'h<sub>i-1</sub>'}
    return subscripts.get(name) or spec.state_label(name)


def _reading():
    first = spec.pairs()[0]
    ops = spec.OPERATIONS[:2]
    states = spec.HIDDENSTATE_INDICES[:2]
    example = ' + '.join(_branch(b) for b in first.branches)
    return _text()['reading'].format(op0=ops[0], op1=ops[1], state0=states[0],
                                     state1=states[1], example=example)


def _table():
    cell = '<td style="padding:0.15em 1.2em 0.15em 0">'
    rows = ''.join(
        f'<tr>{cell}{p.name}</td>'
        + ''.join(f'{cell}{_branch(b)}</td>' for b in p.branches) + '</tr>'
        for p in spec.pairs())
    head = ''.join(f'<th style="padding:0.15em 1.2em 0.15em 0;text-align:left">{h}</th>'
                   for h in _text()['headers'])
    output = _text()['comma'].join(_state(n) for n in spec.concatenated())
    return (f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<p>{_text()["output"].format(states=output)}</p>')


def _branch(branch):
    words = spec.WORDS[language.current()]
    if branch.kind == 'identity':
        return words['itself'].format(source=_state(branch.source))
    return words['of'].format(op=spec.op_name(branch.kind, branch.k), source=_state(branch.source))


def _solution():
    from convblocks.exercises.amoeba import solution
    from convblocks.exercises.amoeba.checker import check
    return (reveal.source_html(solution.amoeba_normal_cell, decorators=False)
            + f'<p>{_text()["check_says"]}</p>'
            + check(solution.amoeba_normal_cell)._repr_html_())


BODIES = {1: _reading, 2: _table, 3: _solution}
