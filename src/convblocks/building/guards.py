"""The size budget for building a block with Keras, checked from the closed forms first.

Counting has no budget (`convblocks.counting` is exact for any size), but building a model
holds every weight in memory, and Keras builds one Python object per layer. A block is built
only if it has at most MAX_PARAMS parameters (10**8, 0.4 GB of float32 weights, which take
about twice that while Keras initialises them) and at most MAX_LAYERS conv, sepconv and
dense layers: dense_block adds a concatenate per conv, and Keras walks the graph
recursively, so a 1,000-layer dense block ran out of Python's recursion limit after
2.5 minutes (measured on a busy 2-core machine). Raise the module constants to build
larger blocks:

    import convblocks.building.guards
    convblocks.building.guards.MAX_PARAMS = 10**9

`require_buildable` is the check; the blocks, `block_model` and the drawings call it.
Imports no TensorFlow or Keras.
"""
from convblocks import counting
from convblocks.checks.errors import BlockValueError

MAX_PARAMS = 10**8
MAX_LAYERS = 250


def require_buildable(block, *, channels=None, **knobs):
    """Raise the block's ValueError if building it would go beyond MAX_PARAMS or MAX_LAYERS.

    `block` is one of the nine blocks (name or function) and the knobs are its knobs, as for
    `counting.params`; an invalid setting raises the block's own sentence.
    """
    params = counting.params(block, channels=channels, **knobs)
    layers = counting.layer_count(block, channels=channels, **knobs)
    name = getattr(block, '__name__', block)
    setting = ', '.join(f'{knob} = {value}' for knob, value in knobs.items())
    setting = f'with {setting} ' if setting else ''
    if params > MAX_PARAMS:
        raise BlockValueError(
            f'{name} {setting}has {params:,} parameters, more than the {MAX_PARAMS:,} this '
            f'package builds (about {4 * params / 2**30:,.1f} GiB of weights); '
            f'convblocks.counting gives its counts without building it, or raise '
            f'convblocks.building.guards.MAX_PARAMS to build it anyway.')
    if layers > MAX_LAYERS:
        raise BlockValueError(
            f'{name} {setting}has {layers:,} layers with weights, more than the '
            f'{MAX_LAYERS:,} this package builds; convblocks.counting gives its counts '
            f'without building it, or raise convblocks.building.guards.MAX_LAYERS to build it '
            f'anyway.')
