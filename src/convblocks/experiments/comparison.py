"""Every block on the same input, side by side: counts, memory estimate and CPU latency.

The line-up puts each block on a 32x32 input with 64 channels and gives it f=64 where f is
the output width. Two exceptions: dense_block's f is its growth rate per layer, so it keeps
the article's f=32, d=5; and a plain 3x3 conv plus ResNeXt written with a grouped conv join
as reference points.
"""

from convblocks import blocks, counting
from convblocks.experiments import measure
from convblocks.counting import keras_counts as model_counts
from convblocks.aliases import conv
from convblocks.grouped import grouped_resnext_block
from convblocks.models import block_model
from convblocks.book.reveal import in_book

SIZE, CHANNELS = 32, 64


def conv3x3(x, f=64):
    """One plain 3x3 convolution: the reference every block is measured against."""
    return conv(x, f, k=3)


# (short label, block function, knobs)
LINEUP = [
    ('3x3 conv', conv3x3, {'f': 64}),
    ('bottleneck', blocks.bottleneck, {'f': 64, 'r': 4}),
    ('naive inception', blocks.naive_inception_module, {'f': 64}),
    ('inception', blocks.inception_module, {'f': 64, 'r': 4}),
    ('residual', blocks.residual_block, {'f': 64, 'r': 4}),
    ('ResNeXt, 4 paths', blocks.resnext_block, {'f': 64, 'r': 2, 'c': 4}),
    ('ResNeXt, grouped', grouped_resnext_block, {'f': 64, 'r': 2, 'c': 4}),
    ('dense', blocks.dense_block, {'f': 32, 'd': 5}),
    ('SE', blocks.se_block, {'f': 64, 'rate': 16}),
    ('NASNet normal cell', blocks.normal_cell, {'f': 64}),
    ('inverted residual', blocks.inv_residual_block, {'f': 64, 'r': 4}),
]


def build(block, knobs):
    """The block as a Keras model on the shared 32x32x64 input (two inputs for normal_cell)."""
    return block_model(block, size=SIZE, channels=CHANNELS, **knobs)


def _counts(block, model, knobs):
    """(params, MACs): closed form for the article's blocks, layer by layer for the others."""
    if getattr(blocks, block.__name__, None) is block:
        return (counting.params(block, channels=CHANNELS, **knobs),
                counting.macs(block, size=SIZE, channels=CHANNELS, **knobs))
    return model.count_params(), model_counts.model_macs(model)


def count_rows(lineup=LINEUP):
    """One row per block: output shape, parameters, MACs and activation memory at batch 1."""
    rows = []
    for label, block, knobs in lineup:
        model = build(block, knobs)
        n_params, n_macs = _counts(block, model, knobs)
        rows.append({'block': label,
                     'knobs': ', '.join(f'{k}={v}' for k, v in knobs.items()),
                     'output': 'x'.join(str(n) for n in model.output.shape[1:]),
                     'params': n_params,
                     'MACs': n_macs,
                     'memory KiB': measure.activation_bytes(model) // 1024})
    return rows


def timing_rows(lineup=LINEUP, batches=(1, 32), runs=(30, 10)):
    """One row per block: latency median, quartiles, min and max in ms, per batch size.

    Keys read 'b1 median', 'b1 q1', ..., 'b32 max'. The blocks take turns (round_robin).
    """
    models = [build(block, knobs) for _, block, knobs in lineup]
    rows = [{'block': label} for label, _, _ in lineup]
    for batch, n in zip(batches, runs):
        stats = measure.round_robin([measure.timer(m, batch) for m in models], n)
        for row, block_stats in zip(rows, stats):
            for key in ('median', 'q1', 'q3', 'min', 'max'):
                row[f'b{batch} {key}'] = block_stats[key]
    return rows


def throughput(count_row, timing_row, batch=32):
    """Achieved billions of MACs per second: the block's MACs over its measured median."""
    return count_row['MACs'] * batch / (timing_row[f'b{batch} median'] / 1000) / 1e9


def _short(ms, digits):
    """A time with about `digits` significant digits and no exponent (an int from 100 up)."""
    return round(ms) if ms >= 10 ** (digits - 1) else float(f'{ms:.{digits}g}')


def timing_table(count_rows, timing_rows, batches=(1, 32)):
    """Rows for show.table: median ms and quartile range per batch ('b1 ms', 'b1 q1-q3', ...,
    with an en dash) and the GMAC/s achieved at the largest batch."""
    rows = []
    for count, times in zip(count_rows, timing_rows):
        row = {'block': times['block']}
        for batch in batches:
            row[f'b{batch} ms'] = _short(times[f'b{batch} median'], 3)
            row[f'b{batch} q1\u2013q3'] = (f"{_short(times[f'b{batch} q1'], 2)}\u2013"
                                          f"{_short(times[f'b{batch} q3'], 2)}")
        row['GMAC/s'] = throughput(count, times, batch=batches[-1])
        rows.append(row)
    return rows


def timing_runs(lineup=LINEUP, repeats=5, batches=(1, 32), runs=(6, 2)):
    """Raw latencies in ms: result[batch][label] is a list of `repeats` lists of runs.

    Every repeat lets the blocks take turns for `runs` rounds per batch size, so a claim about
    an order can be checked in each repeat on its own.
    """
    models = [(label, build(block, knobs)) for label, block, knobs in lineup]
    result = {}
    for batch, n in zip(batches, runs):
        timers = [(label, measure.timer(model, batch)) for label, model in models]
        result[batch] = {label: [] for label, _ in timers}
        for _ in range(repeats):
            times = {label: [] for label, _ in timers}
            for _ in range(n):
                for label, one_pass in timers:
                    times[label].append(one_pass())
            for label in times:
                result[batch][label].append(times[label])
    return result


def rows_from_runs(runs, repeat=None):
    """timing_rows-style rows (median, quartiles, min, max per batch) from timing_runs.

    repeat=None pools all repeats; an int summarises that repeat alone.
    """
    labels = list(next(iter(runs.values())))
    rows = [{'block': label} for label in labels]
    for batch, by_label in runs.items():
        for row in rows:
            repeats = by_label[row['block']]
            times = [t for rep in repeats for t in rep] if repeat is None else repeats[repeat]
            for key, value in measure.summary(times).items():
                if key != 'runs':
                    row[f'b{batch} {key}'] = value
    return rows


def measured(show, *args, ask):
    """A machine-dependent table or chart: shown while the book is built, a pointer elsewhere.

    Timings and training curves differ from machine to machine, so the stored notebook keeps
    only the sentence naming the call (`ask`) that shows them; the book page shows the
    figures measured when it was built. Returns what `show(*args)` returns in the book.
    """
    if in_book():
        return show(*args)
    print(f"This machine's figures: run {ask} to see them.")
    return None
