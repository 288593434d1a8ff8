"""MACs per byte moved, and this CPU's roof: why MACs alone do not predict latency.

The roofline model (Williams, Waterman and Patterson, 2009) bounds the rate a kernel can reach
by the processor's peak arithmetic rate and by its memory bandwidth times the kernel's
arithmetic intensity, the operations it does per byte it moves: rate <= min(peak, bandwidth x
intensity). Here the operation is a multiply-accumulate and the bytes are a simple model of a
block's traffic: every layer reads its inputs and weights and writes its output, in float32,
with nothing kept in cache between layers.
"""
import math
import time

import numpy as np

from convblocks.experiments.measure import FLOAT32_BYTES
from convblocks.keras_internals import layer_inputs
from convblocks.quiet import keras, tf

# Layers that only relabel a tensor's axes move no data.
VIEWS = (keras.layers.InputLayer, keras.layers.Reshape)


def traffic_bytes(model, batch=32):
    """Bytes a forward pass of `batch` images moves: each layer's inputs and output for every
    image, and its weights once."""
    total = 0
    for layer in model.operations:
        if isinstance(layer, VIEWS):
            continue
        tensors = [*layer_inputs(layer), *keras.tree.flatten(layer.output)]
        total += batch * sum(math.prod(t.shape[1:]) for t in tensors)
        total += sum(math.prod(w.shape) for w in layer.weights)
    return total * FLOAT32_BYTES


def intensity(macs, model, batch=32):
    """MACs per byte moved: `macs` per image times the batch over traffic_bytes."""
    return macs * batch / traffic_bytes(model, batch)


def _fastest(step, runs):
    """The shortest of `runs` timed calls of `step`, in seconds, after one untimed call."""
    step()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def measure_roof(runs=5, matrix=1024, floats=2 ** 24):
    """This CPU's roof: {'peak GMAC/s', 'bandwidth GB/s'}, each the fastest of `runs`.

    Peak: TensorFlow's float32 matrix x matrix product (matrix**3 MACs). Bandwidth: NumPy
    adding two arrays of `floats` float32 numbers (64 MiB each at the default) into a third
    that exists already (STREAM's "add": it reads two arrays and writes one).
    """
    rng = np.random.default_rng(0)
    a, b = (tf.constant(rng.standard_normal((matrix, matrix), dtype=np.float32))
            for _ in range(2))
    x, y, z = (rng.standard_normal(floats, dtype=np.float32) for _ in range(3))
    product = _fastest(lambda: np.asarray(tf.linalg.matmul(a, b)), runs)
    added = _fastest(lambda: np.add(x, y, out=z), runs)
    return {'peak GMAC/s': matrix ** 3 / product / 1e9,
            'bandwidth GB/s': 3 * floats * FLOAT32_BYTES / added / 1e9}


def highest_roof(measured, points):
    """(roof, label): the roof from measure_roof with its peak raised to the fastest rate any
    block of `points` (label, intensity, rate) reached, and that block's label; None for the
    label when the matrix product was the fastest.

    Every rate measured is one this CPU reaches, so the true peak is at least the highest of
    them: on a busy CPU one large product can come out below a 3x3 convolution.
    """
    label, _, rate = max(points, key=lambda point: point[2])
    if rate <= measured['peak GMAC/s']:
        return measured, None
    return {**measured, 'peak GMAC/s': rate}, label


def roof(rate_at, intensity_value):
    """The roofline's bound at `intensity_value` MAC/byte for a roof from measure_roof."""
    return min(rate_at['peak GMAC/s'], rate_at['bandwidth GB/s'] * intensity_value)


def ridge(rate_at):
    """The intensity (MAC/byte) where the bandwidth slope meets the peak: blocks below it are
    bound by memory traffic in this model, blocks above it by arithmetic."""
    return rate_at['peak GMAC/s'] / rate_at['bandwidth GB/s']
