"""Result tables on a phone (convblocks.book.show.table): HTML tables that fit or scroll inside.

At 390 px, on every page of both editions, folded parts (hints, observations) opened:
- no result table is left as monospaced text (a <pre> with a row of dashes under headings);
- no table makes the page scroll sideways: each ends inside the viewport, and the page is no
  wider than the viewport;
- a table that scrolls inside its output is one show.Table marks wide: a focusable, named
  region (axe, tests/browser/test_axe.py, checks the rest);
- every table's text is at least 9 px.
In the zh edition the headings are Chinese (test_zh_headings).
"""
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOC = yaml.safe_load((ROOT / '_toc.yml').read_text())
PAGES = [TOC['root']] + [entry['file'] for entry in TOC['chapters']]
EDITIONS = {'en': '', 'zh': 'zh/'}
PHONE = 390
SMALLEST_PX = 9
TEXT_TABLE = re.compile(r'^ *-{2,}(?: {2,}-+)+ *$', re.M)
HAN = re.compile('[\u4e00-\u9fff]')
# Headings the zh edition leaves as they are: names of networks and layers, symbols, units.
AS_THEY_ARE = re.compile(r'[a-z]|[A-Z]\w*(?:\d|[a-z][A-Z])\w*|conv\d_block\d|G?MAC/[Bs]|')

TABLES = '''() => [...document.querySelectorAll('main .cb-table')].map(box => {
  const sizes = [...box.querySelectorAll('th, td')]
    .map(cell => parseFloat(getComputedStyle(cell).fontSize));
  return {
    headings: [...box.querySelectorAll('th')].map(th => th.textContent),
    right: box.getBoundingClientRect().right,
    scrolls: box.scrollWidth > box.clientWidth + 1,
    wide: box.classList.contains('cb-table-wide'),
    region: box.tabIndex === 0 && box.getAttribute('role') === 'region'
            && !!box.getAttribute('aria-label'),
    smallest: Math.min(...sizes),
  };
})'''


def tables_on(page, url):
    """The page's result tables (TABLES), with every folded part opened; the texts of its <pre>
    that are tables; the page's width."""
    page.goto(url)
    page.wait_for_load_state('load')
    page.evaluate('() => document.querySelectorAll("main details").forEach(d => d.open = true)')
    found = page.evaluate(TABLES)
    text_tables = [t[:80] for t in page.locator('main pre').all_text_contents()
                   if TEXT_TABLE.search(t)]
    page_width = page.evaluate('() => document.documentElement.scrollWidth')
    return found, text_tables, page_width


@pytest.mark.parametrize('edition', list(EDITIONS))
def test_result_tables_fit_a_phone_or_scroll_inside_and_stay_readable(chromium, served_book,
                                                                     edition):
    page = chromium.new_page(viewport={'width': PHONE, 'height': 900})
    problems, seen, scrolling = [], 0, 0
    try:
        for name in PAGES:
            found, text_tables, page_width = tables_on(page, served_book + EDITIONS[edition]
                                                       + name + '.html')
            problems += [f'{name}: a table as text: {t!r}' for t in text_tables]
            if page_width > PHONE:
                problems.append(f'{name}: the page is {page_width} px wide')
            for number, table in enumerate(found, 1):
                seen += 1
                scrolling += table['scrolls']
                where = f"{name} table {number} ({', '.join(table['headings'][:3])} ...)"
                if table['right'] > PHONE:
                    problems.append(f"{where}: ends at {table['right']:.0f} px")
                if table['scrolls'] and not (table['wide'] and table['region']):
                    problems.append(f'{where}: scrolls but is not a named, focusable region')
                if table['smallest'] < SMALLEST_PX:
                    problems.append(f"{where}: text of {table['smallest']} px")
    finally:
        page.close()
    print(f'{edition}: {seen} tables at {PHONE} px, {scrolling} scroll inside their region')
    assert seen > 40
    assert problems == []


def test_zh_headings(chromium, served_book):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    english = {}
    try:
        for name in PAGES:
            found, _, _ = tables_on(page, served_book + EDITIONS['zh'] + name + '.html')
            for table in found:
                left = [h for h in table['headings']
                        if not HAN.search(h) and not AS_THEY_ARE.fullmatch(h)]
                if left:
                    english.setdefault(name, []).extend(left)
    finally:
        page.close()
    assert english == {}, json.dumps(english, ensure_ascii=False)

