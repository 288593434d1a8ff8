"""What each block requires of its arguments, checked before any layer is built.

`@checked(rule)` runs a rule on the block's arguments (defaults filled in) before the block's
own code, so the block bodies stay the plain article code. `check()` runs the same rule on
shapes alone, for the counting formulas and for building models.
"""
import functools
import inspect
from types import SimpleNamespace

from convblocks.checks import channels, divisor, positive, quotient, same_size


def checked(rule):
    """Decorate a block so that `rule(**arguments)` runs first; the rule is kept as `.rule`."""
    def decorate(block):
        signature = inspect.signature(block)

        @functools.wraps(block)
        def run(*args, **kwargs):
            arguments = signature.bind(*args, **kwargs)
            arguments.apply_defaults()
            rule(**arguments.arguments)
            return block(*args, **kwargs)
        run.rule = rule
        return run
    return decorate


@functools.cache
def input_names(block):
    """The block's tensor arguments: ['x'], or ['x1', 'x2'] for the cells."""
    return [name for name in inspect.signature(block).parameters if name.startswith('x')]


def check(block, size, in_channels, knobs):
    """Run `block`'s rule (if it has one) on stand-in inputs of size x size x in_channels."""
    if hasattr(block, 'rule'):
        stand_in = SimpleNamespace(shape=(None, size, size, in_channels))
        block.rule(*[stand_in] * len(input_names(block)), **knobs)
    name = block.__name__
    if in_channels < 1 or size < 1:
        raise ValueError(f'{name}: channels = {in_channels} and size = {size}; '
                         f'both must be >= 1.')


def bottleneck(x, f, r, name='bottleneck'):
    positive(name, 'f', f, 'use f >= 1')
    divisor(name, 'r', r)
    quotient(name, 'f // r', f'{f} // {r}', f // r,
             'channels in the squeezed layers', 'lower r or raise f')


def naive_inception_module(x, f):
    positive('naive_inception_module', 'f', f, 'use f >= 1')


def inception_module(x, f, r):
    positive('inception_module', 'f', f, 'use f >= 1')
    divisor('inception_module', 'r', r)
    quotient('inception_module', 'f // 3', f'{f} // 3', f // 3,
             "channels in the 3x3 branch's reduction", 'raise f to at least 3')
    quotient('inception_module', 'f // r', f'{f} // {r}', f // r,
             "channels in the 5x5 branch's reduction", 'lower r or raise f')


def residual_block(x, f, r):
    bottleneck(x, f, r, name='residual_block')
    channels('residual_block', x, f)


def resnext_block(x, f, r, c):
    positive('resnext_block', 'f', f, 'use f >= 1')
    positive('resnext_block', 'c', c, 'the block needs at least one path, so use c >= 1')
    divisor('resnext_block', 'r', r)
    quotient('resnext_block', 'f // (c*r)', f'{f} // ({c}*{r})', f // (c * r),
             'channels per path', 'lower c or r, or raise f')
    channels('resnext_block', x, f)


def dense_block(x, f, d):
    positive('dense_block', 'f', f, 'use f >= 1')
    if d < 0:
        raise ValueError(f'dense_block: d = {d} layers; use d >= 0.')


def se_block(x, f, rate):
    positive('se_block', 'f', f, 'use f >= 1')
    divisor('se_block', 'rate', rate)
    quotient('se_block', 'f // rate', f'{f} // {rate}', f // rate,
             'units in the squeeze layer', 'lower rate or raise f')
    channels('se_block', x, f)


def normal_cell(x1, x2, f):
    positive('normal_cell', 'f', f, 'use f >= 1')
    same_size('normal_cell', x1, x2)
    channels('normal_cell', x1, f, name='x1')
    channels('normal_cell', x2, f, name='x2')


def inv_residual_block(x, f, r):
    positive('inv_residual_block', 'f', f, 'use f >= 1')
    quotient('inv_residual_block', 'f * r', f'{f} * {r}', f * r,
             'channels in the expansion layer', 'use r >= 1')
    channels('inv_residual_block', x, f)
