"""End-of-chapter exercises: every reference passes, typical wrong answers fail with their own
message, equivalent blocks pass, stubs are 'not attempted yet', and nothing leaks."""
import json
import re
from pathlib import Path

import nbformat
import pytest
from keras.layers import add

from convblocks.book import reveal
from convblocks.aliases import conv
from convblocks.exercises.chapters import answer_box, check, hint, numeric, solution
from convblocks.exercises.chapters.catalog import CHAPTERS, EXERCISES, find
from convblocks.quiet import keras

BOOK = Path(__file__).resolve().parents[1] / 'book'
NUMERIC = [e for e in EXERCISES if e.numeric]
BUILD = [e for e in EXERCISES if not e.numeric]


def name(exercise):
    return f'{exercise.chapter}-{exercise.number}'


def test_every_block_chapter_has_two_to_four_exercises_mixing_kinds():
    assert set(CHAPTERS) == {'bottleneck', 'inception', 'residual', 'resnext', 'dense',
                             'squeeze_excitation', 'nasnet', 'inverted_residual'}
    for chapter in CHAPTERS:
        kinds = [e.kind for e in EXERCISES if e.chapter == chapter]
        assert 2 <= len(kinds) <= 4 and 'build' in kinds and set(kinds) - {'build'}
    assert {e.kind for e in EXERCISES} == {'params', 'macs', 'channels', 'budget', 'build'}


# --- numeric answers ----------------------------------------------------------------------

@pytest.mark.parametrize('exercise', NUMERIC, ids=name)
def test_numeric_answer_passes_and_typical_wrong_answers_get_their_own_message(exercise):
    answer = exercise.answer()
    assert exercise.check(answer).passed
    assert exercise.check(f'{answer:,}').passed and exercise.check(f' {answer} ').passed
    wrong = exercise.wrong()
    assert len(wrong) >= 3
    assert answer not in [w.value for w in wrong]
    messages = []
    for mistake in wrong:
        verdict = exercise.check(mistake.value)
        assert verdict.status == 'fail'
        assert mistake.en in verdict.message
        assert mistake.zh and mistake.zh != mistake.en
        messages.append(verdict.message)
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize('exercise', NUMERIC, ids=name)
def test_numeric_unanswered_and_malformed(exercise):
    assert exercise.check(None).status == 'todo'
    assert 'whole number' in exercise.check('twelve').message
    assert 'whole number' in exercise.check(12.5).message
    assert exercise.check(True).status == 'fail'
    other = exercise.check(exercise.answer() + 1)
    assert other.status == 'fail' and other.message


def test_numeric_messages_name_the_term_that_is_off():
    biases = 'You left out the biases: one per filter (12 + 12 + 48 = 72).'
    assert str(find('bottleneck', 1).check(2448)) == f'Not yet: 2,448 is not it. {biases}'
    assert 'f//r = 12 channels in and out, not f = 48' in str(find('bottleneck', 1).check(21996))
    assert 'f//3 = 16 channels, not f//r = 12' in str(find('inception', 2).check(25560))


def test_budget_answers_are_judged_beyond_the_listed_mistakes():
    widest = find('residual', 3)
    assert widest.answer() == 84
    assert 'over 8,000' in widest.check(88).message          # 8,360 parameters
    assert 'a larger one does too' in widest.check(80).message
    assert 'multiple of r = 4' in widest.check(85).message
    paths = find('resnext', 3)
    assert paths.answer() == 20                              # 17,440 parameters; c = 40: 17,600
    assert 'over 17,500' in paths.check(40).message
    assert 'must divide 80' in paths.check(33).message


def test_solution_of_a_numeric_exercise_is_worked_from_the_built_model():
    text = solution('bottleneck', 1)._repr_mimebundle_()['text/html']
    assert 'The answer: <b>2,520</b>' in text
    assert all(v in text for v in ('588', '1,308', '624'))   # the three convs, from layer_table


# --- change-the-block answers -------------------------------------------------------------

from fixtures.reader_forms import EQUIVALENT, WRONG  # noqa: E402




