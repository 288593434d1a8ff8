"""What the comparison chapter may say about its measurements, computed from them.

Training: a block is compared with the reference seed by seed (the same seed gives both the
same data order); a verdict word only where the 95 % t-interval of the paired differences
excludes zero, with the two-sided sign-test p beside it. Timing: an order is stated only where
it held in at least AT_LEAST of the repeats. Every threshold is a constant fixed before the
runs it judges (2026-12-06), never adjusted to them.
"""
import math
import statistics

from convblocks import language, wording
from convblocks.drawing.names import ZH as NAMES_ZH
from convblocks.drawing.names import joined_zh as names_zh
from convblocks.experiments.comparison import rows_from_runs, throughput

AT_LEAST = 4           # repeats (of 5) in which a timing order must hold to be stated
CONFIDENCE = 0.95      # the paired-difference interval's coverage
THIN_SHARE = 0.5       # "slow for its MACs": under half the plain 3x3 conv's GMAC/s
DEPTHWISE = ('NASNet normal cell', 'inverted residual')   # the blocks built on depthwise convs

# Every verdict word the chapter glues, with its Chinese: one table for both editions.
WORDS = {
    **{verdict: NAMES_ZH[verdict] for verdict in ('higher', 'lower', 'no clear difference')},
    'held': '成立', 'did not hold': '不成立',
    'achieved': '达到了', 'did not reliably achieve': '未能稳定达到',
    'ran at under half of its rate': '运行速率都不到它的一半',
    'did not all run at under half of its rate': '并非都不到它速率的一半',
    'was slower than': '慢于', 'was not reliably slower than': '并不稳定地慢于',
    'followed': '随之变化', 'did not follow': '并不随之变化',
    'a large matrix product': '一个大矩阵乘法',
}


def chinese(english):
    """The Chinese of a verdict word from WORDS."""
    if english not in WORDS:
        raise ValueError(f'claims: no Chinese for {english!r}; add it to claims.WORDS.')
    return WORDS[english]


def glue_both(name, english):
    """Glue `english` as glued.name and its Chinese as glued.name_zh."""
    from convblocks.book.glued import glue
    glue(name, english, display=False)
    glue(f'{name}_zh', chinese(english), display=False)


def glue_peak_from(name, label, matmul):
    """Glue what reached the roof's peak (roofline.highest_roof) under `name`: a block's label,
    kept in both editions, or, for None, the matrix product. Under `name`_source, what the roof
    sentence says of it: the matrix product alone, or the block and the product's own rate
    `matmul` (GMAC/s, as printed)."""
    if label is None:
        glue_both(name, 'a large matrix product')
        glue_both(f'{name}_source', 'a large matrix product')
        return
    from convblocks.book.glued import glue
    glue(name, label, display=False)
    glue(f'{name}_zh', names_zh([label]), display=False)
    glue(f'{name}_source', f'{label}; a large matrix product reached {matmul}', display=False)
    glue(f'{name}_source_zh', f'{names_zh([label])}；一个大矩阵乘法只达到 {matmul}',
         display=False)


def joined_zh(names):
    """Names in Chinese (drawing.names), joined the Chinese way: 'x、y 和 z'; 无 if none."""
    return names_zh(names) if names else '无'


def glue_blocks(name, names):
    """Glue a list of block names joined in English under `name` and in Chinese under
    `name_zh`."""
    from convblocks.book.glued import glue
    glue(name, joined(names), display=False)
    glue(f'{name}_zh', joined_zh(names), display=False)


# --- training: paired differences ------------------------------------------------------

def sign_test(differences):
    """Two-sided exact sign-test p of paired differences (ties left out; 1.0 if all tie)."""
    ups = sum(d > 0 for d in differences)
    n = ups + sum(d < 0 for d in differences)
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(ups, n - ups) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def paired(block, reference):
    """Block minus reference, seed by seed: mean, t-interval, sign-test p and the verdict.

    `block` and `reference` are accuracies in the same seed order. The verdict is 'higher' or
    'lower' only when the CONFIDENCE t-interval excludes zero, else 'no clear difference'.
    """
    from scipy.stats import t

    differences = [b - r for b, r in zip(block, reference, strict=True)]
    n = len(differences)
    mean = statistics.fmean(differences)
    half = (t.ppf((1 + CONFIDENCE) / 2, n - 1) * statistics.stdev(differences) / math.sqrt(n)
            if n > 1 else math.inf)
    low, high = mean - half, mean + half
    verdict = 'higher' if low > 0 else 'lower' if high < 0 else 'no clear difference'
    return {'mean': mean, 'low': low, 'high': high, 'better in': sum(d > 0 for d in differences),
            'seeds': n, 'sign p': sign_test(differences), 'verdict': verdict}


def accuracies(plan, runs, budget):
    """{block: [test accuracy per seed, in seed order]} for the networks of `budget`."""
    def key(row):
        return row['block'], row['width'], tuple(sorted(row['knobs'].items()))
    found = {(*key(r), r['seed']): r['test_accuracy'] for r in runs}
    seeds = sorted({r['seed'] for r in runs})
    return {row['block']: [found[(*key(row), s)] for s in seeds]
            for row in plan if row['budget'] == budget}


def fair_verdicts(plan, runs, budget, reference='3x3 conv'):
    """One row per block (the reference left out): its width and paired() against the
    reference at `budget`, differences in percentage points."""
    accs = accuracies(plan, runs, budget)
    widths = {row['block']: row['width'] for row in plan if row['budget'] == budget}
    rows = []
    for block, values in accs.items():
        if block == reference:
            continue
        p = paired(values, accs[reference])
        rows.append({'block': block, 'f': widths[block], 'mean acc': statistics.fmean(values),
                     'diff pp': 100 * p['mean'], 'low pp': 100 * p['low'],
                     'high pp': 100 * p['high'], 'better in': f"{p['better in']}/{p['seeds']}",
                     'sign p': p['sign p'], 'verdict': p['verdict']})
    return rows


