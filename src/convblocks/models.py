"""Wrap a block into a Keras model with its own inputs, for counting and drawing.

The package's own blocks check and budget their arguments themselves (`@checked`). A
reader's block function is first built with shapes only, under the sandbox's time limit and
per-layer size limit (`convblocks.building.sandbox`); what it raises or returns instead of
a tensor becomes one sentence that names it.
"""
from convblocks import blocks, keras_internals, language
from convblocks.building import guards, sandbox
from convblocks.checks import knobs, rules
from convblocks.checks.errors import BlockTypeError, Sentence, short
from convblocks.checks.tensors import require_channels_last
from convblocks.quiet import keras

# The sentences of a model that cannot know its input width, per language.
SAY = {
    'en': {'no_f': '{name}: pass channels=..., the number of input channels (the block has no '
                   'knob f to take it from).',
           'f_not_whole': '{name}: the input width is taken from f, but f = {f}; pass '
                          'channels=..., e.g. channels=32.',
           'making': 'Making a model of {name}'},
    'zh': {'no_f': '{name}：请传入 channels=...，即输入的通道数（这个模块没有可以借用的旋钮 f）。',
           'f_not_whole': '{name}：输入宽度取自 f，但 f = {f}；请传入 channels=...，'
                          '例如 channels=32。',
           'making': '构建 {name} 的模型时'},
}


def knob_defaults(block):
    """The block's keyword defaults, e.g. {'f': 32, 'r': 4} for the bottleneck."""
    return {k: v for k, v in knobs.defaults(block).items() if v is not knobs.REQUIRED}


def block_model(block, size=32, channels=None, **block_knobs):
    """Build `block` on a size x size input with `channels` channels (default: f).

    `block` is a block function (from convblocks.blocks or elsewhere) or the name of one in
    convblocks.blocks; the model is named after the block. Wrong knobs, sizes or channel
    counts raise the block's own sentence, and so do blocks beyond the size budget of
    `convblocks.building.guards`, before anything is built. A block of yours is built with
    shapes only first (see `shapes_model`), so a loop, a huge layer or a missing `return`
    gets a sentence before any weight is made.
    """
    name, block, settled, size, channels = _settle(block, size, channels, block_knobs)
    if _ours(block):
        return _build(name, block, size, channels, settled)
    _reader_shapes(name, block, size, channels, settled)
    with sandbox.interrupt_as_sentence('block_model'), \
            sandbox.time_limit(sandbox.TIME_LIMIT, name):
        return _reader_build(name, block, size, channels, settled)


def shapes_model(block, size=32, channels=None, **block_knobs):
    """`block_model` with shapes only (no weights): what the drawings and the explorer read."""
    name, block, settled, size, channels = _settle(block, size, channels, block_knobs)
    if _ours(block):
        with keras_internals.shapes_only():
            return _build(name, block, size, channels, settled)
    return _reader_shapes(name, block, size, channels, settled)


def _settle(block, size, channels, block_knobs):
    """(name, function, knobs, size, channels), each checked, or the block's sentence."""
    name = knobs.checked_block_name(block)
    if isinstance(block, str):
        block = getattr(blocks, name)
    settled = knobs.settle(block, block_knobs)
    size = knobs.positive_whole(name, 'size', size)
    guards.require_size(name, size)
    if channels is None and 'f' not in settled:
        raise BlockTypeError(SAY[language.current()]['no_f'].format(name=name))
    if channels is not None:
        channels = knobs.positive_whole(name, 'channels', channels)
    elif _whole(settled['f']):
        channels = knobs.positive_whole(name, 'f', settled['f'])
    else:                                               # a reader's f = 'wide', say
        raise BlockTypeError(SAY[language.current()]['f_not_whole'].format(
            name=name, f=short(settled['f'])))
    if knobs.is_known(block):
        rules.require_valid(name, channels, settled)   # as counting does, before any input
    require_channels_last(name)
    return name, block, settled, size, channels


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _ours(block):
    """The nine blocks and the package's other @checked blocks budget themselves."""
    return knobs.is_known(block) or hasattr(block, 'rule')


def _build(name, block, size, channels, settled):
    inputs = [keras.Input((size, size, channels), name=n) for n in knobs.input_names(block)]
    outputs = block(*inputs, **settled)
    return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs, name=name)


def _reader_shapes(name, block, size, channels, settled):
    """A reader's block built with shapes only, in the sandbox; its largest layer checked."""
    with sandbox.guarded(name, sandbox.TIME_LIMIT, 'block_model'):
        model = _reader_build(name, block, size, channels, settled)
    sandbox.require_small_layers(model, name)
    return model


def _reader_build(name, block, size, channels, settled):
    """Build a reader's block: what it raises or returns instead of a tensor, as one line."""
    try:
        inputs = [keras.Input((size, size, channels), name=n) for n in knobs.input_names(block)]
        outputs = block(*inputs, **settled)
    except Sentence:
        raise
    except Exception as error:
        raise sandbox.reader_failed(name, error) from None
    sandbox.require_tensor_output(name, outputs)
    try:
        return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs, name=name)
    except Exception as error:
        making = SAY[language.current()]['making'].format(name=name)
        raise sandbox.reader_failed(making, error) from None
