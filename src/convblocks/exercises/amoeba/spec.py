"""AmoebaNet-A's normal cell as its authors encode it, and the cell read out of that encoding.

Source: tensorflow/tpu, models/official/amoeba_net/model_specs.py (cell 'amoeba_net_a'),
built by network_utils.BaseCell in the same folder. The cell starts with two states:
state 0 is h_i (the newer input, x2 here) and state 1 is h_{i-1} (the older input, x1).
Pair k (k = 0..4) applies operations 2k and 2k+1 to the states at hidden-state indices
2k and 2k+1 and adds the two results; the sum becomes state 2 + k. The output
concatenates every state whose used flag is 0, in state order.
"""
from collections import namedtuple

OPERATIONS = ['avg_pool_3x3', 'max_pool_3x3', 'separable_3x3_2', 'none', 'none',
              'avg_pool_3x3', 'separable_3x3_2', 'separable_5x5_2', 'avg_pool_3x3',
              'separable_3x3_2']
HIDDENSTATE_INDICES = [0, 0, 1, 1, 0, 1, 0, 2, 5, 0]
USED_HIDDENSTATES = [1, 0, 1, 0, 0, 1, 0]

# Our names for the seven states: the two inputs, then the five sums in the order built.
STATE_NAMES = ['h_i', 'h_{i-1}', 'a', 'b', 'c', 'd', 'e']
INPUT_NAMES = {'x1': 'h_{i-1}', 'x2': 'h_i'}

# The article's simplification of each encoded operation: (kind, kernel size).
# A 'separable_kxk_2' op is two stacked separable convs in the original; here it is one.
SIMPLIFIED = {
    'avg_pool_3x3': ('avgpool', 3),
    'max_pool_3x3': ('maxpool', 3),
    'separable_3x3_2': ('sepconv', 3),
    'separable_5x5_2': ('sepconv', 5),
    'none': ('identity', None),
}

Branch = namedtuple('Branch', 'kind k source')   # one operation applied to one state
Pair = namedtuple('Pair', 'name branches')        # the sum of two branches


def pairs():
    """The five sums of the cell, in build order, each with its two branches."""
    result = []
    for k in range(5):
        branches = []
        for i in (2 * k, 2 * k + 1):
            kind, size = SIMPLIFIED[OPERATIONS[i]]
            branches.append(Branch(kind, size, STATE_NAMES[HIDDENSTATE_INDICES[i]]))
        result.append(Pair(STATE_NAMES[2 + k], tuple(branches)))
    return result


def concatenated():
    """The names of the states that the output concatenates (used flag 0), in state order."""
    return [name for name, used in zip(STATE_NAMES, USED_HIDDENSTATES) if not used]


def describe_branch(branch):
    """E.g. 'sep 3x3 of h_i', 'avg 3x3 of add d' or 'h_{i-1} itself'."""
    source = state_label(branch.source)
    if branch.kind == 'identity':
        return f'{source} itself'
    return f'{op_label(branch.kind, branch.k)} of {source}'


def op_label(kind, k):
    """The short label the diagram uses: 'sep 3x3', 'avg 3x3', 'max 3x3', 'identity'."""
    short = {'sepconv': 'sep', 'avgpool': 'avg', 'maxpool': 'max'}
    if kind == 'identity':
        return 'identity'
    return f'{short.get(kind, kind)} {k}x{k}'


def state_label(name):
    """'h_i' and 'h_{i-1}' stay as they are; a sum is called 'add a' ... 'add e'."""
    return name if name.startswith('h_') else f'add {name}'


def pair_label(pair):
    """E.g. 'add a (avg 3x3 + max 3x3)'."""
    ops = ' + '.join(op_label(b.kind, b.k) for b in pair.branches)
    return f'add {pair.name} ({ops})'
