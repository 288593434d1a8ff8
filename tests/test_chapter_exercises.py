"""End-of-chapter exercises: every reference passes, typical wrong answers fail with their own
message, equivalent blocks pass, stubs are 'not attempted yet', and nothing leaks."""
import json
import re
from pathlib import Path

import nbformat
import pytest
from keras import layers
from keras.layers import add, concatenate

from convblocks.book import reveal
from convblocks.aliases import avgpool, conv, maxpool, sepconv
from convblocks.blocks import se_block
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
    biases = 'You left out the biases: one per filter (8 + 8 + 64 = 80).'
    assert str(find('bottleneck', 1).check(1600)) == f'Not yet: 1,600 is not it. {biases}'
    assert 'f//r = 8 channels in and out, not f = 64' in str(find('bottleneck', 1).check(38024))
    assert 'f//3 = 10 channels, not f//r = 8' in str(find('inception', 2).check(11408))


def test_budget_answers_are_judged_beyond_the_listed_mistakes():
    widest = find('residual', 3)
    assert widest.answer() == 64
    assert 'over 5,000' in widest.check(68).message          # 5,015 parameters
    assert 'a larger one does too' in widest.check(60).message
    assert 'multiple of r = 4' in widest.check(65).message
    paths = find('resnext', 3)
    assert paths.answer() == 32
    assert 'over 12,000' in paths.check(64).message
    assert 'must divide 64' in paths.check(33).message


def test_solution_of_a_numeric_exercise_is_worked_from_the_built_model():
    text = solution('bottleneck', 1)._repr_mimebundle_()['text/html']
    assert 'The answer: <b>1,680</b>' in text
    assert all(v in text for v in ('520', '584', '576'))   # the three convs, from layer_table


# --- change-the-block answers -------------------------------------------------------------

