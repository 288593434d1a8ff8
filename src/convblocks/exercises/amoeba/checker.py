"""`check(fn)`: build the reader's cell on fixed inputs and say how it differs from the cell.

Whatever the reader's function does (raise, return None, a list, a numpy array, a tensor of
the wrong shape), `check` answers with a `Result` and never raises.
"""
import inspect

from convblocks import keras_internals

from convblocks.exercises.amoeba import compare, spec
from convblocks.exercises.core import graph
from convblocks.exercises.core import run
from convblocks.exercises.core.wording import a as _a, a_number as _a_number, listing as _and, count
from convblocks.exercises.core.result import Result
from convblocks.quiet import keras

SIZE, F = 8, 12    # the check builds the cell once, on two 8x8 inputs with f = 12 channels
TIME_LIMIT = run.TIME_LIMIT   # seconds the reader's function may take
ENDING = 'concatenate([...]) of the states the cell outputs'
BUILD = ('build the cell from x1 and x2 with Keras layers (sepconv, avgpool, maxpool, add, '
         'concatenate)')


def check(fn=None, time_limit=TIME_LIMIT):
    """Build `fn(x1, x2, f=12)` on 8x8x12 inputs and compare it with AmoebaNet-A's normal cell.

    f = 12 is a value no step of the cell needs, so a filter count written as a number
    (32, 8) shows. The build runs as every check does (`core.run`): channels_last and
    float32 whatever Keras' global settings are (restored afterwards), shapes only (a layer
    over 10**8 weights is refused before anything is allocated), and stopped after
    `time_limit` seconds or by Ctrl-C.
    """
    return run.run_check(lambda: _check(fn, F), Result, time_limit, 'Building your cell')


def _check(fn, f):
    if not callable(fn):
        given = '' if fn is None else f', not {run.kind(fn)}'
        return Result('fail', f'check needs your function itself, e.g. '
                              f'check(amoeba_normal_cell){given}.')
    try:
        inspect.signature(fn).bind(None, None, f=f)
    except (TypeError, ValueError):
        return Result('fail', f'check calls your function as fn(x1, x2, f={f}); keep the '
                              f'signature amoeba_normal_cell(x1, x2, f=32).')
    x1 = keras.Input((SIZE, SIZE, f), name='h_im1')
    x2 = keras.Input((SIZE, SIZE, f), name='h_i')
    try:
        output = fn(x1, x2, f=f)
    except NotImplementedError:
        return Result('todo', 'replace the body of amoeba_normal_cell with your cell, run its '
                              'cell again, then run this check.')
    except Exception as error:
        return Result('fail', _explain_exception(error, fn, f))
    wrong = run.wrong_return(output, ENDING, BUILD)
    if wrong:
        return Result('fail', wrong)
    run.require_small(output, 'Your cell')
    cell = graph.read(output, {'h_{i-1}': x1, 'h_i': x2})
    found = compare.problems(cell, f)
    if found:
        more = len(found) - 1
        notes = [f'The check found {count(more, "other difference")}; run it again '
                 f'after fixing this one.'] if more else []
        return Result('fail', found[0], notes, found)
    return _success(cell, output, f)


def _success(cell, output, f):
    expected_shape = (None, SIZE, SIZE, 4 * f)
    if tuple(output.shape) != expected_shape:
        return Result('fail', f'The output has shape {tuple(output.shape)}; the cell gives '
                              f'{expected_shape} for 8x8 inputs with f = {f}.')
    notes = [f'Output: {SIZE}x{SIZE}x{4 * f} for two {SIZE}x{SIZE}x{f} inputs (4f channels): '
             f'h_{{i-1}}, b, c and e stacked.']
    notes += compare.normalize(cell)[1]
    order = compare.concat_order(cell, f)
    if order != spec.concatenated():
        notes.append(f'Your concatenation order ({", ".join(map(spec.state_label, order))}) '
                     f'differs from the original code\'s (h_{{i-1}}, add b, add c, add e); '
                     f'that only reorders the output channels, so it is accepted.')
    return Result('pass', 'your cell matches the AmoebaNet-A normal cell: five adds with '
                          'the right operations and inputs, and the right concatenation.',
                  notes)


def _explain_exception(error, fn, f):
    """One or two sentences on an exception raised while building the reader's cell."""
    where = run.reader_line(error, fn)
    tensors = run.tensors_at_failure(error)
    if len({tuple(t.shape[1:]) for t in tensors}) > 1:
        return _explain_shapes(tensors, str(error), where, f)
    return f'Your function raised {type(error).__name__}{where}: {_quote(str(error))}'


def _explain_shapes(tensors, text, where, f):
    op = 'concatenate' if 'oncatenat' in text else 'add'
    sizes = {tuple(t.shape[1:3]) for t in tensors}
    channels = sorted({t.shape[3] for t in tensors})
    if len(sizes) > 1:
        small = min(tensors, key=lambda t: t.shape[1])
        height, width = small.shape[1:3]
        return (f'Keras could not {op} {_a_number(height)} {height}x{width} tensor with '
                f'{_a_number(SIZE)} {SIZE}x{SIZE} one{where}: {_shrinker(small)}.')
    if op == 'add':
        odd = [c for c in channels if c != f]
        guess = (f': did you write {odd[0]} instead of f?' if len(odd) == 1 and
                 odd[0] in (8, 16, 32, 64) else '.')
        return (f'Keras could not add tensors with {_and(map(str, channels))} channels{where}: '
                f'every sepconv in the cell needs f filters, and f = {f} in this check{guess}')
    return f'Keras could not {op} tensors of different shapes{where}: {_quote(text)}'


def _shrinker(tensor):
    """Why `tensor` is smaller than the inputs: the first operation back from it that shrinks."""
    while keras_internals.history(tensor) is not None:
        operation, node_index, node = graph._history(tensor)
        if len(node.input_tensors) != 1:
            break
        before = node.input_tensors[0]
        if tuple(before.shape[1:3]) != tuple(tensor.shape[1:3]):
            op = graph._op(operation, node_index)
            return _shrink_reason(op)
        tensor = before
    return "every operation in the cell keeps the size, so keep stride 1 and padding='same'"


def _shrink_reason(op):
    names = {'sepconv': 'sepconv', 'avgpool': 'average pool', 'maxpool': 'max pool'}
    name = names.get(op.kind, op.kind)
    keeps = 'every operation in the cell keeps the size, so'
    if op.kind in ('avgpool', 'maxpool') and op.k == 2 and op.s == 2:
        return (f'{_a(name)} with k=2, s=2 (the aliases\' defaults) halves it; {keeps} pools '
                f'need k=3, s=1')
    if op.s not in (1, None):
        return f'{_a(name)} with stride {op.s} shrinks it; {keeps} use stride 1'
    if op.padding == 'valid':
        return (f"{_a(name)} with padding='valid' shrinks it; {keeps} keep the aliases' "
                f"padding='same'")
    return f'{_a(name)} shrinks it; {keeps} keep stride 1 and padding=\'same\''


def _quote(text):
    """Keras' first paragraph as one line of whole sentences (no dangling 'like:' lead-in)."""
    paragraph = ' '.join(text.strip().split('\n\n')[0].split())
    if paragraph.endswith(':') and '. ' in paragraph:
        paragraph = paragraph[:paragraph.rindex('. ') + 1]
    return paragraph or '(no message)'
