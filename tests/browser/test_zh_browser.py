"""The Chinese edition in Chromium: Chinese text is drawn with one installed CJK font (no tofu,
no second font within a line), pages request nothing outside the site, the language switch
works over HTTP and from file://, keeps the #anchor and is on the search and index pages too,
emphasis is upright, theme labels are Chinese, no English words are left on any zh page, and
screenshots at 1280 and 390 px land in artifacts/zh/."""
import json
import re
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


def test_switch_keeps_the_anchor_both_ways(tab, served_book):
    tab.goto(f'{served_book}book/resnext.html#in-real-networks')
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}zh/book/resnext.html#in-real-networks')
    assert tab.evaluate('document.getElementById("in-real-networks") !== null')
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}book/resnext.html#in-real-networks')


def test_switch_without_javascript_opens_the_page(chromium, served_book):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f'{served_book}zh/book/dense.html#the-code')
    page.locator('nav.lang-switch a').click()
    page.wait_for_url(f'{served_book}book/dense.html')
    context.close()


@pytest.mark.parametrize('page_name', ['search', 'genindex'])
def test_search_and_index_pages_switch_too(tab, served_book, page_name):
    tab.goto(f'{served_book}zh/{page_name}.html')
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}{page_name}.html')
    tab.locator('nav.lang-switch a').click()
    tab.wait_for_url(f'{served_book}zh/{page_name}.html')


def test_zh_emphasis_is_upright_with_emphasis_dots(tab, served_book):
    tab.goto(f'{served_book}zh/book/resnext.html')
    style = tab.evaluate('''() => {
        const em = [...document.querySelectorAll('article em')]
            .find(e => /[\\u4e00-\\u9fff]/.test(e.textContent));
        const s = getComputedStyle(em);
        return [s.fontStyle, s.textEmphasisStyle || s.webkitTextEmphasisStyle];
    }''')
    assert style[0] == 'normal' and style[1] not in ('', 'none'), style


def test_theme_tooltips_and_labels_are_chinese(tab, served_book):
    tab.goto(f'{served_book}zh/book/resnext.html')
    labels = tab.evaluate('''() => [...document.querySelectorAll(
        '[title], [aria-label], [data-bs-title], [placeholder]')]
        .filter(e => !e.closest('[lang^="en"]') && !e.closest('a.reference'))
        .flatMap(e => ['title', 'aria-label', 'data-bs-title', 'placeholder']
            .map(a => e.getAttribute(a)).filter(v => v && /[A-Za-z]{3}/.test(v)
                && !/[\\u4e00-\\u9fff]/.test(v)))''')
    assert not labels, labels
    assert tab.locator('[title="打印为 PDF"], [data-bs-title="打印为 PDF"]').count() >= 1 or \
        '打印为 PDF' in tab.content()


# --- English words on the zh pages -----------------------------------------------------------
# What a Chinese reader sees on every zh page, with the hints and solutions opened and the
# AmoebaNet form after a wrong and a right attempt, must be Chinese outside code, code names
# and references. A token counts as English when it is a plain lowercase word, or a
# capitalized word that the English edition's prose also writes in lowercase and never
# capitalizes inside a sentence (an ordinary word, not a name: 'Hint', 'Total', 'Main';
# 'Inception' is a name). Names keep their form: tokens with a capital
# inside, a digit, '_', '.', '=' or '/' (ResNeXt, ReLU6, inv_residual_block, keras.layers,
# groups=c) are code names or product names, and so are the code names the glossary lists
# (conv, sepconv, add, rate, ...: book/glossary.md's code column) written without backticks.
# Left out: code (pre, code, kbd, samp, cell inputs), math, the
# references (the bibliography, a 参考文献 section, citation links and the surnames before
# 等人), the language switch (written in English on purpose, lang="en"), a table column headed
# "English" (the glossary's), and an English term glossed in full-width parentheses
# ('普通单元（normal cell）').
ALLOWED_WORDS = {'notebook', 'softmax', 'sigmoid', 'swish', 'top', 'scikit', 'learn',
                 'nbval', 'slim'}
