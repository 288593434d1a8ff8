"""Wrap a block into a Keras model with its own inputs, for counting and drawing."""
from convblocks import blocks
from convblocks.checks import knobs, rules
from convblocks.checks.errors import BlockTypeError
from convblocks.quiet import keras
from convblocks.checks.tensors import require_channels_last


def knob_defaults(block):
    """The block's keyword defaults, e.g. {'f': 32, 'r': 4} for the bottleneck."""
    return {k: v for k, v in knobs.defaults(block).items() if v is not knobs.REQUIRED}


def block_model(block, size=32, channels=None, **block_knobs):
    """Build `block` on a size x size input with `channels` channels (default: f).

    `block` is a block function (from convblocks.blocks or elsewhere) or the name of one in
    convblocks.blocks; the model is named after the block. Wrong knobs, sizes or channel
    counts raise the block's own sentence, and so do blocks beyond the size budget of
    `convblocks.building.guards`, before anything is built.
    """
    name = knobs.checked_block_name(block)
    if isinstance(block, str):
        block = getattr(blocks, name)
    settled = knobs.settle(block, block_knobs)
    size = knobs.positive_whole(name, 'size', size)
    if channels is None and 'f' not in settled:
        raise BlockTypeError(f'{name}: pass channels=..., the number of input channels '
                             f'(the block has no knob f to take it from).')
    channels = (settled['f'] if channels is None
                else knobs.positive_whole(name, 'channels', channels))
    if knobs.is_known(block):
        rules.require_valid(name, channels, settled)   # as counting does, before any input
    require_channels_last(name)
    inputs = [keras.Input((size, size, channels), name=n) for n in knobs.input_names(block)]
    outputs = block(*inputs, **settled)
    return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs, name=name)
