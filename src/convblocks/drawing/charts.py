"""Matplotlib charts for the comparison and networks chapters, in English or Chinese.

Every text a chart shows comes from TEXT, one entry per text with both languages; a chart's
`lang` is `language.current()` unless given, and block labels are shown through
`drawing.names.shown` ('NASNet normal cell' -> 'NASNet 普通单元'). Charts are
WIDTH inches wide with no text under SMALLEST points, so that shown 390 px wide (a phone) the
smallest text is still at least 9 px high (tests/test_comparison.py measures it). Each
function returns a closed figure: a notebook cell that ends with the call shows it once.
"""
import base64
import functools
import html
import io

import matplotlib.pyplot as plt

from convblocks import language
from convblocks.drawing.names import shown

WIDTH = 5.6        # inches, at DPI: 560 px
DPI = 100
SMALLEST = 10      # points: 10 pt at 100 dpi is 13.9 px, 9.7 px when 560 px shrink to 390
MARKERS = 'os^vD<>ph*XP'
LEFT_LABELS = ('dense', 'naive inception', 'inception', 'NASNet normal cell', 'ResNeXt, 4 paths')

TEXT = {
    'macs': {'en': 'multiply-accumulates per image (MACs)', 'zh': '每张图像的乘加次数（MACs）'},
    'params': {'en': 'parameters', 'zh': '参数'},
    'params_vs_macs': {'en': 'Parameters against MACs\n(32x32 input, 64 channels)',
                       'zh': '参数与 MACs\n（32x32 输入，64 个通道）'},
    'per_pixel': {'en': 'MACs = {pixels:,} x params', 'zh': 'MACs = {pixels:,} x 参数'},
    'intensity': {'en': 'MACs per byte moved (arithmetic intensity)',
                  'zh': '每移动一个字节的 MACs（算术强度）'},
    'rate': {'en': 'achieved GMAC/s, batch {batch}', 'zh': '实测 GMAC/s，批大小 {batch}'},
    'roofline': {'en': 'Roofline of this CPU', 'zh': '本机 CPU 的屋顶线'},
    'peak': {'en': 'peak ≥ {peak:.1f} GMAC/s (fastest measured)',
             'zh': '峰值 ≥ {peak:.1f} GMAC/s（实测最快）'},
    'bandwidth': {'en': 'bandwidth {bandwidth:.1f} GB/s\nx intensity',
                  'zh': '带宽 {bandwidth:.1f} GB/s\nx 强度'},
    'difference': {'en': 'accuracy minus the 3x3 conv\'s (points), 95 % interval',
                   'zh': '准确率减去 3x3 卷积的（百分点），95% 区间'},
    'at_params': {'en': 'equal parameters', 'zh': '参数相等'},
    'at_macs': {'en': 'equal MACs', 'zh': '乘加次数相等'},
    'mean_accuracy': {'en': 'mean test accuracy', 'zh': '平均测试准确率'},
    'capacity': {'en': "At the article's settings: accuracy\nfollows size (Spearman {rho:.2f})",
                 'zh': '按原文设置：准确率随规模变化\n（Spearman {rho:.2f}）'},
    'plain': {'en': 'plain', 'zh': '普通网络'},
    'residual': {'en': 'residual', 'zh': '残差网络'},
    'layers': {'en': '{layers} layers', 'zh': '{layers} 层'},
    'training_loss': {'en': 'training loss (log)', 'zh': '训练损失（对数）'},
    'epoch': {'en': 'epoch', 'zh': '迭代周期'},
}


ALT = {
    'params_vs_macs': {
        'en': 'Chart, log scales: parameters against multiply-accumulates per image, one point '
              'per block; the convolution blocks lie on the dotted line MACs = 1,024 x params, '
              'SE far to its left.',
        'zh': '对数坐标图：每个模块一个点，参数对比每张图像的乘加次数；'
              '卷积模块落在虚线 MACs = 1,024 x 参数上，SE 远在它的左边。'},
    'roofline': {
        'en': "Roofline chart, log scales: each block's achieved GMAC/s at batch 32 against its "
              "MACs per byte moved, under this CPU's roof (a bandwidth slope, then the peak); "
              'the table above gives the same numbers.',
        'zh': '对数坐标的屋顶线图：每个模块在批大小 32 时实测的 GMAC/s '
              '对比它每移动一个字节的乘加次数，上方是本机 CPU 的屋顶'
              '（先是带宽斜线，然后是峰值）；上表给出同样的数字。'},
    'fair_intervals': {
        'en': "Interval chart: for each block, its test accuracy minus the plain 3x3 conv's, in "
              'percentage points, with the 95 % interval, at equal parameters and at equal MACs; '
              'the tables above give the same numbers.',
        'zh': '区间图：每个模块的测试准确率减去普通 3x3 卷积的准确率（百分点）'
              '及 95% 区间，分别在参数相等和乘加次数相等时；上表给出同样的数字。'},
    'capacity': {
        'en': "Scatter chart, log scale: mean test accuracy against parameters for the ten "
              "networks at the article's settings; accuracy rises with size. The table above "
              'gives the same numbers.',
        'zh': '对数坐标散点图：按原文设置训练的十个网络的平均测试准确率对比参数量；'
              '准确率随规模上升。上表给出同样的数字。'},
}


