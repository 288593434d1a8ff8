"""Hints and solutions fold in the book and stay out of notebooks until the reader asks."""
import html
import inspect
import re

from convblocks.book import reveal, show
from convblocks.blocks import bottleneck


def test_outside_the_book_only_a_pointer_is_output(monkeypatch):
    monkeypatch.delenv(reveal.BOOK, raising=False)
    bundle = reveal.folded('Hint 1', '<p>SECRET</p>', 'hint(1)')._repr_mimebundle_()
    assert 'SECRET' not in str(bundle)
    assert bundle['text/plain'] == 'Hint 1: run hint(1) to see it.'


def test_in_the_book_a_closed_dropdown_is_output(monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '1')
    bundle = reveal.folded('Hint 1', '<p>SECRET</p>', 'hint(1)')._repr_mimebundle_()
    assert bundle['text/html'].startswith('<details class="cb-folded"><summary>Hint 1</summary>')
    assert '<p>SECRET</p>' in bundle['text/html'] and ' open' not in bundle['text/html']


def test_shown():
    assert 'SECRET' in reveal.shown('Solution', '<p>SECRET</p>')._repr_mimebundle_()['text/html']


def test_both_listings_show_the_functions_whole_source():
    """show.source (Markdown, notebook cells) and show.source_html (inside hints) list the same
    code; reveal.source_html is the same function, for the exercises that import it there."""
    assert reveal.source_html is show.source_html
    whole = inspect.getsource(bottleneck).rstrip()
    assert show.code(bottleneck) == whole
    assert show.source(bottleneck).data == f'```python\n{whole}\n```'
    listing = show.source_html(bottleneck)
    assert listing.startswith('<div class="highlight"><pre>')
    assert html.unescape(re.sub(r'<[^>]+>', '', listing)).rstrip() == whole
    assert '<span class="k">def</span>' in listing   # highlighted, not just escaped
