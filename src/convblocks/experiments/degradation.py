"""Degradation at our scale: plain and residual networks of three depths trained on the digits.

He et al. (2016, Figure 1) found that a 56-layer plain network reaches a higher training
error than a 20-layer one, while with shortcuts the deeper network trains better. Here the
same layout (convblocks.networks) at depths 1, 3 and 5 units per stage (8, 20 and 32 layers)
learns scikit-learn's digits upscaled to 16x16. Every seed fixes the weights, the order of
the batches and TensorFlow's ops, so a run repeats bit for bit on the same machine.

`make experiments` runs it and stores book/data/degradation.json (experiments.store).
"""
import math

import numpy as np

from convblocks import networks
from convblocks.keras_internals import fresh_names
from convblocks.quiet import keras, tf

KINDS = {'plain': networks.plain_unit, 'residual': networks.residual_unit}
DEPTHS = (1, 3, 5)
SEEDS = (0, 1, 2, 3, 4)
SETTINGS = {'size': 16, 'width': 8, 'epochs': 10, 'batch_size': 64,
            'learning_rate': 0.05, 'momentum': 0.9}


def layers_with_weights(depth, stages=3):
    """Convolutions and dense layers along the main path: 6 * depth + 2 for three stages."""
    return 2 * depth * stages + 2


def digits(size=SETTINGS['size']):
    """All 1,797 digits as (x, y), pixels in [0, 1], each pixel repeated to size x size.

    The experiment asks how well a network fits what it trains on, so there is no test split.
    """
    from sklearn.datasets import load_digits
    found = load_digits()
    x = (found.images / 16.0).astype(np.float32)[..., None]
    factor = size // 8
    return np.repeat(np.repeat(x, factor, axis=1), factor, axis=2), found.target


_compiled = {}


def _model(kind, depth, steps):
    """The network compiled once per (kind, depth) with its optimizer's initial state."""
    key = (kind, depth, steps)
    if key not in _compiled:
        with fresh_names():
            model = networks.classifier(KINDS[kind], size=SETTINGS['size'],
                                        width=SETTINGS['width'], depth=depth)
            model.compile(optimizer=keras.optimizers.SGD(SETTINGS['learning_rate'],
                                                         momentum=SETTINGS['momentum']),
                          loss='sparse_categorical_crossentropy', jit_compile=False,
                          steps_per_execution=steps)
            model.optimizer.build(model.trainable_variables)
        _compiled[key] = model, [v.numpy() for v in model.optimizer.variables]
    return _compiled[key]


def train(kind, depth, seed, data=None):
    """Train one network; return its training loss in each epoch (the mean over the epoch's
    batches, in training mode, as He et al. plot it) and the last epoch's as final_loss."""
    x, y = digits() if data is None else data
    tf.config.experimental.enable_op_determinism()
    steps = math.ceil(len(x) / SETTINGS['batch_size'])
    model, optimizer_start = _model(kind, depth, steps)
    keras.utils.set_random_seed(seed)
    with fresh_names():
        model.set_weights(networks.classifier(KINDS[kind], size=SETTINGS['size'],
                                              width=SETTINGS['width'],
                                              depth=depth).get_weights())
    for variable, value in zip(model.optimizer.variables, optimizer_start):
        variable.assign(value)
    batches = (tf.data.Dataset.from_tensor_slices((x, y))
               .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
               .batch(SETTINGS['batch_size']))
    history = model.fit(batches, epochs=SETTINGS['epochs'], shuffle=False, verbose=0)
    return {'kind': kind, 'depth': depth, 'layers': layers_with_weights(depth), 'seed': seed,
            'epoch_loss': [float(v) for v in history.history['loss']],
            'final_loss': float(history.history['loss'][-1])}


def run(seeds=SEEDS, depths=DEPTHS):
    """Train every kind, depth and seed; return the list of results."""
    data = digits()
    return [train(kind, depth, seed, data) for kind in KINDS for depth in depths
            for seed in seeds]
