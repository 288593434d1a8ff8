"""The "why" questions: one per block chapter, exactly one right statement, every statement
explained in English and Chinese, the book's form keeps the answer out of the page, and every
observation computes what the explanations claim."""
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from convblocks import blocks
from convblocks.counting import CONV, layer_params, params
from convblocks.exercises.chapters import why_form, why_observe
from convblocks.exercises.chapters.why import WhyError, answer_why, observe, why
from convblocks.exercises.chapters.why_questions import QUESTIONS, UI

BOOK = Path(__file__).resolve().parents[1] / 'book'
BLOCK_CHAPTERS = ['bottleneck', 'inception', 'residual', 'resnext', 'dense',
                  'squeeze_excitation', 'nasnet', 'inverted_residual']
HAN = re.compile(r'[\u4e00-\u9fff]')
CODE = re.compile(r'`[^`]+`')
NUMBER = re.compile(r'\d+(?:[.,]\d+)*')
QS = [QUESTIONS[c] for c in BLOCK_CHAPTERS]


@pytest.fixture(autouse=True)
def notebook_not_book(monkeypatch):
    monkeypatch.delenv('CONVBLOCKS_BOOK', raising=False)


def texts(question):
    """(English, Chinese) pairs of the question and of every statement and explanation."""
    pairs = [(question.en, question.zh)]
    for o in question.options:
        pairs += [(o.en, o.zh), (o.why_en, o.why_zh)]
    return pairs


def test_every_block_chapter_has_one_question_and_half_observe():
    assert sorted(QUESTIONS) == sorted(BLOCK_CHAPTERS)
    assert sum(q.observe for q in QS) >= 4
    assert {q.chapter for q in QS if q.observe} == set(why_observe.OBSERVATIONS)


@pytest.mark.parametrize('question', QS, ids=lambda q: q.chapter)
def test_exactly_one_right_statement_and_every_one_explained_in_both_languages(question):
    assert 3 <= len(question.options) <= 4
    assert sum(o.right for o in question.options) == 1
    for en, zh in texts(question):
        assert en.strip() and zh.strip()
        assert not HAN.search(en), en
        assert HAN.search(zh), zh
        assert sorted(CODE.findall(en)) == sorted(CODE.findall(zh)), (en, zh)
        assert not set(NUMBER.findall(en)) - set(NUMBER.findall(zh)), (en, zh)
    explanations = [o.why_en for o in question.options]
    assert len(set(explanations)) == len(explanations)
    assert not any('`' in o.why_en + o.why_zh for o in question.options)   # shown as text


def test_right_letters_are_spread_over_the_options():
    assert len({q.right_letter for q in QS}) >= 3


def test_ui_texts_exist_in_both_languages():
    assert UI['en'].keys() == UI['zh'].keys()
    assert all(HAN.search(UI['zh'][k]) for k in UI['zh'])


@pytest.mark.parametrize('question', QS, ids=lambda q: q.chapter)
def test_answer_why_gives_the_verdict_and_the_statements_own_explanation(question):
    for letter, option in zip(question.letters, question.options):
        answer = answer_why(question.chapter, letter)
        assert bool(answer) == option.right
        assert option.why_en in answer.text
        assert answer.text.startswith('Right' if option.right else 'Not this one')
        assert '\n' not in answer.text
    assert bool(answer_why(question.chapter, f' {question.right_letter.upper()}) '))


def test_the_question_lists_its_statements_and_says_how_to_answer():
    shown = why('residual')
    for x, option in zip(QUESTIONS['residual'].letters, QUESTIONS['residual'].options):
        assert f'{x}) {option.en}' in shown.text
        assert option.why_en not in shown.text and option.why_en not in shown.html
    assert "answer_why('residual', '<letter>')" in shown.text
    assert 'Replace None' in answer_why('residual', None).text


