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
"""
import contextlib
import math
import signal
import threading
import time

from convblocks import keras_internals
from convblocks.checks.errors import BlockTypeError, Sentence
from convblocks.quiet import keras

TIME_LIMIT = 20             # seconds a reader's function may take, by default
MAX_LAYER_PARAMS = 10**8    # parameters one layer of a reader's block may have (0.4 GB)


class ReaderCodeStopped(Sentence, RuntimeError):
    """The reader's function was stopped (time, size, interrupt); the message says why."""


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException, so a reader's `except Exception` cannot catch it."""


def require_time_limit(seconds, caller='check'):
    """`seconds` as a float if it is a usable time limit, else the caller's one sentence."""
    ok = isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
    if not ok or not math.isfinite(seconds) or seconds <= 0:
        raise BlockTypeError(f'{caller}: time_limit is a number of seconds above 0, e.g. '
                             f'time_limit={TIME_LIMIT}; got {short(seconds)}.')
    return float(seconds)


def short(value, width=40):
    """repr(value), shortened: huge ints are described, long texts cut."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        digits = math.floor(value.bit_length() * math.log10(2)) + 1
        return f'a{" negative" * (value < 0)} number with about {digits:,} digits'
    text = repr(value)
    return text if len(text) <= width else text[:width - 3] + '...'


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
        late = (f' It ran {ran:.0f} s: one long computation (in C, e.g. sum(range(10**10)) or '
                f'a huge tensor) cannot be stopped until it returns.') if ran > seconds + 1 else ''
        raise ReaderCodeStopped(f'{what} took longer than {seconds:g} s, so it was stopped: '
                                f'look for a loop that never ends.{late}') from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def interrupt_as_sentence(what):
    """Ctrl-C / the Stop button becomes one line: nothing the reader had is changed."""
    try:
        yield
    except KeyboardInterrupt:
        raise ReaderCodeStopped(f'{what} interrupted; nothing was changed.') from None


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
            raise ReaderCodeStopped(
                f'{what} was not built: its layer {position} with weights, a '
                f'{type(layer).__name__} ({_setting(layer)}), would hold {count:,} parameters, '
                f'more than {MAX_LAYER_PARAMS:,} (about {count * 4 // 2**30:,} GiB); use fewer '
                f'filters.')


def _setting(layer):
    config = layer.get_config()
    keys = ('filters', 'units', 'kernel_size')
    return ', '.join(f'{k}={short(config[k])}' for k in keys if k in config) or layer.name
