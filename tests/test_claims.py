"""The comparison chapter's claims: the statistics and verdict logic, and every glued claim of
the stored chapter against the stored results it was computed from."""
import ast
import json
import math
from pathlib import Path

import pytest

from convblocks.experiments import claims, comparison, roofline, store

BOOK = Path(__file__).resolve().parents[1] / 'book'


def stored_glue(chapter):
    """name -> value of every glue() record stored in a chapter notebook."""
    values = {}
    for cell in json.loads((BOOK / f'{chapter}.ipynb').read_text())['cells']:
        for output in cell.get('outputs', []):
            name = output.get('metadata', {}).get('scrapbook', {}).get('name')
            if name and 'application/papermill.record/text/plain' in output['data']:
                text = output['data']['application/papermill.record/text/plain']
                values[name] = text if text.startswith('<') else ast.literal_eval(text)   # charts
    return values


def test_sign_test_is_the_exact_binomial():
    assert claims.sign_test([1, 2, 3, 4, 5]) == pytest.approx(2 / 32)
    assert claims.sign_test([1, 1, 1, 1, 1, -1]) == pytest.approx(2 * 7 / 64)
    assert claims.sign_test([1, -1]) == 1.0 and claims.sign_test([0, 0]) == 1.0
    assert claims.sign_test([0.1, 0.2, 0, 0.3]) == pytest.approx(2 / 8)   # the tie left out


def test_paired_interval_is_the_t_interval():
    from scipy import stats

    block, reference = [0.60, 0.62, 0.65, 0.61, 0.63], [0.50, 0.55, 0.52, 0.51, 0.54]
    result = claims.paired(block, reference)
    low, high = stats.ttest_rel(block, reference).confidence_interval(0.95)
    assert (result['low'], result['high']) == (pytest.approx(low), pytest.approx(high))
    assert result['verdict'] == 'higher' and result['better in'] == 5
    assert claims.paired(reference, block)['verdict'] == 'lower'
    unclear = claims.paired([0.5, 0.6, 0.4, 0.55, 0.45], [0.5] * 5)
    assert unclear['low'] < 0 < unclear['high'] and unclear['verdict'] == 'no clear difference'


def fake_plan_and_runs():
    plan = [{'block': b, 'budget': budget, 'width': w, 'knobs': {}}
            for budget in ('params', 'MACs') for b, w in (('3x3 conv', 32), ('a', 40), ('b', 9))]
    plan[-1]['width'] = 10   # 'b' gets another width at equal MACs
    accuracy = {('3x3 conv', 32): 0.5, ('a', 40): 0.6, ('b', 9): 0.5, ('b', 10): 0.4}
    runs = [{'block': b, 'width': w, 'knobs': {}, 'seed': s,
             'test_accuracy': acc + 0.01 * (s % 2) * (b == 'b')}
            for (b, w), acc in accuracy.items() for s in range(5)]
    return plan, runs


def test_fair_verdicts_pair_each_block_with_the_reference_of_its_budget():
    plan, runs = fake_plan_and_runs()
    at_params = {r['block']: r for r in claims.fair_verdicts(plan, runs, 'params')}
    at_macs = {r['block']: r for r in claims.fair_verdicts(plan, runs, 'MACs')}
    assert set(at_params) == {'a', 'b'}
    assert at_params['a']['verdict'] == 'higher' and at_params['a']['diff pp'] == pytest.approx(10)
    assert at_params['b']['verdict'] == 'no clear difference'
    assert at_macs['b']['verdict'] == 'lower' and at_macs['b']['f'] == 10
    assert claims.named(list(at_macs.values()), 'lower') == ['b']
    assert claims.same_width(plan) == ['3x3 conv', 'a']
    assert claims.joined([]) == 'none' and claims.joined(['x', 'y', 'z']) == 'x, y and z'
    assert claims.joined_zh([]) == '无'
    assert claims.joined_zh(['ResNeXt, 4 paths', 'dense']) == 'ResNeXt 模块（4 条路径）和密集模块'


def fake_runs(ms):
    """timing_runs-shaped data: every block takes ms[block] in every run of 5 repeats."""
    return {32: {label: [[ms[label]] * 5 for _ in range(5)] for label in ms}}


def test_timing_verdicts_follow_the_medians():
    counts = comparison.count_rows()
    # every block as fast per MAC as the 3x3 conv, except the depthwise ones at a tenth
    ms = {c['block']: 10.0 * c['MACs'] / counts[0]['MACs'] for c in counts}
    for thin in claims.DEPTHWISE:
        ms[thin] *= 10
    ms['ResNeXt, Fig. 3(c)'] = 2 * ms['ResNeXt, 4 paths']
    ms['ResNeXt, grouped copy'] = 3 * ms['ResNeXt, 4 paths']
    verdicts = claims.timing_verdicts(counts, fake_runs(ms))
    assert all(v == {'held': 5, 'repeats': 5, 'holds': True} for v in verdicts.values())
    ms['ResNeXt, Fig. 3(c)'] = ms['ResNeXt, 4 paths'] / 2
    for thin in claims.DEPTHWISE:
        ms[thin] /= 10
    verdicts = claims.timing_verdicts(counts, fake_runs(ms))
    assert verdicts['fig3c_slower']['held'] == 0 and not verdicts['depthwise_slow']['holds']


def test_every_verdict_word_has_chinese():
    assert claims.chinese('higher') == '更高'
    with pytest.raises(ValueError, match='no Chinese for'):
        claims.chinese('won by a wide margin')


