"""`check(fn)`: build the reader's cell on fixed inputs and say how it differs from the cell.

Whatever the reader's function does (raise, return None, a list, a numpy array, a tensor of
the wrong shape), `check` answers with a `Result` and never raises.
"""
import inspect

from convblocks import keras_internals, language

from convblocks.building.sandbox import quoted
from convblocks.exercises.amoeba import compare, spec
from convblocks.exercises.core import graph
from convblocks.exercises.core import run
from convblocks.exercises.core.wording import a as _a, a_number as _a_number, listing as _and, count
from convblocks.exercises.core.wording import listing_zh, spaced
from convblocks.exercises.core.wording import say as _say
from convblocks.exercises.core.result import Result
from convblocks.quiet import keras

SIZE, F = 8, 12    # the check builds the cell once, on two 8x8 inputs with f = 12 channels
TIME_LIMIT = run.TIME_LIMIT   # seconds the reader's function may take
# What the reader's function should return, and how to build it (for run.wrong_return).
ENDING = {'en': 'concatenate([...]) of the states the cell outputs',
          'zh': '单元输出的各状态的 concatenate([...])'}
BUILD = {'en': 'build the cell from x1 and x2 with Keras layers (sepconv, avgpool, maxpool, '
               'add, concatenate)',
         'zh': '用 Keras 层（sepconv、avgpool、maxpool、add、concatenate）从 x1 和 x2 搭出单元'}


def check(fn=None, time_limit=TIME_LIMIT):
    """Build `fn(x1, x2, f=12)` on 8x8x12 inputs and compare it with AmoebaNet-A's normal cell.

    f = 12 is a value no step of the cell needs, so a filter count written as a number
    (32, 8) shows. The build runs as every check does (`core.run`): channels_last and
    float32 whatever Keras' global settings are (restored afterwards), shapes only (a layer
    over 10**8 weights is refused before anything is allocated), and stopped after
    `time_limit` seconds or by Ctrl-C.
    """
    what = language.pick(en='Building your cell', zh='搭建你的单元')
    return run.run_check(lambda: _check(fn, F), Result, time_limit, what)


def _check(fn, f):
    if not callable(fn):
        given = _say(en='' if fn is None else f', not {run.kind(fn)}',
                     zh='' if fn is None else f'，而不是{run.kind(fn)}')
        return Result('fail', _say(en=f'check needs your function itself, e.g. '
                                      f'check(amoeba_normal_cell){given}.',
                                   zh=f'check 需要你的函数本身，例如 '
                                      f'check(amoeba_normal_cell){given}。'))
    try:
        inspect.signature(fn).bind(None, None, f=f)
    except (TypeError, ValueError):
        return Result('fail', _say(en=f'check calls your function as fn(x1, x2, f={f}); keep the '
                                      f'signature amoeba_normal_cell(x1, x2, f=32).',
                                   zh=f'check 以 fn(x1, x2, f={f}) 的方式调用你的函数；'
                                      f'请保留签名 amoeba_normal_cell(x1, x2, f=32)。'))
    x1 = keras.Input((SIZE, SIZE, f), name='h_im1')
    x2 = keras.Input((SIZE, SIZE, f), name='h_i')
    try:
        output = fn(x1, x2, f=f)
    except NotImplementedError:
        return Result('todo', _say(en='replace the body of amoeba_normal_cell with your cell, run '
                                      'its cell again, then run this check.',
                                   zh='把 amoeba_normal_cell 的函数体换成你的单元，'
                                      '重新运行它所在的单元格，再运行这个检查。'))
    except Exception as error:
        return Result('fail', _explain_exception(error, fn, f))
    wrong = run.wrong_return(output, ENDING[language.current()], BUILD[language.current()])
    if wrong:
        return Result('fail', wrong)
    run.require_small(output, language.pick(en='Your cell', zh='你的单元'))
    cell = graph.read(output, {'h_{i-1}': x1, 'h_i': x2})
    found = compare.problems(cell, f)
    if found:
        more = len(found) - 1
        notes = [_say(en=f'The check found {count(more, "other difference")}; run it again '
                         f'after fixing this one.',
                      zh=f'检查还发现了另外 {more} 处不同；改好这一处后再运行一次。')] \
            if more else []
        return Result('fail', found[0], notes, found)
    return _success(cell, output, f)


