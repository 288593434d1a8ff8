"""Matplotlib charts for the comparison chapter; each function returns its figure."""
import matplotlib.pyplot as plt

# Label offsets in points for labels that would otherwise sit on top of each other.
NUDGE = {}


def _annotate(ax, x, y, label):
    dx, dy = NUDGE.get(label, (6, 4))
    ax.annotate(label, (x, y), xytext=(dx, dy), textcoords='offset points', fontsize=9)


def _merge_labels(points):
    """Join the labels of points that coincide, e.g. the bottleneck and the residual block."""
    merged = {}
    for x, y, label in points:
        merged.setdefault((x, y), []).append(label)
    return [(x, y, ' = '.join(labels)) for (x, y), labels in merged.items()]


def params_vs_macs(count_rows):
    """Parameters against MACs, both on log scales, one labelled point per block."""
    fig, ax = plt.subplots(figsize=(8, 5.5))
    points = _merge_labels([(r['MACs'], r['params'], r['block']) for r in count_rows])
    for x, y, label in points:
        ax.scatter(x, y, color='tab:blue', zorder=3)
        _annotate(ax, x, y, label)
    ax.set(xscale='log', yscale='log', xlabel='multiply-accumulates per image (MACs)',
           ylabel='parameters', title='Parameters against MACs (32x32 input, 64 channels)')
    ax.grid(True, which='major', alpha=0.3)
    ax.margins(x=0.25, y=0.15)
    fig.tight_layout()
    return fig


def macs_vs_latency(count_rows, timing_rows, batch=32, reference='3x3 conv'):
    """Measured median latency (bars: quartiles) against MACs, log scales.

    The dashed line is where a block would sit if it ran at the reference block's
    MACs per second; points above it are slower than their MACs predict.
    """
    fig, ax = plt.subplots(figsize=(8, 5.5))
    times = {r['block']: r for r in timing_rows}
    for row in count_rows:
        t = times[row['block']]
        median = t[f'b{batch} median']
        ax.errorbar(row['MACs'] * batch, median, fmt='o', color='tab:orange', capsize=3,
                    yerr=[[median - t[f'b{batch} q1']], [t[f'b{batch} q3'] - median]], zorder=3)
        _annotate(ax, row['MACs'] * batch, median, row['block'])
    ref_macs = next(r['MACs'] for r in count_rows if r['block'] == reference) * batch
    rate = ref_macs / times[reference][f'b{batch} median']
    xs = [min(r['MACs'] for r in count_rows) * batch, max(r['MACs'] for r in count_rows) * batch]
    ax.plot(xs, [x / rate for x in xs], '--', color='grey',
            label=f"at the {reference}'s speed ({rate / 1e6:.0f} GMAC/s)")
    ax.set(xscale='log', yscale='log', xlabel=f'MACs for a batch of {batch}',
           ylabel='median latency (ms), bars: quartiles',
           title=f'Measured CPU latency against MACs, batch {batch}')
    ax.grid(True, which='major', alpha=0.3)
    ax.legend(loc='upper left')
    ax.margins(x=0.25, y=0.15)
    fig.tight_layout()
    return fig


def throughput_bars(labels, rates):
    """Horizontal bars: billions of MACs per second each block achieved."""
    order = sorted(range(len(labels)), key=lambda i: rates[i])
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bars = ax.barh([labels[i] for i in order], [rates[i] for i in order], color='tab:green')
    ax.bar_label(bars, labels=[f'{rates[i]:.3g}' for i in order], padding=3, fontsize=9)
    ax.set(xlabel='achieved GMAC/s (MACs / median latency, batch 32)',
           title='How fast each block turns MACs into results on this CPU')
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def accuracy_dots(results, summary):
    """Test accuracy per seed (dots) and the mean over seeds (bar) for every block."""
    names = [s['block'] for s in summary]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, s in enumerate(summary):
        accs = [r['test_accuracy'] for r in results if r['block'] == s['block']]
        ax.scatter(accs, [i] * len(accs), color='tab:purple', alpha=0.7, zorder=3,
                   label='one seed' if i == 0 else None)
        ax.plot([s['mean']] * 2, [i - 0.3, i + 0.3], color='black',
                label='mean over seeds' if i == 0 else None)
    ax.set_yticks(range(len(names)), names)
    ax.set(xlabel='test accuracy on held-out digits',
           title='Tiny network with each block, trained briefly on 8x8 digits')
    ax.grid(True, axis='x', alpha=0.3)
    ax.legend(loc='lower left')
    fig.tight_layout()
    return fig
