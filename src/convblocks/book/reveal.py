"""Hints and solutions: folded in the book, shown in a notebook only when the reader asks.

The book build (scripts/build_book.py) sets CONVBLOCKS_BOOK=1 while it executes the
notebooks. There `folded(title, html, ask)` outputs a closed <details> element, so the page
carries the hint and the reader opens it with a click. Anywhere else (JupyterLab, nbval,
`make refresh`, and so the stored notebook and its nbconvert export) it outputs one line
saying which call shows it: Run All reveals nothing and the notebook's JSON holds none of it.
The reader's own call, e.g. `hint(1)`, then returns `shown(title, html)`.
"""
import html
import inspect
import os

BOOK = 'CONVBLOCKS_BOOK'


def in_book():
    """True while the book build executes the notebooks."""
    return os.environ.get(BOOK) == '1'


class Shown:
    """HTML for the notebook (and the book), with a plain-text stand-in."""

    def __init__(self, html_text, text):
        self.html, self.text = html_text, text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {'text/html': self.html, 'text/plain': self.text}

    def __repr__(self):
        return self.text


def folded(title, body_html, ask):
    """A hint or solution: a closed dropdown in the book, a one-line pointer elsewhere.

    title: what it is ("Hint 1: how to read the encoding"); body_html: its content;
    ask: the call that shows it in a notebook, e.g. "hint(1)".
    """
    if in_book():
        return Shown(f'<details class="cb-folded"><summary>{html.escape(title)}</summary>'
                     f'<div class="cb-folded-body">{body_html}</div></details>', title)
    line = f'{title}: run {ask} to see it.'
    return Shown(f'<p class="cb-folded-pointer">{html.escape(title)}: run '
                 f'<code>{html.escape(ask)}</code> to see it.</p>', line)


def shown(title, body_html):
    """What a reader's own call (hint(1), solution()) displays in the notebook."""
    return Shown(f'<div class="cb-shown"><p><b>{html.escape(title)}</b></p>{body_html}</div>',
                 title)


def source_html(fn, decorators=True):
    """A function's source as a highlighted HTML listing (Pygments, the book's own styles).

    decorators=False leaves out the lines of its decorators (a listing a reader pastes).
    """
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    code = inspect.getsource(fn).rstrip() + '\n'
    if not decorators:
        lines = code.splitlines(keepends=True)
        code = ''.join(lines[next(i for i, line in enumerate(lines)
                                  if line.lstrip().startswith('def ')):])
    return highlight(code, PythonLexer(), HtmlFormatter(cssclass='highlight'))
