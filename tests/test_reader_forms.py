"""The chapter checks accept every reader form that computes the reference's function (shown
by copying the reference's weights into the reader's block and comparing outputs) and reject
every wrong form with its own message. The forms are in tests/fixtures/reader_forms.py.
"""
import inspect

import numpy as np
import pytest
from fixtures.reader_forms import EQUIVALENT, WRONG

from convblocks.exercises.chapters.catalog import find
from convblocks.quiet import keras

FIRST_ROUND_REJECTED = {'grouped_1x1_valid', 'grouped_paper', 'dense_b_list'}


def test_enough_forms_across_the_chapters():
    assert len(EQUIVALENT) >= 12
    assert FIRST_ROUND_REJECTED <= {fn.__name__ for _, fn in EQUIVALENT}
    assert len({key for key, _ in EQUIVALENT}) == 8
    assert sum(len(forms) for forms in WRONG.values()) >= 24


def test_every_wrong_form_is_rejected_with_its_own_message():
    messages = []
    for key, forms in WRONG.items():
        exercise = find(*key)
        for fn, expected in forms:
            verdict = exercise.check(fn)
            assert verdict.status == 'fail', fn.__name__
            assert expected in verdict.message, (fn.__name__, verdict.message)
            assert ' in input ' not in verdict.message, verdict.message   # never nested
            messages.append(verdict.message)
    assert len(set(messages)) == len(messages)


def _model(fn, names, channels, knobs):
    inputs = [keras.Input((8, 8, channels), name=n) for n in names]
    return keras.Model(inputs, fn(*inputs, **knobs))


def _weighted(model):
    return [layer for layer in model.layers if layer.weights]


def _copy_weights(source, target):
    """Give each of target's layers the weights of the first unused source layer shaped alike."""
    free = _weighted(source)
    for layer in _weighted(target):
        shapes = [tuple(w.shape) for w in layer.weights]
        match = next(s for s in free if [tuple(w.shape) for w in s.weights] == shapes)
        free.remove(match)
        layer.set_weights(match.get_weights())
    assert not free


@pytest.mark.parametrize('key, fn', EQUIVALENT, ids=lambda v: getattr(v, '__name__', ''))
def test_an_accepted_form_computes_the_reference_with_its_weights(key, fn):
    exercise = find(*key)
    verdict = exercise.check(fn)
    assert verdict.passed, verdict.message
    names = [n for n in inspect.signature(exercise.reference).parameters if n.startswith('x')]
    rng = np.random.default_rng(0)
    for setting in exercise.settings:
        knobs = {k: v for k, v in setting.items() if k != 'channels'}
        channels = setting.get('channels', knobs.get('f'))
        reference = _model(exercise.reference, names, channels, knobs)
        mine = _model(fn, names, channels, knobs)
        _copy_weights(reference, mine)
        xs = [rng.standard_normal((2, 8, 8, channels)).astype('float32') for _ in names]
        want, got = np.asarray(reference(xs)), np.asarray(mine(xs))
        assert want.shape == got.shape
        # a reordered concatenation permutes the output channels: compare them sorted
        np.testing.assert_allclose(np.sort(got, axis=-1), np.sort(want, axis=-1),
                                   rtol=1e-5, atol=1e-5)
