"""Train each block inside the same tiny network on scikit-learn's digits and compare.

The digits (1,797 grey 8x8 images of handwritten 0-9) ship inside scikit-learn, so nothing
is downloaded. Seeds fix the weights, the shuffling and the TensorFlow ops, so a run on
the same machine repeats its numbers.
"""
import hashlib
import inspect
import math
import time

import numpy as np

from convblocks import blocks
from convblocks.keras_internals import fresh_names
from convblocks.book.progress import Progress
from convblocks.checks.knobs import input_names
from convblocks.quiet import keras, tf


def digits_data(test_fraction=0.25, split_seed=0, size=8):
    """The digits as (x_train, y_train, x_test, y_test); pixels scaled to [0, 1].

    Images are size x size x 1: 8 keeps them as they ship; 16 or 32 enlarges them by linear
    interpolation (no new detail, but room for the blocks' kernels). The split is stratified
    by class and fixed by `split_seed`.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[..., None]
    if size != 8:
        from scipy.ndimage import zoom
        x = zoom(x, (1, size / 8, size / 8, 1), order=1, grid_mode=True, mode='nearest')
    x_train, x_test, y_train, y_test = train_test_split(
        x, digits.target, test_size=test_fraction, random_state=split_seed,
        stratify=digits.target)
    return x_train, y_train, x_test, y_test


def _block_function(block):
    """A block function from a function, a name from convblocks.blocks, or None."""
    if block is None or callable(block):
        return block
    if isinstance(block, str) and inspect.isfunction(getattr(blocks, block, None)):
        return getattr(blocks, block)
    raise ValueError(f'tiny_network: unknown block {block!r}; pass a block function, '
                     f'a name from convblocks.blocks or None.')


def block_name(block):
    """A readable name for a block function, a block name, or None (the stem alone)."""
    block = _block_function(block)
    return 'stem only' if block is None else block.__name__


def tiny_network(block, width=32, classes=10, size=8, pool=True, **knobs):
    """size x size x 1 digit -> 3x3 conv to `width` -> 2x2 max pool (if `pool`) ->
    block(f=width) -> global average pool -> dense softmax over the classes.

    `block=None` leaves the block out (a baseline). normal_cell gets the stem's output as
    both of its inputs.
    """
    block = _block_function(block)
    inputs = keras.Input((size, size, 1), name='digit')
    x = keras.layers.Conv2D(width, 3, padding='same', activation='relu', name='stem')(inputs)
    if pool:
        x = keras.layers.MaxPooling2D(2, name='stem_pool')(x)
    if block is not None:
        args = [x] * len(input_names(block))
        x = block(*args, **{'f': width, **knobs})
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(classes, activation='softmax')(x)
    return keras.Model(inputs, outputs, name='tiny_' + block_name(block).replace(' ', '_'))


# (block function, width, size, pool, knobs, learning rate, steps per epoch) -> (compiled model, its
# optimizer's initial values). Tracing a network's training step takes 1-3 s, ten times an
# epoch of the digits; every later seed of the same network reuses the traced step. Keyed by
# the function itself, not its name: a block redefined in a notebook gets a network of its own.
_compiled = {}


def _compiled_network(block, width, knobs, learning_rate, steps, size=8, pool=True):
    """tiny_network(block) compiled for `steps` steps per call, with its optimizer built."""
    key = (_block_function(block), width, size, pool, tuple(sorted(knobs.items())),
           learning_rate, steps)
    if key not in _compiled:
        with fresh_names():   # named as in a new process: see keras_internals.fresh_names
            model = tiny_network(block, width=width, size=size, pool=pool, **knobs)
            model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                          loss='sparse_categorical_crossentropy', metrics=['accuracy'],
                          jit_compile=False, steps_per_execution=steps)
            model.optimizer.build(model.trainable_variables)
        _compiled[key] = model, [v.numpy() for v in model.optimizer.variables]
    return _compiled[key]


def shuffled_batches(x, y, batch_size, seed):
    """(x, y) in batches, shuffled again for every epoch in an order that `seed` fixes."""
    return (tf.data.Dataset.from_tensor_slices((x, y))
            .shuffle(len(x), seed=seed, reshuffle_each_iteration=True).batch(batch_size))


def train_block(block, seed, data, epochs=5, batch_size=32, learning_rate=3e-3, width=32,
                pool=True, **knobs):
    """Train tiny_network(block) from `seed` on `data` (from digits_data); return one result.

    The network's input size is the data's. The result is a dict with block, seed, params,
    train_accuracy, test_accuracy, weights (weights_digest), seconds (wall clock) and
    cpu_seconds (all threads). The same seed gives the same result whatever this process
    built or trained before. Turns on TensorFlow's op determinism for the whole process.
    """
    if epochs < 1:
        raise ValueError(f'train_block: epochs = {epochs}; train for at least one epoch.')
    x_train, y_train, x_test, y_test = data
    tf.config.experimental.enable_op_determinism()
    start, cpu_start = time.perf_counter(), time.process_time()
    size = x_train.shape[1]
    # one call into TensorFlow per epoch instead of per batch: same numbers, less overhead
    steps = math.ceil(len(x_train) / batch_size)
    model, optimizer_start = _compiled_network(block, width, knobs, learning_rate, steps,
                                               size=size, pool=pool)
    keras.utils.set_random_seed(seed)
    model.set_weights(tiny_network(block, width=width, size=size, pool=pool,
                                   **knobs).get_weights())
    for variable, value in zip(model.optimizer.variables, optimizer_start):
        variable.assign(value)
    # the seed fixes the shuffling in tf.data, however the weights were drawn (fit's own
    # shuffling of NumPy arrays costs a third of an epoch of the smaller networks)
    history = model.fit(shuffled_batches(x_train, y_train, batch_size, seed), epochs=epochs,
                        shuffle=False, verbose=0)
    predicted = np.argmax(model(x_test, training=False), axis=-1)
    test_accuracy = np.mean(predicted == y_test)
    return {'block': block_name(block), 'seed': seed, 'params': model.count_params(),
            'train_accuracy': float(history.history['accuracy'][-1]),
            'test_accuracy': float(test_accuracy),
            'weights': weights_digest(model),
            'seconds': time.perf_counter() - start,
            'cpu_seconds': time.process_time() - cpu_start}


def weights_digest(model):
    """A short hash of every weight of `model`, bit for bit: equal digests, equal networks."""
    digest = hashlib.sha256()
    for weight in model.get_weights():
        digest.update(np.ascontiguousarray(weight).tobytes())
    return digest.hexdigest()[:16]


def compare(block_list, seeds=(0, 1, 2), epochs=5, data=None, progress=False, **options):
    """train_block for every block and seed; returns the list of results.

    progress=True shows a progress line (block and seed) while it trains.
    """
    data = digits_data() if data is None else data
    jobs = [(block, seed) for block in block_list for seed in seeds]
    summary = (f'{len(jobs)} networks: {count_of(len(block_list), "block")} '
               f'× {count_of(len(seeds), "seed")}, trained one after another.')
    line = Progress(len(jobs), summary) if progress else None
    results = []
    for block, seed in jobs:
        if line:
            line.step(f'training {block_name(block)}, seed {seed}')
        results.append(train_block(block, seed, data, epochs=epochs, **options))
    if line:
        line.finish()
    return results


def count_of(n, noun):
    """'1 seed', '5 seeds': the one pluraliser of the experiments (exercises.core.wording has
    its own; experiments and exercises are siblings and do not import each other)."""
    return f'{n} {noun}' + 's' * (n != 1)
