"""What the comparison chapter may say about its measurements, computed from them.

Timings and training results change with the machine and the run. The text states only
orders that hold in at least `at_least` of the repeats (timing) or seeds (training); each
function here returns that verdict, and the chapter glues it into its sentences.
"""
from convblocks.experiments.comparison import rows_from_runs, throughput

AT_LEAST = 4


def _holds(flags, at_least):
    return sum(flags) >= at_least


def _rates(count_rows, timing_rows, batch):
    return {c['block']: throughput(c, t, batch=batch) for c, t in zip(count_rows, timing_rows)}


def timing_verdicts(count_rows, runs, batch=32, at_least=AT_LEAST,
                    reference='3x3 conv', top=3, thin_share=0.75,
                    thin=('ResNeXt, grouped', 'NASNet normal cell', 'inverted residual'),
                    grouped=('ResNeXt, grouped', 'ResNeXt, 4 paths')):
    """Three timing claims, each with the number of repeats it held in.

    reference_top: the reference conv is among the `top` highest GMAC/s rates;
    thin_slow: every block of `thin` (depthwise or grouped convs) runs under `thin_share` of
    its rate (three quarters: the share that held on a busy and on a quiet 2-core machine);
    grouped_slower: the first of `grouped` takes longer than the second.
    """
    repeats = len(next(iter(runs[batch].values())))
    flags = {'reference_top': [], 'thin_slow': [], 'grouped_slower': []}
    for i in range(repeats):
        rows = rows_from_runs(runs, repeat=i)
        rates = _rates(count_rows, rows, batch)
        ranking = sorted(rates, key=rates.get, reverse=True)
        flags['reference_top'].append(reference in ranking[:top])
        flags['thin_slow'].append(all(rates[b] < rates[reference] * thin_share for b in thin))
        medians = {r['block']: r[f'b{batch} median'] for r in rows}
        flags['grouped_slower'].append(medians[grouped[0]] > medians[grouped[1]])
    return {name: {'held': sum(f), 'repeats': repeats, 'holds': _holds(f, at_least)}
            for name, f in flags.items()}


def training_verdicts(results, baseline='stem only', at_least=AT_LEAST):
    """Per block: in how many seeds it beat the baseline (same seed), and the verdict.

    verdict is 'better' or 'worse' when that held in at least `at_least` seeds, else
    'unclear'.
    """
    base = {r['seed']: r['test_accuracy'] for r in results if r['block'] == baseline}
    verdicts = {}
    for r in results:
        if r['block'] == baseline:
            continue
        v = verdicts.setdefault(r['block'], {'better': 0, 'worse': 0, 'seeds': 0})
        v['seeds'] += 1
        v['better'] += r['test_accuracy'] > base[r['seed']]
        v['worse'] += r['test_accuracy'] < base[r['seed']]
    for v in verdicts.values():
        v['verdict'] = ('better' if v['better'] >= at_least else
                        'worse' if v['worse'] >= at_least else 'unclear')
    return verdicts


def names(verdicts, verdict):
    """The blocks with `verdict`, as an English list ('none' when there are none)."""
    found = [block for block, v in verdicts.items() if v['verdict'] == verdict]
    if not found:
        return 'none'
    return found[0] if len(found) == 1 else ', '.join(found[:-1]) + ' and ' + found[-1]


def fewest_macs(count_rows, output_channels=64, leave_out=('SE',)):
    """The blocks (joined with 'and') with the fewest MACs among those that output
    `output_channels` channels; SE is left out, it only rescales its input."""
    same = [r for r in count_rows if r['output'].endswith(f'x{output_channels}')
            and r['block'] not in leave_out]
    fewest = min(r['MACs'] for r in same)
    return ' and '.join(r['block'] for r in same if r['MACs'] == fewest)