class Picture:
    """A chart with its description, shown as an HTML image whose alt text is in the chart's
    language (a glued Matplotlib figure would get its file name as alt text)."""

    def __init__(self, fig, alt):
        self.fig, self.alt = fig, alt

    def png(self):
        """The chart as a PNG of at most 256 colours (a third of the bytes of a full-colour
        one, and no visible difference for flat colours and anti-aliased text)."""
        from PIL import Image
        drawn, buffer = io.BytesIO(), io.BytesIO()
        self.fig.savefig(drawn, format='png', dpi=DPI, bbox_inches='tight')
        image = Image.open(drawn).convert('RGB').quantize(colors=256)
        image.save(buffer, format='png', optimize=True)
        return buffer.getvalue()

    def _repr_html_(self):
        data = base64.b64encode(self.png()).decode('ascii')
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
                f'style="max-width: 100%; height: auto;">')

    def __repr__(self):
        return f'<chart: {self.alt[:60]}...>'


def picture(fig, key, lang=None):
    """`fig` with the description ALT[key] in `lang` (None: the current language)."""
    return Picture(fig, ALT[key][lang or language.current()])


def text(key, lang=None, **values):
    """The chart text `key` in `lang` ('en' or 'zh'; None: the current language), with
    `values` filled in."""
    return TEXT[key][lang or language.current()].format(**values)


def styled(chart):
    """Draw `chart` at the chapter's width, resolution and smallest font; Chinese text falls
    back to Noto Sans CJK SC (Debian's fonts-noto-cjk)."""
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        style = {'font.size': SMALLEST + 1, 'axes.titlesize': SMALLEST + 2,
                 'xtick.labelsize': SMALLEST, 'ytick.labelsize': SMALLEST,
                 'legend.fontsize': SMALLEST, 'figure.dpi': DPI, 'savefig.dpi': DPI,
                 'font.family': ['DejaVu Sans', 'Noto Sans CJK SC']}   # Chinese glyphs fall back
        with plt.rc_context(style):
            fig = chart(*args, **kwargs)
        fig.set_dpi(DPI)
        fig.tight_layout()
        plt.close(fig)  # shown once, as the cell's value, not again by the inline backend
        return fig
    return draw


def smallest_text_px(fig, shown_width=390):
    """The height in px of the figure's smallest text when the image is `shown_width` wide.

    The notebook saves the figure cropped or grown to its tight bounding box (plus 0.1 inch
    on each side), so that box's width is the image's width.
    """
    sizes = [t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_text().strip()
             and t.get_visible()]
    image_px = (fig.get_tightbbox().width + 0.2) * DPI
    return min(sizes) * DPI / 72 * shown_width / image_px


def _shown(label, lang):
    """A block label in `lang` (None: the current language)."""
    with language.using(lang or language.current()):
        return shown(label)


def _annotate(ax, x, y, label, left=False):
    """Write `label` beside the point (x, y), on its left or its right."""
    ax.annotate(label, (x, y), xytext=(-6 if left else 6, 0), textcoords='offset points',
                ha='right' if left else 'left', va='center', fontsize=SMALLEST)


def _merge_labels(points, within=0.05):
    """One point, labelled with every name, for points within `within` (relative) of each
    other on both axes: the bottleneck and the residual block, the three ResNeXt forms."""
    merged = []
    for x, y, label in points:
        for group in merged:
            if abs(group[0] / x - 1) <= within and abs(group[1] / y - 1) <= within:
                group[2].append(label)
                break
        else:
            merged.append((x, y, [label]))
    return [(x, y, '\n'.join(labels)) for x, y, labels in merged]


