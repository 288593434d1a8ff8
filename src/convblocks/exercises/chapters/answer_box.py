"""The book's answer box for a numeric exercise: checked in the browser, without a kernel.

The box carries SHA-256 hashes of 'salt:answer' for the right answer and for each typical
wrong one (with its message in English and Chinese), never the numbers themselves. The
page script book/_exercises/cb-exercises/answers.js (copied to _static/ by the book build)
hashes what the reader types the same way, and writes its labels in the page's language,
from the tables below (the box carries both; the script runs after cb-common.js).
"""
import html
import json

from convblocks import language
from convblocks.book.browser import script_tags
from convblocks.exercises.chapters.numeric import GENERIC, digest



# Every text of the box; '{n}' is the number the reader typed, grouped by thousands.
EN = {
    'label': 'Your answer',
    'check': 'Check',
    'right': 'Correct: {n} is right.',
    'wrong': 'Not yet: {n} is not it. ',
    'empty': 'Type a number first.',
    'not_number': 'Give a whole number, e.g. 1234 or 1,234.',
    'no_crypto': 'This browser cannot check answers here: it needs a secure page '
                 '(https or a local file).',
}

ZH = {
    'label': '你的答案',
    'check': '检查',
    'right': '正确：{n} 是对的。',
    'wrong': '还不对：{n} 不是答案。',
    'empty': '请先输入一个数。',
    'not_number': '请输入一个整数，例如 1234 或 1,234。',
    'no_crypto': '此浏览器无法在这里检查答案（需要安全页面：https 或本地文件）。',
}

STRINGS = {'en': EN, 'zh': ZH}


def salt(exercise):
    return f'convblocks/{exercise.chapter}/{exercise.number}'


def html_for(exercise):
    """The answer box of a numeric exercise, with its deferred scripts.

    Its stylesheet is part of the book's one stylesheet (html_css_files in _config.yml).
    """
    key = salt(exercise)
    wrong = {digest(key, w.value): {'en': w.en, 'zh': w.zh} for w in exercise.wrong()}
    box_id = f'cb-answer-{exercise.chapter}-{exercise.number}'
    generic_en, generic_zh = GENERIC[exercise.kind]
    data = {'salt': key, 'right': digest(key, exercise.answer()), 'wrong': wrong,
            'generic': {'en': generic_en, 'zh': generic_zh}, 'strings': STRINGS}
    text = STRINGS[language.current()]
    answer = html.escape(json.dumps(data, ensure_ascii=False))
    return (f'{script_tags("answers.js")}'
            f'<form class="cb-answer" data-answer="{answer}">'
            f'<label for="{box_id}" class="cb-answer-label">{text["label"]}</label> '
            f'<input id="{box_id}" type="text" inputmode="numeric" autocomplete="off" '
            f'spellcheck="false"> '
            f'<button type="submit" class="cb-answer-button">{text["check"]}</button>'
            f'<p class="cb-answer-verdict" role="status" aria-live="polite"></p></form>')
