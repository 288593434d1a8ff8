"""Matplotlib charts for the comparison chapter.

Each function returns a closed figure: a notebook cell that ends with the call shows it once.
"""
import functools

import matplotlib.pyplot as plt

# Label offsets (points) and alignment for labels that would sit on top of each other.
NUDGE = {'naive inception': (-8, -2, 'right'), '3x3 conv': (-8, -2, 'right'),
         'inverted residual': (8, -10, 'left'), 'NASNet normal cell': (-8, -8, 'right'),
         'inception': (8, 2, 'left')}
MARKERS = 'os^vD<>ph*X'


def _styled(chart):
    """Draw `chart` with a font size that stays readable when the page scales the figure."""
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        with plt.rc_context({'font.size': 11}):
            return chart(*args, **kwargs)
    return draw


def _annotate(ax, x, y, label):
    dx, dy, align = NUDGE.get(label, (8, 2, 'left'))
    ax.annotate(label, (x, y), xytext=(dx, dy), textcoords='offset points',
                ha=align, va='center', fontsize=10)


def _merge_labels(points):
    """Join the labels of points that coincide, e.g. the bottleneck and the residual block."""
    merged = {}
    for x, y, label in points:
        merged.setdefault((x, y), []).append(label)
    return [(x, y, ' = '.join(labels)) for (x, y), labels in merged.items()]


@_styled
def params_vs_macs(count_rows, pixels=32 * 32):
    """Parameters against MACs, both on log scales, one labelled point per block.

    The dotted line is MACs = pixels x parameters: where layers that use each weight once
    per pixel (stride-1 convs) sit.
    """
    fig, ax = plt.subplots(figsize=(8, 5.5))
    points = _merge_labels([(r['MACs'], r['params'], r['block']) for r in count_rows])
    for x, y, label in points:
        ax.scatter(x, y, color='tab:blue', zorder=3)
        _annotate(ax, x, y, label)
    ys = [min(r['params'] for r in count_rows) / 2, max(r['params'] for r in count_rows) * 2]
    ax.plot([y * pixels for y in ys], ys, ':', color='grey',
            label=f'MACs = {pixels:,} x params (each weight used once per pixel)')
    ax.set(xscale='log', yscale='log', xlabel='multiply-accumulates per image (MACs)',
           ylabel='parameters', title='Parameters against MACs (32x32 input, 64 channels)')
    ax.grid(True, which='major', alpha=0.3)
    ax.legend(loc='lower right')
    fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value, not again by the inline backend
    return fig


@_styled
def macs_vs_latency(count_rows, timing_rows, batch=32, reference='3x3 conv', leave_out=('SE',)):
    """Measured median latency (bars: quartiles) against MACs, log scales.

    The dashed line is where a block would sit if it ran at the reference block's
    MACs per second; points above it are slower than their MACs predict. Blocks in
    `leave_out` (SE: almost no MACs) would stretch the axes and are only named.
    """
    fig, ax = plt.subplots(figsize=(9.5, 5.5))
    times = {r['block']: r for r in timing_rows}
    shown = [r for r in count_rows if r['block'] not in leave_out]
    for i, row in enumerate(shown):
        t = times[row['block']]
        median = t[f'b{batch} median']
        ax.errorbar(row['MACs'] * batch, median, fmt=MARKERS[i % len(MARKERS)], markersize=8,
                    color=plt.cm.tab10(i % 10), capsize=3, label=row['block'], zorder=3,
                    yerr=[[median - t[f'b{batch} q1']], [t[f'b{batch} q3'] - median]])
    ref_macs = next(r['MACs'] for r in count_rows if r['block'] == reference) * batch
    rate = ref_macs / times[reference][f'b{batch} median']
    xs = [min(r['MACs'] for r in shown) * batch / 1.5, max(r['MACs'] for r in shown) * batch * 1.5]
    ax.plot(xs, [x / rate for x in xs], '--', color='grey',
            label=f"at the {reference}'s rate\n({rate / 1e6:.3g} GMAC/s)")
    ax.set(xscale='log', yscale='log', xlabel=f'MACs for a batch of {batch}',
           ylabel='median latency (ms); bars: quartiles',
           title=f'Measured CPU latency against MACs, batch {batch}')
    ax.grid(True, which='major', alpha=0.3)
    ax.legend(loc='upper left', bbox_to_anchor=(1.01, 1), fontsize=10,
              title=f"not shown: {', '.join(leave_out)}" if leave_out else None,
              title_fontsize=10)
    fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value, not again by the inline backend
    return fig


@_styled
def throughput_bars(labels, rates):
    """Horizontal bars: billions of MACs per second each block achieved."""
    order = sorted(range(len(labels)), key=lambda i: rates[i])
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bars = ax.barh([labels[i] for i in order], [rates[i] for i in order], color='tab:green')
    ax.bar_label(bars, labels=[f'{rates[i]:.3g}' for i in order], padding=3)
    ax.set(xlabel='achieved GMAC/s (MACs / median latency, batch 32)',
           title='How fast each block turns MACs into results on this CPU')
    ax.margins(x=0.12)
    fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value, not again by the inline backend
    return fig


@_styled
def accuracy_dots(results, summary):
    """Test accuracy per seed (dots) and the mean over seeds (bar) for every block."""
    names = [s['block'] for s in summary]
    fig, ax = plt.subplots(figsize=(9.5, 4.8))
    for i, s in enumerate(summary):
        accs = [r['test_accuracy'] for r in results if r['block'] == s['block']]
        ax.scatter(accs, [i] * len(accs), color='tab:purple', alpha=0.7, zorder=3,
                   label='one seed' if i == 0 else None)
        ax.plot([s['mean']] * 2, [i - 0.3, i + 0.3], color='black',
                label='mean over seeds' if i == 0 else None)
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()  # first block on top, as in the table
    ax.set(xlabel='test accuracy on held-out digits',
           title='Tiny network with each block, trained briefly on 8x8 digits')
    ax.grid(True, axis='x', alpha=0.3)
    ax.legend(loc='upper left', bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value, not again by the inline backend
    return fig