LATIN = 'A-Za-zÀ-ÖØ-öø-ÿ'
TOKEN = re.compile(rf"[{LATIN}0-9_./=-]*[{LATIN}][{LATIN}0-9_./='-]*")


def glossary_code_names():
    text = (ROOT / 'book' / 'glossary.md').read_text()
    return {name for span in re.findall(r'`([^`]+)`', text)
            for name in re.findall(r'[A-Za-z_]\w*', span)}


CODE_NAMES = glossary_code_names()
GLOSS = re.compile(r'（[A-Za-z][A-Za-z ,;/-]*）')
CODE_SPAN = re.compile(r'`[^`]+`')   # code written in backticks in a plain-text output
CITED = re.compile(r"[A-Z][\w'-]+(?: 和 [A-Z][\w'-]+)? 等人")

VISIBLE_TEXT = '''() => {
  const skip = 'pre, code, kbd, samp, script, style, noscript, template, math, .math, ' +
    'mjx-container, .cell_input, .bibliography, .citation, a.reference[href^="#id"], ' +
    '[lang^="en"], .headerlink';
  const out = [];
  const left = new Set();      // 参考文献 sections and the cells of a column headed "English"
  for (const s of document.querySelectorAll('section')) {
    const h = s.querySelector(':scope > h2, :scope > h3');
    if (h && /参考文献/.test(h.textContent)) left.add(s);
  }
  for (const table of document.querySelectorAll('table')) {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const column = heads.indexOf('English');
    if (column < 0) continue;
    for (const row of table.querySelectorAll('tr')) {
      if (row.cells[column]) left.add(row.cells[column]);
    }
  }
  const isLeft = (el) => { for (const l of left) if (l.contains(el)) return true; return false; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !/[A-Za-z]/.test(text) || !parent || parent.closest(skip) || isLeft(parent))
      continue;
    if (!parent.checkVisibility({visibilityProperty: true})) continue;
    const where = parent.closest('details, .cell_output, .cb-explorer, .amoeba-attempt-form, ' +
      'svg, article, nav, header, footer, aside, .bd-sidebar-primary, .bd-sidebar-secondary');
    const label = where ? (where.tagName.toLowerCase() + (where.className && typeof
      where.className === 'string' ? '.' + where.className.split(' ')[0] : '')) : 'body';
    out.push([label, text]);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt]')) {
    if (el.closest('[lang^="en"], a.reference[href^="#id"]')) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v && /[A-Za-z]/.test(v)) out.push([el.tagName.toLowerCase() + '@' + a, v]);
    }
  }
  return out;
}'''


@pytest.fixture(scope='module')
def english_vocabulary(built_book):
    """Ordinary words of the English edition's prose (outside code): those it writes in
    lowercase, less those it capitalizes after a lowercase word (names such as Inception)."""
    from bs4 import BeautifulSoup
    lower, names = set(), set()
    for name in CHAPTERS[:-1]:
        html = BeautifulSoup((built_book / f'{name}.html').read_text(), 'html.parser')
        body = html.select_one('article')
        for kept in body.select('pre, code, script, style, .cell_input, .cell_output'):
            kept.decompose()
        text = body.get_text(' ')
        lower |= set(re.findall(r'\b[a-z]{2,}\b', text))
        names |= {w.lower() for w in re.findall(r'\b[a-z]+,? ([A-Z][a-z]+)\b', text)}
    return lower - names


