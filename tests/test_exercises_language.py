"""The exercises speak the package's language: under language.using('zh') every check, hint,
solution and verdict a reader meets has no English sentence left (only code, code names and
numbers), and follows the zh spacing rule; under 'en' nothing changed.

Each entry point is run as a reader runs it: chapter checks with a right, a typical wrong, a
generic wrong and an unreadable answer, block checks with the reference and with broken blocks,
the AmoebaNet checker with right and wrong cells, every hint and solution, in a notebook and in
the book (folded), and the "why" questions.
"""
import html
import importlib.util
import re
from pathlib import Path

import pytest
from keras import layers
from keras.layers import add, concatenate

from convblocks import language
from convblocks.aliases import conv, maxpool
from convblocks.book import reveal
from convblocks.building import sandbox
from convblocks.exercises import amoeba
from convblocks.exercises.amoeba import attempt, hints
from convblocks.exercises.amoeba.solution import amoeba_normal_cell
from convblocks.exercises.chapters import page, references, why
from convblocks.exercises.chapters.catalog import EXERCISES, find
from convblocks.exercises.chapters.why_questions import QUESTIONS
from fixtures.reader_forms import middle_f
from test_amoeba import WRONG_ATTEMPTS

HAN = re.compile(r'[\u4e00-\u9fff]')
TERMS = Path(__file__).resolve().parents[1] / 'locales' / 'terms.py'
# What is not prose: scripts and styles, the book's English twin of a text (lang="en": the page
# shows the one in its own language), listings, code spans, tags; then backticks, quoted values
# and Python calls.
CODE = [re.compile(p, re.S) for p in (r'<(script|style)\b.*?</\1>', r'<(\w+) lang="en">.*?</\1>',
                                      r'<pre.*?</pre>', r'<code>.*?</code>', r'<[^>]+>')]
QUOTED = re.compile(r"`[^`]*`|'[^'\n]*'|\"[^\"\n]*\"|\w+\([^()\n]*\)")
# Two or more English words in a row (two letters or more each, separated by spaces only).
WORD = r'(?<![\w.=/\-])[A-Za-z]{2,}[,;:.]?(?![\w=/(\-]|\.\w)'
ENGLISH_RUN = re.compile(rf'{WORD}(?: +{WORD})+')
HAN_CHARS = '\u4e00-\u9fff'
FULL_WIDTH = '（），。；：、“”！？'
BAD_SPACING = re.compile(rf'[{HAN_CHARS}][A-Za-z0-9]|[A-Za-z0-9][{HAN_CHARS}]'
                         rf'|[{HAN_CHARS}] +[{HAN_CHARS}]|[{FULL_WIDTH}] +| +[{FULL_WIDTH}]')


def prose(text):
    """`text` without code (each piece left out becomes a NUL): what a reader reads as prose."""
    for pattern in CODE:
        text = pattern.sub('\x00', text)
    return QUOTED.sub('\x00', html.unescape(text))


def english_runs(text):
    return ENGLISH_RUN.findall(prose(text))


def test_the_english_finder_finds_sentences_and_leaves_code():
    assert english_runs('Not yet: 2,521 is not it.') == ['Not yet:', 'is not it.']
    assert english_runs('<p>Hint for exercise 1</p>') == ['Hint for exercise']
    assert english_runs('还不对：你的第 2 个 Conv2D（3x3）用了 padding=\'valid\'。') == []
    assert english_runs('<pre>def f(x):\n    return conv(x, f)</pre>检查 check(fn)。') == []
    assert english_runs('Keras 无法把 h_{i-1} 和 keras.Input 相加') == []
    assert english_runs('请沿通道轴拼接（axis=-1，即默认值）。') == []


def outputs(shown):
    """Both texts a reader may see: the plain text and the HTML."""
    if shown is None:
        return []
    if hasattr(shown, '_repr_mimebundle_'):
        bundle = shown._repr_mimebundle_()
        return [bundle['text/plain'], bundle['text/html']]
    return [str(shown), shown._repr_html_()]


# --- readers' functions ----------------------------------------------------------------------

