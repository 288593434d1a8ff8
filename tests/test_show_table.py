"""Result tables (convblocks.book.show): the same aligned text as before for terminals and nbval,
an HTML table for the book and JupyterLab, headings in the current language."""
import html
import re
from pathlib import Path

import nbformat
import pytest

from convblocks import language
from convblocks.book import show

ROOT = Path(__file__).resolve().parents[1]
ROWS = [{'block': '3x3 conv', 'knobs': 'f=64', 'params': 36928, 'MACs': 37748736,
         'loss': '0.028 ± 0.036'},
        {'block': 'ResNeXt, 4 paths', 'knobs': 'f=64, r=2', 'params': 6720, 'MACs': 6553600,
         'loss': '0.1 ± 0.2'}]
HAN = re.compile('[\u4e00-\u9fff]')
TH = re.compile(r'<th scope="col" class="cb-(?:num|text)"[^>]*>(.*?)</th>')
# Headings the zh edition leaves as they are: names of networks and layers, symbols, units.
AS_THEY_ARE = re.compile(r'[a-z]|[A-Z]\w*(?:\d|[a-z][A-Z])\w*|conv\d_block\d|G?MAC/[Bs]|')


def test_the_text_is_the_aligned_table_it_always_was():
    assert repr(show.Table(ROWS)) == (
        'block             knobs      params        MACs  loss\n'
        '----------------  ---------  ------  ----------  -------------\n'
        '3x3 conv          f=64       36,928  37,748,736  0.028 ± 0.036\n'
        'ResNeXt, 4 paths  f=64, r=2   6,720   6,553,600  0.1 ± 0.2')


def test_the_html_right_aligns_numbers_and_escapes_text():
    page = show.Table([{'name': '<b>', 'n': 1234, 'range': '0.59–0.78'}])._repr_html_()
    assert '<td class="cb-text" style="text-align:left">&lt;b&gt;</td>' in page
    assert '<td class="cb-num">1,234</td><td class="cb-num">0.59–0.78</td>' in page
    assert TH.findall(page) == ['name', 'n', 'range']


def test_a_table_too_wide_for_a_phone_scrolls_in_a_named_focusable_region():
    narrow = show.Table(ROWS[:1], ['block', 'params'])._repr_html_()
    assert narrow.startswith('<div class="cb-table"><table>')
    wide = show.Table([{f'column {i}': 1_000_000 * i for i in range(8)}])
    assert wide.wide()
    region = re.match(r'<div class="cb-table cb-table-wide" tabindex="0" role="region" '
                      r'aria-label="table (\d+) \(scrolls sideways\)">', wide._repr_html_())
    assert region and int(region.group(1)) == wide.number
    with language.using('zh'):
        assert f'aria-label="表 {wide.number}（可左右滚动）"' in wide._repr_html_()


def test_each_table_has_a_number_of_its_own():
    first, second = show.Table(ROWS), show.Table(ROWS)
    assert second.number == first.number + 1


def test_headings_are_in_the_current_language_and_the_text_stays_aligned():
    with language.using('zh'):
        table = show.Table(ROWS)
        assert table.headings == ['模块', '旋钮', '参数', '乘加次数', 'loss']
        assert show.heading('batch 128 (MiB)') == '批大小 128（MiB）'
        assert show.heading('b32 q1–q3') == '批大小 32：四分位'
        assert show.Table([{'layers': '3x3 -> 3x3', 'sees': 5}]).headings == ['层', '感受野']
        assert show.Table([{'layers': 20}]).headings == ['层数']
    heading, _, row, _ = repr(table).splitlines()
    # a Han character takes two columns: the numbers end where their headings end
    numbers_end = show._width(row[:row.index('36,928') + 6])
    assert show._width(heading[:heading.index('参数') + 2]) == numbers_end
    assert show.heading('params') == 'params'


def stored_headings():
    """Every heading of the result tables the English notebooks store."""
    found = set()
    for path in sorted((ROOT / 'book').glob('*.ipynb')):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get('outputs', []):
                page = output.get('data', {}).get('text/html', '')
                if 'cb-table' in page:
                    found.update(html.unescape(h).replace('\u2060', '') for h in TH.findall(page))
    return found


def test_the_book_shows_tables_and_every_heading_has_its_chinese():
    headings = stored_headings()
    assert len(headings) > 50
    with language.using('zh'):
        missing = sorted(h for h in headings
                         if not HAN.search(show.heading(h)) and not AS_THEY_ARE.fullmatch(h))
    assert missing == []


@pytest.mark.parametrize('key', sorted(show.HEADINGS['zh']))
def test_every_chinese_heading_is_chinese(key):
    assert HAN.search(show.HEADINGS['zh'][key])


def test_a_column_without_a_heading_has_no_empty_header_cell():
    page = show.Table([{'': 'conv 1x1', 'article': 1, 'ResNet50': 2}])._repr_html_()
    assert '<thead><tr><td></td><th scope="col" class="cb-num">article</th>' in page
