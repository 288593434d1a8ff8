"""`check(fn)`: build the reader's cell on fixed inputs and say how it differs from the cell.

Whatever the reader's function does (raise, return None, a list, a numpy array, a tensor of
the wrong shape), `check` answers with a `Result` and never raises.
"""
import inspect
import re
import traceback

from convblocks.exercise import compare, graph, spec
from convblocks.exercise.result import Result
from convblocks.quiet import keras

SIZE, F = 8, 8   # the check builds the cell on two 8x8 inputs with f = 8 channels
F_AGAIN = 12     # ... and once more with f = 12, so that a filter count written as 8 shows
SHAPES = re.compile(r'\(([\dNone, ]+)\)')


def check(fn):
    """Build `fn(x1, x2, f=8)` on 8x8x8 inputs and compare it with AmoebaNet-A's normal cell.

    A cell that matches is built once more with f = 12, where it must match too.
    """
    try:
        result = _check(fn, F)
        return _check_again(fn, result) if result.passed else result
    except Exception as error:   # a bug of ours must not look like the reader's mistake
        return Result('fail', f'The checker itself failed ({type(error).__name__}: {error}); '
                              f'please report this.')


def _check_again(fn, first):
    """`first` (a pass at f = 8) unless the cell fails to follow f = 12."""
    again = _check(fn, F_AGAIN)
    if again.passed:
        return first
    return Result('fail', f'Your cell matches the AmoebaNet-A cell with f = {F} but not with '
                          f'f = {F_AGAIN}: build every layer from f, not from a fixed number. '
                          f'With f = {F_AGAIN}: {again.message}')


def _check(fn, f):
    if not callable(fn):
        return Result('fail', f'check needs your function itself, e.g. '
                              f'check(amoeba_normal_cell), not {_kind(fn)}.')
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
    wrong = _wrong_return(output)
    if wrong:
        return Result('fail', wrong)
    cell = graph.read(output, {'h_{i-1}': x1, 'h_i': x2})
    found = compare.problems(cell, f)
    if found:
        more = len(found) - 1
        notes = [f'The check found {more} other difference{"s" * (more > 1)}; run it again '
                 f'after fixing this one.'] if more else []
        return Result('fail', found[0], notes, found)
    return _success(cell, output, f)


def _wrong_return(output):
    """A sentence if `output` is not one Keras tensor of the right shape, else None."""
    if output is None:
        return ('Your function returns None; end it with return concatenate([...]) of the '
                'states the cell outputs.')
    if isinstance(output, (list, tuple)):
        return (f'Your function returns a {type(output).__name__} of {len(output)} items; '
                f'return one tensor: concatenate([...]) of the states the cell outputs.')
    if not isinstance(output, keras.KerasTensor):
        return (f'Your function returns {_kind(output)}, not a Keras tensor; build the cell '
                f'from x1 and x2 with Keras layers (sepconv, avgpool, maxpool, add, '
                f'concatenate).')
    if not hasattr(output, '_keras_history'):
        return 'Your function returns a Keras tensor that no Keras layer produced.'
    return None


def _success(cell, output, f):
    expected_shape = (None, SIZE, SIZE, 4 * f)
    if tuple(output.shape) != expected_shape:
        return Result('fail', f'The output has shape {tuple(output.shape)}; the cell gives '
                              f'{expected_shape} for 8x8 inputs with f = {f}.')
    notes = [f'Output: {SIZE}x{SIZE}x{4 * f} for two {SIZE}x{SIZE}x{f} inputs (4f channels): '
             f'h_{{i-1}}, b, c and e stacked.']
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
    where = _reader_line(error, fn)
    text = str(error)
    if 'incompatible shapes' in text or 'matching shapes' in text:
        return _explain_shapes(text, where, f)
    return (f'Your function raised {type(error).__name__}{where}: '
            f'{_first_line(text)}')


def _explain_shapes(text, where, f):
    shapes = [tuple(int(v) for v in s.replace('None', '').split(',') if v.strip())
              for s in SHAPES.findall(text)]
    shapes = [s[-3:] for s in shapes if len(s) >= 3]
    sizes = {s[:2] for s in shapes}
    channels = {s[2] for s in shapes}
    op = 'concatenate' if 'Concatenate' in text else 'add'
    if len(sizes) > 1:
        small = min(sizes)
        fix = ("pools need k=3, s=1 (the aliases default to k=2, s=2)" if small[0] * 2 == SIZE
               else "keep the aliases' padding='same'")
        return (f'Keras could not {op} a {small[0]}x{small[1]} tensor with an '
                f'{SIZE}x{SIZE} one{where}: every operation in the cell keeps the size, so '
                f'{fix}.')
    if len(channels) > 1 and op == 'add':
        odd = sorted(channels - {f}) or sorted(channels)
        hint = ': did you write 32 instead of f?' if odd == [32] else '.'
        return (f'Keras could not add tensors with {" and ".join(map(str, sorted(channels)))} '
                f'channels{where}: every sepconv in the cell needs f filters, and f = {f} in '
                f'this check{hint}')
    return f'Keras could not {op} tensors of shapes {shapes}{where}: {_first_line(text)}'


def _reader_line(error, fn):
    """' at line N (`code`)' for the deepest frame of the reader's own code, if any."""
    code = getattr(fn, '__code__', None)
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if code is not None and f.filename == code.co_filename]
    if not frames:
        return ''
    frame = frames[-1]
    line = frame.line.strip() if frame.line else ''
    return f' in `{line}`' if line else f' at line {frame.lineno}'


def _first_line(text):
    return text.strip().splitlines()[0] if text.strip() else '(no message)'


def _kind(value):
    kind = type(value)
    return f'a {kind.__module__}.{kind.__name__}' if kind.__module__ != 'builtins' \
        else f'a {kind.__name__}'
