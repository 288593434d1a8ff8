"""Run a reader's Keras code safely: a time limit, a size limit, Keras' settings left as found.

Every place that calls a function a reader wrote (the exercise checks, `explore` and the
drawings of a reader's block) goes through `reader_call`, so all of them stop the same way:

- after `time_limit` seconds (a SIGALRM timer, so a Python loop stops within the limit plus
  a moment; a single long computation in C can only be stopped once it returns, and the
  message then says how long it ran);
- before any weight is allocated: the function runs with shapes only (no weight values), and
  a layer over MAX_LAYER_PARAMS parameters is refused with a sentence naming it;
- on Ctrl-C or the notebook's Stop button, with one line instead of a traceback;
- with channels_last, float32 and the float32 dtype policy inside, the reader's own global
  settings restored afterwards whatever happens.

What the reader's code raised, or returned instead of a tensor, becomes one ReaderCodeFailed
line (`reader_failed`, `require_tensor_output`).
"""
import contextlib
import math
import signal
import threading
import time

from convblocks import keras_internals, language
from convblocks.checks import errors
from convblocks.checks.errors import BlockTypeError, Sentence
from convblocks.quiet import keras
from convblocks.wording import spaced

TIME_LIMIT = 20             # seconds a reader's function may take, by default
MAX_LAYER_PARAMS = 10**8    # parameters one layer of a reader's block may have (0.4 GB)


class ReaderCodeStopped(Sentence, RuntimeError):
    """The reader's function was stopped (time, size, interrupt); the message says why."""
    interrupted = False   # True when Ctrl-C or the Stop button stopped it


# The sentences of the sandbox, per language; {what} names the reader's code ('Your function').
TEXT = {
    'en': {'time_limit': '{caller}: time_limit is a number of seconds above 0, e.g. '
                         'time_limit={default}; got {got}.',
           'late': ' It ran {ran:.0f} s: one long computation (in C, e.g. sum(range(10**10)) or '
                   'a huge tensor) cannot be stopped until it returns.',
           'too_long': '{what} took longer than {seconds:g} s, so it was stopped: look for a '
                       'loop that never ends.{late}',
           'interrupted': '{what} interrupted; nothing was changed.',
           'too_large': '{what} was not built: its layer {position} with weights, a {kind} '
                        '({setting}), would hold {count} parameters, more than {limit} (about '
                        '{gib} GiB); use fewer filters.',
           'raised': '{what} raised {kind}', 'said': ': {said}', 'nothing_said': '.',
           'returned_none': '{what} returned None, not a Keras tensor: end it with `return` and '
                            'its output, e.g. `return add([x, m])`.',
           'returned_other': '{what} returned {value} (of type {kind}), not a Keras tensor: '
                             'return the output of its last layer.'},
    'zh': {'time_limit': '{caller}：time_limit 是大于 0 的秒数，例如 time_limit={default}；'
                         '收到的是 {got}。',
           'late': '它运行了 {ran:.0f} 秒：一次很长的计算（在 C 中，例如 sum(range(10**10)) '
                   '或一个巨大的张量）在返回之前无法停止。',
           'too_long': '{what}运行超过 {seconds:g} 秒，已被停止：请检查是否有永不结束的循环。'
                       '{late}',
           'interrupted': '{what}已中断；没有任何改动。',
           'too_large': '{what}没有搭建：它第 {position} 个带权重的层，一个 {kind}（{setting}），'
                        '会有 {count} 个参数，超过 {limit} 个（约 {gib} GiB）；请减少滤波器数。',
           'raised': '{what}抛出了 {kind}', 'said': '：{said}', 'nothing_said': '。',
           'returned_none': '{what}返回了 None，不是 Keras 张量：请用 `return` 返回它的输出，'
                            '例如 `return add([x, m])`。',
           'returned_other': '{what}返回了 {value}（类型为 {kind}），不是 Keras 张量：'
                             '请返回最后一层的输出。'},
}


# The callers' default names of the reader's code, in Chinese.
WHAT_ZH = {'Your function': '你的函数', 'Your block': '你的模块', 'Check': '检查'}


def shown(what):
    """A name of the reader's code ('Your block') in the current language."""
    return WHAT_ZH.get(what, what) if language.current() == 'zh' else what


def quoted(said):
    """What Python or Keras said (English) for a sentence in the current language: as it is
    in English, as code in Chinese."""
    if language.current() == 'en':
        return said
    return '`' + said.replace('`', "'") + '`'


