"""Run a reader's function for a check, the same way for every exercise, and word what went wrong.

`run_check(body, result, time_limit)` runs one whole check under `building.sandbox.guarded`:
the reader's code gets one time limit, builds with shapes only (no weight is allocated), and
sees channels_last, float32 and the float32 policy, whatever the session had; the session's
settings come back afterwards. It returns `result(status, message)` for everything that stops
a check: a time limit that is not a number, a loop that never ends, a layer too large to build,
Ctrl-C (one line, status 'stopped'), or a bug of ours ("please report this").

The sentences both checkers use live here too: `wrong_return` (not one Keras tensor),
`reader_line` (where in the reader's code an exception came from), `kind` ('an int'),
`require_small` (the size guard over every layer that leads to the output).
"""
import math
import traceback

from convblocks import keras_internals, language
from convblocks.building import sandbox
from convblocks.checks.errors import BlockTypeError
from convblocks.exercises.core.wording import a, count, ordinal, spaced
from convblocks.quiet import keras

TIME_LIMIT = sandbox.TIME_LIMIT

# The checker core's sentences, per language ({...} are filled in; code stays as it is).
TEXT = {
    'en': {
        'report': 'The checker itself failed ({error}); please report this.',
        'too_large': '{what} was not built: its {nth} {kind} ({setting}) would hold {size} '
                     'parameters, more than the {limit} a check builds (about {gib} GiB); give '
                     'it fewer {fewer}.',
        'nth': '{ordinal}', 'filters': '{n} filters', 'units': '{n} units', 'kernel': '{k} kernel',
        'fewer': {'units': 'units', 'filters': 'filters', 'weights': 'weights'},
        'returns_none': 'Your function returns None; end it with return {ending}.',
        'returns_list': 'Your function returns a {type} of {items}; return one tensor: {ending}.',
        'returns_other': 'Your function returns {kind}, not a Keras tensor; {build}.',
        'no_layer': 'Your function returns a Keras tensor that no Keras layer produced.',
        'yours': 'your {nth} {kind}', 'in_code': ' in `{line}`', 'at_line': ' at line {n}',
        'no_message': '(no message)',
    },
    'zh': {
        'report': '检查器自身出错了（{error}）；请报告这个问题。',
        'too_large': '{what}没有搭建：它的{nth} {kind}（{setting}）会有 {size} 个参数，'
                     '超过检查所能搭建的 {limit} 个（约 {gib} GiB）；请减少它的{fewer}。',
        'nth': '第 {n} 个', 'filters': '{n} 个滤波器', 'units': '{n} 个单元',
        'kernel': '{k} 卷积核',
        'fewer': {'units': '单元数', 'filters': '滤波器数', 'weights': '权重'},
        'returns_none': '你的函数返回了 None；请以 return {ending} 结束。',
        'returns_list': '你的函数返回了一个含 {n} 项的 {type}；请只返回一个张量：{ending}。',
        'returns_other': '你的函数返回了 {kind}，不是 Keras 张量；{build}。',
        'no_layer': '你的函数返回的 Keras 张量不是由任何 Keras 层产生的。',
        'yours': '你的第 {n} 个 {kind}', 'in_code': '在 `{line}` 处', 'at_line': '在第 {n} 行',
        'no_message': '（没有消息）',
    },
}


def _words():
    return TEXT[language.current()]


def _say(key, **values):
    """The sentence `key` of TEXT in the current language, filled in (zh spacing applied)."""
    text = _words()[key].format(**values)
    return text if language.current() == 'en' else spaced(text)


def run_check(body, result, time_limit=TIME_LIMIT, what=None):
    """body() under the sandbox; result(status, message) when the check cannot run to its end.

    what: who runs out of time, e.g. 'Your function' (the default; sandbox.shown words it).
    """
    try:
        seconds = sandbox.require_time_limit(time_limit, 'check')
    except BlockTypeError as error:
        return result('fail', str(error))
    try:
        with sandbox.guarded(what or 'Your function', seconds, 'Check'):
            return body()
    except sandbox.ReaderCodeStopped as error:
        return result('stopped' if error.interrupted else 'fail', str(error))
    except Exception as error:   # a bug of ours must not look like the reader's mistake
        return result('fail', please_report(error))


def please_report(error):
    """The sentence for an error in the checker itself."""
    return _say('report', error=f'{type(error).__name__}: {_first_line(error)}')


def require_small(output, what=None):
    """Refuse (ReaderCodeStopped) a layer leading to `output` with over MAX_LAYER_PARAMS weights.

    Call it on a tensor built with shapes only: the weights have shapes but no values yet.
    The layer is named by its kind and its place among the reader's layers of that kind.
    """
    layers = layers_in_order(output)
    seen = {}
    for layer in layers:
        kind = type(layer).__name__
        seen[kind] = seen.get(kind, 0) + 1
        size = sum(math.prod(weight.shape) for weight in getattr(layer, 'weights', []))
        if size > sandbox.MAX_LAYER_PARAMS:
            raise sandbox.ReaderCodeStopped(_say(
                'too_large', what=sandbox.shown(what or 'Your block'),
                nth=_words()['nth'].format(ordinal=ordinal(seen[kind]), n=seen[kind]),
                kind=kind, setting=_setting(layer), size=f'{size:,}',
                limit=f'{sandbox.MAX_LAYER_PARAMS:,}', gib=f'{size * 4 / 2**30:,.1f}',
                fewer=_words()['fewer'][_what_to_shrink(layer)]))