@pytest.mark.parametrize('call, words', [
    (lambda: why('resnet'), 'no "why" question for \'resnet\''),
    (lambda: why(3), 'no "why" question for 3'),
    (lambda: answer_why('residual', 'e'), "Choose one of 'a', 'b', 'c', 'd'"),
    (lambda: answer_why('residual', 2), 'you gave 2'),
    (lambda: answer_why('residual', ['a']), "you gave ['a']"),
    (lambda: observe('nasnet'), 'has no computation to run'),
])
def test_wrong_arguments_get_one_sentence(call, words):
    with pytest.raises(WhyError) as error:
        call()
    message = str(error.value)
    assert words in message and '\n' not in message and message.endswith('.')
    assert error.value._render_traceback_() == [f'WhyError: {message}']


# --- the book's form ----------------------------------------------------------------------

class Text(HTMLParser):
    """The text of an HTML fragment and the values of its attributes."""

    def __init__(self):
        super().__init__()
        self.text, self.attributes = [], []

    def handle_data(self, data):
        self.text.append(data)

    def handle_starttag(self, tag, attrs):
        self.attributes += [value or '' for _, value in attrs]


def parsed(fragment):
    parser = Text()
    parser.feed(fragment)
    return ' '.join(parser.text), ' '.join(parser.attributes)


@pytest.mark.parametrize('question', QS, ids=lambda q: q.chapter)
def test_the_form_keeps_verdicts_and_explanations_out_of_the_page(question):
    form = why_form.form_html(question)
    text, attributes = parsed(form)
    for option in question.options:
        for explanation in (option.why_en, option.why_zh):
            for sentence in re.split(r'(?<=[.。])\s*', explanation):
                if len(sentence) > 12:
                    assert sentence not in text and sentence not in attributes
    # moving the right statement changes the scrambled records only
    other = next(x for x in question.letters if x != question.right_letter)
    moved = replace(question, options=tuple(
        replace(o, right=(x == other)) for x, o in zip(question.letters, question.options)))
    without_data = re.compile(r'data-why="[^"]*"')
    assert without_data.sub('', form) == without_data.sub('', why_form.form_html(moved))


@pytest.mark.parametrize('question', QS, ids=lambda q: q.chapter)
def test_each_record_unscrambles_to_its_verdict_and_explanations(question):
    form = why_form.form_html(question)
    data = json.loads(re.search(r'data-why="([^"]*)"', form).group(1).replace('&quot;', '"'))
    assert data['ui'] == {lang: {k: UI[lang][k] for k in ('choose', 'right', 'wrong')}
                          for lang in UI}
    for letter, option in zip(question.letters, question.options):
        key = f"{data['salt']}:{letter}"
        assert json.loads(why_form.unscramble(key, data['options'][letter])) == [
            option.right, option.why_en, option.why_zh]


def test_scrambling_round_trips_and_depends_on_the_key():
    text = 'F(x) ≥ 0 且增益介于 0 和 1 之间'
    blob = why_form.scramble('k:a', text)
    assert why_form.unscramble('k:a', blob) == text
    assert text not in blob and why_form.scramble('k:b', text) != blob


def test_the_form_has_both_languages_marked_and_an_accessible_structure():
    form = why_form.form_html(QUESTIONS['dense'])
    assert form.count('<fieldset>') == 1 and '<legend>' in form
    assert form.count('type="radio"') == 4 and form.count('<label for="cb-why-dense-') == 4
    assert 'role="status"' in form and 'aria-live="polite"' in form
    assert form.count('lang="en"') == form.count('lang="zh-CN"') == 6
    assert 'why.js' in form and 'http' not in form


def test_in_the_book_why_outputs_the_form_and_observe_folds(monkeypatch):
    monkeypatch.setenv('CONVBLOCKS_BOOK', '1')
    assert '<form class="cb-why"' in why('nasnet').html
    assert answer_why('nasnet', None) is None
    folded = observe('squeeze_excitation').html
    assert folded.startswith('<details class="cb-why-observe">') and 'lang="zh-CN"' in folded


# --- the observations show what the explanations say -------------------------------------

def test_residual_blocks_with_a_relu_at_the_end_only_raise_values():
    facts = why_observe.residual_stack()
    article, resnet = facts['article'], facts['resnet']
    assert all(share == 0 for share in article['lowered'])
    means = [facts['input mean']] + article['means']
    assert all(b > a for a, b in zip(means, means[1:]))          # c: rises at every block
    assert all(share > 0.1 for share in resnet['lowered'])       # ResNet's order lowers some


