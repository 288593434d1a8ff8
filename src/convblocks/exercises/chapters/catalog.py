"""The end-of-chapter exercises as data: question kind, answer, typical mistakes, hint.

Every number here is computed: answers by `convblocks.counting`, typical wrong answers by the
same layer formulas with one term changed, worked solutions from the built Keras model.
The statements themselves are markdown cells of the chapter notebooks.
"""
import html
from dataclasses import dataclass
from typing import Callable

from convblocks.exercises.chapters import mistakes as typical
from convblocks.exercises.chapters import references as ref
from convblocks.exercises.chapters.blockcheck import check_block
from convblocks.exercises.chapters.numeric import Wrong, check_number
from convblocks.exercises.core.run import TIME_LIMIT
from convblocks.checks.errors import BlockTypeError, BlockValueError
from convblocks.building.sandbox import short, standard_keras


@dataclass
class Exercise:
    """One exercise. Numeric ones have `answer`; change-the-block ones have `reference`."""
    chapter: str
    number: int
    kind: str                       # 'params', 'macs', 'channels', 'budget' or 'build'
    hint: str                       # HTML
    answer: Callable = None         # () -> int
    wrong: Callable = list          # () -> [Wrong]
    judge: Callable = None          # int -> a sentence on a non-typical wrong answer, or None
    worked: Callable = None         # () -> HTML of the worked solution
    reference: Callable = None
    settings: tuple = ()
    terms: tuple = ()
    after_pass: Callable = None     # reader's function -> a note added to a pass

    @property
    def numeric(self):
        return self.reference is None

    def check(self, given, time_limit=TIME_LIMIT):
        if self.numeric:
            return check_number(given, self.answer(), self.wrong(), self.kind, self.judge)
        return check_block(given, self.reference, self.settings, self.terms, time_limit,
                           self.after_pass)

    def solution_html(self):
        if self.numeric:
            with standard_keras():   # the worked tables build Keras models
                return f'<p>The answer: <b>{self.answer():,}</b>.</p>' + self.worked()
        from convblocks.book.reveal import source_html
        return source_html(self.reference)


# --- worked solutions -------------------------------------------------------------------

def _table(header, rows, total=None):
    head = ''.join(f'<th>{html.escape(h)}</th>' for h in header)
    body = ''.join('<tr>' + ''.join(f'<td>{html.escape(str(c))}</td>' for c in row) + '</tr>'
                   for row in rows)
    foot = f'<p><b>Total: {total:,}</b></p>' if total is not None else ''
    return f'<table class="cb-worked"><tr>{head}</tr>{body}</table>{foot}'


def layers_worked(block, metric, size=32, channels=None, **knobs):
    """A per-layer table of params (with biases) or MACs of the block, from its Keras model."""
    from convblocks.counting.keras_counts import layer_table
    from convblocks.models import block_model
    model = block_model(block, size=size, channels=channels, **knobs)
    kernels = [getattr(layer, 'kernel_size', None) or getattr(layer, 'pool_size', None)
               for layer in model.layers]
    rows = [(f'{k[0]}x{k[1]} {r["kind"]}' if k else r['kind'],
             'x'.join(map(str, r['output_shape'])), f'{r[metric]:,}')
            for k, r in zip(kernels, layer_table(model)) if r['kind'] != 'InputLayer']
    total = sum(r[metric] for r in layer_table(model))
    return _table(['layer', 'output', metric], rows, total)


def budget_worked(values, count, budget, name):
    rows = [(f'{name} = {v}', f'{count(v):,}', 'yes' if count(v) <= budget else 'no')
            for v in values]
    return _table([name, 'parameters', f'<= {budget:,}'], rows)


def budget_judge(count, budget, name, answer, allowed, rule):
    """A sentence on a wrong budget answer: not allowed, over the budget, or not the largest."""
    def judge(value):
        if not allowed(value):
            return rule
        if count(value) > budget:
            return f'{name} = {value} gives {count(value):,} parameters, over {budget:,}.'
        if value < answer():
            return (f'{name} = {value} fits ({count(value):,} parameters), but a larger one '
                    f'does too.')
        return None
    return judge


