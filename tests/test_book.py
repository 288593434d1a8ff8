"""The book: its notebooks are clean, it builds without warnings, and the built site is whole.

nbval (configured in pyproject.toml) re-runs every notebook and compares outputs; the tests
here check what nbval does not: the stored notebooks themselves and the built HTML.
"""
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / 'book'

# The chapters in reading order (the files the toc must list, in this order).
CHAPTERS = ['book/intro', 'book/aliases', 'book/bottleneck', 'book/inception', 'book/residual',
            'book/resnext', 'book/dense', 'book/squeeze_excitation', 'book/nasnet',
            'book/inverted_residual', 'book/networks', 'book/amoebanet', 'book/comparison',
            'book/closing', 'book/run_it']
# Notebooks written by the book chapters (the exercise asks readers to write code).
NO_DEFINITIONS_EXEMPT = {'amoebanet'}


def toc_files():
    """The files of _toc.yml in reading order."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    files = [toc['root']]
    for entry in toc.get('chapters', []):
        files.append(entry['file'])
    return files


def notebooks():
    return sorted(BOOK.glob('*.ipynb'))


def test_toc_lists_every_chapter_in_order():
    assert toc_files() == CHAPTERS


@pytest.mark.parametrize('path', notebooks(), ids=lambda p: p.stem)
def test_stored_notebook_is_clean(path):
    """Every code cell ran, without errors and without anything on stderr."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != 'code' or not cell.source.strip():
            continue
        assert cell.execution_count is not None, f'cell {index} was never run'
        for output in cell.outputs:
            assert output.output_type != 'error', f'cell {index} stored an error'
            assert output.get('name') != 'stderr', f'cell {index} wrote to stderr: {output.text}'


@pytest.mark.parametrize('path', [p for p in notebooks() if p.stem not in NO_DEFINITIONS_EXEMPT],
                         ids=lambda p: p.stem)
def test_notebook_pastes_no_code(path):
    """Chapters import their code from src: no function or class is defined in a notebook,
    except the stub a reader fills in for an exercise (a cell tagged `reader-answer`)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == 'code' and 'reader-answer' not in cell.metadata.get('tags', []):
            assert not re.search(r'^\s*(def|class) ', cell.source, re.M), cell.source


def test_book_builds_without_warnings(book_build):
    html, log = book_build
    assert (html / 'index.html').exists()
    sphinx_warnings = [line for line in log.splitlines() if 'WARNING:' in line]
    assert not sphinx_warnings


def test_every_chapter_page_exists(built_book):
    missing = [f for f in CHAPTERS if not (built_book / f'{f}.html').exists()]
    assert not missing


def test_search_index_covers_the_chapters(built_book):
    assert (built_book / 'search.html').exists()
    index = (built_book / 'searchindex.js').read_text()
    for word in ('bottleneck', 'resnext', 'excitation'):
        assert word in index.lower()


def test_pages_link_to_previous_and_next_chapter(built_book):
    pages = [built_book / f'{f}.html' for f in CHAPTERS]
    for before, page, after in zip(pages, pages[1:], pages[2:]):
        text = page.read_text()
        prev_link = re.search(r'class="left-prev"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="left-prev"', text)
        next_link = re.search(r'class="right-next"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="right-next"', text)
        assert prev_link and (page.parent / [g for g in prev_link.groups() if g][0]).resolve() == before
        assert next_link and (page.parent / [g for g in next_link.groups() if g][0]).resolve() == after


class ResourceLinks(HTMLParser):
    """Collects the URLs a page loads: script/img/iframe/source src and link href."""

    ATTRIBUTES = {'script': 'src', 'img': 'src', 'iframe': 'src', 'source': 'src',
                  'link': 'href', 'embed': 'src', 'object': 'data'}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        wanted = self.ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append((tag, value))


def test_no_page_loads_anything_from_the_internet(built_book):
    external = []
    for page in built_book.rglob('*.html'):
        parser = ResourceLinks()
        parser.feed(page.read_text(errors='replace'))
        external += [(page.relative_to(built_book), tag, url) for tag, url in parser.urls
                     if re.match(r'(https?:)?//', url)]
    assert not external


class RenderBlocking(HTMLParser):
    """What a page waits for before its first paint: stylesheets, and scripts with a src
    that are neither deferred, async nor modules. Also the widget state tags."""

    def __init__(self):
        super().__init__()
        self.blocking, self.states = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'link' and attrs.get('rel') == 'stylesheet':
            self.blocking.append(attrs['href'])
        elif (tag == 'script' and attrs.get('src') and attrs.get('type') != 'module'
              and not {'defer', 'async'} & attrs.keys()):
            self.blocking.append(attrs['src'])
        elif tag == 'script' and 'widget-state' in attrs.get('type', ''):
            self.states.append(attrs)


def test_a_page_waits_for_one_stylesheet_and_no_script(built_book):
    """Every page of both editions waits for book.css at most (the root's redirect page for
    nothing); the widget state is a file of its own. Not the search pages: their search
    scripts run in order, before the results show."""
    pages = [p for p in built_book.rglob('*.html')
             if '_static' not in p.parts and p.name != 'search.html']
    assert len([p for p in pages if p.parent.name == 'book']) >= 2 * len(CHAPTERS)
    for page in pages:
        parser = RenderBlocking()
        parser.feed(page.read_text(errors='replace'))
        expected = [] if page.name == 'index.html' and 'book' not in page.parent.parts \
            else ['book.css']
        assert [url.rsplit('/', 1)[-1] for url in parser.blocking] == expected, page
        for state in parser.states:
            assert (page.parent / state['data-src']).is_file(), page


class Images(HTMLParser):
    """The alt text and loading attribute of every <img> of a page."""

    def __init__(self):
        super().__init__()
        self.alts, self.loading = [], []

    def handle_starttag(self, tag, attrs):
        if tag == 'img':
            self.alts.append(dict(attrs).get('alt', ''))
            self.loading.append(dict(attrs).get('loading'))


def test_every_image_is_described_in_the_pages_language(built_book):
    """Image outputs get their description from the cell's metadata, not their file path."""
    seen = 0
    for page in built_book.rglob('book/*.html'):
        parser = Images()
        parser.feed(page.read_text(errors='replace'))
        chinese = 'zh' in page.relative_to(built_book).parts
        assert set(parser.loading) <= {'lazy'}, page   # charts wait until the reader is near
        for alt in parser.alts:
            seen += 1
            assert len(alt) > 30 and '_images' not in alt, (page, alt)
            assert bool(re.search(r'[\u4e00-\u9fff]', alt)) == chinese, (page, alt)
    assert seen >= 24   # twelve images in each edition


