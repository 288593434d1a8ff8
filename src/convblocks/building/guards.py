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

`require_buildable` is the check for the nine blocks; `require_within` takes a count from
elsewhere (grouped and depthwise blocks give their own); `require_size` bounds the input.
The blocks (through `@checked`), `block_model`, the drawings and the explorer call them.
Imports no TensorFlow or Keras.
"""
from convblocks import counting, language
from convblocks.checks.errors import BlockValueError, listed, number

MAX_PARAMS = 10**8
MAX_LAYERS = 250
MAX_SIZE = 4096     # pixels a side of the input block_model builds on

# The sentences, per language.
SAY = {
    'en': {
        'with': 'with {setting} ',
        'params': '{name} {setting}has {params} parameters, more than the {most:,} this package '
                  'builds{gib}; convblocks.counting gives its counts without building it, or '
                  'raise convblocks.building.guards.MAX_PARAMS to build it anyway.',
        'layers': '{name} {setting}has {layers} layers with weights, more than the {most:,} this '
                  'package builds; convblocks.counting gives its counts without building it, or '
                  'raise convblocks.building.guards.MAX_LAYERS to build it anyway.',
        'size': '{name}: size = {size} pixels a side is more than the {most:,} this package '
                'builds on; convblocks.counting.macs counts any size without building, or raise '
                'convblocks.building.guards.MAX_SIZE.',
        'gib': ' (about {whole:,}.{tenth} GiB of weights)',
    },
    'zh': {
        'with': '在 {setting} 时',
        'params': '{name} {setting}的参数量为 {params}，超过了本包构建的上限 {most:,}{gib}；'
                  'convblocks.counting 不必构建就能给出它的计数，'
                  '或者调高 convblocks.building.guards.MAX_PARAMS 以照样构建它。',
        'layers': '{name} {setting}的带权重的层数为 {layers}，超过了本包构建的上限 {most:,}；'
                  'convblocks.counting 不必构建就能给出它的计数，'
                  '或者调高 convblocks.building.guards.MAX_LAYERS 以照样构建它。',
        'size': '{name}：size = {size}，即每边 {size} 个像素，超过了本包构建时的上限 {most:,}；'
                'convblocks.counting.macs 不必构建就能计算任何尺寸，'
                '或者调高 convblocks.building.guards.MAX_SIZE。',
        'gib': '（权重约 {whole:,}.{tenth} GiB）',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def require_buildable(block, *, channels=None, **knobs):
    """Raise the block's ValueError if building it would go beyond MAX_PARAMS or MAX_LAYERS.

    `block` is one of the nine blocks (name or function) and the knobs are its knobs, as for
    `counting.params`; an invalid setting raises the block's own sentence.
    """
    params = counting.params(block, channels=channels, **knobs)
    layers = counting.layer_count(block, channels=channels, **knobs)
    require_within(getattr(block, '__name__', block), knobs, params, layers)


def require_within(name, knobs, params, layers):
    """Raise the block's ValueError if `params` or `layers` (exact ints) are over the budget.

    Only ints are computed here, so a block of 10**200 parameters gets its sentence too.
    """
    setting = listed(f'{knob} = {number(value)}' for knob, value in knobs.items())
    setting = _say('with', setting=setting) if setting else ''
    if params > MAX_PARAMS:
        raise BlockValueError(_say('params', name=name, setting=setting,
                                   params=number(params, True), most=MAX_PARAMS,
                                   gib=_gib(params)))
    if layers > MAX_LAYERS:
        raise BlockValueError(_say('layers', name=name, setting=setting,
                                   layers=number(layers, True), most=MAX_LAYERS))


def require_size(name, size):
    """Raise the block's ValueError for an input of more than MAX_SIZE pixels a side."""
    if size > MAX_SIZE:
        raise BlockValueError(_say('size', name=name, size=number(size, True), most=MAX_SIZE))


def _gib(params):
    """' (about 0.4 GiB of weights)', from ints only (a float of 10**400 would overflow)."""
    tenths = (params * 4 * 10 + 2**29) // 2**30      # rounded to the nearest tenth
    if tenths >= 10**20:
        return ''
    return _say('gib', whole=tenths // 10, tenth=tenths % 10)

