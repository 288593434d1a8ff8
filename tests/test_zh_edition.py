"""The Chinese edition at _build/html/zh/, built from the Chinese notebooks (book/zh/): the
same code as the English pages (plus `language.use('zh')`), the same language-neutral
outputs, Chinese prose, the Chinese notebooks as downloads, a language switch both ways on
every page (search and index included), Chinese theme labels and citations, and a search that
finds every glossary term on every page that uses it."""
import io
import json
import re
import tokenize
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_book import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = 'book/glossary'
ZH_PAGES = CHAPTERS + [GLOSSARY]
HAN = re.compile(r'[\u4e00-\u9fff]')


def soup(path):
    return BeautifulSoup(path.read_text(), 'html.parser')


def article(page):
    return page.select_one('article.bd-article')


def cells(page):
    """[(code, output html), ...] of a page's notebook cells; the images' descriptions (alt)
    and a scrolling output's name (aria-label), which each edition gives in its own language,
    left out."""
    result = []
    for cell in page.select('div.cell'):
        code = cell.select_one('div.cell_input')
        output = cell.select_one('div.cell_output')
        for image in output.select('img') if output else []:
            del image['alt']
        if output is not None and output.has_attr('aria-label'):
            del output['aria-label']
        result.append((code.get_text() if code else '', str(output) if output else ''))
    return result


def switch_target(path):
    """The file the page's language switch points to."""
    links = soup(path).select('nav.lang-switch a[href]')
    assert len(links) == 1, f'{path}: expected one language switch, found {len(links)}'
    return (path.parent / links[0]['href']).resolve()


def test_every_chapter_and_the_glossary_exist_in_chinese(built_book):
    missing = [p for p in ZH_PAGES if not (built_book / 'zh' / f'{p}.html').exists()]
    assert not missing
    assert (built_book / 'zh' / 'index.html').exists()
    assert not (built_book / f'{GLOSSARY}.html').exists(), 'the glossary is for the zh edition'


LANGUAGE_LINES = "from convblocks import language\n\nlanguage.use('zh')\n\n"


def code_tokens(code):
    """The code's tokens without its comments (the Chinese notebooks translate those)."""
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(code).readline)
            if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)]


# What differs between two runs of the same code: a widget's model id.
MODEL_ID = re.compile(r'"model_id": "[0-9a-f]{32}"')


def run_independent(output):
    return MODEL_ID.sub('"model_id": ""', output)


def drawing_in_chinese(output, folder):
    """True when the output shows a drawing in the page's language: an SVG whose text is
    Chinese (a block graph), or a PNG chart (its text is pixels; the charts' Chinese text is
    tested in test_zh_output)."""
    return '.png"' in output or any(
        HAN.search((folder / src).read_text(errors='replace'))
        for src in re.findall(r'src="([^"]+\.svg)"', output) if (folder / src).exists())


@pytest.mark.parametrize('page', CHAPTERS)
def test_zh_page_has_the_english_code_and_language_neutral_outputs(built_book, page):
    """The same code cells, the first one starting with `language.use('zh')`; an output
    with no Chinese in it (numbers, code, tables of numbers) is the English page's."""
    english = cells(soup(built_book / f'{page}.html'))
    chinese = cells(soup(built_book / 'zh' / f'{page}.html'))
    assert english or not (ROOT / f'{page}.ipynb').exists(), \
        f'{page}: no code cells found to compare'
    assert len(chinese) == len(english)
    if english:
        first = chinese[0][0].lstrip()
        assert first.startswith(LANGUAGE_LINES), f'{page}: {first[:80]!r}'
        chinese[0] = (first[len(LANGUAGE_LINES):], chinese[0][1])
    folder = (built_book / 'zh' / page).parent
    for index, ((en_code, en_out), (zh_code, zh_out)) in enumerate(zip(english, chinese)):
        assert code_tokens(zh_code) == code_tokens(en_code), f'{page}: code of cell {index}'
        if not HAN.search(zh_out) and not drawing_in_chinese(zh_out, folder):
            assert run_independent(zh_out) == run_independent(en_out), (
                f'{page}: output of cell {index} differs')


