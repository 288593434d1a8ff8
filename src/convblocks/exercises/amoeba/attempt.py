"""The exercise on the static page: assemble the cell from the encoding's options, no kernel.

The book's script book/_exercises/cb-exercises/attempt.js (a static asset, run after
cb-common.js) builds a form from `attempt_data()`, which is read off `spec.py` at build time,
so the rules live in one place; its texts come from form_strings. `build(choices)` turns the
same choices into a Keras function, so the tests can feed one attempt to both checkers.

choices: {'sums': {'a': [[op_id, state], [op_id, state]], ..., 'e': [...]},
          'concat': [state, ...]} with states 'h_i', 'h_{i-1}', 'a' ... 'e'.
"""
import html
import json
from pathlib import Path

from convblocks import language
from convblocks.book.browser import script_tags
from convblocks.book import reveal
from convblocks.exercises.amoeba import spec
from convblocks.exercises.amoeba.form_strings import STRINGS

HERE = Path(__file__).parent
# The book's static assets, from the exercise's page (pages live in book/, below the root).


def op_id(kind, k):
    """'sepconv3', 'avgpool3', 'identity': the id of one operation in the data and the form."""
    return kind if k is None else f'{kind}{k}'


def operations():
    """Every operation the encoding can name (simplified): sepconvs, pools, then identity."""
    order = ['sepconv', 'avgpool', 'maxpool', 'identity']
    distinct = sorted(set(spec.SIMPLIFIED.values()), key=lambda op: (order.index(op[0]),
                                                                      op[1] or 0))
    return [{'id': op_id(kind, k), 'kind': kind, 'k': k} for kind, k in distinct]


def attempt_data():
    """What the page's script needs: the options, the sums' names, the cell and the texts."""
    pairs = spec.pairs()
    return {
        'operations': operations(),
        'inputs': [spec.STATE_NAMES[0], spec.STATE_NAMES[1]],
        'sums': [p.name for p in pairs],
        'answer': {p.name: [[op_id(b.kind, b.k), b.source] for b in p.branches]
                   for p in pairs},
        'concatenated': spec.concatenated(),
        'strings': STRINGS,
    }


def build(choices):
    """A reader's function (x1, x2, f) that builds the cell `choices` describes in Keras."""
    from convblocks.aliases import avgpool, maxpool, sepconv
    from keras.layers import add, concatenate

    by_id = {op['id']: op for op in operations()}

    def apply(op, x, f):
        kind, k = by_id[op]['kind'], by_id[op]['k']
        if kind == 'sepconv':
            return sepconv(x, f, k=k)
        if kind in ('avgpool', 'maxpool'):
            return (avgpool if kind == 'avgpool' else maxpool)(x, k=k, s=1)
        return x

    def cell(x1, x2, f=32):
        states = {'h_{i-1}': x1, 'h_i': x2}
        for name, branches in choices['sums'].items():
            states[name] = add([apply(op, states[source], f) for op, source in branches])
        return concatenate([states[name] for name in choices['concat']])
    return cell


def attempt_html():
    """The form's container with its data and style, and the book's deferred scripts."""
    data = json.dumps(attempt_data(), sort_keys=True, ensure_ascii=False).replace('</', '<\\/')
    style = (HERE / 'attempt.css').read_text()
    return (f'<div class="amoeba-attempt">'
            f'<script type="application/json" class="amoeba-attempt-data">{data}</script>'
            f'<noscript>{html.escape(STRINGS[language.current()]["no_script"])}</noscript></div>'
            f'<style>{style}</style>{script_tags("attempt.js")}')


def attempt_in_page():
    """The form in the book; one line saying where it is anywhere else (JupyterLab)."""
    pointer = STRINGS[language.current()]['pointer']
    if reveal.in_book():
        return reveal.Shown(attempt_html(), pointer)
    return reveal.Shown(f'<p class="cb-folded-pointer">{html.escape(pointer)}</p>', pointer)
