"""Every page of the built book as a reader's Chromium meets it, at 390 and 1280 px.

Checks what does not depend on the machine's speed: the bytes a page transfers (a budget),
no console error or warning and no uncaught exception (the theme's own info logs, such as
"[PST]: Changed to auto mode", are not counted), no failed request or 4xx/5xx response
(favicon included), and no request leaving 127.0.0.1. Lighthouse's timings and scores are
`make audit`'s.
"""
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (390, 1280)
PAGE_BUDGET = 600_000            # bytes transferred by a page without widgets
WIDGET_PAGE_BUDGET = 1_500_000   # ... and by a page with widgets
SKIP_FOLDERS = {'_static', '_sources', '_images', '_downloads'}


def book_pages():
    """The pages the book should have, in both editions: the entry page, the chapters, search
    and index; the Chinese edition (zh/) also has its glossary."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    chapters = [toc['root']] + [entry['file'] for entry in toc['chapters']]
    english = ['index.html'] + [f'{name}.html' for name in chapters] + ['search.html',
                                                                        'genindex.html']
    return english + [f'zh/{page}' for page in english] + ['zh/book/glossary.html']


PAGES = book_pages()


def has_widgets(page):
    """True when the page's notebook shows a widget (an explorer: a cell calls explore).

    The stored notebooks keep no widget views (their state is not stored), so the notebook's
    code says it, not its outputs."""
    notebook = ROOT / Path(page.removeprefix('zh/')).with_suffix('.ipynb')
    return notebook.exists() and any(
        'explore(' in cell.source for cell in nbformat.read(notebook, as_version=4).cells
        if cell.cell_type == 'code')


SCROLL_TO_THE_END = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}"""


def visit(chromium, url, width):
    """Load `url` in a fresh browser context; return what the reader's browser went through."""
    seen = {'console': [], 'failed': [], 'requests': []}
    context = chromium.new_context(viewport={'width': width, 'height': 900})
    page = context.new_page()
    page.on('console', lambda m: m.type in ('error', 'warning', 'assert') and seen[
        'console'].append(f'{m.type}: {m.text} ({m.location.get("url")})'))
    page.on('pageerror', lambda e: seen['console'].append(f'uncaught: {e}'))
    page.on('requestfailed', lambda r: seen['failed'].append(f'{r.url} ({r.failure})'))
    page.on('response', lambda r: r.status >= 400 and seen['failed'].append(
        f'{r.url} ({r.status})'))
    page.on('request', lambda r: seen['requests'].append(r.url))
    page.goto(url, wait_until='load')
    page.wait_for_load_state('networkidle')
    # images load when the reader scrolls near them (loading="lazy"): read to the end
    page.evaluate(SCROLL_TO_THE_END)
    page.wait_for_load_state('networkidle')
    page.wait_for_function('[...document.images].every(image => image.complete)')
    seen['bytes'] = page.evaluate(
        '''() => performance.getEntriesByType('navigation')
                 .concat(performance.getEntriesByType('resource'))
                 .reduce((sum, entry) => sum + entry.transferSize, 0)''')
    context.close()
    return seen


@pytest.fixture(scope='module')
def visits(chromium, served_book):
    """{(page, width): what happened}, every page loaded once at each width."""
    return {(page, width): visit(chromium, served_book + page, width)
            for page in PAGES for width in WIDTHS}


def test_every_built_page_is_checked(built_book):
    built = {str(p.relative_to(built_book)) for p in built_book.rglob('*.html')
             if not SKIP_FOLDERS & set(p.relative_to(built_book).parts)}
    assert built == set(PAGES)


@pytest.mark.parametrize('page', PAGES)
def test_page_stays_within_its_byte_budget(visits, page):
    budget = WIDGET_PAGE_BUDGET if has_widgets(page) else PAGE_BUDGET
    for width in WIDTHS:
        assert visits[page, width]['bytes'] <= budget, (page, width, visits[page, width]['bytes'])


@pytest.mark.parametrize('page', PAGES)
def test_console_stays_silent(visits, page):
    for width in WIDTHS:
        assert visits[page, width]['console'] == [], (page, width)


@pytest.mark.parametrize('page', PAGES)
def test_every_request_succeeds(visits, page):
    for width in WIDTHS:
        assert visits[page, width]['failed'] == [], (page, width)


@pytest.mark.parametrize('page', PAGES)
def test_no_request_leaves_the_local_server(visits, page, served_book, requests_leaving):
    for width in WIDTHS:
        assert requests_leaving(visits[page, width]['requests'], served_book) == [], (page, width)