@pytest.mark.parametrize('page', ['book/resnext', 'book/comparison'])
def test_zh_page_download_is_the_chinese_notebook(built_book, page):
    """The page's .ipynb download button gives the Chinese notebook, the English page's
    the English one."""
    for edition, chinese in ((built_book / 'zh', True), (built_book, False)):
        html = soup(edition / f'{page}.html')
        links = [a['href'] for a in html.select('a[href$=".ipynb"]')
                 if '_sources' in a['href']]
        assert links, f'{edition}/{page}: no .ipynb download'
        notebook = json.loads((edition / f'{page}.html').parent.joinpath(links[0])
                              .resolve().read_text())
        first = next(c for c in notebook['cells'] if c['cell_type'] == 'code')
        assert ("language.use('zh')" in ''.join(first['source'])) == chinese
        assert bool(HAN.search(''.join(''.join(c['source']) for c in notebook['cells']
                                       if c['cell_type'] == 'markdown'))) == chinese


def test_each_edition_download_archive_holds_its_notebooks(built_book):
    for edition, chinese in ((built_book / 'zh', True), (built_book, False)):
        with zipfile.ZipFile(edition / 'download' / 'convblocks-book.zip') as archive:
            names = [n for n in archive.namelist() if n.endswith('.ipynb')]
            assert len(names) >= 12
            for name in names:
                text = archive.read(name).decode()
                assert ("language.use('zh')" in text) == chinese, name
            readme = archive.read('convblocks-book/README.md').decode()
            assert bool(HAN.search(readme)) == chinese


@pytest.mark.parametrize('page', ZH_PAGES)
def test_zh_page_is_marked_chinese_and_its_prose_is_chinese(built_book, page):
    html = soup(built_book / 'zh' / f'{page}.html')
    assert html.html['lang'].startswith('zh')
    body = article(html)
    for kept in body.select('div.cell, nav.lang-switch, details, code, table'):
        kept.decompose()          # code, outputs, the switch and folded solutions stay English
    for heading in body.find_all(['h2', 'h3']):
        if '参考文献' in heading.get_text():
            heading.parent.decompose()    # references keep the papers' own titles
    paragraphs = [p.get_text(' ', strip=True) for p in body.select('p, h1, h2, h3, li')]
    english = [text for text in paragraphs if len(text) > 40 and not HAN.search(text)]
    assert not english, f'{page}: paragraphs left in English: {english[:3]}'


def test_english_pages_stay_english(built_book):
    for page in CHAPTERS:
        assert soup(built_book / f'{page}.html').html['lang'] == 'en'


@pytest.mark.parametrize('page', CHAPTERS + ['search', 'genindex'])
def test_language_switch_resolves_both_ways(built_book, page):
    english = (built_book / f'{page}.html').resolve()
    chinese = (built_book / 'zh' / f'{page}.html').resolve()
    assert switch_target(english) == chinese
    assert switch_target(chinese) == english


def test_glossary_switch_leads_to_the_english_first_page_and_says_so(built_book):
    path = built_book / 'zh' / f'{GLOSSARY}.html'
    assert switch_target(path) == (built_book / f'{CHAPTERS[0]}.html').resolve()
    link = soup(path).select_one('nav.lang-switch a')
    assert 'no glossary' in link.get_text() and 'onclick' not in link.attrs


@pytest.mark.parametrize('page', CHAPTERS)
def test_zh_sections_have_the_english_ids(built_book, page):
    """The switch's #anchor lands on the same section: both editions' sections share ids."""
    def ids(path):
        return [section['id'] for section in article(soup(path)).select('section[id]')]
    english = ids(built_book / f'{page}.html')
    assert english and ids(built_book / 'zh' / f'{page}.html') == english


@pytest.mark.parametrize('page', CHAPTERS)
def test_switch_carries_the_anchor_and_works_without_it(built_book, page):
    """The link is a plain relative href (no JavaScript needed); its onclick adds the #anchor."""
    for path in (built_book / f'{page}.html', built_book / 'zh' / f'{page}.html'):
        link = soup(path).select_one('nav.lang-switch a')
        assert link['href'].endswith(f'{page}.html')
        assert link['onclick'] == load_editions().KEEP_ANCHOR


def test_theme_labels_and_tooltips_are_chinese(built_book):
    html = (built_book / 'zh' / 'book' / 'resnext.html').read_text()
    for english in ('title="Toggle primary sidebar"', 'title="Toggle secondary sidebar"',
                    'aria-label="Main"', 'aria-label="Page"', '列印'):
        assert english not in html, english
    assert '打印为 PDF' in html


