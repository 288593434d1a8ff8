"""Every exercise check runs the reader's code the same way: it stops, refuses huge layers
before allocating them, turns Ctrl-C into one line and leaves Keras' settings as it found them.
"""
import signal
import time

import pytest
from keras import layers

from convblocks.aliases import conv
from convblocks.exercises import amoeba
from convblocks.exercises.amoeba.solution import amoeba_normal_cell
from convblocks.exercises.chapters import check as chapter_check
from convblocks.exercises.chapters import references
from convblocks.quiet import keras

LIMIT = 1


def endless_block(x, f=32, r=4, k=3):
    while True:
        try:
            pass
        except Exception:   # a reader's broad except must not swallow the time limit
            pass


def endless_cell(x1, x2, f=32):
    while True:
        pass


def huge_block(x, f=32, r=4, k=3):
    x = conv(x, 3_472_222, k=3)   # 10**9 weights on the check's 32 input channels
    x = conv(x, f // r, k=1)
    return conv(x, f, k=1)


def huge_cell(x1, x2, f=32):
    return layers.SeparableConv2D(10**9 // f, 3, padding='same')(x1)


CHECKS = {
    'chapter': lambda fn, **kw: chapter_check('bottleneck', 3, fn, **kw).verdict,
    'amoeba': lambda fn, **kw: amoeba.check(fn, **kw),
}
ENDLESS = {'chapter': endless_block, 'amoeba': endless_cell}
HUGE = {'chapter': huge_block, 'amoeba': huge_cell}
RIGHT = {'chapter': references.my_bottleneck, 'amoeba': amoeba_normal_cell}


@pytest.mark.parametrize('kind', CHECKS)
def test_an_endless_python_loop_stops_within_the_limit_plus_one_second(kind):
    handler = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    result = CHECKS[kind](ENDLESS[kind], time_limit=LIMIT)
    took = time.monotonic() - start
    assert took < LIMIT + 1, took
    assert result.status == 'fail'
    assert f'took longer than {LIMIT} s, so it was stopped: look for a loop that never ends.' \
        in result.message
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert CHECKS[kind](RIGHT[kind]).passed


@pytest.mark.parametrize('kind', CHECKS)
def test_a_billion_weight_layer_is_refused_before_it_is_built(kind):
    result = CHECKS[kind](HUGE[kind])
    assert result.status == 'fail'
    assert 'was not built: its' in result.message
    assert 'more than the 100,000,000 a check builds' in result.message
    if kind == 'chapter':
        assert result.message.startswith('Your block was not built: its 1st Conv2D '
                                         '(3,472,222 filters, 3x3 kernel) would hold '
                                         '1,003,472,158 parameters')
        assert result.message.endswith('give it fewer filters.')


@pytest.mark.parametrize('bad', [0, -1, float('nan'), float('inf'), '20', None, True])
@pytest.mark.parametrize('kind', CHECKS)
def test_a_wrong_time_limit_gets_a_sentence(kind, bad):
    result = CHECKS[kind](RIGHT[kind], time_limit=bad)
    assert result.status == 'fail'
    assert result.message.startswith('check: time_limit is a number of seconds above 0, e.g. '
                                     'time_limit=20; got ')


def interrupted(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize('kind', CHECKS)
def test_ctrl_c_during_a_check_prints_one_line(kind):
    result = CHECKS[kind](interrupted)
    assert result.status == 'stopped'
    assert str(result) == 'Check interrupted; nothing was changed.'


def test_ctrl_c_in_a_chapter_check_shows_no_hint_or_solution():
    shown = chapter_check('bottleneck', 3, interrupted)
    assert str(shown) == 'Check interrupted; nothing was changed.'


def sets_everything(x, f=32, r=4, k=3):
    y = references.my_bottleneck(x, f, r, k)
    keras.config.set_image_data_format('channels_first')
    keras.config.set_floatx('float16')
    keras.config.set_dtype_policy('mixed_float16')
    return y


def sets_everything_cell(x1, x2, f=32):
    y = amoeba_normal_cell(x1, x2, f)
    sets_everything(x1, f)
    return y


@pytest.mark.parametrize('outside', ['channels_first', 'channels_last'])
@pytest.mark.parametrize('kind', CHECKS)
def test_keras_settings_are_restored_after_every_check(kind, outside):
    config = keras.config
    saved = (config.image_data_format(), config.floatx(), config.dtype_policy())
    config.set_image_data_format(outside)
    try:
        reader = {'chapter': sets_everything, 'amoeba': sets_everything_cell}[kind]
        for fn in (RIGHT[kind], reader, ENDLESS[kind], interrupted, HUGE[kind]):
            before = (config.image_data_format(), config.floatx(),
                      config.dtype_policy().name)
            result = CHECKS[kind](fn, time_limit=LIMIT)
            after = (config.image_data_format(), config.floatx(), config.dtype_policy().name)
            assert after == before == (outside, 'float32', 'float32')
            if fn in (RIGHT[kind], reader):
                assert result.passed, str(result)
    finally:
        config.set_image_data_format(saved[0])
        config.set_floatx(saved[1])
        config.set_dtype_policy(saved[2])


def test_numeric_checks_answer_under_channels_first():
    keras.config.set_image_data_format('channels_first')
    try:
        verdict = chapter_check('dense', 2, 1).verdict
    finally:
        keras.config.set_image_data_format('channels_last')
    assert verdict.status == 'fail' and 'is not it' in verdict.message


@pytest.mark.parametrize('call', [
    lambda: amoeba.check(), lambda: amoeba.check(3), lambda: amoeba.check('cell'),
    lambda: amoeba.hint(), lambda: amoeba.hint([1]), lambda: amoeba.hint('1'),
    lambda: amoeba.hint(10**5000), lambda: amoeba.hint(True)])
def test_the_amoeba_entry_points_answer_wrong_arguments_with_one_sentence(call):
    text = str(call())
    assert '\n' not in text and text.endswith('.') and len(text) < 200, text


@pytest.mark.parametrize('args', [(), (1,), ([1],), ('dense', [1]), ('dense', '1'),
                                  ('nope', 1), ('dense', 7), ('dense', True), (10**5000, 1)])
@pytest.mark.parametrize('entry', ['check', 'hint', 'solution'])
def test_the_chapter_entry_points_answer_wrong_arguments_with_one_sentence(entry, args):
    from convblocks.checks.errors import Sentence
    from convblocks.exercises import chapters
    with pytest.raises(Sentence) as caught:
        getattr(chapters, entry)(*args)
    text = str(caught.value)
    assert '\n' not in text and text.startswith(f'{entry}') and len(text) < 300, text
