"""The Chinese edition in Chromium: Chinese text is drawn with one installed CJK font (no tofu,
no second font within a line), pages request nothing outside the site, the language switch
works over HTTP and from file://, and screenshots at 1280 and 390 px land in artifacts/zh/."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / 'artifacts' / 'zh'
PAGES = ['book/intro', 'book/resnext', 'book/amoebanet']
CHAPTERS = ['book/intro', 'book/aliases', 'book/bottleneck', 'book/inception', 'book/residual',
            'book/resnext', 'book/dense', 'book/squeeze_excitation', 'book/nasnet',
            'book/inverted_residual', 'book/networks', 'book/amoebanet', 'book/comparison',
            'book/closing',
            'book/glossary']
CJK_FONT = 'Noto Sans CJK SC'


@pytest.fixture
def tab(chromium):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    yield page
    page.close()


def rendered_fonts(page, selector):
    """{font family: glyph count} Chromium used to draw the text of the first `selector`."""
    session = page.context.new_cdp_session(page)
    session.send('DOM.enable')
    session.send('CSS.enable')
    root = session.send('DOM.getDocument', {'depth': -1})['root']['nodeId']
    node = session.send('DOM.querySelector', {'nodeId': root, 'selector': selector})['nodeId']
    assert node, f'nothing matches {selector}'
    fonts = session.send('CSS.getPlatformFontsForNode', {'nodeId': node})['fonts']
    session.detach()
    return {font['familyName']: font['glyphCount'] for font in fonts}


@pytest.mark.parametrize('name', PAGES)
@pytest.mark.parametrize('selector', ['article h1', 'article section > p'])
def test_chinese_text_is_drawn_with_one_cjk_font(tab, served_book, name, selector):
    tab.goto(f'{served_book}zh/{name}.html')
    text = tab.locator(selector).first.inner_text()
    assert any('\u4e00' <= char <= '\u9fff' for char in text), text
    fonts = rendered_fonts(tab, selector)
    assert list(fonts) == [CJK_FONT], f'{name} {selector}: drawn with {fonts}'
    assert tab.evaluate('f => document.fonts.check(f, "残差模块")', f'16px "{CJK_FONT}"')


@pytest.mark.parametrize('name', CHAPTERS)
def test_zh_page_requests_nothing_outside_the_site(tab, served_book, requests_leaving, name):
    urls = []
    tab.on('request', lambda request: urls.append(request.url))
    tab.goto(f'{served_book}zh/{name}.html', wait_until='networkidle')
    assert not requests_leaving(urls, served_book)


def test_switch_goes_to_chinese_and_back_over_http(tab, served_book):
    tab.goto(f'{served_book}book/resnext.html')
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}zh/book/resnext.html')
    assert tab.evaluate('document.documentElement.lang').startswith('zh')
    assert 'ResNeXt 模块' in tab.locator('article h1').inner_text()
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}book/resnext.html')
    assert tab.evaluate('document.documentElement.lang') == 'en'


def test_switch_works_from_file_urls(tab, built_book):
    start = (built_book / 'zh' / 'book' / 'amoebanet.html').as_uri()
    tab.goto(start)
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url((built_book / 'book' / 'amoebanet.html').resolve().as_uri())
    assert tab.evaluate('document.documentElement.lang') == 'en'


@pytest.mark.parametrize('width', [1280, 390])
def test_screenshots_of_the_zh_pages(chromium, served_book, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={'width': width, 'height': 900})
    for name in PAGES:
        page.goto(f'{served_book}zh/{name}.html', wait_until='networkidle')
        path = SHOTS / f'{name.split("/")[-1]}-{width}.png'
        page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
        # nothing wider than the screen at 390 px: no sideways scrolling of the page itself
        assert page.evaluate('document.documentElement.scrollWidth') <= width
    page.close()


def test_zh_search_page_finds_a_chinese_word(tab, served_book):
    tab.goto(f'{served_book}zh/search.html?q=残差')
    results = tab.locator('#search-results ul.search li')
    results.first.wait_for(timeout=10_000)
    titles = ' '.join(results.all_inner_texts())
    assert '残差模块' in titles