def load_build_script():
    """scripts/build_book.py as a module."""
    spec = importlib.util.spec_from_file_location('build_book', ROOT / 'scripts' / 'build_book.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_change_in_src_makes_the_next_build_start_from_scratch(tmp_path, monkeypatch):
    build_book = load_build_script()
    package = tmp_path / 'src' / 'convblocks'
    package.mkdir(parents=True)
    (package / 'blocks.py').write_text('f = 32\n')
    monkeypatch.setattr(build_book, 'ROOT', tmp_path)
    monkeypatch.setattr(build_book, 'INPUTS', [tmp_path / 'src' / 'convblocks'])
    monkeypatch.setattr(build_book, 'STAMP', tmp_path / 'stamp.txt')
    before = build_book.fingerprint()
    assert build_book.stale(before)                 # no build recorded yet
    build_book.STAMP.write_text(before + '\n')
    assert not build_book.stale(build_book.fingerprint())
    (package / 'blocks.py').write_text('f = 64\n')
    assert build_book.stale(build_book.fingerprint())
    (package / 'blocks.py').write_text('f = 32\n')
    (package / '__pycache__').mkdir()
    (package / '__pycache__' / 'blocks.pyc').write_bytes(b'compiled')
    assert not build_book.stale(build_book.fingerprint())  # caches do not count


def page_text(page):
    """The visible words of a built page, tags dropped and whitespace collapsed."""
    words = re.sub(r'<script.*?</script>|<style.*?</style>|<[^>]+>', ' ', page.read_text(),
                   flags=re.S)
    return ' '.join(words.split())


@pytest.mark.parametrize('edition, stored', [('', 'stored '), ('zh', '存储于 ')])
def test_the_comparison_says_its_timings_are_stored(built_book, edition, stored):
    """The comparison reads its timings and training runs from make experiments' results."""
    text = page_text(built_book / edition / 'book' / 'comparison.html')
    assert 'make experiments' in text and re.search(stored + r'\d{4}-\d\d-\d\d', text)


# Markdown the page's text would show when a parser left it as typed: emphasis markers (a `**`
# that CommonMark's flanking rules refuse, e.g. before a Chinese character after a full-width
# bracket), and glue or citation syntax.
UNRENDERED = re.compile(r'\*\*|(?<!\w)__\S|\{eval\}|\{glue|\{cite|\]\(#cite:')


def prose_text(page):
    """The words of a built page's article, code, scripts and styles left out."""
    article = re.search(r'<article.*?</article>', page.read_text(), flags=re.S).group()
    words = re.sub(r'<(pre|code|script|style)\b.*?</\1>|<[^>]+>', ' ', article, flags=re.S)
    return ' '.join(words.split())


@pytest.mark.parametrize('edition', ['', 'zh'])
def test_no_page_shows_markdown_as_typed(built_book, edition):
    found = {page.stem: UNRENDERED.findall(prose_text(page))
             for page in sorted((built_book / edition / 'book').glob('*.html'))}
    assert not {page: marks for page, marks in found.items() if marks}
