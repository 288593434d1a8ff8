"""Small display helpers for the book's notebooks: source listings and number tables."""
import inspect

from IPython.display import Markdown


def code(fn):
    """The source code of a function (e.g. a block), as the listings show it."""
    return inspect.getsource(fn).rstrip()


def source(fn):
    """A function's source as a highlighted Python listing (Markdown, for a notebook cell)."""
    return Markdown(f'```python\n{code(fn)}\n```')


def source_html(fn, decorators=True):
    """A function's source as a highlighted HTML listing (Pygments, the book's own styles),
    for listings inside other HTML: hints and solutions. decorators=False leaves out the
    decorator lines (a listing a reader pastes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    lines = code(fn).splitlines(keepends=True)
    if not decorators:
        lines = lines[next(i for i, line in enumerate(lines) if line.lstrip().startswith('def ')):]
    return highlight(''.join(lines) + '\n', PythonLexer(), HtmlFormatter(cssclass='highlight'))


def _cell(value):
    """Integers with thousands separators, floats with three significant digits."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f'{value:,}'
    return f'{value:.3g}'


def table(rows, columns=None):
    """Print a list of dicts as an aligned plain-text table (numbers right-aligned)."""
    columns = columns or list(rows[0])
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(str(c)), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row[c], (int, float)) for row in rows) for c in columns]

    def line(values):
        return '  '.join(v.rjust(w) if n else v.ljust(w)
                         for v, w, n in zip(values, widths, numeric)).rstrip()

    print(line([str(c) for c in columns]))
    print(line(['-' * w for w in widths]))
    for r in cells:
        print(line(r))


def layers(model, bias=True):
    """Print a model's per-layer breakdown: what each layer does, its output, params and MACs.

    Layer names such as conv2d_17 depend on what ran before, so each layer is described by
    what it does instead (as in the graphs); the input layer is left out.
    """
    from convblocks.counting.keras_counts import layer_table
    from convblocks.drawing import describe

    described = {layer.name: describe(layer) for layer in model.layers
                 if type(layer).__name__ != 'InputLayer'}
    rows = [{'layer': described[row['layer']],
             'output': '×'.join(str(n) for n in row['output_shape']),
             'params': row['params'], 'MACs': row['macs']}
            for row in layer_table(model, bias=bias) if row['layer'] in described]
    table(rows)