def budget_wrong(values, count, budget, name, answer):
    """The judge's sentences for a range of values, in both languages, for the answer box."""
    found = []
    for v in values:
        if v == answer:
            continue
        n = count(v)
        if n > budget:
            found.append(Wrong(v, f'{name} = {v} gives {n:,} parameters, over {budget:,}.',
                               f'{name} = {v} 时参数量为 {n:,}，超出 {budget:,}。'))
        else:
            found.append(Wrong(v, f'{name} = {v} fits ({n:,} parameters), but a larger one does '
                                  f'too.',
                               f'{name} = {v} 在预算内（{n:,} 个参数），'
                               f'但还有更大的取值也在预算内。'))
    return found


def _inception_3a_note(fn):
    from convblocks.counting.keras_counts import layer_table, model_macs
    from convblocks.quiet import keras
    x = keras.Input((28, 28, 192))
    model = keras.Model(x, fn(x))
    weights = sum(r['params'] for r in layer_table(model, bias=False))
    return (f'At 28x28x192 your module has {weights:,} weights (without biases) and '
            f'{model_macs(model):,} multiply-accumulates.')


def _dense_channels_worked():
    from convblocks.models import block_model
    _, knobs = typical.SETTINGS[('dense', 2)]
    c0, f, d = knobs['channels'], knobs['f'], knobs['d']
    model = block_model('dense_block', size=8, channels=c0, f=f, d=d)
    rows = [(f'after conv {i}', c0 + f * i) for i in range(1, d + 1)]
    return (_table(['step', 'channels'], [('input x', c0), *rows]) +
            f'<p>Output shape of the built block: {tuple(model.output.shape)[1:]}.</p>')


def _worked(key, metric):
    block, knobs = typical.SETTINGS[key]
    return layers_worked(block, metric, **knobs)


# --- the catalog ----------------------------------------------------------------------------

def _p(text):
    return f'<p>{text}</p>'


