"""The fair comparison: every block in the same small network at equal parameters or equal MACs.

The network is training.tiny_network on the digits enlarged to 16x16 with no pool, so every
block works on 16x16 maps. Only the width f changes from block to block: for each budget it
is the f whose whole network (stem, block, head) comes closest to the reference network's
parameters, or its MACs, within TOLERANCE. The reference is a plain 3x3 conv block at
REFERENCE_WIDTH. Each network is trained from the same seeds, so block and reference can be
compared seed by seed (claims.paired).
"""
from convblocks import blocks
from convblocks.aliases import conv
from convblocks.checks.errors import BlockValueError
from convblocks.counting import keras_counts
from convblocks.experiments import training
from convblocks.keras_internals import shapes_only

SIZE = 16              # the digits enlarged from 8x8; no pool, so the blocks see 16x16 maps
REFERENCE = '3x3 conv'
REFERENCE_WIDTH = 32
TOLERANCE = 0.05       # a matched network's count is within 5 % of the reference network's
EPOCHS = 8             # the article-settings run's budget: 8 epochs of Adam at 3e-3, batch 32
SEEDS = tuple(range(6))
BUDGETS = ('params', 'MACs')


def conv3x3(x, f=64):
    """One plain 3x3 convolution: the reference every block is measured against."""
    return conv(x, f, k=3)


def se_on_conv(x, f=32, rate=16):
    """A 3x3 conv followed by squeeze-and-excitation: SE as the papers use it, on a block."""
    return blocks.se_block(conv(x, f, k=3), f=f, rate=rate)


# (label, block function, knobs other than f): the article's defaults. Where no width brings
# a network within TOLERANCE of a budget, matched() tries the knobs of ALTERNATIVES in turn.
LINEUP = [
    (REFERENCE, conv3x3, {}),
    ('bottleneck', blocks.bottleneck, {'r': 4}),
    ('naive inception', blocks.naive_inception_module, {}),
    ('inception', blocks.inception_module, {'r': 4}),
    ('residual', blocks.residual_block, {'r': 4}),
    ('ResNeXt', blocks.resnext_block, {'r': 2, 'c': 4}),
    ('dense', blocks.dense_block, {'d': 5}),
    ('3x3 conv + SE', se_on_conv, {'rate': 16}),
    ('NASNet normal cell', blocks.normal_cell, {}),
    ('inverted residual', blocks.inv_residual_block, {'r': 4}),
]
BLOCKS = {label: (block, knobs) for label, block, knobs in LINEUP}
# dense at ~8 channels of growth: each step of f moves its weights by a quarter
ALTERNATIVES = {'dense': [{'d': d} for d in (4, 6, 3, 7)]}


def network_cost(label, width, knobs=None):
    """(parameters, MACs per image) of the whole tiny network with block `label` at `width`."""
    block, default = BLOCKS[label]
    with shapes_only():
        model = training.tiny_network(block, width=width, size=SIZE, pool=False,
                                      **(default if knobs is None else knobs))
    return model.count_params(), keras_counts.model_macs(model)


def reference_cost():
    """{'params': ..., 'MACs': ...} of the reference network."""
    return dict(zip(BUDGETS, network_cost(REFERENCE, REFERENCE_WIDTH)))


def closest_width(label, budget, target, knobs):
    """The width whose network's `budget` count is closest to `target` (ties: the narrower),
    and that count.

    Every count grows with the width (never shrinks), so doubling and then halving the
    interval finds where it crosses the target. A width too small for the block (f // r = 0)
    counts as below every target.
    """
    index = BUDGETS.index(budget)

    def cost(width):
        try:
            return network_cost(label, width, knobs)[index]
        except BlockValueError:
            return -1

    high = 8
    while cost(high) < target:
        high *= 2
    low = high // 2
    while low < high:   # the smallest width whose cost reaches the target
        middle = (low + high) // 2
        low, high = (middle + 1, high) if cost(middle) < target else (low, middle)
    width = min((w for w in (low - 1, low) if w >= 1), key=lambda w: abs(cost(w) - target))
    return width, cost(width)


def matched(label, budget, target):
    """(width, knobs) that bring the network within TOLERANCE of `target`: the block's own
    knobs if a width does it, else the first of its ALTERNATIVES that does."""
    tried = []
    for knobs in [BLOCKS[label][1], *ALTERNATIVES.get(label, [])]:
        width, cost = closest_width(label, budget, target, knobs)
        if abs(cost - target) <= TOLERANCE * target:
            return width, knobs
        tried.append(f'{cost:,} at f={width}, {knobs}')
    raise ValueError(f'fair: {label} misses the {budget} budget {target:,} by more than '
                     f'{TOLERANCE:.0%} (closest: {"; ".join(tried)}).')


def plan():
    """One row per block and budget: label, budget, width, knobs, params, MACs, and their
    ratios to the reference network's counts."""
    reference = reference_cost()
    rows = []
    for budget in BUDGETS:
        for label, _, _ in LINEUP:
            width, knobs = matched(label, budget, reference[budget])
            params, macs = network_cost(label, width, knobs)
            rows.append({'block': label, 'budget': budget, 'width': width, 'knobs': knobs,
                         'params': params, 'MACs': macs,
                         'params ratio': params / reference['params'],
                         'MACs ratio': macs / reference['MACs']})
    return rows


def networks(rows):
    """The distinct (block, width, knobs) of a plan: a network matched on both budgets by the
    same width is trained once."""
    unique = dict.fromkeys((row['block'], row['width'], tuple(sorted(row['knobs'].items())))
                           for row in rows)
    return [(label, width, dict(knobs)) for label, width, knobs in unique]


def digits():
    """The digits at SIZE x SIZE (training.digits_data)."""
    return training.digits_data(size=SIZE)


def train(label, width, knobs, seed, data, epochs=EPOCHS):
    """training.train_block for one network of the plan; the result names the block's label."""
    result = training.train_block(BLOCKS[label][0], seed, data, epochs=epochs, width=width,
                                  pool=False, **knobs)
    return {**result, 'block': label, 'width': width, 'knobs': knobs}


def run(rows, seeds=SEEDS, data=None, epochs=EPOCHS, progress=False):
    """Train every network of the plan from every seed; returns the list of results."""
    from convblocks.book.progress import Progress

    data = digits() if data is None else data
    jobs = [(*network, seed) for network in networks(rows) for seed in seeds]
    line = Progress(len(jobs), f'{len(jobs)} networks trained.') if progress else None
    results = []
    for label, width, knobs, seed in jobs:
        if line:
            line.step(f'training {label} at f={width}, seed {seed}')
        results.append(train(label, width, knobs, seed, data, epochs=epochs))
    if line:
        line.finish()
    return results
