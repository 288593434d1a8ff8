"""Hints and solutions: folded in the book, shown in a notebook only when the reader asks.

The book build (scripts/build_book.py) sets CONVBLOCKS_BOOK=1 while it executes the
notebooks. There `folded(title, html, ask)` outputs a closed <details> element, so the page
carries the hint and the reader opens it with a click. Anywhere else (JupyterLab, nbval,
`make refresh`, and so the stored notebook and its nbconvert export) it outputs one line
saying which call shows it: Run All reveals nothing and the notebook's JSON holds none of it.
The reader's own call, e.g. `hint(1)`, then returns `shown(title, html)`.
"""
import html
import os

from convblocks import language

# Listings live in show; source_html stays importable from here for the exercises' hints.
from convblocks.book.show import source_html  # noqa: F401

BOOK = 'CONVBLOCKS_BOOK'
# The pointer line: '{title}: run {ask} to see it.' ({ask} is code).
POINTER = {'en': (': run ', ' to see it.'), 'zh': ('：运行 ', ' 即可查看。')}


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
    run, see = POINTER[language.current()]
    line = f'{title}{run}{ask}{see}'
    return Shown(f'<p class="cb-folded-pointer">{html.escape(title)}{html.escape(run)}'
                 f'<code>{html.escape(ask)}</code>{html.escape(see)}</p>', line)


def shown(title, body_html):
    """What a reader's own call (hint(1), solution()) displays in the notebook."""
    return Shown(f'<div class="cb-shown"><p><b>{html.escape(title)}</b></p>{body_html}</div>',
                 title)
