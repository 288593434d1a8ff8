"""AmoebaNet-A's normal cell as its authors encode it, and the cell read out of that encoding.

Source: tensorflow/tpu, models/official/amoeba_net/model_specs.py (cell 'amoeba_net_a'),
built by network_utils.BaseCell in the same folder. The cell starts with two states:
state 0 is h_i (the newer input, x2 here) and state 1 is h_{i-1} (the older input, x1).
Pair k (k = 0..4) applies operations 2k and 2k+1 to the states at hidden-state indices
2k and 2k+1 and adds the two results; the sum becomes state 2 + k. The output
concatenates every state whose used flag is 0, in state order.
"""
from collections import namedtuple

from convblocks import language

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

# The words sentences use for operations and states (the diagram keeps `op_label`'s short
# labels): an operation k x k, a sum's name, a branch that is its state itself.
WORDS = {
    'en': {'ops': {'sepconv': 'sep', 'avgpool': 'avg', 'maxpool': 'max'},
           'identity': 'identity', 'op': '{word} {k}x{k}', 'sum': 'add {name}',
           'itself': '{source} itself', 'of': '{op} of {source}',
           'pair': 'add {name} ({ops})'},
    'zh': {'ops': {'sepconv': '可分离卷积', 'avgpool': '平均池化', 'maxpool': '最大池化'},
           'identity': '恒等', 'op': '{word} {k}x{k}', 'sum': '求和 {name}',
           'itself': '{source} 本身', 'of': '{source} 的{op}',
           'pair': '求和 {name}（{ops}）'},
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
    """E.g. 'sep 3x3 of h_i', 'avg 3x3 of add d' or 'h_{i-1} itself' (in the current language)."""
    words = WORDS[language.current()]
    source = state_label(branch.source)
    if branch.kind == 'identity':
        return words['itself'].format(source=source)
    return words['of'].format(op=op_name(branch.kind, branch.k), source=source)


def op_label(kind, k):
    """The short label the diagram uses: 'sep 3x3', 'avg 3x3', 'max 3x3', 'identity'."""
    short = {'sepconv': 'sep', 'avgpool': 'avg', 'maxpool': 'max'}
    if kind == 'identity':
        return 'identity'
    return f'{short.get(kind, kind)} {k}x{k}'


def op_name(kind, k):
    """An operation in a sentence: 'sep 3x3' as op_label says it, in zh '可分离卷积 3x3'."""
    words = WORDS[language.current()]
    if kind == 'identity':
        return words['identity']
    return words['op'].format(word=words['ops'].get(kind, kind), k=k)


def state_label(name):
    """'h_i' and 'h_{i-1}' stay as they are; a sum is called 'add a' ... 'add e' (zh '求和 a')."""
    return name if name.startswith('h_') else WORDS[language.current()]['sum'].format(name=name)


def pair_label(pair):
    """E.g. 'add a (avg 3x3 + max 3x3)', in the current language."""
    ops = ' + '.join(op_name(b.kind, b.k) for b in pair.branches)
    return WORDS[language.current()]['pair'].format(name=pair.name, ops=ops)
