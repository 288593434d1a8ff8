"""Hints and solutions fold in the book and stay out of notebooks until the reader asks."""
from convblocks.book import reveal
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


def test_shown_and_source_html():
    assert 'SECRET' in reveal.shown('Solution', '<p>SECRET</p>')._repr_mimebundle_()['text/html']
    listing = reveal.source_html(bottleneck)
    assert 'class="highlight"' in listing and 'bottleneck' in listing