def layers_in_order(output):
    """The operations between the inputs and `output`, in the order they were created."""
    found, seen, stack = {}, set(), [output]
    while stack:
        history = keras_internals.history(stack.pop())
        if history is None:
            continue
        operation, node_index, node = history
        if (id(operation), node_index) in seen:
            continue
        seen.add((id(operation), node_index))
        found[id(operation)] = operation
        stack.extend(node.input_tensors)
    return sorted(found.values(), key=_creation)


def _creation(operation):
    """Keras numbers the automatic names of each class in creation order: conv2d, conv2d_1, ..."""
    name = getattr(operation, 'name', '')
    tail = name.rsplit('_', 1)[-1]
    return (int(tail) + 1) if tail.isdigit() and '_' in name else 0


def _setting(layer):
    config = layer.get_config()
    words = _words()
    parts = []
    if 'filters' in config:
        parts.append(words['filters'].format(n=f'{config["filters"]:,}'))
    if 'units' in config:
        parts.append(words['units'].format(n=f'{config["units"]:,}'))
    kernel = config.get('kernel_size')
    if kernel:
        parts.append(words['kernel'].format(k='x'.join(map(str, kernel))))
    return language.pick(en=', ', zh='，').join(parts) or layer.name


def _what_to_shrink(layer):
    config = layer.get_config()
    return 'units' if 'units' in config else 'filters' if 'filters' in config else 'weights'


def wrong_return(output, ending, build):
    """A sentence if `output` is not one Keras tensor that a layer made, else None.

    ending: what the function should return, e.g. "the block's output tensor";
    build: how to make it, e.g. 'build the block from its input with Keras layers'.
    """
    if output is None:
        return _say('returns_none', ending=ending)
    if isinstance(output, (list, tuple)):
        return _say('returns_list', type=type(output).__name__, n=len(output),
                    items=count(len(output), 'item'), ending=ending)
    if not isinstance(output, keras.KerasTensor):
        return _say('returns_other', kind=kind(output), build=build)
    if keras_internals.history(output) is None:
        return _say('no_layer')
    return None


def tensors_at_failure(error):
    """The Keras tensors a failing Keras call was combining (innermost Keras frame first)."""
    frames = []
    tb = error.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        if 'keras' not in frame.f_code.co_filename:
            continue
        found = {}
        for value in frame.f_locals.values():
            for item in (value if isinstance(value, (list, tuple)) else [value]):
                if isinstance(item, keras.KerasTensor) and len(item.shape) == 4:
                    found[id(item)] = item
        if len({tuple(t.shape[1:]) for t in found.values()}) > 1:
            return list(found.values())
    return []


def shrinking_layer(tensor):
    """(name, Keras layer) of the last layer before `tensor` that made it smaller, or None.

    The name is the reader's: 'your 2nd Conv2D', counted in the order the layers were made.
    """
    seen, names = {}, {}
    for operation in layers_in_order(tensor):
        kind = type(operation).__name__
        seen[kind] = seen.get(kind, 0) + 1
        names[id(operation)] = yours(seen[kind], kind)
    while keras_internals.history(tensor) is not None:
        operation, _, node = keras_internals.history(tensor)
        if len(node.input_tensors) != 1:
            return None
        before = node.input_tensors[0]
        if tuple(before.shape[1:3]) != tuple(tensor.shape[1:3]):
            return names.get(id(operation), type(operation).__name__), operation
        tensor = before
    return None


def reader_line(error, fn):
    """' in `code`' (or ' at line N') for the deepest frame of the reader's own code, if any."""
    code = getattr(fn, '__code__', None)
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if code is not None and f.filename == code.co_filename]
    if not frames:
        return ''
    frame = frames[-1]
    line = frame.line.strip() if frame.line else ''
    return _words()['in_code'].format(line=line) if line else \
        _words()['at_line'].format(n=frame.lineno)


def yours(n, kind):
    """'your 2nd Conv2D' (zh '你的第 2 个 Conv2D'): the reader's n-th layer of a kind."""
    return _words()['yours'].format(nth=ordinal(n), n=n, kind=kind)


def kind(value):
    """'an int', 'a numpy.ndarray' (zh 'int'): what a value is, for a sentence."""
    cls = type(value)
    name = cls.__name__ if cls.__module__ == 'builtins' else f'{cls.__module__}.{cls.__name__}'
    return language.pick(en=a(name), zh=name)


def first_line(error):
    """The first line of an exception's message, or '(no message)'."""
    return _first_line(error)


def _first_line(error):
    text = str(error).strip()
    if not text:
        return _words()['no_message']
    line = text.splitlines()[0]
    return line if len(line) <= 300 else line[:297] + '...'