@styled
def params_vs_macs(count_rows, pixels=32 * 32, lang=None):
    """Parameters against MACs, both on log scales, one labelled point per block.

    The dotted line is MACs = pixels x parameters: where layers that use each weight once
    per pixel (stride-1 convs) sit.
    """
    fig, ax = plt.subplots(figsize=(WIDTH, 5.2))
    points = _merge_labels([(r['MACs'], r['params'], r['block']) for r in count_rows], 0.06)
    for x, y, label in points:
        ax.scatter(x, y, color='tab:blue', zorder=3)
        # left of the points near the top right, where a neighbour or the edge is near
        names = label.split('\n')
        said = '\n'.join(_shown(name, lang) for name in names)
        _annotate(ax, x, y, said, left=names[0] in LEFT_LABELS)
    ys = [min(r['params'] for r in count_rows) / 2, max(r['params'] for r in count_rows) * 2]
    ax.plot([y * pixels for y in ys], ys, ':', color='grey',
            label=text('per_pixel', lang, pixels=pixels))
    ax.set(xscale='log', yscale='log', xlabel=text('macs', lang), ylabel=text('params', lang),
           title=text('params_vs_macs', lang))
    ax.grid(True, which='major', alpha=0.3)
    ax.legend(loc='lower right')
    return fig


@styled
def roofline(points, roof, batch=32, lang=None):
    """Achieved GMAC/s against MACs per byte, log scales, under this CPU's roof.

    `points` are (label, intensity, rate) triples, named in a key under the plot (points sit
    too close for labels); `roof` is roofline.measure_roof()'s dict.
    """
    fig, ax = plt.subplots(figsize=(WIDTH, 7.4))
    peak, bandwidth = roof['peak GMAC/s'], roof['bandwidth GB/s']
    xs = [x for _, x, _ in points]
    low, high = min(xs) / 2, max(max(xs) * 2, 2 * peak / bandwidth)
    ridge = peak / bandwidth
    ax.plot([low, ridge, high], [bandwidth * low, peak, peak], color='black', lw=1.5)
    ax.annotate(text('peak', lang, peak=peak), (high, peak), xytext=(0, 4),
                textcoords='offset points', ha='right', va='bottom', fontsize=SMALLEST)
    ax.annotate(text('bandwidth', lang, bandwidth=bandwidth), (low, bandwidth * low),
                xytext=(4, 0), textcoords='offset points', ha='left', va='top',
                fontsize=SMALLEST)
    for i, (label, x, rate) in enumerate(points):
        ax.scatter(x, rate, marker=MARKERS[i % len(MARKERS)], s=50, zorder=3,
                   color=plt.cm.tab20(i % 20), label=_shown(label, lang))
    ax.set(xscale='log', yscale='log', xlabel=text('intensity', lang),
           ylabel=text('rate', lang, batch=batch), title=text('roofline', lang))
    ax.set_ylim(top=peak * 1.6)
    ax.grid(True, which='major', alpha=0.3)
    ax.legend(loc='upper center', bbox_to_anchor=(0.5, -0.13), ncol=2, handletextpad=0.2,
              columnspacing=1.0)
    return fig


@styled
def fair_intervals(at_params, at_macs, lang=None):
    """Each block's paired accuracy difference from the reference with its 95 % interval,
    at equal parameters (circles) and at equal MACs (squares); rows from
    claims.fair_verdicts."""
    blocks = [row['block'] for row in at_params]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.55 * len(blocks) + 1.6))
    for rows, shift, marker, key in ((at_params, -0.15, 'o', 'at_params'),
                                     (at_macs, 0.15, 's', 'at_macs')):
        by = {row['block']: row for row in rows}
        ys = [i + shift for i in range(len(blocks))]
        means = [by[b]['diff pp'] for b in blocks]
        errors = [[by[b]['diff pp'] - by[b]['low pp'] for b in blocks],
                  [by[b]['high pp'] - by[b]['diff pp'] for b in blocks]]
        ax.errorbar(means, ys, xerr=errors, fmt=marker, capsize=3, label=text(key, lang))
    ax.axvline(0, color='grey', lw=1)
    ax.set_yticks(range(len(blocks)), [_shown(block, lang) for block in blocks])
    ax.invert_yaxis()
    ax.set_xlabel(text('difference', lang))
    ax.grid(True, axis='x', alpha=0.3)
    ax.legend(loc='upper center', bbox_to_anchor=(0.5, -0.16), ncol=2)
    return fig


@styled
def capacity(points, rho, lang=None):
    """Mean test accuracy against parameters (log scale) for the article-settings run;
    `points` are (label, params, mean accuracy) triples, named in a key under the plot."""
    fig, ax = plt.subplots(figsize=(WIDTH, 6.4))
    for i, (label, params, accuracy) in enumerate(points):
        ax.scatter(params, accuracy, marker=MARKERS[i % len(MARKERS)], s=50, zorder=3,
                   color=plt.cm.tab20(i % 20), label=_shown(label, lang))
    ax.set(xscale='log', xlabel=text('params', lang), ylabel=text('mean_accuracy', lang),
           title=text('capacity', lang, rho=rho))
    ax.grid(True, alpha=0.3)
    ax.legend(loc='upper center', bbox_to_anchor=(0.5, -0.15), ncol=2, handletextpad=0.2,
              columnspacing=1.0)
    return fig
