"""Measure Keras models on the CPU: forward-pass timers taking turns, and activation memory.

Latency is wall-clock time of a compiled forward pass, repeated and summarised by its
median and spread. Memory is an estimate from tensor shapes alone (see `activation_bytes`).
"""
import math
import time

import numpy as np

from convblocks.keras_internals import layer_inputs
from convblocks.quiet import keras, tf

FLOAT32_BYTES = 4


def timer(model, batch=1, warmup=3, seed=0):
    """A function that runs one forward pass of `model` and returns its milliseconds.

    The input is random with `batch` samples; the `warmup` passes made here (tracing,
    memory allocation) are not timed.
    """
    if batch < 1 or warmup < 0:
        raise ValueError(f'timer: batch = {batch}, warmup = {warmup}; '
                         f'use batch >= 1 and warmup >= 0.')
    forward = tf.function(lambda xs: model(xs, training=False))
    rng = np.random.default_rng(seed)
    xs = [tf.constant(rng.standard_normal((batch, *t.shape[1:]), dtype=np.float32))
          for t in model.inputs]
    xs = xs[0] if len(xs) == 1 else xs
    for _ in range(warmup):
        _ = np.asarray(forward(xs))

    def one_pass():
        start = time.perf_counter()
        _ = np.asarray(forward(xs))  # converting to NumPy waits for the result
        return (time.perf_counter() - start) * 1000

    return one_pass


def summary(times):
    """Median, quartiles (q1, q3), min and max of a list of times, plus their count."""
    if not times:
        raise ValueError('summary: no times given; time at least one run.')
    q1, median, q3 = np.percentile(times, [25, 50, 75])
    return {'median': float(median), 'q1': float(q1), 'q3': float(q3),
            'min': float(min(times)), 'max': float(max(times)), 'runs': len(times)}


def round_robin(timers, runs):
    """Run every timer once per round for `runs` rounds; the list of times of each timer.

    Taking turns spreads a busy machine's slow moments over all models alike, instead of
    penalising whichever model happened to be timed while something else ran.
    """
    times = [[] for _ in timers]
    for _ in range(runs):
        for one_pass, collected in zip(timers, times):
            collected.append(one_pass())
    return times


def _tensor_bytes(tensor, batch):
    """Bytes of a float32 tensor with the given batch size."""
    return batch * math.prod(tensor.shape[1:]) * FLOAT32_BYTES


def activation_bytes(model, batch=1):
    """Peak bytes of float32 activations alive at once during one forward pass.

    Layers run one at a time in the model's order. While a layer runs, its output and
    every earlier tensor that some later layer (or the model's output) still needs are
    alive; a tensor is freed right after its last consumer. The model's inputs count
    too. Weights, gradients and framework workspace are not included.
    """
    operations = [op for op in model.operations if not isinstance(op, keras.layers.InputLayer)]
    last_use = {}
    for step, op in enumerate(operations):
        for tensor in layer_inputs(op):
            last_use[id(tensor)] = step
    for tensor in keras.tree.flatten(model.outputs):
        last_use[id(tensor)] = len(operations)
    alive = {id(t): _tensor_bytes(t, batch) for t in model.inputs}
    peak = sum(alive.values())
    for step, op in enumerate(operations):
        alive[id(op.output)] = _tensor_bytes(op.output, batch)
        peak = max(peak, sum(alive.values()))
        for key in [k for k in alive if last_use.get(k, -1) <= step]:
            del alive[key]
    return peak
