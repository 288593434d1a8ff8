"""Check a reader's block function against a reference at a few settings of its knobs.

At every setting both functions are built on fresh inputs (channels_last, float32, whatever
the global Keras state; it is restored afterwards) and compared by `structure.differences`,
then by output shape and parameter count. The first difference is the verdict's message.
"""
import contextlib
import inspect
import traceback

from convblocks import keras_internals
from convblocks.exercises.core import structure
from convblocks.exercises.chapters.verdict import Verdict
from convblocks.quiet import keras

SIZE = 8   # blocks are checked on 8x8 inputs (every layer keeps the size or halves it)


def check_block(fn, reference, settings, terms=()):
    """A Verdict on `fn` against `reference` at each setting.

    settings: dicts of knobs, plus 'channels' for the input channels (default: the f knob);
    terms: expressions of the knobs ('f//r', '4*f') used to explain a wrong number.
    """
    if not callable(fn):
        return Verdict('fail', f'check needs your function itself, e.g. '
                               f'check(..., {reference.__name__}), not {_kind(fn)}.')
    try:
        with _standard_keras():
            for setting in settings:
                verdict = _check_one(fn, reference, dict(setting), terms)
                if not verdict.passed:
                    return verdict
    except Exception as error:   # a bug of ours must not look like the reader's mistake
        return Verdict('fail', f'The checker itself failed ({type(error).__name__}: {error}); '
                               f'please report this.')
    return verdict


def _check_one(fn, reference, setting, terms):
    knobs = {k: v for k, v in setting.items() if k != 'channels'}
    names = [n for n in inspect.signature(reference).parameters if n.startswith('x')]
    at = ', '.join(f'{k}={v}' for k, v in knobs.items()) or 'the default knobs'
    arguments = [*names, *(f'{k}={v}' for k, v in knobs.items())]
    call = f'{getattr(fn, "__name__", "your function")}({", ".join(arguments)})'
    try:
        inspect.signature(fn).bind(*names, **knobs)
    except (TypeError, ValueError):
        return Verdict('fail', f'The check calls your function as {call}; keep the signature '
                               f'{reference.__name__}{inspect.signature(reference)}.')
    channels = setting.get('channels', knobs.get('f'))
    ref_in, ref_out = _build(reference, names, channels, knobs)
    my_in = [keras.Input((SIZE, SIZE, channels), name=n) for n in names]
    try:
        my_out = fn(*my_in, **knobs)
    except NotImplementedError:
        return Verdict('todo', 'in a notebook, write your block in the function body (in place '
                               'of raise NotImplementedError), run that cell, then run this '
                               'check.')
    except Exception as error:
        return Verdict('fail', f'{call} raised {type(error).__name__}{_reader_line(error, fn)}: '
                               f'{_first_line(error)}')
    wrong = _wrong_return(my_out)
    if wrong:
        return Verdict('fail', wrong)
    mine = structure.read(my_out, dict(zip(names, my_in)))
    ref = structure.read(ref_out, dict(zip(names, ref_in)))
    defaults = {n: p.default for n, p in inspect.signature(reference).parameters.items()
                if p.default is not inspect.Parameter.empty}
    found = structure.differences(mine, ref, _namer({**defaults, **knobs}, terms))
    where = f' (checked with {at} on {SIZE}x{SIZE}x{channels} input{"s" * (len(names) > 1)})'
    if found:
        more = len(found) - 1
        notes = [f'Fix this first; {more} other difference{"s" * (more > 1)} also found.'] \
            if more else []
        return Verdict('fail', found[0][:-1] + where + '.', notes)
    return _same_numbers(keras.Model(my_in, my_out), keras.Model(ref_in, ref_out), where)


def _build(block, names, channels, knobs):
    inputs = [keras.Input((SIZE, SIZE, channels), name=n) for n in names]
    return inputs, block(*inputs, **knobs)


def _same_numbers(mine, ref, where):
    if tuple(mine.output.shape) != tuple(ref.output.shape):
        return Verdict('fail', f'Your block outputs shape {tuple(mine.output.shape)[1:]}; the '
                               f'reference outputs {tuple(ref.output.shape)[1:]}{where}.')
    if mine.count_params() != ref.count_params():
        return Verdict('fail', f'Your block has {mine.count_params():,} parameters; the '
                               f'reference has {ref.count_params():,}{where}.')
    return Verdict('pass', f'same layers, same connections, output {tuple(ref.output.shape)[1:]} '
                           f'and {ref.count_params():,} parameters as the reference{where}.')


def _namer(knobs, terms):
    """value -> ' (f//r)' naming the first knob or term equal to it, or ''."""
    values = [(name, value) for name, value in knobs.items() if isinstance(value, int)]
    for term in terms:
        with contextlib.suppress(Exception):
            values.append((term, eval(term, {}, dict(knobs))))   # our own expressions only

    def name(value):
        return next((f' ({term})' for term, v in values if v == value), '')
    return name


@contextlib.contextmanager
def _standard_keras():
    saved = keras.config.image_data_format(), keras.config.floatx()
    keras.config.set_image_data_format('channels_last')
    keras.config.set_floatx('float32')
    try:
        yield
    finally:
        keras.config.set_image_data_format(saved[0])
        keras.config.set_floatx(saved[1])


def _wrong_return(output):
    if output is None:
        return 'Your function returns None; end it with return and the output tensor.'
    if isinstance(output, (list, tuple)):
        return (f'Your function returns a {type(output).__name__} of {len(output)} '
                f'item{"s" * (len(output) != 1)}; return one tensor.')
    if not isinstance(output, keras.KerasTensor) or keras_internals.history(output) is None:
        return (f'Your function returns {_kind(output)}, not a tensor made by Keras layers; '
                f'build the block from its input with Keras layers.')
    return None


def _reader_line(error, fn):
    code = getattr(fn, '__code__', None)
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if code is not None and f.filename == code.co_filename]
    return f' in `{frames[-1].line.strip()}`' if frames and frames[-1].line else ''


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else '(no message)'


def _kind(value):
    kind = type(value)
    name = kind.__name__ if kind.__module__ == 'builtins' else f'{kind.__module__}.{kind.__name__}'
    return f'an {name}' if name[0].lower() in 'aeiou' else f'a {name}'