def one_layer_too_many(x, f=32, r=4, k=3):
    x = conv(x, f // r, k=1)
    x = conv(x, f // r, k=k)
    x = conv(x, f // r, k=1)
    return conv(x, f, k=1)


def shrinking(x, f=32, r=4):
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3, s=2)
    m = conv(m, f, k=1, a='linear')
    return layers.ReLU()(add([x, m]))


def returns_none(x, f=32, r=4, k=3):
    return None


def returns_list(x, f=32, r=4, k=3):
    return [x, x]


def not_written(x, f=32, r=4, k=3):
    raise NotImplementedError


def other_signature(x):
    return x


def huge_block(x, f=32, r=4, k=3):
    x = conv(x, 3_472_222, k=3)   # 10**9 weights: refused before anything is allocated
    return conv(x, f, k=1)


def interrupted(*args, **kwargs):
    raise KeyboardInterrupt


def endless(x, f=32, r=4, k=3):
    while True:
        pass


def relu_last(x, f=32, r=4):
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1)
    return add([x, m])


def wrong_widths(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):
    a = conv(x, f1, k=1)
    b = conv(x, f3, k=3)
    c = conv(conv(x, f5r, k=1), f5, k=5)
    d = conv(maxpool(x, k=3, s=1), fp, k=1)
    return concatenate([a, b, c, d])


def cells():
    """Wrong AmoebaNet cells (test_amoeba's, each with a different first problem), the right
    one, an interrupted one and a number."""
    return [amoeba_normal_cell, *(fn for fn, _ in WRONG_ATTEMPTS.values()), interrupted, 3]


# --- what a reader meets -----------------------------------------------------------------------

def chapter_outputs():
    for exercise in EXERCISES:
        ask = (exercise.chapter, exercise.number)
        yield from outputs(page.check(*ask, None))
        yield from outputs(page.hint(*ask))
        yield from outputs(page.solution(*ask))
        if exercise.numeric:
            answer = exercise.answer()
            given = [answer, answer + 1, 'abc', *(w.value for w in exercise.wrong())]
            for value in given:
                yield from outputs(page.check(*ask, value))
    for fn in (references.my_bottleneck, middle_f, one_layer_too_many, returns_none,
               returns_list, not_written, other_signature, interrupted, huge_block, 5):
        yield from outputs(page.check('bottleneck', 3, fn))
    for fn in (references.resnet_block, relu_last, shrinking):
        yield from outputs(page.check('residual', 2, fn))
    yield from outputs(page.check('inception', 3, references.inception_3a))
    yield from outputs(page.check('inception', 3, wrong_widths))
    yield from outputs(page.check('bottleneck', 3, endless, time_limit=0.5))
    for call in (lambda: find('nope', 1), lambda: find('dense', 9), lambda: find(1, None)):
        with pytest.raises((TypeError, ValueError)) as error:
            call()
        yield str(error.value)


def amoeba_outputs():
    for fn in cells():
        yield from outputs(amoeba.check(fn))
    for n in (1, 2, 3, 7):
        yield from outputs(hints.hint(n))
    yield from outputs(hints.folded_hints())
    yield from outputs(attempt.attempt_in_page())


def why_outputs():
    for chapter, question in QUESTIONS.items():
        yield from outputs(why.why(chapter))
        yield from outputs(why.answer_why(chapter))
        for letter in question.letters:
            yield from outputs(why.answer_why(chapter, letter))
    yield from outputs(why.observe('inverted_residual'))


ENTRY_POINTS = {'chapters': chapter_outputs, 'amoeba': amoeba_outputs, 'why': why_outputs}


@pytest.fixture(params=['notebook', 'book'])
def where(request, monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '1' if request.param == 'book' else '0')
    return request.param


@pytest.mark.parametrize('part', list(ENTRY_POINTS))
def test_zh_output_has_no_english_sentence_and_follows_the_spacing_rule(part, where):
    with language.using('zh'):
        texts = list(ENTRY_POINTS[part]())
    assert len(texts) > 20
    english = [(run, text[:80]) for text in texts for run in english_runs(text)]
    assert not english, '\n'.join(f'{run!r} in {text!r}' for run, text in english[:20])
    spacing = [(m.group(0), text[:80]) for text in texts
               for m in BAD_SPACING.finditer(prose(text))]
    assert not spacing, '\n'.join(f'{fault!r} in {text!r}' for fault, text in spacing[:20])
    untranslated = [text[:80] for text in texts if has_words(text) and not HAN.search(text)]
    assert not untranslated, untranslated
    variants = [(variant, text[:80]) for text in texts
                for variant, _ in glossary().variants_in(prose(text))]
    assert not variants, variants


def glossary():
    """locales/terms.py: the glossary's terms and the variants a Chinese text must not use."""
    spec = importlib.util.spec_from_file_location('terms', TERMS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def has_words(text):
    """True when a text has words at all outside code (numbers alone need no Chinese)."""
    return bool(re.search(r'[A-Za-z\u4e00-\u9fff]{2,}', prose(text)))


@pytest.mark.parametrize('part', list(ENTRY_POINTS))
def test_en_output_has_no_chinese(part, monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '1')    # folded: every hint and solution in full
    texts = list(ENTRY_POINTS[part]())
    assert language.current() == 'en'
    chinese = [text[:80] for text in texts if HAN.search(prose(text))
               and 'lang="zh-CN"' not in text]   # the book's why form carries both languages
    assert not chinese, chinese


def test_the_english_wording_is_the_one_readers_know(monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '0')
    assert page.hint('dense', 1).text == 'Hint for exercise 1'
    assert page.solution('dense', 1).text == 'Solution of exercise 1'
    lines = str(page.check('dense', 1, None)).splitlines()
    assert lines == ['Not attempted yet: replace None with your number and run this cell again.',
                     "Hint for exercise 1: run hint('dense', 1) to see it.",
                     "Solution of exercise 1: run solution('dense', 1) to see it."]
    assert 'The answer: <b>' in page.solution('dense', 1).html
    assert '<p><b>Total: ' in page.solution('dense', 1).html
    assert str(amoeba.check(amoeba_normal_cell)).startswith(
        'Correct: your cell matches the AmoebaNet-A normal cell')
    assert hints.folded_hints().text.splitlines()[0] == \
        'Hint 1: how to read the encoding: run hint(1) to see it.'
    assert str(page.check('bottleneck', 3, interrupted)) == \
        'Check interrupted; nothing was changed.'


def test_the_sandbox_speaks_the_language_too():
    """What explore() and block_model() say about a reader's broken block, in Chinese."""
    with language.using('zh'):
        texts = [str(sandbox.reader_failed('my_block', ValueError('boom'))),
                 str(sandbox.reader_failed('my_block', ValueError(''))),
                 str(pytest.raises(sandbox.ReaderCodeFailed, sandbox.require_tensor_output,
                                   'my_block', None).value),
                 str(pytest.raises(sandbox.ReaderCodeFailed, sandbox.require_tensor_output,
                                   'my_block', 3).value),
                 str(pytest.raises(TypeError, sandbox.require_time_limit, 'x', 'check').value)]
    assert texts[:2] == ['my_block 抛出了 ValueError：`boom`', 'my_block 抛出了 ValueError。']
    assert all(HAN.search(text) and not english_runs(text) for text in texts), texts
    assert str(sandbox.reader_failed('my_block', ValueError('boom'))) == \
        'my_block raised ValueError: boom'


def test_zh_uses_the_books_exercise_words(monkeypatch):
    """提示, 解答 for a solution, 答案 for the number, 检查: the words the zh pages use."""
    monkeypatch.setenv(reveal.BOOK, '0')
    with language.using('zh'):
        assert page.hint('dense', 1).text == '练习 1 的提示'
        assert page.solution('dense', 1).text == '练习 1 的解答'
        assert '<p>答案：<b>' in page.solution('dense', 1).html
        assert '合计：' in page.solution('dense', 1).html
        assert str(page.check('dense', 1, None)).splitlines()[1] == \
            "练习 1 的提示：运行 hint('dense', 1) 即可查看。"
        assert str(page.check('bottleneck', 3, interrupted)) == '检查已中断；没有任何改动。'
        assert str(amoeba.check(amoeba_normal_cell)).startswith('正确：你的单元与 AmoebaNet-A')
        assert hints.folded_hints().text.splitlines()[2] == '提示 3：解答：运行 hint(3) 即可查看。'
    assert language.current() == 'en'