def english_words(text, vocabulary):
    """The English words in one visible text of a zh page."""
    text = CITED.sub(' ', GLOSS.sub('。', CODE_SPAN.sub(' ', text)))
    found = []
    for match in TOKEN.finditer(text):
        if text[match.end():match.end() + 1] == '(':
            continue        # a call, e.g. explore(..., channels=32): code
        word = match.group().strip(".'-/")
        if (not word.isalpha() or re.search(r'[A-Z]', word[1:]) or word in CODE_NAMES
                or word.lower() in ALLOWED_WORDS):
            continue        # a code name, a product name, a number with a unit, or allowed
        if word.islower() and len(word) > 1 or word[0].isupper() and word.lower() in vocabulary:
            found.append(word)
    return found


def test_the_english_word_finder_finds_english_and_leaves_names():
    vocabulary = {'hint', 'total', 'the', 'main'}
    assert english_words('Hint for exercise 1', vocabulary) == ['Hint', 'for', 'exercise']
    assert english_words('Total: 1,024', vocabulary) == ['Total']
    assert english_words('ResNeXt 模块把 inv_residual_block、ReLU6 与 Keras 组合', vocabulary) == []
    assert english_words('普通单元（normal cell）由 He 等人（2016）提出', vocabulary) == []
    assert english_words('groups=c 的卷积、conv → ReLU、f / rate', vocabulary) == []
    assert english_words('Paul-Louis Pröve 2018 年的文章', vocabulary) == []
    assert english_words('替换 `raise NotImplementedError`，或用 explore(f=8) 固定',
                         vocabulary) == []
    assert english_words('The bottleneck needs 8.5 times fewer weights', vocabulary) == [
        'The', 'needs', 'times', 'fewer', 'weights']      # 'bottleneck' is a code name


def open_everything(page):
    page.evaluate('''() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        for (const b of document.querySelectorAll('button.toggle-button')) b.click();
    }''')


def amoeba_attempts(page):
    """Texts of the AmoebaNet form after a wrong and after a right attempt."""
    from convblocks.exercises.amoeba import attempt
    data = attempt.attempt_data()
    right = {'sums': data['answer'], 'concat': list(data['concatenated'])}
    wrong = json.loads(json.dumps(right))
    wrong['concat'] = wrong['concat'][1:]
    texts = []
    for choices in (wrong, right):
        page.locator('.amoeba-attempt-form').evaluate('''(form, choices) => {
            for (const [name, branches] of Object.entries(choices.sums)) {
              branches.forEach(([op, source], i) => {
                const where = `[data-sum="${name}"][data-branch="${i + 1}"]`;
                form.querySelector(`select${where}[data-part="op"]`).value = op;
                form.querySelector(`select${where}[data-part="input"]`).value = source;
              });
            }
            for (const box of form.querySelectorAll('input[type=checkbox]'))
              box.checked = choices.concat.includes(box.value);
            form.querySelector('.amoeba-attempt-check').click();
        }''', choices)
        texts += page.evaluate(VISIBLE_TEXT)
    return texts


ZH_EVERY_PAGE = CHAPTERS + ['search', 'genindex']


def test_no_english_words_on_any_zh_page(chromium, served_book, english_vocabulary):
    report = {}
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    for name in ZH_EVERY_PAGE:
        page.goto(f'{served_book}zh/{name}.html', wait_until='networkidle')
        open_everything(page)
        texts = page.evaluate(VISIBLE_TEXT)
        if name == 'book/amoebanet' and page.locator('.amoeba-attempt-form').count():
            texts += amoeba_attempts(page)
        for where, text in texts:
            words = english_words(text, english_vocabulary)
            if words:
                report.setdefault(f'{name} [{where}]', {}).setdefault(text[:120], words)
    page.close()
    lines = [f'{place}: {text!r} {words}' for place, texts in report.items()
             for text, words in texts.items()]
    (SHOTS.parent).mkdir(parents=True, exist_ok=True)
    (SHOTS.parent / 'zh-english-strings.txt').write_text('\n'.join(lines) + '\n')
    assert not lines, f'{len(lines)} English strings on zh pages:\n' + '\n'.join(lines[:400])