def test_zh_citations_read_he_deng_ren(built_book):
    text = article(soup(built_book / 'zh' / 'book' / 'residual.html')).get_text('')
    assert 'et al' not in text
    assert re.search(r'He 等人（\d{4}）', text) and re.search(r'（He 等人，\d{4}）', text), (
        re.findall(r'.{20}等人.{10}', text)[:5])


def test_theme_strings_come_from_the_zh_catalogs(built_book):
    html = (built_book / 'zh' / 'book' / 'resnext.html').read_text()
    assert '搜索本书' in html                       # our search placeholder
    assert '上一页' in html and '下一页' in html       # the theme's previous / next
    assert 'Search this book' not in html


def search_terms(folder):
    text = (folder / 'searchindex.js').read_text()
    index = json.loads(text[text.index('(') + 1:text.rindex(')')])
    return index['terms']


def test_zh_search_finds_chinese_words(built_book):
    terms = search_terms(built_book / 'zh')
    for word in ('瓶颈', '残差', '卷积', '通道', '模块'):
        assert word in terms, f'{word} is not a search term of the zh edition'
    assert 'resnext' in terms              # Latin words are still indexed


def index_pages(index, word):
    """The docnames the zh search index lists for `word`, in the text or in a title."""
    found = set()
    for table in (index['terms'], index['titleterms']):
        entry = table.get(word, [])
        found |= {entry} if isinstance(entry, int) else set(entry)
    return {index['docnames'][i] for i in found}


def page_text(path):
    """A built page's article text as the reader sees it (no scripts, no language switch)."""
    body = article(soup(path))
    for kept in body.select('script, style, nav.lang-switch'):
        kept.decompose()
    return body.get_text('')


# The compound terms the issue names; they must be among the words the search is built for.
COMPOUNDS = ['分组卷积', '深度可分离', '逐深度', '可分离卷积', '普通单元', '倒残差', '批归一化',
             '深度可分离卷积']


def test_zh_search_finds_every_glossary_term_on_every_page_that_uses_it(built_book):
    terms = load_module('terms', ROOT / 'locales' / 'terms.py')
    words = terms.search_words()
    assert set(COMPOUNDS) <= set(words)
    folder = built_book / 'zh'
    text = (folder / 'searchindex.js').read_text()
    index = json.loads(text[text.index('(') + 1:text.rindex(')')])
    texts = {doc: page_text(folder / f'{doc}.html') for doc in index['docnames']}
    missing = {}
    for word in words:
        using = {doc for doc, body in texts.items() if word in body}
        lacking = using - index_pages(index, word)
        if lacking:
            missing[word] = sorted(lacking)
    assert not missing, f'search terms missing from pages that use them: {missing}'
    assert len(index_pages(index, '批归一化')) >= 7


def load_module(name, path):
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_editions():
    """locales/editions.py (the Sphinx extension) as a module."""
    return load_module('editions', ROOT / 'locales' / 'editions.py')


def test_switch_urls_are_relative_and_lead_to_the_same_page():
    counterpart = load_editions().counterpart
    assert counterpart('book/resnext', 'book/intro', [], False) == '../zh/book/resnext.html'
    assert counterpart('book/resnext', 'book/intro', [], True) == '../../book/resnext.html'
    assert counterpart('index', 'book/intro', [], False) == 'zh/index.html'
    assert counterpart(GLOSSARY, 'book/intro', [GLOSSARY], True) == '../../book/intro.html'
    assert counterpart('search', 'book/intro', [], True) == '../search.html'
    assert counterpart('genindex', 'book/intro', [], False) == 'zh/genindex.html'


def test_theme_attributes_are_translated_from_the_catalog():
    translate = load_editions().translate_attributes
    catalog = {'Toggle primary sidebar': '显示或隐藏左侧边栏', 'Main': '全书目录'}
    page = ('<button title="Toggle primary sidebar"></button><nav aria-label="Main">'
            '<a title="Kaiming He. Deep residual learning.">x</a>')
    assert translate(page, catalog) == ('<button title="显示或隐藏左侧边栏"></button>'
                                        '<nav aria-label="全书目录">'
                                        '<a title="Kaiming He. Deep residual learning.">x</a>')