def joined(names):
    """Names joined with commas and 'and': 'a', 'a and b', 'a, b and c'; 'none' if none."""
    return wording.listing(names) or 'none'


def named(rows, verdict):
    """The blocks whose verdict is `verdict`, in order."""
    return [row['block'] for row in rows if row['verdict'] == verdict]


def same_width(plan):
    """The blocks that the two budgets give the same width (and so the same network)."""
    widths = {}
    for row in plan:
        widths.setdefault(row['block'], set()).add((row['width'], str(row['knobs'])))
    return [block for block, found in widths.items() if len(found) == 1]


def mean_accuracy(runs):
    """Per block: mean test accuracy over its seeds (the article-settings run)."""
    by_block = {}
    for r in runs:
        by_block.setdefault(r['block'], []).append(r['test_accuracy'])
    return {block: statistics.fmean(accs) for block, accs in by_block.items()}


def capacity_correlation(runs):
    """Spearman's rank correlation of parameters and mean accuracy over a run's networks."""
    from scipy.stats import spearmanr

    params = {r['block']: r['params'] for r in runs}
    means = mean_accuracy(runs)
    return float(spearmanr([params[b] for b in means], list(means.values())).statistic)


# --- timing ----------------------------------------------------------------------------

def _rates(count_rows, timing_rows, batch):
    return {c['block']: throughput(c, t, batch=batch) for c, t in zip(count_rows, timing_rows)}


# The four timing orders of timing_verdicts in words, for the table that shows them.
CLAIMS = {
    'reference_top': {'en': 'the 3x3 conv among the three highest rates',
                      'zh': '3x3 卷积的速率在最高的三个之中'},
    'depthwise_slow': {'en': 'depthwise blocks under half its rate',
                       'zh': '基于逐深度卷积的模块不到它速率的一半'},
    'fig3c_slower': {'en': 'Fig. 3(c) slower than the 4 paths', 'zh': '图 3(c) 形式慢于 4 条路径'},
    'copy_slower': {'en': 'grouped copy slower than Fig. 3(c)', 'zh': '分组卷积版慢于图 3(c) 形式'},
}


def claim_text(name):
    """Timing order `name` of timing_verdicts in words, in the current language."""
    return CLAIMS[name][language.current()]


def timing_verdicts(count_rows, runs, batch=32, at_least=AT_LEAST, reference='3x3 conv',
                    top=3):
    """Four timing orders, each with the number of repeats it held in and whether that is at
    least `at_least`.

    reference_top: the reference conv is among the `top` highest GMAC/s rates;
    depthwise_slow: every DEPTHWISE block runs under THIN_SHARE of the reference's rate;
    fig3c_slower: ResNeXt in Figure 3(c) form takes longer than its four separate paths;
    copy_slower: the grouped copy (with its reshape and sum) takes longer than Figure 3(c).
    """
    repeats = len(next(iter(runs[batch].values())))
    flags = {'reference_top': [], 'depthwise_slow': [], 'fig3c_slower': [], 'copy_slower': []}
    for i in range(repeats):
        rows = rows_from_runs(runs, repeat=i)
        rates = _rates(count_rows, rows, batch)
        ranking = sorted(rates, key=rates.get, reverse=True)
        flags['reference_top'].append(reference in ranking[:top])
        flags['depthwise_slow'].append(all(rates[b] < rates[reference] * THIN_SHARE
                                           for b in DEPTHWISE))
        ms = {r['block']: r[f'b{batch} median'] for r in rows}
        flags['fig3c_slower'].append(ms['ResNeXt, Fig. 3(c)'] > ms['ResNeXt, 4 paths'])
        flags['copy_slower'].append(ms['ResNeXt, grouped copy'] > ms['ResNeXt, Fig. 3(c)'])
    return {name: {'held': sum(f), 'repeats': repeats, 'holds': sum(f) >= at_least}
            for name, f in flags.items()}


def fewest_macs(count_rows, output_channels=64, leave_out=('SE',)):
    """The blocks (joined with 'and') with the fewest MACs among those that output
    `output_channels` channels; SE is left out, it only rescales its input."""
    same = [r for r in count_rows if r['output'].endswith(f'x{output_channels}')
            and r['block'] not in leave_out]
    fewest = min(r['MACs'] for r in same)
    return wording.listing(r['block'] for r in same if r['MACs'] == fewest)


def rank_correlation(xs, ys):
    """Spearman's rank correlation of two equally long lists of numbers."""
    from scipy.stats import spearmanr
    return float(spearmanr(xs, ys).statistic)


# --- the scale of the fair experiment --------------------------------------------------

def map_sizes(label, width=None):
    """The spatial sizes ('16x16') of the feature maps in the fair network of block `label`."""
    from convblocks.experiments import fair
    from convblocks.experiments.training import tiny_network
    from convblocks.keras_internals import shapes_only

    block, knobs = fair.BLOCKS[label]
    with shapes_only():
        model = tiny_network(block, width=width or fair.REFERENCE_WIDTH, size=fair.SIZE,
                             pool=False, **knobs)
    sizes = {tuple(layer.output.shape[1:3]) for layer in model.layers
             if len(layer.output.shape) == 4}
    return [f'{h}x{w}' for h, w in sorted(sizes)]


def spatial_share(kernel, size):
    """The share of a size x size map that one k x k window covers, e.g. 25/256 for a 5x5."""
    return min(kernel, size) ** 2 / size ** 2
