"""Check a reader's block function against a reference at a few settings of its knobs.

The whole check runs as every check does (`convblocks.exercises.core.run`): one time limit,
shapes only (a layer over 10**8 weights is refused before anything is allocated),
channels_last, float32 and the float32 policy whatever the session set (restored after),
Ctrl-C as one line. At every setting both functions are built on fresh inputs and compared
by `structure.differences`, then by output shape and parameter count. The first difference
is the verdict's message.
"""
import contextlib
import inspect

from convblocks.exercises.core import run, structure
from convblocks.exercises.core.wording import count
from convblocks.exercises.chapters.verdict import Verdict
from convblocks.quiet import keras

SIZE = 8   # blocks are checked on 8x8 inputs (every layer keeps the size or halves it)


def check_block(fn, reference, settings, terms=(), time_limit=run.TIME_LIMIT, after_pass=None):
    """A Verdict on `fn` against `reference` at each setting.

    settings: dicts of knobs, plus 'channels' for the input channels (default: the f knob);
    terms: expressions of the knobs ('f//r', '4*f') used to explain a wrong number;
    after_pass(fn): a note added to a pass, computed inside the same guard.
    """
    if not callable(fn):
        return Verdict('fail', f'check needs your function itself, e.g. '
                               f'check(..., {reference.__name__}), not {run.kind(fn)}.')

    def body():
        for setting in settings:
            verdict = _check_one(fn, reference, dict(setting), terms)
            if not verdict.passed:
                return verdict
        if after_pass:
            verdict.notes.append(after_pass(fn))
        return verdict
    return run.run_check(body, Verdict, time_limit)


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
        return Verdict('fail', _size_clash(error, fn) or
                       f'{call} raised {type(error).__name__}{run.reader_line(error, fn)}: '
                       f'{run.first_line(error)}')
    wrong = run.wrong_return(my_out, "the block's output tensor",
                             'build the block from its input with Keras layers')
    if wrong:
        return Verdict('fail', wrong)
    run.require_small(my_out)
    mine = structure.read(my_out, dict(zip(names, my_in)))
    ref = structure.read(ref_out, dict(zip(names, ref_in)))
    defaults = {n: p.default for n, p in inspect.signature(reference).parameters.items()
                if p.default is not inspect.Parameter.empty}
    found = structure.differences(mine, ref, _namer({**defaults, **knobs}, terms))
    inputs = count(len(names), 'input').split(' ', 1)[1]
    where = f' (checked with {at} on {SIZE}x{SIZE}x{channels} {inputs})'
    if found:
        more = len(found) - 1
        notes = [f'Fix this first; {count(more, "other difference")} also found.'] \
            if more else []
        return Verdict('fail', found[0][:-1] + where + '.', notes)
    return _same_numbers(keras.Model(my_in, my_out), keras.Model(ref_in, ref_out), where)


def _size_clash(error, fn):
    """A sentence when Keras could not combine tensors of different heights and widths."""
    tensors = run.tensors_at_failure(error)
    if len({tuple(t.shape[1:3]) for t in tensors}) < 2:
        return None
    small = min(tensors, key=lambda t: t.shape[1])
    large = max(tensors, key=lambda t: t.shape[1])
    sizes = ' and '.join('x'.join(map(str, t.shape[1:3])) for t in (small, large))
    where = run.reader_line(error, fn)
    text = f'Keras could not combine tensors of {sizes} pixels{where}'
    found = run.shrinking_layer(small)
    if found is None:
        return f'{text}: every layer of this block keeps the size of its input.'
    name, layer = found
    config = layer.get_config()
    strides = config.get('strides')
    if config.get('padding') == 'valid':
        return (f"{text}: {name} has padding='valid', which shrinks its output; use "
                f"padding='same' (the aliases' default).")
    if strides and max(strides) > 1:
        return (f'{text}: {name} has strides={tuple(strides)}, which shrinks its output, so it '
                f'cannot be combined with a tensor of the input\'s size.')
    return f'{text}: {name} makes its output smaller.'


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
