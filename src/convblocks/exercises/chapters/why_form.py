"""The book's form for a "why" question: radio buttons, a Check button, checked without a kernel.

The page carries the question and the statements in both languages (each in an element with
its `lang`; book/_exercises/cb-exercises/why.css shows the page's own and why.js removes the
other). Which statement is right, and every explanation, are not in the page's text: each
statement's verdict and explanations are stored scrambled, XOR-ed with a byte stream seeded
by the question and the statement's letter. That is not encryption (anyone who reads why.js
can undo it); it keeps the answer out of sight, out of search and out of the page's text until
the reader checks a choice, when why.js unscrambles that one statement's record.
"""
import base64
import html
import json
import re

from convblocks import language
from convblocks.book.browser import script_tags
from convblocks.exercises.chapters.why_questions import UI

LANGS = {'en': 'en', 'zh': 'zh-CN'}


def salt(question):
    return f'convblocks/why/{question.chapter}'


def _seed(text):
    """32-bit FNV-1a of the UTF-8 text (never 0: xorshift needs a non-zero state)."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value or 1


def _stream(seed, length):
    """`length` bytes of xorshift32 from `seed` (why.js computes the same)."""
    state, out = seed, bytearray()
    for _ in range(length):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(state & 0xFF)
    return out


def scramble(key, text):
    data = text.encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(_seed(key), len(data)))))\
        .decode()


def unscramble(key, blob):
    data = base64.b64decode(blob)
    return bytes(a ^ b for a, b in zip(data, _stream(_seed(key), len(data)))).decode()


def record(question, letter):
    """What the page stores for one statement: its verdict and explanations, scrambled."""
    option = question.option(letter)
    plain = json.dumps([option.right, option.why_en, option.why_zh], ensure_ascii=False)
    return scramble(f'{salt(question)}:{letter}', plain)


def inline(text):
    """Escaped HTML of a question's text, with `code` in backticks as <code>."""
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(text, quote=False))


def both(en, zh, tag='span'):
    """The same text in both languages, each marked with its lang."""
    return (f'<{tag} lang="{LANGS["en"]}">{inline(en)}</{tag}>'
            f'<{tag} lang="{LANGS["zh"]}">{inline(zh)}</{tag}>')


def form_html(question):
    """The form of `question`, with its deferred script (its style is part of book.css)."""
    name = f'cb-why-{question.chapter}'
    options = ''.join(
        f'<div class="cb-why-option"><input type="radio" name="{name}" id="{name}-{x}" '
        f'value="{x}"><label for="{name}-{x}"><span class="cb-why-letter">{x})</span> '
        f'{both(o.en, o.zh)}</label></div>'
        for x, o in zip(question.letters, question.options))
    data = {'salt': salt(question), 'options': {x: record(question, x)
                                                for x in question.letters},
            'ui': {lang: {k: UI[lang][k] for k in ('choose', 'right', 'wrong')}
                   for lang in UI}}
    return (f'{script_tags("why.js")}'
            f'<form class="cb-why" data-why="{html.escape(json.dumps(data))}">'
            f'<fieldset><legend>{both(question.en, question.zh)}</legend>{options}</fieldset>'
            f'<button type="submit">{both(UI["en"]["check"], UI["zh"]["check"])}</button>'
            f'<div class="cb-why-verdict" role="status" aria-live="polite"></div></form>')


def observe_html(parts, both_languages=True):
    """An observation's printout, folded under a title (in both languages for the book): its
    lines of text as preformatted text, its result tables (show.Table) as HTML tables."""
    body, lines = [], []
    for part in [*parts, None]:
        if isinstance(part, str):
            lines.append(part)
            continue
        text = '\n'.join(lines).strip('\n')
        if text:
            body.append(f'<pre>{html.escape(text)}</pre>')
        lines = []
        if part is not None:
            body.append(part._repr_html_())
    title = (both(UI['en']['observe'], UI['zh']['observe']) if both_languages
             else html.escape(UI[language.current()]['observe']))
    return f'<details class="cb-why-observe"><summary>{title}</summary>{"".join(body)}</details>'
