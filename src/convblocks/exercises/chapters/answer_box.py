"""The book's answer box for a numeric exercise: checked in the browser, without a kernel.

The box carries SHA-256 hashes of 'salt:answer' for the right answer and for each typical
wrong one (with its message in English and Chinese), never the numbers themselves. The
page script book/_exercises/cb-exercises/answers.js (copied to _static/ by the book build)
hashes what the reader types the same way, and writes its labels in the page's language.
"""
import html
import json

from convblocks import language
from convblocks.exercises.chapters.numeric import GENERIC, digest

STATIC = '../_static/cb-exercises/'   # chapter pages live in book/, one level below the root
# The box's label and button as the page is built (answers.js rewrites them for the page).
LABELS = {'en': {'answer': 'Your answer', 'check': 'Check'},
          'zh': {'answer': '你的答案', 'check': '检查'}}


def salt(exercise):
    return f'convblocks/{exercise.chapter}/{exercise.number}'


def html_for(exercise):
    """The answer box of a numeric exercise, with its deferred script.

    Its stylesheet is part of the book's one stylesheet (html_css_files in _config.yml).
    """
    key = salt(exercise)
    wrong = {digest(key, w.value): [w.en, w.zh] for w in exercise.wrong()}
    box_id = f'cb-answer-{exercise.chapter}-{exercise.number}'
    labels = LABELS[language.current()]
    data = {'salt': key, 'right': digest(key, exercise.answer()), 'wrong': wrong,
            'generic': list(GENERIC[exercise.kind])}
    return (f'<script src="{STATIC}answers.js" defer></script>'
            f'<form class="cb-answer" data-answer="{html.escape(json.dumps(data))}">'
            f'<label for="{box_id}" class="cb-answer-label">{labels["answer"]}</label> '
            f'<input id="{box_id}" type="text" inputmode="numeric" autocomplete="off" '
            f'spellcheck="false"> '
            f'<button type="submit" class="cb-answer-button">{labels["check"]}</button>'
            f'<p class="cb-answer-verdict" role="status" aria-live="polite"></p></form>')
