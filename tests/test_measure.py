"""Forward-pass timers taking turns, and the activation-memory estimate, on tiny models."""
import pytest

from convblocks.experiments import measure
from convblocks.quiet import keras


def chain_model():
    """4x4x2 input -> conv to 3 channels -> conv to 5 channels."""
    x = keras.Input((4, 4, 2))
    a = keras.layers.Conv2D(3, 3, padding='same')(x)
    b = keras.layers.Conv2D(5, 3, padding='same')(a)
    return keras.Model(x, b)


def branch_model():
    """4x4x2 input -> two 1x1 convs side by side -> add."""
    x = keras.Input((4, 4, 2))
    a = keras.layers.Conv2D(2, 1)(x)
    b = keras.layers.Conv2D(2, 1)(x)
    return keras.Model(x, keras.layers.add([a, b]))


def test_chain_memory_is_the_larger_neighbouring_pair():
    # first conv: input 32 + output 48 floats; second conv: 48 + 80 floats (the peak)
    assert measure.activation_bytes(chain_model()) == (48 + 80) * 4


def test_branch_keeps_the_input_alive_until_its_last_use():
    # second conv runs while the input (32), the first branch (32) and its output (32) live
    assert measure.activation_bytes(branch_model()) == 3 * 32 * 4


def test_memory_scales_with_batch():
    model = chain_model()
    assert measure.activation_bytes(model, batch=8) == 8 * measure.activation_bytes(model)


def test_two_input_model_counts_both_inputs():
    x1, x2 = keras.Input((2, 2, 1)), keras.Input((2, 2, 1))
    model = keras.Model([x1, x2], keras.layers.add([x1, x2]))
    assert measure.activation_bytes(model) == 3 * 4 * 4


def test_round_robin_gives_every_timer_its_runs():
    timers = [measure.timer(chain_model(), warmup=1), measure.timer(branch_model(), warmup=1)]
    times = measure.round_robin(timers, runs=3)
    assert [len(t) for t in times] == [3, 3]
    assert all(0 < t < 1000 for ts in times for t in ts)   # a 4x4 model does not take a second


def test_summary_of_known_times():
    assert measure.summary([4.0, 1.0, 3.0, 2.0, 5.0]) == {
        'median': 3.0, 'q1': 2.0, 'q3': 4.0, 'min': 1.0, 'max': 5.0, 'runs': 5}


@pytest.mark.parametrize('kwargs, words', [
    ({'batch': 0}, 'batch = 0'), ({'warmup': -1}, 'warmup = -1')])
def test_bad_timer_arguments_say_what_to_use(kwargs, words):
    with pytest.raises(ValueError, match=words):
        measure.timer(chain_model(), **kwargs)


def test_empty_summary_is_refused():
    with pytest.raises(ValueError, match='no times'):
        measure.summary([])
