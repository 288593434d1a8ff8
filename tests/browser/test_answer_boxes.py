"""The book's answer boxes in Chromium: every numeric exercise's right answer and typical wrong
answers get the same verdict (and message) as the Python check, in English and in Chinese;
the box works from the keyboard and its verdict is announced (a live region)."""
import shutil
from pathlib import Path

import pytest

from convblocks.exercises.chapters import answer_box
from convblocks.exercises.chapters.catalog import EXERCISES
from convblocks.exercises.chapters.numeric import GENERIC

ROOT = Path(__file__).resolve().parents[2]
NUMERIC = [e for e in EXERCISES if e.numeric]


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    """A page per language holding every answer box, laid out like the built book, opened
    from the disk as a reader of the offline book would (file:// is a secure context)."""
    folder = tmp_path_factory.mktemp('site')
    shutil.copytree(ROOT / 'book' / '_exercises', folder / '_static')
    shutil.copy(ROOT / 'src' / 'convblocks' / 'book' / 'cb-common.js', folder / '_static')
    (folder / 'book').mkdir()
    boxes = ''.join(f'<section id="{e.chapter}-{e.number}">{answer_box.html_for(e)}</section>'
                    for e in NUMERIC)
    for lang in ('en', 'zh-CN'):
        (folder / 'book' / f'{lang}.html').write_text(
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head>'
            f'<body>{boxes}</body></html>', encoding='utf-8')
    return folder.as_uri() + '/'


def answer(section, text):
    section.locator('input').fill(text)
    section.locator('button').click()
    verdict = section.locator('.cb-answer-verdict')
    verdict.locator('xpath=self::*[@data-status]').wait_for()
    status = verdict.get_attribute('data-status')
    message = verdict.text_content()
    section.page.evaluate('s => s.querySelector(".cb-answer-verdict").removeAttribute('
                          '"data-status")', section.element_handle())
    return status, message


@pytest.fixture(scope='module')
def english(chromium, site):
    page = chromium.new_page()
    page.goto(site + 'book/en.html')
    yield page
    page.close()


@pytest.mark.parametrize('exercise', NUMERIC, ids=lambda e: f'{e.chapter}-{e.number}')
def test_the_page_agrees_with_python(english, exercise):
    section = english.locator(f'#{exercise.chapter}-{exercise.number}')
    right = exercise.answer()
    assert answer(section, f'{right:,}') == ('pass', f'Correct: {right:,} is right.')
    for mistake in exercise.wrong():
        python = exercise.check(mistake.value)
        status, message = answer(section, str(mistake.value))
        assert status == python.status == 'fail'
        assert message == f'Not yet: {python.message}'
    status, message = answer(section, str(right + 1))
    assert status == 'fail' and GENERIC[exercise.kind][0] in message


def test_labels_keyboard_and_live_region(english):
    section = english.locator('#bottleneck-1')
    label = section.locator('label')
    assert label.text_content() == 'Your answer'
    assert english.get_by_label('Your answer').first.get_attribute('id') == 'cb-answer-bottleneck-1'
    assert section.locator('.cb-answer-verdict').get_attribute('aria-live') == 'polite'
    section.locator('input').fill('2 448')
    section.locator('input').press('Enter')
    verdict = section.locator('.cb-answer-verdict[data-status="fail"]')
    verdict.wait_for()
    assert 'You left out the biases' in verdict.text_content()
    assert answer(section, 'lots') == ('fail', 'Give a whole number, e.g. 1234 or 1,234.')


def test_chinese_page_speaks_chinese(chromium, site):
    page = chromium.new_page()
    try:
        page.goto(site + 'book/zh-CN.html')
        section = page.locator('#bottleneck-1')
        assert section.locator('label').text_content() == '你的答案'
        assert section.locator('button').text_content() == '检查'
        assert answer(section, '2520') == ('pass', '正确：2,520 是对的。')
        assert answer(section, '２，５２０') == ('pass', '正确：2,520 是对的。')
        wrong = next(w for w in NUMERIC[0].wrong() if w.value == 2448)
        assert answer(section, '2448') == ('fail', f'还不对：2,448 不是答案。{wrong.zh}')
    finally:
        page.close()


SPELLINGS = ['2520', '2,520', ' 2 520 ', '2\u00a0520', '2\u202f520', "2'520", '2_520',
             '２５２０', '２，５２０', '2\u3000520', '002520', '2520.0', '-2520', '+2520', '²',
             '①', '٢٥٢٠', '2.520', '9' * 5000, '1' * 30, '1' * 31, '2 52 0x', '']


def test_the_box_accepts_the_spellings_python_accepts(english):
    """Python's check and the page's box take and refuse the same spellings of a number."""
    exercise = NUMERIC[0]
    section = english.locator(f'#{exercise.chapter}-{exercise.number}')
    for text in SPELLINGS:
        python = exercise.check(text) if text else None
        status, message = answer(section, text)
        if python is None:
            assert status == 'todo'
            continue
        assert status == python.status, (text[:40], status, python.message)
        refused = 'Give a whole number' in python.message
        assert refused == ('Give a whole number' in message), text[:40]