@pytest.mark.parametrize('exercise', BUILD, ids=name)
def test_reference_passes_and_three_wrong_blocks_fail_with_their_own_message(exercise):
    assert exercise.check(exercise.reference).passed
    wrong = WRONG[exercise.chapter, exercise.number]
    assert len(wrong) >= 3
    messages = []
    for fn, expected in wrong:
        verdict = exercise.check(fn)
        assert verdict.status == 'fail', fn.__name__
        assert expected in verdict.message, (fn.__name__, verdict.message)
        messages.append(verdict.message)
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize('key, fn', EQUIVALENT, ids=lambda v: getattr(v, '__name__', ''))
def test_equivalent_blocks_pass(key, fn):
    verdict = find(*key).check(fn)
    assert verdict.passed, verdict.message


@pytest.mark.parametrize('exercise', BUILD, ids=name)
def test_an_unfilled_stub_is_not_attempted_yet(exercise):
    def stub(*args, **kwargs):
        raise NotImplementedError
    stub.__signature__ = __import__('inspect').signature(exercise.reference)
    verdict = exercise.check(stub)
    assert verdict.status == 'todo' and not verdict.passed
    assert str(verdict).startswith('Not attempted yet')


def test_bad_functions_get_one_sentence():
    exercise = find('bottleneck', 3)
    assert exercise.check(3).message == ('check needs your function itself, e.g. '
                                         'check(..., my_bottleneck), not an int.')
    assert 'returns None' in exercise.check(lambda x, f=32, r=4, k=3: None).message
    assert 'keep the signature my_bottleneck(x, f=32, r=4, k=3)' in \
        exercise.check(lambda x, f=32: x).message
    assert 'returns a list of 2 items' in exercise.check(lambda x, f=32, r=4, k=3: [x, x]).message

    def crashes(x, f=32, r=4, k=3):
        return conv(x, f // 0)
    verdict = exercise.check(crashes)
    assert 'raised ZeroDivisionError in `return conv(x, f // 0)`' in verdict.message


def test_the_check_builds_channels_last_whatever_the_global_state():
    keras.config.set_image_data_format('channels_first')
    try:
        assert find('bottleneck', 3).check(find('bottleneck', 3).reference).passed
        assert keras.config.image_data_format() == 'channels_first'
    finally:
        keras.config.set_image_data_format('channels_last')


def test_inception_3a_pass_reports_googlenet_figures_that_the_prose_quotes():
    verdict = find('inception', 3).check(find('inception', 3).reference)
    note = verdict.notes[-1]
    assert '163,328 weights' in note and '128,049,152 multiply-accumulates' in note
    prose = ''.join(c.source for c in nbformat.read(BOOK / 'inception.ipynb', 4).cells
                    if 'exercises' in c.metadata.get('tags', []))
    assert '163,328 weights' in prose and '128,049,152' in prose


# --- hidden until asked -------------------------------------------------------------------

def _secret(exercise):
    """Text that only the solution holds."""
    if exercise.numeric:
        return f'The answer: <b>{exercise.answer():,}</b>'
    return exercise.reference.__doc__.split('\n')[0]


@pytest.mark.parametrize('exercise', EXERCISES, ids=name)
def test_outside_the_book_check_shows_pointers_only(exercise, monkeypatch):
    monkeypatch.delenv(reveal.BOOK, raising=False)
    bundle = check(exercise.chapter, exercise.number)._repr_mimebundle_()
    text = json.dumps(bundle)
    assert _secret(exercise) not in text and exercise.hint not in text
    ask = f"{exercise.chapter!r}, {exercise.number}"
    assert f'run hint({ask}) to see it' in bundle['text/plain']
    assert f'run solution({ask}) to see it' in bundle['text/plain']
    assert _secret(exercise) in solution(exercise.chapter, exercise.number).html
    assert exercise.hint in hint(exercise.chapter, exercise.number).html


@pytest.mark.parametrize('exercise', EXERCISES, ids=name)
def test_in_the_book_hint_and_solution_are_closed_dropdowns(exercise, monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '1')
    page = check(exercise.chapter, exercise.number).html
    assert page.count('<details class="cb-folded">') == 2 and '<details open' not in page
    assert exercise.hint in page
    assert ('<form class="cb-answer"' in page) == exercise.numeric


@pytest.mark.parametrize('path', sorted(BOOK.glob('*.ipynb')), ids=lambda p: p.stem)
def test_stored_notebooks_hold_no_hint_or_solution(path):
    text = path.read_text()
    for exercise in EXERCISES:
        assert exercise.hint not in text and json.dumps(exercise.hint)[1:-1] not in text
        assert _secret(exercise) not in text


@pytest.mark.parametrize('exercise', NUMERIC, ids=name)
def test_the_answer_box_holds_hashes_not_numbers(exercise):
    page = answer_box.html_for(exercise)
    data = json.loads(re.search(r'data-answer="([^"]*)"', page).group(1).replace('&quot;', '"'))
    key = answer_box.salt(exercise)
    assert data['right'] == numeric.digest(key, exercise.answer())
    assert set(data['wrong']) == {numeric.digest(key, w.value) for w in exercise.wrong()}
    readable = re.sub(r'[0-9a-f]{64}', '', page)
    grouped = re.escape(f'{exercise.answer():,}')
    assert not re.search(rf'(?<![\d,]){grouped}(?!\d|,\d)', readable)
    assert not re.search(rf'(?<![\d,]){exercise.answer()}(?![\d,])', readable)


# --- the notebooks ------------------------------------------------------------------------

@pytest.mark.parametrize('chapter', CHAPTERS)
def test_each_chapter_ends_with_its_tagged_exercises(chapter):
    cells = nbformat.read(BOOK / f'{chapter}.ipynb', 4).cells
    tagged = [i for i, c in enumerate(cells) if 'exercises' in c.metadata.get('tags', [])]
    assert tagged == list(range(tagged[0], len(cells)))
    assert cells[tagged[0]].source.startswith('## Exercises')
    checked = {int(n) for c in cells[tagged[0]:]
               for n in re.findall(rf"check\('{chapter}', (\d+)", c.source)}
    assert checked == {e.number for e in EXERCISES if e.chapter == chapter}
    for cell in cells[tagged[0]:]:
        if 'reader-answer' in cell.metadata.get('tags', []):
            assert 'raise NotImplementedError' in cell.source
        if cell.cell_type == 'markdown' and 'explore(' in cell.source:
            assert '```python' in cell.source or '`explore(' in cell.source


@pytest.mark.parametrize('chapter', CHAPTERS)
def test_the_nbconvert_export_holds_no_hint_or_solution(chapter):
    from nbconvert import HTMLExporter
    page, _ = HTMLExporter().from_filename(str(BOOK / f'{chapter}.ipynb'))
    import html
    assert f"run <code>hint('{chapter}', 1)</code> to see it" in html.unescape(page)
    for exercise in (e for e in EXERCISES if e.chapter == chapter):
        assert exercise.hint not in page and _secret(exercise) not in page
        if exercise.numeric:
            assert 'cb-answer' not in page


def test_an_activation_written_as_a_keras_op_passes_too():
    def resnet_block(x, f=32, r=4):
        m = conv(conv(x, f // r, k=1), f // r, k=3)
        m = conv(m, f, k=1, a=None)
        return keras.ops.relu(add([x, m]))
    assert find('residual', 2).check(resnet_block).passed


def test_the_dense_follow_up_question_is_answered_within_its_explore_calls():
    """DenseNet-B's 1x1 convs save parameters from d = 14 on (f = 32, 32 input channels)."""
    from convblocks import counting
    from convblocks.counting import CONV, layer_params

    def dense_b(d, f=32, channels=32):
        return sum(layer_params(CONV, 1, channels + i * f, 4 * f) + layer_params(CONV, 3, 4 * f, f)
                   for i in range(d))
    first = next(d for d in range(1, 100)
                 if dense_b(d) < counting.params('dense_block', channels=32, f=32, d=d))
    assert first == 14
    prose = ''.join(c.source for c in nbformat.read(BOOK / 'dense.ipynb', 4).cells
                    if 'exercises' in c.metadata.get('tags', []))
    tried = re.findall(r'^explore\((dense_b_block|dense_block)[^\n]*d=\(([\d, ]+)\)', prose, re.M)
    assert {name for name, _ in tried} == {'dense_b_block', 'dense_block'}
    assert all(str(first) in values.split(', ') for _, values in tried)
