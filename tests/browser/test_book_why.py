"""The "why" questions on the built pages, in Chromium: in English and Chinese, at 390 and
1280 px, no explanation is on the page before a check; a wrong choice then the right one (the
right one chosen from the keyboard) show their verdicts and explanations in the page's
language; the form fits the width and its text meets WCAG AA in the light and dark themes.
Screenshots land in artifacts/why/."""
import re
from pathlib import Path

import pytest

from contrast import too_faint
from convblocks.exercises.chapters.why_questions import QUESTIONS, UI

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / 'artifacts' / 'why'
CHAPTERS = ['bottleneck', 'inception', 'residual', 'resnext', 'dense', 'squeeze_excitation',
            'nasnet', 'inverted_residual']
EDITIONS = {'en': '', 'zh': 'zh/'}


def sentences(text):
    return [s for s in re.split(r'(?<=[.。；;:：])\s*', text) if len(s) > 15]


@pytest.fixture
def page_at(chromium, served_book):
    opened = []

    def open_page(chapter, lang, width):
        page = chromium.new_page(viewport={'width': width, 'height': 900})
        opened.append(page)
        page.goto(f'{served_book}{EDITIONS[lang]}book/{chapter}.html')
        page.locator('form.cb-why').wait_for()
        page.wait_for_load_state('load')
        return page

    yield open_page
    for page in opened:
        page.close()


def check(form):
    form.locator('button[type="submit"]').click()
    verdict = form.locator('.cb-why-verdict[data-status]')
    verdict.wait_for()
    status, text = verdict.get_attribute('data-status'), verdict.inner_text()
    form.evaluate('f => f.querySelector(".cb-why-verdict").removeAttribute("data-status")')
    return status, text


@pytest.mark.parametrize('width', [390, 1280])
@pytest.mark.parametrize('lang', ['en', 'zh'])
@pytest.mark.parametrize('chapter', CHAPTERS)
def test_wrong_then_right_with_their_explanations(page_at, chapter, lang, width):
    question, ui = QUESTIONS[chapter], UI[lang]
    page = page_at(chapter, lang, width)
    form = page.locator('form.cb-why')
    explanation = {x: (o.why_zh if lang == 'zh' else o.why_en)
                   for x, o in zip(question.letters, question.options)}

    body = page.locator('body').inner_text()
    for text in explanation.values():
        assert not any(s in body for s in sentences(text)), 'an explanation is on the page'
    shown = form.inner_text()
    assert (question.zh if lang == 'zh' else question.en).split('`')[0][:20] in shown
    assert (question.en if lang == 'zh' else question.zh).split('`')[0][:20] not in shown
    assert form.evaluate('f => f.getBoundingClientRect().right') <= width
    assert form.evaluate('f => f.scrollWidth <= f.clientWidth + 1')

    assert check(form) == ('todo', ui['choose'])
    wrong = next(x for x in question.letters if x != question.right_letter)
    form.locator(f'label[for="cb-why-{chapter}-{wrong}"]').click()
    status, text = check(form)
    assert status == 'fail'
    assert text == f"{ui['wrong'].format(letter=wrong)} {explanation[wrong]}"

    steps = question.letters.index(question.right_letter) - question.letters.index(wrong)
    form.locator(f'#cb-why-{chapter}-{wrong}').focus()
    for _ in range(abs(steps)):
        page.keyboard.press('ArrowDown' if steps > 0 else 'ArrowUp')
    assert form.locator('input:checked').get_attribute('value') == question.right_letter
    page.keyboard.press('Tab')
    assert page.evaluate('document.activeElement.type') == 'submit'
    page.keyboard.press('Enter')
    verdict = form.locator('.cb-why-verdict[data-status="pass"]')
    verdict.wait_for()
    right = question.right_letter
    assert verdict.inner_text() == f"{ui['right'].format(letter=right)} {explanation[right]}"

    assert not too_faint(form), 'light theme'
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.screenshot(path=str(SHOTS / f'{chapter}-{lang}-{width}-light.png'))
    page.evaluate('document.documentElement.dataset.theme = "dark"')
    assert not too_faint(form), 'dark theme'
    if width == 390:
        form.screenshot(path=str(SHOTS / f'{chapter}-{lang}-{width}-dark.png'))


@pytest.mark.parametrize('lang', ['en', 'zh'])
@pytest.mark.parametrize('chapter', [c for c in CHAPTERS if QUESTIONS[c].observe])
def test_the_observation_is_folded_and_titled_in_the_pages_language(page_at, chapter, lang):
    page = page_at(chapter, lang, 390)
    folded = page.locator('details.cb-why-observe')
    assert folded.count() == 1
    assert folded.get_attribute('open') is None
    summary = folded.locator('summary')
    assert summary.inner_text() == UI[lang]['observe']
    summary.click()
    assert folded.locator('pre').is_visible()
    for theme in ('light', 'dark'):
        page.evaluate(f'document.documentElement.dataset.theme = "{theme}"')
        assert not too_faint(folded), theme


@pytest.mark.parametrize('lang', ['en', 'zh'])
def test_the_built_pages_hold_no_explanation_and_load_why_js_only_with_a_question(built_book,
                                                                                   lang):
    folder = built_book / EDITIONS[lang] / 'book'
    for page in sorted(folder.glob('*.html')):
        source = page.read_text()
        chapter = page.stem
        assert source.count('cb-exercises/why.js') == (chapter in CHAPTERS), page.name
        if chapter not in CHAPTERS:
            continue
        assert source.count('<form class="cb-why"') == 1
        for option in QUESTIONS[chapter].options:
            for text in (option.why_en, option.why_zh):
                assert not any(s in source for s in sentences(text)), (page.name, text[:40])