def test_fewest_macs_and_the_inverted_residual_claim():
    counts = comparison.count_rows()
    assert claims.fewest_macs(counts) == 'bottleneck and residual'
    by = {c['block']: c for c in counts}
    stored = stored_glue('comparison')
    assert stored['fewest_64'] == claims.fewest_macs(counts)
    assert stored['ir_vs_bn'] == f"{by['inverted residual']['MACs'] / by['bottleneck']['MACs']:.0f}"


# --- the stored chapter says what the stored results say -------------------------------

@pytest.fixture(scope='module')
def stored():
    return stored_glue('comparison')


def test_fair_claims_follow_from_the_stored_results(stored):
    record = store.load('fair')
    plan, runs = record['results']['plan'], record['results']['runs']
    for budget, key in (('params', 'params'), ('MACs', 'macs')):
        rows = claims.fair_verdicts(plan, runs, budget)
        for verdict in ('higher', 'lower'):
            assert stored[f'{verdict}_{key}'] == claims.joined(claims.named(rows, verdict))
        for row in rows:   # a verdict word only where the interval excludes zero
            excludes = row['low pp'] > 0 or row['high pp'] < 0
            assert (row['verdict'] != 'no clear difference') == excludes
    assert stored['same_width'] == claims.joined(claims.same_width(plan))
    assert stored['fair_seeds'] == len(record['seeds'])
    for row in plan:   # every network within the tolerance of its budget
        ratio = row['params ratio'] if row['budget'] == 'params' else row['MACs ratio']
        assert abs(ratio - 1) <= 0.05


def test_timing_claims_follow_from_the_stored_results(stored):
    record = store.load('timing')
    runs = comparison.runs_from_json(record['results']['runs'])
    assert all(len(rep) >= 5 for by_label in runs.values() for reps in by_label.values()
               for rep in reps)   # at least five runs per repeat
    verdicts = claims.timing_verdicts(comparison.count_rows(), runs)
    words = {'reference_top': 'achieved', 'depthwise_slow': 'ran at under half of its rate',
             'fig3c_slower': 'was slower than', 'copy_slower': 'was slower than'}
    for name, holds in words.items():
        assert (stored[f't_{name}'] == holds) == verdicts[name]['holds'], name
    points = comparison.roofline_points(comparison.count_rows(),
                                        comparison.rows_from_runs(runs))
    measured = record['results']['roof']
    roof, peak_from = roofline.highest_roof(measured, points)
    fastest = max(rate for _, _, rate in points)
    assert roof['peak GMAC/s'] == max(measured['peak GMAC/s'], fastest)
    assert all(rate <= roof['peak GMAC/s'] for _, _, rate in points)
    assert stored['roof_peak'] == f"{roof['peak GMAC/s']:.1f}"
    assert stored['roof_peak_from'] == (peak_from or 'a large matrix product')
    matmul = f"{measured['peak GMAC/s']:.1f}"
    assert stored['roof_peak_from_source'] == (
        f'{peak_from}; a large matrix product reached {matmul}' if peak_from
        else 'a large matrix product')
    ridge = roof['peak GMAC/s'] / roof['bandwidth GB/s']
    assert stored['roof_ridge'] == f'{ridge:.1f}'
    below = [label for label, x, _ in points if x < ridge]
    assert stored['memory_bound'] == claims.joined(below)
    assert stored['memory_bound_zh'] == claims.joined_zh(below)
    share = {label: rate / roofline.roof(roof, x) for label, x, rate in points
             if label != peak_from}
    assert stored['roof_closest'] == max(share, key=share.get)
    assert stored['roof_share'] == f'{max(share.values()):.0%}'


def test_capacity_claim_follows_from_the_stored_results(stored):
    results = store.load('article')['results']
    rho = claims.capacity_correlation(results)
    assert stored['article_rho'] == f'{rho:.2f}'
    assert rho > 0.8   # the page calls it a lesson in capacity: accuracy follows size


def test_block_lists_are_glued_in_chinese_with_the_glossary_names(stored):
    record = store.load('fair')
    plan, runs = record['results']['plan'], record['results']['runs']
    for budget, key in (('params', 'params'), ('MACs', 'macs')):
        rows = claims.fair_verdicts(plan, runs, budget)
        for verdict in ('higher', 'lower'):
            names = claims.named(rows, verdict)
            assert stored[f'{verdict}_{key}_zh'] == claims.joined_zh(names)
    assert stored['same_width_zh'] == claims.joined_zh(claims.same_width(plan))


def test_tolerance_and_interval_constants_are_the_stated_ones():
    from convblocks.experiments import fair
    assert fair.TOLERANCE == 0.05 and claims.CONFIDENCE == 0.95 and claims.AT_LEAST == 4
    assert math.isclose(claims.THIN_SHARE, 0.5)


def test_the_roof_sentence_names_the_matrix_product_once_or_the_block_that_beat_it():
    from convblocks.book.glued import glued
    claims.glue_peak_from('peak_test', None, '110.2')
    assert (glued.peak_test_source, glued.peak_test_source_zh) == (
        'a large matrix product', '一个大矩阵乘法')
    claims.glue_peak_from('peak_test', '3x3 conv', '110.2')
    assert glued.peak_test_source == '3x3 conv; a large matrix product reached 110.2'
    assert glued.peak_test_source_zh == '3x3 卷积；一个大矩阵乘法只达到 110.2'