def _text(key, **values):
    """TEXT's sentence `key` in the current language, with `values` filled in."""
    if 'what' in values:
        values['what'] = shown(values['what'])
    text = TEXT[language.current()][key].format(**values)
    return spaced(text) if language.current() == 'zh' else text


class ReaderCodeFailed(Sentence, RuntimeError):
    """The reader's function raised, or returned something other than a Keras tensor."""


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException, so a reader's `except Exception` cannot catch it."""


def require_time_limit(seconds, caller='check'):
    """`seconds` as a float if it is a usable time limit, else the caller's one sentence."""
    ok = isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
    if not ok or not math.isfinite(seconds) or seconds <= 0:
        raise BlockTypeError(_text('time_limit', caller=caller, default=TIME_LIMIT,
                                   got=short(seconds)))
    return float(seconds)


def short(value, width=40):
    """repr(value), shortened: huge ints are described, long texts cut (checks.errors.short)."""
    return errors.short(value, width)


@contextlib.contextmanager
def standard_keras():
    """channels_last, float32 and the float32 policy inside; the previous settings after."""
    config = keras.config
    saved = (config.image_data_format(), config.floatx(), config.dtype_policy())
    config.set_image_data_format('channels_last')
    config.set_floatx('float32')
    config.set_dtype_policy('float32')
    try:
        yield
    finally:
        config.set_image_data_format(saved[0])
        config.set_floatx(saved[1])
        config.set_dtype_policy(saved[2])


@contextlib.contextmanager
def time_limit(seconds, what):
    """Raise ReaderCodeStopped once `seconds` have passed (main thread only; else no limit)."""
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, 'setitimer') or not main:
        yield
        return

    def stop(signum, frame):
        raise _TimeUp

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        ran = time.monotonic() - start
        late = _text('late', ran=ran) if ran > seconds + 1 else ''
        raise ReaderCodeStopped(_text('too_long', what=what, seconds=seconds, late=late)) \
            from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def interrupt_as_sentence(what):
    """Ctrl-C / the Stop button becomes one line: nothing the reader had is changed."""
    try:
        yield
    except KeyboardInterrupt:
        stopped = ReaderCodeStopped(_text('interrupted', what=what))
        stopped.interrupted = True
        raise stopped from None


@contextlib.contextmanager
def guarded(what='Your function', seconds=TIME_LIMIT, interrupted='Check'):
    """The time limit, shapes-only building and standard Keras settings, all at once."""
    with interrupt_as_sentence(interrupted), standard_keras(), time_limit(seconds, what), \
            keras_internals.shapes_only():
        yield


def require_small_layers(model, what='Your block'):
    """Refuse a built (shapes-only) model whose largest layer exceeds MAX_LAYER_PARAMS."""
    layers = [layer for layer in model.layers if layer.weights]
    for position, layer in enumerate(layers, start=1):
        count = sum(math.prod(weight.shape) for weight in layer.weights)
        if count > MAX_LAYER_PARAMS:
            raise ReaderCodeStopped(_text(
                'too_large', what=what, position=position, kind=type(layer).__name__,
                setting=_setting(layer), count=errors.number(count, True),
                limit=f'{MAX_LAYER_PARAMS:,}', gib=errors.number(count * 4 // 2**30, True)))


def _setting(layer):
    config = layer.get_config()
    keys = ('filters', 'units', 'kernel_size')
    return ', '.join(f'{k}={short(config[k])}' for k in keys if k in config) or layer.name


def reader_failed(what, error):
    """ReaderCodeFailed saying, in one line, what the reader's function raised."""
    try:
        lines = str(error).strip().splitlines()
    except Exception:                       # an exception whose __str__ fails
        lines = []
    said = lines[0] if lines else ''
    said = said if len(said) <= 160 else said[:157] + '...'
    ending = _text('said', said=quoted(said)) if said else _text('nothing_said')
    return ReaderCodeFailed(_text('raised', what=what, kind=type(error).__name__) + ending)


def require_tensor_output(what, output):
    """Refuse an output that is not a Keras tensor (or a non-empty list of them), by name."""
    outputs = output if isinstance(output, (list, tuple)) and output else [output]
    if all(isinstance(each, keras.KerasTensor) for each in outputs):
        return
    if output is None:
        raise ReaderCodeFailed(_text('returned_none', what=what))
    raise ReaderCodeFailed(_text('returned_other', what=what, value=short(output),
                                 kind=type(output).__name__))
