"""Wrap a block into a Keras model with its own inputs, for counting and drawing."""
import inspect

from convblocks import blocks, rules
from convblocks.quiet import keras

TWO_INPUTS = {'normal_cell'}


def knob_defaults(block):
    """The block's keyword defaults, e.g. {'f': 32, 'r': 4} for the bottleneck."""
    params = inspect.signature(block).parameters.values()
    return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}


def block_model(block, size=32, channels=None, **knobs):
    """Build `block` on a size x size input with `channels` channels (default: f).

    `block` is a block function or its name; the model is named after the block.
    """
    if isinstance(block, str):
        block = getattr(blocks, block)
    knobs = {**knob_defaults(block), **knobs}
    channels = knobs['f'] if channels is None else channels
    rules.check(block, size, channels, knobs)
    count = 2 if block.__name__ in TWO_INPUTS else 1
    inputs = [keras.Input((size, size, channels), name=f'x{i + 1}' if count > 1 else 'x')
              for i in range(count)]
    outputs = block(*inputs, **knobs)
    return keras.Model(inputs if count > 1 else inputs[0], outputs, name=block.__name__)
