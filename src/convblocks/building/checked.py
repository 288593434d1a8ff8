"""`@checked(rule)`: a block's arguments checked, and its size budgeted, before it builds.

The decorator turns a block's arguments into Python ints and checked tensor shapes (see
`convblocks.checks.knobs` and `convblocks.checks.tensors`), runs the block's rule
(`convblocks.checks.rules`), refuses settings beyond the size budget
(`convblocks.building.guards`) and only then runs the block's own code, so the block bodies
stay the plain article code.
"""
import functools
import inspect

from convblocks import language
from convblocks.building import guards
from convblocks.checks import knobs as knob_table
from convblocks.checks import tensors
from convblocks.checks.errors import BlockTypeError, listed

# The sentences of a wrong call, per language.
SAY = {
    'en': {
        'missing': '{name}: pass the input tensor {input}, e.g. {name}(keras.Input((32, 32, 32))).',
        'too_many': '{name}: got {got} positional arguments but takes at most {most} '
                    '({parameters}).',
        'twice': '{name}: {knob} is given twice, by position and by name.',
    },
    'zh': {
        'missing': '{name}：请传入输入张量 {input}，例如 {name}(keras.Input((32, 32, 32)))。',
        'too_many': '{name}：收到 {got} 个位置参数，但它最多接受 {most} 个（{parameters}）。',
        'twice': '{name}：{knob} 既按位置又按名字给了两次。',
    },
}


def _say(key, **values):
    return SAY[language.current()][key].format(**values)


def checked(rule, size=None):
    """Decorate a block so that its arguments are checked and `rule` runs first.

    The rule is kept as `.rule`; the block receives its knobs as Python ints. The nine blocks
    are budgeted from `convblocks.counting`; any other block passes `size(channels, **knobs)`,
    which returns its exact (parameters, layers with weights), so every block is budgeted.
    """
    def decorate(block):
        parameters = list(inspect.signature(block).parameters)
        inputs = knob_table.input_names(block)

        @functools.wraps(block)
        def run(*args, **kwargs):
            name = block.__name__
            given = _named_arguments(name, parameters, args, kwargs)
            missing = [n for n in inputs if n not in given]
            if missing:
                raise BlockTypeError(_say('missing', name=name, input=missing[0]))
            xs = [given.pop(n) for n in inputs]
            knobs = knob_table.settle(block, given)
            shapes = [tensors.stand_in(name, n, x) for n, x in zip(inputs, xs)]
            rule(*shapes, **knobs)
            channels = shapes[0].shape[-1]
            if knob_table.is_known(block):
                guards.require_buildable(name, channels=channels, **knobs)
            elif size is not None:
                guards.require_within(name, knobs, *size(channels, **knobs))
            return block(**dict(zip(inputs, xs)), **knobs)
        run.rule = rule
        return run
    return decorate


def _named_arguments(name, parameters, args, kwargs):
    """The arguments of one call by parameter name; a sentence for too many or doubled ones."""
    if len(args) > len(parameters):
        raise BlockTypeError(_say('too_many', name=name, got=len(args), most=len(parameters),
                                  parameters=listed(parameters)))
    given = dict(zip(parameters, args))
    twice = [n for n in kwargs if n in given]
    if twice:
        raise BlockTypeError(_say('twice', name=name, knob=twice[0]))
    return {**given, **kwargs}


