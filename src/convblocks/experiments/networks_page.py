"""Tables, a chart and predict-then-check exercises for the chapter "From blocks to networks"."""
import math

import matplotlib.pyplot as plt

from convblocks import language
from convblocks.counting import stages
from convblocks.counting.keras_counts import model_macs
from convblocks.counting.keras_fields import fields, measured_sizes
from convblocks.counting.receptive_field import chain_size
from convblocks.drawing import describe
from convblocks.drawing.charts import WIDTH, styled, text
from convblocks.quiet import keras


def field_rows(model, measured=False):
    """One row per layer: what it does, its output, its receptive field and pixel spacing
    (and, with measured=True, the field the gradient finds)."""
    closed = fields(model)
    seen = measured_sizes(model) if measured else {}
    rows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        size = closed[layer.name].size
        row = {'layer': describe(layer),
               'output': '×'.join(str(n) for n in layer.output.shape[1:]),
               'sees': 'all' if math.isinf(size) else size,
               'pixels apart': closed[layer.name].jump}
        if measured:
            row['measured'] = seen[layer.name]
        rows.append(row)
    return rows


def part_fields(ends):
    """{part name: receptive field of its last layer} for networks.parts' tensors."""
    model = keras.Model(ends['input'], ends['head'])
    closed = fields(model)
    return {part: closed[t._keras_history.operation.name].size
            for part, t in ends.items() if part not in ('input', 'head')}


def part_rows(ends, block_name, size, **options):
    """Parameters and MACs of each part, from the Keras sub-model between two part ends and
    from counting.stages' closed forms, side by side."""
    names = list(ends)
    closed = stages.parts(block_name, size=size, **options)
    rows = []
    for (a, b), formula in zip(zip(names, names[1:]), closed):
        part = keras.Model(ends[a], ends[b])
        rows.append({'part': b, 'params (Keras)': part.count_params(),
                     'params (formula)': formula['params'], 'MACs (Keras)': model_macs(part),
                     'MACs (formula)': formula['MACs']})
    return rows


def stride_rows(chains):
    """One row per chain of (k, s) layers: the chain written out and its receptive field."""
    return [{'layers': ' -> '.join(f'{k}x{k}' + (f' s{s}' if s > 1 else '') for k, s in c),
             'sees': chain_size(c)} for c in chains]


@styled
def loss_curves(results, depths, layers):
    """Training loss per epoch, mean over seeds, plain (top) and residual (bottom); its
    texts (drawing.charts.TEXT) in the current language."""
    fig, axes = plt.subplots(2, 1, figsize=(WIDTH, 6.4), sharex=True, sharey=True)
    for ax, kind in zip(axes, ('plain', 'residual')):
        for depth, style in zip(depths, ('-', '--', ':')):
            runs = [r['epoch_loss'] for r in results
                    if r['kind'] == kind and r['depth'] == depth]
            mean = [sum(v) / len(v) for v in zip(*runs)]
            epochs = range(1, len(mean) + 1)
            for run in runs:
                ax.plot(epochs, run, style, color='0.75', linewidth=0.8)
            ax.plot(epochs, mean, style, color='black', linewidth=2,
                    label=text('layers', layers=layers(depth)))
        ax.set_title(text(kind))
        ax.set_yscale('log')
        ax.set_ylabel(text('training_loss'))
        ax.legend(frameon=False)
    axes[1].set_xlabel(text('epoch'))
    return fig


# What check() prints, per language; `unit` is given in the language of the page (' pixels').
CHECK = {
    'en': {'todo': 'Replace None with your prediction and run the cell again.',
           'right': 'Right: {answer:,}{unit}.',
           'above': 'above', 'below': 'below',
           'wrong': 'Not quite: your {prediction:,} is {side} the answer. Work through the '
                    'formula once more, or open the answer below.'},
    'zh': {'todo': '把 None 换成你的预测，然后再运行这个单元格。',
           'right': '正确：{answer:,}{unit}。',
           'above': '大于', 'below': '小于',
           'wrong': '还不对：你的 {prediction:,} {side}答案。请再按公式算一遍，或打开下面的答案。'},
}
# Units the English notebooks pass to check(), in Chinese.
UNITS_ZH = {' pixels': ' 像素', ' pixel': ' 像素'}


