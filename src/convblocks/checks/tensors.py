"""What a block accepts as its input: a rank-4, channels-last Keras tensor.

`stand_in` checks one tensor argument and returns a stand-in with its shape, which the rules
in `convblocks.checks.rules` read. Lists, None, numpy arrays, tensors of another rank, an unknown
channel count, a zero-sized input and Keras' channels_first setting each get the block's
sentence. (The blocks concatenate and multiply along the last axis, as the article writes
them, so channels_first is refused rather than half supported.)
"""
from types import SimpleNamespace

from convblocks.checks.errors import BlockTypeError, BlockValueError
from convblocks.quiet import keras

EXAMPLE = 'keras.Input((32, 32, 32))'


def require_channels_last(block):
    """Refuse Keras' channels_first image format, which the blocks do not support."""
    if keras.config.image_data_format() != 'channels_last':
        raise BlockValueError(f"{block}: the blocks need Keras' channels_last image format, "
                              f"but it is set to {keras.config.image_data_format()!r}; call "
                              f"keras.config.set_image_data_format('channels_last') first.")


def _dims(shape):
    return 'x'.join('?' if n is None else str(n) for n in shape)


def stand_in(block, name, x):
    """A stand-in with x's shape (batch, height, width, channels), or the block's sentence."""
    if not (isinstance(x, keras.KerasTensor) or keras.ops.is_tensor(x)):
        raise BlockTypeError(f'{block}: {name} is {_what(x)}, not a Keras tensor; pass one '
                             f'such as {EXAMPLE}.')
    require_channels_last(block)
    shape = tuple(x.shape)
    if len(shape) != 4:
        raise BlockValueError(f'{block}: {name} has shape {shape}, but the block needs a rank-4 '
                              f'tensor (batch, height, width, channels) such as {EXAMPLE}.')
    height, width, channels = shape[1:]
    if channels is None:
        raise BlockValueError(f'{block}: {name} has an unknown channel count; give its input '
                              f'a fixed one, such as {EXAMPLE}.')
    if 0 in (height, width, channels):
        raise BlockValueError(f'{block}: {name} is {_dims((height, width))} with {channels} '
                              f'channels; its height, width and channels must be at least 1.')
    return SimpleNamespace(shape=shape)


def _what(x):
    """'None', 'of type list' or 'of type ndarray with shape (1, 8, 8, 32)'."""
    if x is None:
        return 'None'
    shape = getattr(x, 'shape', None)
    text = f'of type {type(x).__name__}'
    return text if shape is None else f'{text} with shape {tuple(shape)}'