EXERCISES = [
    Exercise('bottleneck', 1, 'params',
             _p('Three convs: 1x1 from 48 to f//r, 3x3 from f//r to f//r, 1x1 from f//r to 48. '
                'Each has k·k·in·out weights plus one bias per filter.'),
             answer=lambda: typical.params(('bottleneck', 1)),
             wrong=typical.bottleneck_wrong,
             worked=lambda: _worked(('bottleneck', 1), 'params')),
    Exercise('bottleneck', 2, 'macs',
             _p('Each kernel weight does one multiply-accumulate at every output position; the '
                'input keeps its 32x32 size. Biases do not count.'),
             answer=lambda: typical.macs(('bottleneck', 2)),
             wrong=typical.bottleneck_macs_wrong,
             worked=lambda: _worked(('bottleneck', 2), 'macs')),
    Exercise('bottleneck', 3, 'build',
             _p('Copy the three lines of <code>bottleneck</code> and give the middle conv '
                '<code>k=k</code>; the two 1x1 convs stay 1x1.'),
             reference=ref.my_bottleneck, terms=('f//r',),
             settings=({'f': 32, 'r': 4, 'k': 5}, {'f': 24, 'r': 2, 'k': 1})),

    Exercise('inception', 1, 'macs',
             _p('Three convs from 24 to 24 channels: 1x1, 3x3 and 5x5, at each of the 32·32 '
                'positions. The max pool multiplies nothing.'),
             answer=lambda: typical.macs(('inception', 1)),
             wrong=typical.naive_macs_wrong,
             worked=lambda: _worked(('inception', 1), 'macs')),
    Exercise('inception', 2, 'params',
             _p('Six convs: a 1x1 to f; a 1x1 to f//3 then a 3x3 to f; a 1x1 to f//r then a 5x5 '
                'to f; a 1x1 to f after the pool. Mind which branch uses f//3.'),
             answer=lambda: typical.params(('inception', 2)),
             wrong=typical.inception_wrong,
             worked=lambda: _worked(('inception', 2), 'params')),
    Exercise('inception', 3, 'build',
             _p('Start from <code>inception_module</code> and replace each <code>f</code> by '
                'its own knob: f1 for the 1x1 branch, f3r and f3 for the 3x3 branch, f5r and f5 '
                'for the 5x5 branch, fp after the pool.'),
             reference=ref.inception_3a, after_pass=_inception_3a_note,
             settings=({'channels': 192},
                       {'f1': 8, 'f3r': 4, 'f3': 12, 'f5r': 2, 'f5': 6, 'fp': 10,
                        'channels': 16})),

    Exercise('residual', 1, 'params',
             _p('The add has no weights. The path is a bottleneck with f = 160 and r = 4.'),
             answer=lambda: typical.params(('residual', 1)),
             wrong=typical.residual_wrong,
             worked=lambda: _worked(('residual', 1), 'params')),
    Exercise('residual', 2, 'build',
             _p("Give the last conv <code>a='linear'</code> and put a "
                '<code>keras.layers.ReLU()</code> after the add.'),
             reference=ref.resnet_block, terms=('f//r',),
             settings=({'f': 32, 'r': 4}, {'f': 48, 'r': 2})),
    Exercise('residual', 3, 'budget',
             _p('With r = 4 the two 1x1 convs hold f²/4 weights each and the 3x3 holds 9·f²/16, '
                'so the block has (1/2 + 9/16)·f² = 17/16·f² weights plus 3f/2 biases. Solve '
                '17/16·f² = 8,000 for a first guess, then count the multiples of 4 on both '
                'sides of it.'),
             answer=typical.widest_residual,
             wrong=lambda: budget_wrong(range(48, 129, 4), typical.residual_count,
                                        typical.RESIDUAL_BUDGET, 'f', typical.widest_residual()),
             judge=budget_judge(typical.residual_count, typical.RESIDUAL_BUDGET, 'f',
                                typical.widest_residual, lambda f: f % 4 == 0 and f >= 4,
                                'Keep f a multiple of r = 4, so that f//r is exact.'),
             worked=lambda: budget_worked(range(72, 97, 4), typical.residual_count,
                                          typical.RESIDUAL_BUDGET, 'f')),

    Exercise('resnext', 1, 'params',
             _p('Each of the c = 3 paths is a bottleneck of width f//(c·r) = 16: 1x1 from 96 to '
                '16, 3x3 from 16 to 16, 1x1 from 16 to 96.'),
             answer=lambda: typical.params(('resnext', 1)),
             wrong=typical.resnext_wrong,
             worked=lambda: _worked(('resnext', 1), 'params')),
    Exercise('resnext', 2, 'build',
             _p('Three convs: a 1x1 to c·w channels, a 3x3 with <code>groups=c</code> '
                '(<code>keras.layers.Conv2D(..., groups=c)</code>; the alias has no groups), '
                "a linear 1x1 back to f (<code>a='linear'</code>: the paper sums the paths "
                'before any activation); then the add.'),
             reference=ref.fig3c_resnext_block, terms=('f//(c*r)', 'c*(f//(c*r))'),
             settings=({'f': 64, 'r': 2, 'c': 4}, {'f': 96, 'r': 1, 'c': 3})),
    Exercise('resnext', 3, 'budget',
             _p('Write one path with w = 80//c channels: 80·w + w (the first 1x1), 9·w² + w '
                '(the 3x3), w·80 + 80 (the last 1x1). Times c paths: the weights shrink as c '
                'grows, but every path brings its own 80 biases. Count the large divisors of 80 '
                'one by one.'),
             answer=typical.most_paths,
             wrong=lambda: budget_wrong(typical.DIVISORS, typical.resnext_count,
                                        typical.RESNEXT_BUDGET, 'c', typical.most_paths()),
             judge=budget_judge(typical.resnext_count, typical.RESNEXT_BUDGET, 'c',
                                typical.most_paths, lambda c: c in typical.DIVISORS,
                                'c must divide 80, so that every path has 80//c channels.'),
             worked=lambda: budget_worked(typical.DIVISORS, typical.resnext_count,
                                          typical.RESNEXT_BUDGET, 'c')),

    Exercise('dense', 1, 'params',
             _p('Conv i reads the input and the i - 1 outputs before it: 40, 60, then 80 '
                'channels. Each conv is 3x3 with 20 filters.'),
             answer=lambda: typical.params(('dense', 1)), wrong=typical.dense_wrong,
             worked=lambda: _worked(('dense', 1), 'params')),
    Exercise('dense', 2, 'channels',
             _p('The stack starts as the input and grows by f channels per conv.'),
             answer=lambda: typical.out_channels(('dense', 2)),
             wrong=typical.dense_channels_wrong,
             worked=_dense_channels_worked),
    Exercise('dense', 3, 'build',
             _p('Inside the loop, put <code>conv(stack, 4 * f, k=1)</code> before the 3x3 conv '
                'and feed its output to the 3x3.'),
             reference=ref.dense_b_block, terms=('4*f',),
             settings=({'f': 8, 'd': 3}, {'f': 6, 'd': 2, 'channels': 10})),

    Exercise('squeeze_excitation', 1, 'params',
             _p('Two dense layers: 192 to f//rate = 12 units, then 12 to 192; each has one '
                'bias per unit. Pooling and multiply have none.'),
             answer=lambda: typical.params(('squeeze_excitation', 1)), wrong=typical.se_wrong,
             worked=lambda: _worked(('squeeze_excitation', 1), 'params')),
    Exercise('squeeze_excitation', 2, 'macs',
             _p('After global pooling each dense layer runs once, on a vector.'),
             answer=lambda: typical.macs(('squeeze_excitation', 2)),
             wrong=typical.se_macs_wrong,
             worked=lambda: _worked(('squeeze_excitation', 2), 'macs')),
    Exercise('squeeze_excitation', 3, 'build',
             _p('Build the residual path as in <code>residual_block</code>, call '
                '<code>se_block(m, f, rate)</code> on it, then add x.'),
             reference=ref.se_residual_block, terms=('f//r', 'f//rate'),
             settings=({'f': 96, 'r': 4, 'rate': 8}, {'f': 64, 'r': 2, 'rate': 16})),

    Exercise('nasnet', 1, 'params',
             _p('Three 3x3 and two 5x5 sepconvs from 48 to 48 channels; the pools and adds have '
                'no weights.'),
             answer=lambda: typical.params(('nasnet', 1)), wrong=typical.nasnet_wrong,
             worked=lambda: _worked(('nasnet', 1), 'params')),
    Exercise('nasnet', 2, 'macs',
             _p('A k x k sepconv from 48 to 48 channels costs k·k·48 + 48·48 per position.'),
             answer=lambda: typical.macs(('nasnet', 2)),
             wrong=typical.nasnet_macs_wrong,
             worked=lambda: _worked(('nasnet', 2), 'macs')),
    Exercise('nasnet', 3, 'build',
             _p('Keep the five adds; the only change is the list given to '
                '<code>concatenate</code>.'),
             reference=ref.nasnet_a_cell, settings=({'f': 8}, {'f': 12})),

    Exercise('inverted_residual', 1, 'params',
             _p('A 1x1 conv from 40 to f·r = 160 channels, then a 3x3 sepconv from 160 to 40.'),
             answer=lambda: typical.params(('inverted_residual', 1)),
             wrong=typical.inverted_wrong,
             worked=lambda: _worked(('inverted_residual', 1), 'params')),
    Exercise('inverted_residual', 2, 'macs',
             _p('The depthwise part works on the expanded channels. Count 32·32 positions.'),
             answer=lambda: typical.macs(('inverted_residual', 2)),
             wrong=typical.inverted_macs_wrong,
             worked=lambda: _worked(('inverted_residual', 2), 'macs')),
    Exercise('inverted_residual', 3, 'build',
             _p("Use <code>a='relu6'</code> on the first conv, "
                "<code>keras.layers.DepthwiseConv2D(3, strides=s, padding='same', "
                "activation='relu6')</code> in the middle, a linear 1x1 conv last, and add x "
                'only when s == 1.'),
             reference=ref.mobilenet_v2_block, terms=('f*r',),
             settings=({'f': 16, 'r': 4, 's': 1}, {'f': 16, 'r': 6, 's': 2})),
]