def check(prediction, answer, unit=''):
    """Print whether a reader's predicted number equals the computed answer."""
    say = CHECK[language.current()]
    if language.current() == 'zh':
        unit = UNITS_ZH.get(unit, unit)
    if prediction is None:
        print(say['todo'])
    elif prediction == answer:
        print(say['right'].format(answer=answer, unit=unit))
    else:
        side = say['above'] if prediction > answer else say['below']
        print(say['wrong'].format(prediction=prediction, side=side))


def glue_degradation(record):
    """Glue the degradation section's numbers and verdict words (English and Chinese) from a
    stored record; return the per-kind, per-depth table rows."""
    from convblocks.book.glued import glue

    from convblocks.experiments import degradation_stats as stats
    results = record['results']
    depths = sorted({r['depth'] for r in results})
    layers = {r['depth']: r['layers'] for r in results}
    verdict = stats.verdicts(results, deep=depths[-1], shallow=depths[0])
    plain, residual = verdict['plain'], verdict['residual']
    values = {'deg_seeds': plain['seeds'], 'deg_deep_layers': layers[depths[-1]],
              'deg_shallow_layers': layers[depths[0]],
              'deg_plain_worse': plain['deeper_worse'],
              'deg_res_better': residual['seeds'] - residual['deeper_worse'],
              'deg_plain_diff': stats.interval(plain), 'deg_res_diff': stats.interval(residual),
              'deg_cross_better': verdict['cross']['seeds'] - verdict['cross']['higher'],
              'deg_cross_diff': stats.interval(verdict['cross']),
              'deg_cpu': f"{record['cpu_seconds']:,.0f}",
              'deg_stored': record['stored']}
    for name, value in values.items():
        glue(name, value, display=False)
    for name, (english, chinese) in stats.words(verdict).items():
        glue(name, english, display=False)
        glue(f'{name}_zh', chinese, display=False)
    rows = []
    for kind in ('plain', 'residual'):
        for depth in depths:
            final = list(stats.losses(results, kind, depth).values())
            mean = sum(final) / len(final)
            half = stats.t_half_width(final)
            rows.append({'network': text(kind), 'layers': layers[depth], 'seeds': len(final),
                         'final loss': f'{mean:.3f} ± {half:.3f}',
                         'lowest': min(final), 'highest': max(final)})
    return rows


def _mib(n):
    """Bytes in MiB: one decimal below 100, whole numbers above."""
    mib = n / 2 ** 20
    return round(mib, 1) if mib < 100 else round(mib)


def memory_rows(depths, batches):
    """Estimated training memory of train_memory.network(depth) at each batch size (MiB)."""
    from convblocks.experiments import train_memory
    from convblocks.keras_internals import shapes_only
    rows = []
    for depth in depths:
        with shapes_only():
            model = train_memory.network(depth)
        row = {'layers': 6 * depth + 2, 'weights (MiB)': _mib(4 * model.count_params())}
        for batch in batches:
            row[f'batch {batch} (MiB)'] = _mib(train_memory.kept_bytes(model, batch))
        row[f'largest output, batch {batches[-1]} (MiB)'] = _mib(
            train_memory.largest_bytes(model, batches[-1]))
        rows.append(row)
    return rows


def memory_check_rows(record):
    """Estimated and measured KiB per image from a stored train_memory record; glues the
    range of measured / estimated as net_mem_ratio."""
    from convblocks.book.glued import glue
    rows = [{'layers': r['layers'],
             'estimated KiB per image': round(r['estimated_per_image'] / 1024),
             'measured KiB per image': round(r['measured_per_image'] / 1024),
             'measured / estimated': round(r['measured_per_image'] / r['estimated_per_image'], 2)}
            for r in record['results']]
    ratios = [r['measured / estimated'] for r in rows]
    glue('net_mem_ratio', f'{min(ratios):.2f}–{max(ratios):.2f}', display=False)
    return rows


def dense_memory_rows(depths, size=32, f=32):
    """The dense block's features per image: what its layers compute (growing linearly with
    d) against what a training step keeps when every concatenation is a new tensor."""
    from convblocks import blocks
    from convblocks.experiments import train_memory
    from convblocks.keras_internals import shapes_only
    from convblocks.models import block_model
    rows = []
    for d in depths:
        with shapes_only():
            model = block_model(blocks.dense_block, size=size, f=f, d=d)
        computed = sum(math.prod(layer.output.shape[1:]) for layer in model.layers
                       if isinstance(layer, keras.layers.Conv2D))
        rows.append({'d': d, 'computed per image (KiB)': round(4 * computed / 1024),
                     'kept per image (KiB)': round(train_memory.kept_bytes(model, 1) / 1024)})
    return rows