def _k_fixed(x, f=32, r=4, k=3):
    x = conv(x, f // r, k=1)
    x = conv(x, f // r, k=3)
    return conv(x, f, k=1)


def _middle_f(x, f=32, r=4, k=3):
    x = conv(x, f // r, k=1)
    x = conv(x, f, k=k)
    return conv(x, f, k=1)


def _no_expand(x, f=32, r=4, k=3):
    x = conv(x, f // r, k=1)
    return conv(x, f // r, k=k)


def _raw_layers_bottleneck(x, f=32, r=4, k=3):   # equivalent: raw Keras layers
    x = layers.Conv2D(f // r, 1, padding='same', activation='relu')(x)
    x = layers.Conv2D(f // r, k, padding='same', activation='relu')(x)
    return layers.Conv2D(f, 1, padding='same', activation='relu')(x)


def _3a_swapped(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):
    a = conv(x, f1, k=1)
    b = conv(conv(x, f3, k=1), f3r, k=3)
    c = conv(conv(x, f5r, k=1), f5, k=5)
    return concatenate([a, b, c, conv(maxpool(x, k=3, s=1), fp, k=1)])


def _3a_no_pool_proj(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):
    a = conv(x, f1, k=1)
    b = conv(conv(x, f3r, k=1), f3, k=3)
    c = conv(conv(x, f5r, k=1), f5, k=5)
    return concatenate([a, b, c, maxpool(x, k=3, s=1)])


def _3a_default_pool(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):
    a = conv(x, f1, k=1)
    b = conv(conv(x, f3r, k=1), f3, k=3)
    c = conv(conv(x, f5r, k=1), f5, k=5)
    return concatenate([a, b, c, conv(maxpool(x, s=1), fp, k=1)])


def _3a_reordered(x, f1=64, f3r=96, f3=128, f5r=16, f5=32, fp=32):   # equivalent
    d = conv(maxpool(x, k=3, s=1), fp, k=1)
    c = conv(conv(x, f5r, k=1), f5, k=5)
    return concatenate([d, c, conv(conv(x, f3r, k=1), f3, k=3), conv(x, f1, k=1)])


def _resnet_relu_before(x, f=32, r=4):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1)
    return layers.ReLU()(add([x, m]))


def _resnet_no_relu(x, f=32, r=4):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1, a='linear')
    return add([x, m])


def _resnet_no_skip(x, f=32, r=4):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1, a='linear')
    return layers.ReLU()(m)


def _resnet_activation_layers(x, f=32, r=4):   # equivalent: linear conv + Activation layers
    m = layers.Activation('relu')(conv(x, f // r, k=1, a=None))
    m = conv(m, f // r, k=3)
    m = conv(m, f, k=1, a=None)
    return layers.Activation('relu')(add([m, x]))


def _grouped_no_groups(x, f=32, r=2, c=4):
    w = f // (c * r)
    m = conv(x, c * w, k=1)
    m = conv(m, c * w, k=3)
    return add([x, conv(m, f, k=1)])


def _grouped_width_f(x, f=32, r=2, c=4):
    m = conv(x, f, k=1)
    m = layers.Conv2D(f, 3, padding='same', groups=c, activation='relu')(m)
    return add([x, conv(m, f, k=1)])


def _grouped_no_bias(x, f=32, r=2, c=4):
    w = f // (c * r)
    m = conv(x, c * w, k=1)
    m = layers.Conv2D(c * w, 3, padding='same', groups=c, activation='relu', use_bias=False)(m)
    return add([x, conv(m, f, k=1)])


def _dense_b_no_1x1(x, f=32, d=5):
    stack = x
    for _ in range(d):
        stack = concatenate([stack, conv(stack, f)])
    return stack


def _dense_b_1x1_to_f(x, f=32, d=5):
    stack = x
    for _ in range(d):
        stack = concatenate([stack, conv(conv(stack, f, k=1), f)])
    return stack


def _dense_b_stacks_bottleneck(x, f=32, d=5):
    stack = x
    for _ in range(d):
        stack = concatenate([stack, conv(stack, 4 * f, k=1)])
    return stack


def _dense_b_one_step_short(x, f=32, d=5):
    stack = x
    for _ in range(d - 1):
        stack = concatenate([stack, conv(conv(stack, 4 * f, k=1), f)])
    return stack


def _se_res_on_input(x, f=32, r=4, rate=16):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1)
    return add([se_block(x, f, rate), m])


def _se_res_after_add(x, f=32, r=4, rate=16):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1)
    return se_block(add([x, m]), f, rate)


def _se_res_wrong_rate(x, f=32, r=4, rate=16):
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1)
    return add([x, se_block(m, f, 16)])


def _se_res_inline(x, f=32, r=4, rate=16):   # equivalent: SE written out, operands swapped
    m = conv(conv(conv(x, f // r, k=1), f // r, k=3), f, k=1)
    s = layers.GlobalAveragePooling2D()(m)
    s = layers.Dense(f // rate, activation='relu')(s)
    s = layers.Dense(f, activation='sigmoid')(s)
    return add([layers.multiply([s, m]), x])


def _cell(x1, x2, f):
    a = add([sepconv(x1, f, k=3), sepconv(x1, f, k=5)])
    b = add([avgpool(x1, k=3, s=1), avgpool(x1, k=3, s=1)])
    c = add([x1, avgpool(x2, k=3, s=1)])
    d = add([sepconv(x2, f, k=5), sepconv(x1, f, k=3)])
    e = add([x2, sepconv(x2, f, k=3)])
    return a, b, c, d, e


def _nasnet_unchanged(x1, x2, f=32):
    return concatenate(list(_cell(x1, x2, f)))


def _nasnet_with_x2(x1, x2, f=32):
    return concatenate([x2, *_cell(x1, x2, f)])


def _nasnet_sepconv_x1(x1, x2, f=32):
    return concatenate([sepconv(x1, f), *_cell(x1, x2, f)])


def _nasnet_reordered(x1, x2, f=32):   # equivalent: x1 last
    return concatenate([*_cell(x1, x2, f), x1])


def _mbv2_relu(x, f=32, r=4, s=1):
    m = conv(x, f * r, k=1)
    m = layers.DepthwiseConv2D(3, strides=s, padding='same', activation='relu')(m)
    m = conv(m, f, k=1, a='linear')
    return add([m, x]) if s == 1 else m


def _mbv2_always_skip(x, f=32, r=4, s=1):
    m = conv(x, f * r, k=1, a='relu6')
    m = layers.DepthwiseConv2D(3, strides=s, padding='same', activation='relu6')(m)
    m = conv(m, f, k=1, a='linear')
    return add([m, x])


def _mbv2_stride_ignored(x, f=32, r=4, s=1):
    m = conv(x, f * r, k=1, a='relu6')
    m = layers.DepthwiseConv2D(3, padding='same', activation='relu6')(m)
    m = conv(m, f, k=1, a='linear')
    return add([m, x]) if s == 1 else m


def _mbv2_relu_layers(x, f=32, r=4, s=1):   # equivalent: ReLU(max_value=6) layers
    m = layers.ReLU(max_value=6)(conv(x, f * r, k=1, a=None))
    m = layers.DepthwiseConv2D(3, strides=s, padding='same')(m)
    m = layers.ReLU(6.0)(m)
    m = conv(m, f, k=1, a=None)
    return add([x, m]) if s == 1 else m


WRONG = {
    ('bottleneck', 3): [(_k_fixed, 'has kernel size 3; it should have kernel size 5 (k)'),
                        (_middle_f, 'has 32 (f) filters; it should have 8 (f//r)'),
                        (_no_expand, '(after the 1x1 Conv2D, 5x5 Conv2D), your block is missing 1 '
                                    'layer: 1x1 Conv2D')],
    ('inception', 3): [(_3a_swapped, 'has 128 (f3) filters; it should have 96 (f3r)'),
                       (_3a_no_pool_proj, '(after the 3x3 MaxPooling2D), your block is '
                                          'missing 1 layer: 1x1 Conv2D'),
                       (_3a_default_pool, 'MaxPooling2D at the start of the chain in input 4 '
                                          'of the concatenation before the output has kernel '
                                          'size 2; it should have kernel size 3')],
    ('residual', 2): [(_resnet_relu_before, "uses activation 'relu'; it should use 'linear'"),
                      (_resnet_no_relu, 'your block is missing 1 layer: relu activation'),
                      (_resnet_no_skip, 'where the reference has 1 (relu activation). Your '
                                        "chain starts from the input x, the reference's from "
                                        'an add')],
    ('resnext', 2): [(_grouped_no_groups, 'has groups=1; it should have groups=4 (c)'),
                     (_grouped_width_f, 'has 64 (f) filters; it should have 32'),
                     (_grouped_no_bias, 'has use_bias=False')],
    ('dense', 3): [(_dense_b_no_1x1, '(before the 3x3 Conv2D), your block is missing 1 '
                                     'layer: 1x1 Conv2D'),
                   (_dense_b_1x1_to_f, 'has 8 (f) filters; it should have 32 (4*f)'),
                   (_dense_b_stacks_bottleneck, '(after the 1x1 Conv2D), your block is missing '
                                                 '1 layer: 3x3 Conv2D'),
                   (_dense_b_one_step_short, 'your block has the input x; the reference has '
                                             'a concatenation')],
    ('squeeze_excitation', 3): [(_se_res_on_input, 'In input 1 of the add before the output, '
                                                   'your block has 3 layers'),
                                (_se_res_after_add, 'your block has a multiply; the reference has '
                                                    'an add'),
                                (_se_res_wrong_rate, 'has 6 units; it should have 12 (f//rate)')],
    ('nasnet', 3): [(_nasnet_unchanged, 'combines 5 tensors; it should combine 6'),
                    (_nasnet_with_x2, 'your block has the input x2; the reference has '
                                      'the input x1'),
                    (_nasnet_sepconv_x1, 'your block has 1 layer (3x3 SeparableConv2D) where '
                                         'the reference has none: it takes the input x1')],
    ('inverted_residual', 3): [(_mbv2_relu, "uses activation 'relu'; it should use 'relu6'"),
                               (_mbv2_always_skip, 'raised ValueError in `return add([m, x])`'),
                               (_mbv2_stride_ignored, 'has strides 1; it should have strides '
                                                      '2 (s)')],
}
EQUIVALENT = {('bottleneck', 3): _raw_layers_bottleneck, ('inception', 3): _3a_reordered,
              ('residual', 2): _resnet_activation_layers,
              ('squeeze_excitation', 3): _se_res_inline, ('nasnet', 3): _nasnet_reordered,
              ('inverted_residual', 3): _mbv2_relu_layers}


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


@pytest.mark.parametrize('key', EQUIVALENT, ids=lambda k: f'{k[0]}-{k[1]}')
def test_equivalent_blocks_pass(key):
    verdict = find(*key).check(EQUIVALENT[key])
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
    assert f'{exercise.answer():,}' not in readable
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
            assert '```python' in cell.source


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
