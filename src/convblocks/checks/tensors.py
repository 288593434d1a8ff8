"""What a block accepts as its input: a rank-4, channels-last Keras tensor.

`stand_in` checks one tensor argument and returns a stand-in with its shape, which the rules
in `convblocks.checks.rules` read. Lists, None, numpy arrays, tensors of another rank, an unknown
channel count, a zero-sized input and Keras' channels_first setting each get the block's
sentence. (The blocks concatenate and multiply along the last axis, as the article writes
them, so channels_first is refused rather than half supported.)
"""
from types import SimpleNamespace

from convblocks import language
from convblocks.checks.errors import BlockTypeError, BlockValueError
from convblocks.quiet import keras

EXAMPLE = 'keras.Input((32, 32, 32))'

# The sentences, per language ({example} is EXAMPLE).
SAY = {
    'en': {
        'channels_first': "{block}: the blocks need Keras' channels_last image format, but it is "
                          "set to {format!r}; call keras.config.set_image_data_format("
                          "'channels_last') first.",
        'not_tensor': '{block}: {name} is {what}, not a Keras tensor; pass one such as '
                      '{example}.',
        'rank': '{block}: {name} has shape {shape}, but the block needs a rank-4 tensor (batch, '
                'height, width, channels) such as {example}.',
        'unknown_channels': '{block}: {name} has an unknown channel count; give its input a '
                            'fixed one, such as {example}.',
        'empty': '{block}: {name} is {dims} with {channels} channels; its height, width and '
                 'channels must be at least 1.',
        'none': 'None', 'of_type': 'of type {kind}', 'with_shape': '{text} with shape {shape}',
    },
    'zh': {
        'channels_first': '{block}：模块需要 Keras 的 channels_last 图像格式，但它被设成了 '
                          "{format!r}；请先调用 keras.config.set_image_data_format("
                          "'channels_last')。",
        'not_tensor': '{block}：{name} 是{what}，不是 Keras 张量；请传入一个，例如 {example}。',
        'rank': '{block}：{name} 的形状是 {shape}，但模块需要一个 4 阶张量'
                '（批、高、宽、通道），例如 {example}。',
        'unknown_channels': '{block}：{name} 的通道数未知；请给它的输入一个固定的通道数，'
                            '例如 {example}。',
        'empty': '{block}：{name} 是 {dims}，有 {channels} 个通道；'
                 '它的高、宽和通道数都必须至少为 1。',
        'none': ' None', 'of_type': ' {kind} 类型的值', 'with_shape': '{text}（形状 {shape}）',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def require_channels_last(block):
    """Refuse Keras' channels_first image format, which the blocks do not support."""
    if keras.config.image_data_format() != 'channels_last':
        raise BlockValueError(_say('channels_first', block=block,
                                   format=keras.config.image_data_format()))


def _dims(shape):
    return 'x'.join('?' if n is None else str(n) for n in shape)


def stand_in(block, name, x):
    """A stand-in with x's shape (batch, height, width, channels), or the block's sentence."""
    if not (isinstance(x, keras.KerasTensor) or keras.ops.is_tensor(x)):
        raise BlockTypeError(_say('not_tensor', block=block, name=name, what=_what(x),
                                  example=EXAMPLE))
    require_channels_last(block)
    shape = tuple(x.shape)
    if len(shape) != 4:
        raise BlockValueError(_say('rank', block=block, name=name, shape=shape, example=EXAMPLE))
    height, width, channels = shape[1:]
    if channels is None:
        raise BlockValueError(_say('unknown_channels', block=block, name=name, example=EXAMPLE))
    if 0 in (height, width, channels):
        raise BlockValueError(_say('empty', block=block, name=name, dims=_dims((height, width)),
                                   channels=channels))
    return SimpleNamespace(shape=shape)


def _what(x):
    """'None', 'of type list' or 'of type ndarray with shape (1, 8, 8, 32)'."""
    if x is None:
        return _say('none')
    shape = getattr(x, 'shape', None)
    text = _say('of_type', kind=type(x).__name__)
    return text if shape is None else _say('with_shape', text=text, shape=tuple(shape))
