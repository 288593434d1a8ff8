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

from convblocks import language
from convblocks.building.sandbox import quoted
from convblocks.exercises.core import run, structure
from convblocks.exercises.core.wording import count
from convblocks.exercises.core.wording import say as _say
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
        return Verdict('fail', _say(en=f'check needs your function itself, e.g. '
                                       f'check(..., {reference.__name__}), not {run.kind(fn)}.',
                                    zh=f'check 需要你的函数本身，例如 '
                                       f'check(..., {reference.__name__})，'
                                       f'而不是 {run.kind(fn)}。'))

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
    at = ', '.join(f'{k}={v}' for k, v in knobs.items()) or \
        language.pick(en='the default knobs', zh='默认旋钮')
    arguments = [*names, *(f'{k}={v}' for k, v in knobs.items())]
    function = language.pick(en='your function', zh='你的函数')
    call = f'{getattr(fn, "__name__", function)}({", ".join(arguments)})'
    signature = f'{reference.__name__}{inspect.signature(reference)}'
    try:
        inspect.signature(fn).bind(*names, **knobs)
    except (TypeError, ValueError):
        return Verdict('fail', _say(en=f'The check calls your function as {call}; keep the '
                                       f'signature {signature}.',
                                    zh=f'检查以 {call} 的方式调用你的函数；'
                                       f'请保留签名 {signature}。'))
    channels = setting.get('channels', knobs.get('f'))
    ref_in, ref_out = _build(reference, names, channels, knobs)
    my_in = [keras.Input((SIZE, SIZE, channels), name=n) for n in names]
    try:
        my_out = fn(*my_in, **knobs)
    except NotImplementedError:
        return Verdict('todo', _say(en='in a notebook, write your block in the function body (in '
                                       'place of raise NotImplementedError), run that cell, then '
                                       'run this check.',
                                    zh='在 notebook 中，把你的模块写进函数体'
                                       '（替换 `raise NotImplementedError`），运行那个单元格，'
                                       '再运行这个检查。'))
    except Exception as error:
        where, said = run.reader_line(error, fn), run.first_line(error)
        return Verdict('fail', _size_clash(error, fn) or _say(
            en=f'{call} raised {type(error).__name__}{where}: {said}',
            zh=f'{call}{where}抛出了 {type(error).__name__}：{quoted(said)}'))
    wrong = run.wrong_return(my_out, language.pick(en="the block's output tensor",
                                                   zh='模块的输出张量'),
                             language.pick(en='build the block from its input with Keras layers',
                                           zh='用 Keras 层从输入搭出模块'))
    if wrong:
        return Verdict('fail', wrong)
    run.require_small(my_out)
    mine = structure.read(my_out, dict(zip(names, my_in)))
    ref = structure.read(ref_out, dict(zip(names, ref_in)))
    defaults = {n: p.default for n, p in inspect.signature(reference).parameters.items()
                if p.default is not inspect.Parameter.empty}
    found = structure.differences(mine, ref, _namer({**defaults, **knobs}, terms))
    inputs = count(len(names), 'input').split(' ', 1)[1]
    where = _say(en=f' (checked with {at} on {SIZE}x{SIZE}x{channels} {inputs})',
                 zh=f'（在 {SIZE}x{SIZE}x{channels} 的输入上以 {at} 检查）')
    if found:
        more = len(found) - 1
        notes = [_say(en=f'Fix this first; {count(more, "other difference")} also found.',
                      zh=f'先改这一处；另外还发现了 {more} 处不同。')] if more else []
        return Verdict('fail', found[0][:-1] + where + language.pick(en='.', zh='。'), notes)
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
    text = _say(en=f'Keras could not combine tensors of {sizes} pixels{where}',
                zh=f'Keras 无法{where}合并 {sizes.replace(" and ", " 和 ")} 像素的张量')
    found = run.shrinking_layer(small)
    if found is None:
        return _say(en=f'{text}: every layer of this block keeps the size of its input.',
                    zh=f'{text}：这个模块的每一层都保持输入的尺寸。')
    name, layer = found
    config = layer.get_config()
    strides = config.get('strides')
    if config.get('padding') == 'valid':
        return _say(en=f"{text}: {name} has padding='valid', which shrinks its output; use "
                       f"padding='same' (the aliases' default).",
                    zh=f"{text}：{name}用了 padding='valid'，它会缩小输出；请用 "
                       f"padding='same'（别名的默认值）。")
    if strides and max(strides) > 1:
        return _say(en=f'{text}: {name} has strides={tuple(strides)}, which shrinks its output, '
                       f'so it cannot be combined with a tensor of the input\'s size.',
                    zh=f'{text}：{name}用了 strides={tuple(strides)}，它会缩小输出，'
                       f'因此无法与输入尺寸的张量合并。')
    return _say(en=f'{text}: {name} makes its output smaller.',
                zh=f'{text}：{name}把输出变小了。')


def _build(block, names, channels, knobs):
    inputs = [keras.Input((SIZE, SIZE, channels), name=n) for n in names]
    return inputs, block(*inputs, **knobs)


def _same_numbers(mine, ref, where):
    shape, ref_shape = tuple(mine.output.shape)[1:], tuple(ref.output.shape)[1:]
    if shape != ref_shape:
        return Verdict('fail', _say(en=f'Your block outputs shape {shape}; the reference outputs '
                                       f'{ref_shape}{where}.',
                                    zh=f'你的模块输出形状 {shape}；参考答案输出 {ref_shape}'
                                       f'{where}。'))
    if mine.count_params() != ref.count_params():
        return Verdict('fail', _say(en=f'Your block has {mine.count_params():,} parameters; the '
                                       f'reference has {ref.count_params():,}{where}.',
                                    zh=f'你的模块有 {mine.count_params():,} 个参数；'
                                       f'参考答案有 {ref.count_params():,} 个{where}。'))
    return Verdict('pass', _say(en=f'same layers, same connections, output {ref_shape} and '
                                   f'{ref.count_params():,} parameters as the reference{where}.',
                                zh=f'层和连接都与参考答案相同，输出 {ref_shape}，'
                                   f'共 {ref.count_params():,} 个参数{where}。'))


def _namer(knobs, terms):
    """value -> ' (f//r)' naming the first knob or term equal to it, or ''."""
    values = [(name, value) for name, value in knobs.items() if isinstance(value, int)]
    for term in terms:
        with contextlib.suppress(Exception):
            values.append((term, eval(term, {}, dict(knobs))))   # our own expressions only

    def name(value):
        return next((language.pick(en=f' ({term})', zh=f'（{term}）')
                     for term, v in values if v == value), '')
    return name
