"""Wrap a block into a Keras model with its own inputs, for counting and drawing."""
import inspect

from convblocks import blocks, rules
from convblocks.quiet import keras

def knob_defaults(block):
    """The block's keyword defaults, e.g. {'f': 32, 'r': 4} for the bottleneck."""
    params = inspect.signature(block).parameters.values()
    return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}


def layer_inputs(layer):
    """The Keras tensors a layer of a functional model consumes (in its first call)."""
    return keras.tree.flatten(layer._inbound_nodes[0].input_tensors)


def block_model(block, size=32, channels=None, **knobs):
    """Build `block` on a size x size input with `channels` channels (default: f).

    `block` is a block function (from convblocks.blocks or elsewhere) or the name of one in
    convblocks.blocks; the model is named after the block.
    """
    if isinstance(block, str):
        block = getattr(blocks, block)
    knobs = {**knob_defaults(block), **knobs}
    channels = knobs['f'] if channels is None else channels
    rules.check(block, size, channels, knobs)
    inputs = [keras.Input((size, size, channels), name=name) for name in rules.input_names(block)]
    outputs = block(*inputs, **knobs)
    return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs, name=block.__name__)
