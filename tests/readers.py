"""A reader's mistakes as block functions: what the robustness tests and benchmark hand over.

tests/test_fuzz.py, tests/test_sandbox.py and benchmarks/bench_robustness.py give these to the
package's entry points, which must answer each with one sentence, in time. The names are part
of what is checked: the package's sentences name the reader's function.
"""
import time

from convblocks.aliases import conv
from convblocks.quiet import keras

BILLION = 10**9   # units of a Dense layer no budget lets through


def raises(x, f=8):
    return 1 / 0


def loops(x, f=8):
    while True:
        pass


def sleeps(x, f=8):
    time.sleep(60)


def returns_none(x, f=8):
    conv(x, f)


def returns_list(x, f=8):
    return [1, 2]


def huge_layer(x, f=8):
    return keras.layers.Dense(BILLION)(x)


def with_activation(x, f=8, a='relu'):
    return conv(x, f, a=a)


def huge_bottleneck(x, f=32, r=4, k=3):
    """huge_layer with the signature of the chapter exercises' bottleneck."""
    return keras.layers.Dense(BILLION)(x)


def cell_loops(x1, x2, f=12):
    while True:
        pass


def huge_cell(x1, x2, f=12):
    """huge_layer with the signature of the AmoebaNet cell (two inputs)."""
    return keras.layers.Dense(BILLION)(x1)
