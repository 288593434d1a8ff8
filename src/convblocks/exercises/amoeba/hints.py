"""The exercise's three graded hints: how to read the encoding, the a-e table, the solution.

`folded_hints()` is what the page shows: closed dropdowns in the book, one pointer line per
hint anywhere else (so Run All in JupyterLab reveals nothing and the notebook stores none of
it). `hint(n)` is the reader's own call that shows hint n in the notebook. Every hint is
written from `spec.py`, the encoding that also draws the diagram and drives the checkers.
"""
import html

from convblocks.book import reveal
from convblocks.building.sandbox import short
from convblocks.exercises.amoeba import spec

TITLES = {1: 'Hint 1: how to read the encoding',
          2: 'Hint 2: the five sums, a to e',
          3: 'Hint 3: the solution'}


def hint(n=None):
    """Hint n (1, 2 or 3; 3 is the solution), shown in the notebook."""
    if not (isinstance(n, int) and not isinstance(n, bool) and n in TITLES):
        sentence = (f'There are three hints: hint(1), hint(2) and hint(3); {short(n)} is not '
                    f'one of them.')
        return reveal.Shown(f'<p>{html.escape(sentence)}</p>', sentence)
    return reveal.shown(TITLES[n], BODIES[n]())


def folded_hints():
    """All three hints, folded: dropdowns in the book, pointers to hint(n) elsewhere."""
    parts = [reveal.folded(TITLES[n], BODIES[n](), f'hint({n})') for n in TITLES]
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
    """h_i, h_{i-1} and add a..e in HTML, with subscripts."""
    subscripts = {'h_i': 'h<sub>i</sub>', 'h_{i-1}': 'h<sub>i-1</sub>'}
    return subscripts.get(name, f'add {name}')


def _reading():
    first = spec.pairs()[0]
    ops = spec.OPERATIONS[:2]
    states = spec.HIDDENSTATE_INDICES[:2]
    example = ' + '.join(f'{spec.op_label(b.kind, b.k)} of {_state(b.source)}'
                         for b in first.branches)
    return (
        '<p>The cell keeps a numbered list of states. It starts with two inputs: state 0 is '
        'h<sub>i</sub> (the newer one, <code>x2</code>) and state 1 is h<sub>i-1</sub> (the '
        'older one, <code>x1</code>).</p>'
        '<p>Read <code>operations</code> and <code>hiddenstate_indices</code> two entries at a '
        'time. Pair k (k = 0 to 4) applies <code>operations[2k]</code> to the state numbered '
        '<code>hiddenstate_indices[2k]</code> and <code>operations[2k+1]</code> to the state '
        'numbered <code>hiddenstate_indices[2k+1]</code>, then adds the two results. The sum '
        'joins the list as state 2 + k; the diagram calls states 2 to 6 a to e. '
        '<code>none</code> passes a state on unchanged, and a <code>separable_kxk_2</code> '
        'becomes one k x k <code>sepconv</code> in the article\'s simplification.</p>'
        f'<p>For example, pair 0 applies <code>{ops[0]}</code> to state {states[0]} and '
        f'<code>{ops[1]}</code> to state {states[1]}: a = {example}.</p>'
        '<p><code>used_hiddenstates</code> has one flag per state (the inputs first, then the '
        'sums a to e). The output concatenates, in order, every state whose flag is 0.</p>')


def _table():
    cell = '<td style="padding:0.15em 1.2em 0.15em 0">'
    rows = ''.join(
        f'<tr>{cell}{p.name}</td>'
        + ''.join(f'{cell}{_branch(b)}</td>' for b in p.branches) + '</tr>'
        for p in spec.pairs())
    head = ''.join(f'<th style="padding:0.15em 1.2em 0.15em 0;text-align:left">{h}</th>'
                   for h in ('sum', 'first branch', 'second branch'))
    output = ', '.join(_state(n) for n in spec.concatenated())
    return (f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<p>The output concatenates {output}.</p>')


def _branch(branch):
    if branch.kind == 'identity':
        return f'{_state(branch.source)} itself'
    return f'{spec.op_label(branch.kind, branch.k)} of {_state(branch.source)}'


def _solution():
    from convblocks.exercises.amoeba import solution
    from convblocks.exercises.amoeba.checker import check
    return (reveal.source_html(solution.amoeba_normal_cell, decorators=False)
            + '<p>What <code>check</code> says about it:</p>'
            + check(solution.amoeba_normal_cell)._repr_html_())


BODIES = {1: _reading, 2: _table, 3: _solution}
