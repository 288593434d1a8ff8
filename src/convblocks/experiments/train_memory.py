"""Memory for training: the activations kept for backpropagation, estimated and measured.

To compute gradients, backpropagation needs the values the forward pass produced, so a
training step holds every layer's output for the whole batch until the backward pass has
used it. `kept_bytes` estimates that from shapes alone: the sum of every layer's output
size, times the batch, times 4 bytes (float32). Inference can drop each output once the
next layer has read it, so it needs only the largest few at a time.

`measure` checks the estimate against the process's peak resident memory (getrusage's
ru_maxrss, in KiB) around one training step in a fresh Python process: TensorFlow's
allocator statistics exist only for GPUs. The fixed costs (the traced step, the weights)
cancel in the slope between two batch sizes, so we compare bytes per image.

`make experiments` runs it and stores book/data/train_memory.json (experiments.store).
"""
import json
import math
import subprocess
import sys

from convblocks import networks
from convblocks.quiet import keras

SIZE, WIDTH = 32, 16
DEPTHS = (1, 3, 5)
BATCHES = (64, 256)


def network(depth):
    """The residual classifier of the degradation experiment's layout on 32x32 images."""
    return networks.classifier(networks.residual_unit, size=SIZE, width=WIDTH, depth=depth)


def kept_bytes(model, batch):
    """Bytes of every layer's output for a batch in float32: what a training step keeps."""
    return 4 * batch * sum(math.prod(layer.output.shape[1:]) for layer in model.layers
                           if not isinstance(layer, keras.layers.InputLayer))


def largest_bytes(model, batch):
    """Bytes of the largest single layer output: the order of what inference must hold."""
    return 4 * batch * max(math.prod(layer.output.shape[1:]) for layer in model.layers)


def peak_kib(depth, batch):
    """ru_maxrss growth (KiB) over one training step of network(depth) at `batch`, measured
    in this process (run it in a fresh one: the peak never goes down)."""
    import resource

    from convblocks.quiet import tf
    model = network(depth)
    optimizer = keras.optimizers.SGD(0.01)
    loss = keras.losses.SparseCategoricalCrossentropy()

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            value = loss(y, model(x, training=True))
        optimizer.apply_gradients(zip(tape.gradient(value, model.trainable_variables),
                                      model.trainable_variables))

    x, y = tf.zeros((batch, SIZE, SIZE, 1)), tf.zeros((batch,), tf.int32)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    step(x, y)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before


def measure(depth, batch):
    """peak_kib(depth, batch) in a fresh Python process."""
    out = subprocess.run([sys.executable, '-m', 'convblocks.experiments.train_memory', str(depth),
                          str(batch)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run():
    """For each depth: estimated and measured bytes per image (the slope between BATCHES)."""
    rows = []
    for depth in DEPTHS:
        model = network(depth)
        low, high = (measure(depth, b) for b in BATCHES)
        per_image = (high - low) * 1024 / (BATCHES[1] - BATCHES[0])
        rows.append({'depth': depth, 'layers': 6 * depth + 2,
                     'estimated_per_image': kept_bytes(model, 1),
                     'measured_per_image': per_image,
                     'peak_kib': {str(b): kib for b, kib in zip(BATCHES, (low, high))}})
    return rows


if __name__ == '__main__':   # measure() runs this module for one (depth, batch)
    print(json.dumps(peak_kib(int(sys.argv[1]), int(sys.argv[2]))))