def test_grouping_divides_weights_and_keeps_each_output_in_its_group():
    facts = why_observe.grouped_conv()
    c = facts['channels']
    for row in facts['rows']:
        assert row['weights'] == 9 * c * c // row['groups'] == layer_params(
            CONV, 3, c // row['groups'], c // row['groups'], bias=False) * row['groups']
        assert row['inside changes it'] and not row['outside changes it']


def test_densenet_b_costs_more_early_and_saves_ever_more_later():
    facts = why_observe.dense_bottleneck()
    saved = [row['saved'] for row in facts['rows']]
    assert saved[0] < 0 < saved[-1]
    assert all(b > a for a, b in zip(saved, saved[1:]))
    k = facts['growth']
    for row in facts['rows']:                       # the explanation's threshold C > 7.2 k
        assert (row['saved'] > 0) == (row['reads'] > 7.2 * k)
    from convblocks.quiet import keras
    layer_in = keras.Input((8, 8, facts['rows'][3]['reads']))
    keras_count = keras.Model(layer_in, keras.layers.Conv2D(k, 3, use_bias=False)(layer_in))
    assert keras_count.count_params() == facts['rows'][3]['3x3 alone']


def test_se_gains_are_per_channel_and_ignore_where_things_are():
    facts = why_observe.se_shuffle()
    assert facts['one gain per channel']
    assert 0 < facts['lowest gain'] < facts['highest gain'] < 1
    assert facts['difference'] < 1e-5


def test_a_relu_after_the_projection_would_zero_a_large_share():
    facts = why_observe.linear_projection()
    assert 0.3 < facts['negative projected'] < 0.7
    assert facts['zeros after a ReLU'] == pytest.approx(facts['negative projected'], abs=1e-3)


def test_the_bottleneck_explanations_numbers():
    f = 256
    full = layer_params(CONV, 3, f, f, bias=False)
    assert full == 16 * layer_params(CONV, 3, f // 4, f // 4, bias=False)    # b: r = 4
    for r in (2, 4, 8):                                                       # d: r >= 2
        assert params(blocks.bottleneck, f=f, r=r, bias=False) < full
    assert params(blocks.bottleneck, f=f, r=2, bias=False) == 3.25 * f * f
    assert params(blocks.bottleneck, f=f, r=1, bias=False) > full


@pytest.mark.parametrize('chapter', sorted(why_observe.OBSERVATIONS))
def test_observe_prints_its_report(chapter):
    shown = observe(chapter)
    assert shown.text.splitlines() == why_observe.report(chapter)
    assert shown.html.startswith('<details class="cb-why-observe">')
    assert 'lang=' not in shown.html                   # English only in a notebook


# --- the notebooks ---------------------------------------------------------------------------

def cells(chapter):
    return json.loads((BOOK / f'{chapter}.ipynb').read_text())['cells']


@pytest.mark.parametrize('question', QS, ids=lambda q: q.chapter)
def test_the_notebook_asks_first_in_its_exercises(question):
    chapter = question.chapter
    found = cells(chapter)
    ids = [c['id'] for c in found]
    sources = {c['id']: ''.join(c['source']) for c in found}
    exercises = next(i for i, c in enumerate(found) if c['cell_type'] == 'markdown'
                     and sources[c['id']].startswith('## Exercises'))
    start = ids.index(f'{chapter}-40')
    first_numbered = next(i for i, c in enumerate(found) if sources[c['id']].startswith('### 1.'))
    assert exercises < start < first_numbered
    assert sources[f'{chapter}-40'].startswith('### First, a question')
    assert '](#cite:t:' in sources[f'{chapter}-40']   # a citation (book/_theme/citation_links.py)
    assert sources[f'{chapter}-41'].endswith(f'why({chapter!r})')
    assert sources[f'{chapter}-42'].endswith(f'answer_why({chapter!r}, None)')
    assert (f'{chapter}-44' in ids) == question.observe
    if question.observe:
        assert sources[f'{chapter}-44'] == f'observe({chapter!r})'
    assert len(set(ids)) == len(ids)
