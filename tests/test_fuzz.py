"""Whatever a reader passes, the public functions return or raise one sentence, in time.

Hypothesis draws arguments a reader could type (ints of any size, floats including nan and
inf, text, None, lists, iterators, huge and endless ranges) and block functions that raise,
loop, sleep, return something other than a tensor or build an over-budget layer, and hands
them to explore (and readout_html), block_model, the drawings, the counts and the exercises'
entry points. Each call must return, or raise a `Sentence` (one line in a notebook), within
the sandbox's time limit plus a margin. Deterministic (derandomize, no example database) and bounded
(max_examples), so it runs in well under a minute. benchmarks/bench_robustness.py prints the
time and memory of the adversarial cases.
"""
import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convblocks import counting
from convblocks.building import sandbox
from convblocks.checks.errors import Sentence
from convblocks.drawing import block_svg
from convblocks.exercises import amoeba
from convblocks.exercises import chapters
from convblocks.explorer import explore
from convblocks.explorer.widget import readout_html
from convblocks.models import block_model

from readers import (cell_loops, huge_layer, loops, raises, returns_list, returns_none, sleeps,
                     with_activation)

LIMIT = 0.25       # seconds the sandbox gives a reader's function during these tests
MARGIN = 4         # seconds on top, for Keras and Graphviz on a busy machine

FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=30,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True, scope='module')
def short_time_limit():
    saved = sandbox.TIME_LIMIT
    sandbox.TIME_LIMIT = LIMIT
    yield
    sandbox.TIME_LIMIT = saved


# What a reader might type (tests/readers.py).
READERS = [raises, loops, sleeps, returns_none, returns_list, huge_layer, with_activation]
HUGE = [10**200, -10**200, 10**5000, 2**63, -1, 0]

numbers = st.one_of(st.integers(), st.sampled_from(HUGE), st.floats())
plain = st.one_of(numbers, st.text(max_size=12), st.none(), st.booleans(),
                  st.lists(st.integers(-3, 300), max_size=4))
ranges = st.one_of(
    st.lists(st.one_of(st.integers(-2, 300), st.floats(), st.text(max_size=4)), max_size=5),
    st.lists(st.integers(1, 64), max_size=5).map(iter),
    st.sampled_from([range(1, 10**8), range(10**20), (10**5000,)]),
    st.builds(lambda: iter(int, 1)),           # endless
    st.builds(itertools.count))                # endless, counting up
anything = st.one_of(plain, ranges, st.sampled_from(READERS))
blocks = st.one_of(st.sampled_from(['bottleneck', 'resnext_block', 'dense_block', 'se_block',
                                    'normal_cell', 'no_such_block']),
                   st.sampled_from(READERS), plain)
knob_names = st.sampled_from(['f', 'r', 'c', 'd', 'rate', 'a', 'channels', 'zz'])


def one_sentence_in_time(call, limit=LIMIT + MARGIN):
    """Run `call`: it returns, or raises a Sentence of one line, before `limit` seconds."""
    start = time.monotonic()
    try:
        call()
    except Sentence as error:
        shown = error._render_traceback_()
        assert len(shown) == 1 and len(shown[0]) < 2000, shown
    assert time.monotonic() - start < limit


# --- the entry points ---------------------------------------------------------------------

@FUZZ
@given(block=blocks, knob=knob_names, value=anything)
def test_explore(block, knob, value):
    one_sentence_in_time(lambda: explore(block, table=False, **{knob: value}))


@FUZZ
@given(block=blocks, size=plain, setting=st.one_of(plain, st.dictionaries(knob_names, plain,
                                                                         max_size=2)))
def test_readout_html(block, size, setting):
    one_sentence_in_time(lambda: readout_html(block, size, setting))


@FUZZ
@given(block=blocks, size=plain, knob=knob_names, value=plain)
def test_block_model(block, size, knob, value):
    one_sentence_in_time(lambda: block_model(block, size=size, **{knob: value}))


@FUZZ
@given(block=blocks, knob=knob_names, value=plain)
def test_drawing(block, knob, value):
    one_sentence_in_time(lambda: block_svg(block, **{knob: value}))


@FUZZ
@given(block=blocks, knob=knob_names.filter(lambda k: k != 'channels'), value=plain,
       channels=plain)
def test_counting(block, knob, value, channels):
    for count in (counting.params, counting.macs, counting.layer_count):
        one_sentence_in_time(lambda c=count: c(block, channels=channels, **{knob: value}))
    one_sentence_in_time(lambda: counting.params(block, value))   # knobs by position


answers = st.one_of(plain, st.sampled_from([raises, returns_none, returns_list,
                                            with_activation]))
chapter_names = st.one_of(st.sampled_from(['bottleneck', 'resnext', 'dense', 'nasnet']), plain)


@FUZZ
@given(chapter=chapter_names, number=st.one_of(st.integers(0, 4), plain), answer=answers)
def test_chapter_exercises(chapter, number, answer):
    one_sentence_in_time(lambda: chapters.check(chapter, number, answer), limit=30)
    one_sentence_in_time(lambda: chapters.hint(chapter, number))
    one_sentence_in_time(lambda: chapters.solution(chapter, number), limit=30)


@settings(FUZZ, max_examples=15)
@given(fn=st.one_of(plain, st.sampled_from([*READERS, cell_loops])))
def test_amoeba_check(fn):
    one_sentence_in_time(lambda: amoeba.check(fn, time_limit=LIMIT))