CHAPTERS = tuple(dict.fromkeys(e.chapter for e in EXERCISES))


def find(chapter, number, call='check', answer=None):
    """The exercise, or one sentence (BlockTypeError / BlockValueError) naming a right call.

    call and answer write the example: check('dense', 1, None), hint('dense', 1).
    """
    example = f"{call}('{chapter if chapter in CHAPTERS else CHAPTERS[0]}', 1" + \
        (f', {answer})' if answer else ')')
    if not isinstance(chapter, str) or chapter not in CHAPTERS:
        if isinstance(chapter, int) and not isinstance(chapter, bool) and number is None:
            raise BlockTypeError(f'{call} needs the chapter and the exercise number, e.g. '
                                 f'{example}.')
        known = ", ".join(map(repr, CHAPTERS))
        raise BlockValueError(f'{call}: {short(chapter)} is not a chapter with exercises; the '
                              f'chapters are {known}, e.g. {example}.')
    numbers = [e.number for e in EXERCISES if e.chapter == chapter]
    for exercise in EXERCISES:
        if exercise.chapter == chapter and _same_int(exercise.number, number):
            return exercise
    raise BlockValueError(f'{call}: {chapter!r} has exercises '
                          f'{", ".join(map(str, numbers))}, not {short(number)}; e.g. {example}.')


def _same_int(wanted, given):
    return isinstance(given, int) and not isinstance(given, bool) and given == wanted
