"""The book's answer box for a numeric exercise: checked in the browser, without a kernel.

The box carries SHA-256 hashes of 'salt:answer' for the right answer and for each typical
wrong one (with its message in English and Chinese), never the numbers themselves. The
page script book/_exercises/cb-exercises/answers.js (copied to _static/ by the book build)
hashes what the reader types the same way, and writes its labels in the page's language.
"""
import html
import json

from convblocks.exercises.chapters.numeric import GENERIC, digest

STATIC = '../_static/cb-exercises/'   # chapter pages live in book/, one level below the root


def salt(exercise):
    return f'convblocks/{exercise.chapter}/{exercise.number}'


def html_for(exercise):
    """The answer box of a numeric exercise, with its deferred script.

    Its stylesheet is part of the book's one stylesheet (html_css_files in _config.yml).
    """
    key = salt(exercise)
    wrong = {digest(key, w.value): [w.en, w.zh] for w in exercise.wrong()}
    box_id = f'cb-answer-{exercise.chapter}-{exercise.number}'
    data = {'salt': key, 'right': digest(key, exercise.answer()), 'wrong': wrong,
            'generic': list(GENERIC[exercise.kind])}
    return (f'<script src="{STATIC}answers.js" defer></script>'
            f'<form class="cb-answer" data-answer="{html.escape(json.dumps(data))}">'
            f'<label for="{box_id}" class="cb-answer-label">Your answer</label> '
            f'<input id="{box_id}" type="text" inputmode="numeric" autocomplete="off" '
            f'spellcheck="false"> '
            f'<button type="submit" class="cb-answer-button">Check</button>'
            f'<p class="cb-answer-verdict" role="status" aria-live="polite"></p></form>')
