"""Every block on the same input, side by side: counts, memory estimate and CPU latency.

The line-up puts each block on a 32x32 input with 64 channels and gives it f=64 where f is
the output width. dense_block's f is its growth rate per layer, so it keeps the article's
f=32, d=5. A plain 3x3 conv joins as the reference, and ResNeXt in two grouped forms: its
paper's Figure 3(c), and grouped.py's exact copy of the article's four paths.
"""

from convblocks import blocks, counting
from convblocks.experiments import measure
from convblocks.counting import keras_counts as model_counts
from convblocks.experiments.fair import conv3x3
from convblocks.grouped import grouped_resnext_block
from convblocks.quiet import keras
from convblocks.models import block_model

SIZE, CHANNELS = 32, 64


def figure3c_resnext_block(x, f=64, r=2, c=4):
    """ResNeXt in the form of its paper's Figure 3(c): ONE 1x1 conv to c*w channels, ONE 3x3
    conv with groups=c, ONE 1x1 conv back to f, and the add with x (w = f // (c*r)).

    Every conv has a ReLU, as in the article's paths; the paper puts batch norm after each and
    the last ReLU after the add. Fewer weights than the c paths: their c last 1x1 convs (and
    their c sums) become one.
    """
    w = f // (c * r)
    m = keras.layers.Conv2D(c * w, 1, activation='relu')(x)
    m = keras.layers.Conv2D(c * w, 3, padding='same', groups=c, activation='relu')(m)
    m = keras.layers.Conv2D(f, 1, activation='relu')(m)
    return keras.layers.add([x, m])


# (short label, block function, knobs)
LINEUP = [
    ('3x3 conv', conv3x3, {'f': 64}),
    ('bottleneck', blocks.bottleneck, {'f': 64, 'r': 4}),
    ('naive inception', blocks.naive_inception_module, {'f': 64}),
    ('inception', blocks.inception_module, {'f': 64, 'r': 4}),
    ('residual', blocks.residual_block, {'f': 64, 'r': 4}),
    ('ResNeXt, 4 paths', blocks.resnext_block, {'f': 64, 'r': 2, 'c': 4}),
    ('ResNeXt, Fig. 3(c)', figure3c_resnext_block, {'f': 64, 'r': 2, 'c': 4}),
    ('ResNeXt, grouped copy', grouped_resnext_block, {'f': 64, 'r': 2, 'c': 4}),
    ('dense', blocks.dense_block, {'f': 32, 'd': 5}),
    ('SE', blocks.se_block, {'f': 64, 'rate': 16}),
    ('NASNet normal cell', blocks.normal_cell, {'f': 64}),
    ('inverted residual', blocks.inv_residual_block, {'f': 64, 'r': 4}),
]
LABELS = {block.__name__: label for label, block, _ in LINEUP}


def label_of(name):
    """The lineup's label of a block stored by its function's name (training.block_name):
    'naive_inception_module' -> 'naive inception'; any other name unchanged ('stem only')."""
    return LABELS.get(name, name)


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


def timing_runs(lineup=LINEUP, repeats=5, batches=(1, 32), runs=(6, 5)):
    """Raw latencies in ms: result[batch][label] is a list of `repeats` lists of runs.

    Every repeat lets the blocks take turns (measure.round_robin) for `runs` rounds per batch
    size, so a claim about an order can be checked in each repeat on its own.
    """
    models = [(label, build(block, knobs)) for label, block, knobs in lineup]
    result = {}
    for batch, n in zip(batches, runs):
        timers = [measure.timer(model, batch) for _, model in models]
        result[batch] = {label: [] for label, _ in models}
        for _ in range(repeats):
            for (label, _), times in zip(models, measure.round_robin(timers, n)):
                result[batch][label].append(times)
    return result


def rows_from_runs(runs, repeat=None):
    """One row per block: latency median, quartiles, min and max in ms per batch, from
    timing_runs; keys read 'b1 median', 'b1 q1', ..., 'b32 max'.

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


def runs_from_json(runs):
    """timing_runs' result as stored in JSON (batch keys are strings there) with int keys."""
    return {int(batch): by_label for batch, by_label in runs.items()}


def roofline_points(count_rows, timing_rows, batch=32, leave_out=('SE',)):
    """(label, MACs per byte, achieved GMAC/s) per block; SE (almost no MACs) left out."""
    from convblocks.experiments import roofline

    points = []
    for (label, block, knobs), count, times in zip(LINEUP, count_rows, timing_rows):
        if label in leave_out:
            continue
        model = build(block, knobs)
        points.append((label, roofline.intensity(count['MACs'], model, batch),
                       throughput(count, times, batch)))
    return points