def _success(cell, output, f):
    expected_shape = (None, SIZE, SIZE, 4 * f)
    if tuple(output.shape) != expected_shape:
        return Result('fail', _say(en=f'The output has shape {tuple(output.shape)}; the cell '
                                      f'gives {expected_shape} for 8x8 inputs with f = {f}.',
                                   zh=f'输出的形状是 {tuple(output.shape)}；对于 f = {f} 的 '
                                      f'8x8 输入，单元给出的是 {expected_shape}。'))
    notes = [_say(en=f'Output: {SIZE}x{SIZE}x{4 * f} for two {SIZE}x{SIZE}x{f} inputs (4f '
                     f'channels): h_{{i-1}}, b, c and e stacked.',
                  zh=f'输出：两个 {SIZE}x{SIZE}x{f} 的输入得到 {SIZE}x{SIZE}x{4 * f}'
                     f'（4f 个通道）：h_{{i-1}}、b、c、e 拼接在一起。')]
    notes += compare.normalize(cell)[1]
    order = compare.concat_order(cell, f)
    if order != spec.concatenated():
        mine = ", ".join(map(spec.state_label, order))
        original = ', '.join(map(spec.state_label, spec.concatenated()))
        notes.append(_say(en=f'Your concatenation order ({mine}) differs from the original '
                             f'code\'s ({original}); that only reorders the output channels, '
                             f'so it is accepted.',
                          zh=f'你的拼接顺序（{mine.replace(", ", "、")}）与原始代码的'
                             f'（{original.replace(", ", "、")}）不同；这只会重新排列输出通道，'
                             f'因此算对。'))
    return Result('pass', _say(en='your cell matches the AmoebaNet-A normal cell: five adds with '
                                  'the right operations and inputs, and the right concatenation.',
                               zh='你的单元与 AmoebaNet-A 普通单元一致：五个求和的运算和输入都对，'
                                  '拼接也对。'),
                  notes)


def _explain_exception(error, fn, f):
    """One or two sentences on an exception raised while building the reader's cell."""
    where = run.reader_line(error, fn)
    tensors = run.tensors_at_failure(error)
    if len({tuple(t.shape[1:]) for t in tensors}) > 1:
        return _explain_shapes(tensors, str(error), where, f)
    return _say(en=f'Your function raised {type(error).__name__}{where}: {_quote(str(error))}',
                zh=f'你的函数{where}抛出了 {type(error).__name__}：{quoted(_quote(str(error)))}')


def _explain_shapes(tensors, text, where, f):
    op = 'concatenate' if 'oncatenat' in text else 'add'
    sizes = {tuple(t.shape[1:3]) for t in tensors}
    channels = sorted({t.shape[3] for t in tensors})
    if len(sizes) > 1:
        small = min(tensors, key=lambda t: t.shape[1])
        height, width = small.shape[1:3]
        verb = language.pick(en=op, zh={'concatenate': '拼接', 'add': '相加'}[op])
        return _say(en=f'Keras could not {op} {_a_number(height)} {height}x{width} tensor with '
                       f'{_a_number(SIZE)} {SIZE}x{SIZE} one{where}: {_shrinker(small)}.',
                    zh=f'Keras 无法{where}把 {height}x{width} 的张量与 {SIZE}x{SIZE} 的张量'
                       f'{verb}：{_shrinker(small)}。')
    if op == 'add':
        odd = [c for c in channels if c != f]
        plausible = len(odd) == 1 and odd[0] in (8, 16, 32, 64)
        guess = _say(en=f': did you write {odd[0]} instead of f?' if plausible else '.',
                     zh=f'：你是不是把 f 写成了 {odd[0]}？' if plausible else '。')
        return _say(en=f'Keras could not add tensors with {_and(map(str, channels))} '
                       f'channels{where}: every sepconv in the cell needs f filters, and f = {f} '
                       f'in this check{guess}',
                    zh=f'Keras 无法{where}把通道数为 {listing_zh(map(str, channels))} 的张量相加：'
                       f'单元中的每个 sepconv 都需要 f 个滤波器，而本次检查中 f = {f}{guess}')
    verb = language.pick(en=op, zh={'concatenate': '拼接', 'add': '相加'}[op])
    return _say(en=f'Keras could not {op} tensors of different shapes{where}: {_quote(text)}',
                zh=f'Keras 无法{where}把形状不同的张量{verb}：{_quote(text)}')


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
    return _say(en="every operation in the cell keeps the size, so keep stride 1 and "
                   "padding='same'",
                zh="单元中的每个运算都保持尺寸不变，所以请保持步幅 1 和 padding='same'")


def _shrink_reason(op):
    names = language.pick(
        en={'sepconv': 'sepconv', 'avgpool': 'average pool', 'maxpool': 'max pool'},
        zh={'sepconv': 'sepconv', 'avgpool': '平均池化', 'maxpool': '最大池化'})
    name = names.get(op.kind, op.kind)
    if language.current() == 'zh':
        keeps = '单元中的每个运算都保持尺寸不变，所以'
        if op.kind in ('avgpool', 'maxpool') and op.k == 2 and op.s == 2:
            return spaced(f'k=2、s=2（别名的默认值）的{name}把它减半了；{keeps}池化需要 k=3、s=1')
        if op.s not in (1, None):
            return spaced(f'步幅为 {op.s} 的{name}把它缩小了；{keeps}请用步幅 1')
        if op.padding == 'valid':
            return spaced(f"padding='valid' 的{name}把它缩小了；{keeps}请保留别名的 "
                          f"padding='same'")
        return spaced(f"{name}把它缩小了；{keeps}请保持步幅 1 和 padding='same'")
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
