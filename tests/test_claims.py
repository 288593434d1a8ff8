"""The comparison chapter's claims: the verdict logic, and the stored claims against a fresh
measurement (timing here; training is rerun by nbval on book/comparison.ipynb)."""
import ast
import json
from pathlib import Path

import pytest

from convblocks.experiments import claims, comparison

BOOK = Path(__file__).resolve().parents[1] / 'book'


def stored_glue(chapter):
    """name -> value of every glue() record stored in a chapter notebook."""
    values = {}
    for cell in json.loads((BOOK / f'{chapter}.ipynb').read_text())['cells']:
        for output in cell.get('outputs', []):
            name = output.get('metadata', {}).get('scrapbook', {}).get('name')
            if name:
                text = output['data']['application/papermill.record/text/plain']
                values[name] = ast.literal_eval(text)
    return values


def result(block, seed, accuracy):
    return {'block': block, 'seed': seed, 'test_accuracy': accuracy}


def test_training_verdicts_compare_seed_by_seed():
    stem = [result('stem only', s, 0.5) for s in range(5)]
    better = [result('a', s, 0.6 if s else 0.4) for s in range(5)]
    worse = [result('b', s, 0.4) for s in range(5)]
    unclear = [result('c', s, 0.6 if s < 3 else 0.4) for s in range(5)]
    verdicts = claims.training_verdicts(stem + better + worse + unclear)
    assert {b: v['verdict'] for b, v in verdicts.items()} == {
        'a': 'better', 'b': 'worse', 'c': 'unclear'}
    assert verdicts['a']['better'] == 4 and verdicts['c']['seeds'] == 5
    assert claims.names(verdicts, 'better') == 'a'
    assert claims.names({**verdicts, 'd': verdicts['a']}, 'better') == 'a and d'
    assert claims.names(verdicts, 'none such') == 'none'


def fake_runs(ms):
    """timing_runs-shaped data: every block takes ms[block] in every run of 5 repeats."""
    return {32: {label: [[ms[label]] * 2 for _ in range(5)] for label in ms}}


def test_timing_verdicts_follow_the_medians():
    counts = comparison.count_rows()
    conv_ms = 10.0
    # every block as fast per MAC as the 3x3 conv, except the thin ones at a tenth of its rate
    ms = {c['block']: conv_ms * c['MACs'] / counts[0]['MACs'] for c in counts}
    for thin in ('ResNeXt, grouped', 'NASNet normal cell', 'inverted residual'):
        ms[thin] *= 10
    verdicts = claims.timing_verdicts(counts, fake_runs(ms), at_least=4)
    assert verdicts['thin_slow'] == {'held': 5, 'repeats': 5, 'holds': True}
    assert verdicts['grouped_slower']['holds']
    ms['ResNeXt, grouped'] = ms['ResNeXt, 4 paths'] / 2
    verdicts = claims.timing_verdicts(counts, fake_runs(ms))
    assert not verdicts['grouped_slower']['holds'] and verdicts['grouped_slower']['held'] == 0
    assert not verdicts['thin_slow']['holds']


def test_fewest_macs_and_the_inverted_residual_claim():
    counts = comparison.count_rows()
    assert claims.fewest_macs(counts) == 'bottleneck and residual'
    by = {c['block']: c for c in counts}
    assert by['inverted residual']['MACs'] > 8 * by['bottleneck']['MACs']
    stored = stored_glue('comparison')
    assert stored['fewest_64'] == claims.fewest_macs(counts)
    ratio = by['inverted residual']['MACs'] / by['bottleneck']['MACs']
    assert stored['ir_vs_bn'] == f'{ratio:.0f}'


def test_stored_timing_claims_hold_on_a_fresh_measurement():
    """What the page says about timing, rerun here: each stated order holds again."""
    stored = stored_glue('comparison')
    counts = comparison.count_rows()
    runs = comparison.timing_runs(repeats=5, batches=(32,), runs=(2,))
    verdicts = claims.timing_verdicts(counts, runs)
    said = {'reference_top': stored['t_reference'] == 'achieved',
            'thin_slow': stored['t_thin'] == 'ran at under three quarters of its rate',
            'grouped_slower': stored['t_grouped'] == 'was slower than'}
    for name, claimed in said.items():
        if claimed:
            assert verdicts[name]['holds'], f'{name}: held in only {verdicts[name]["held"]} of 5'


@pytest.mark.parametrize('name', ['better', 'worse', 'unclear'])
def test_stored_training_groups_name_known_blocks(name):
    stored = stored_glue('comparison')[name]
    known = {'bottleneck', 'naive_inception_module', 'inception_module', 'residual_block',
             'resnext_block', 'dense_block', 'se_block', 'normal_cell', 'inv_residual_block'}
    listed = [] if stored == 'none' else stored.replace(' and ', ', ').split(', ')
    assert set(listed) <= known


def test_glued_words_have_chinese_and_block_lists_keep_their_names():
    from convblocks.book.phrases import ZH, chinese
    assert chinese('achieved') == ZH['achieved'] == '达到了'
    assert chinese('bottleneck, dense_block and se_block') == 'bottleneck、dense_block和se_block'
    assert chinese('bottleneck and inverted residual') == 'bottleneck和inverted residual'
    with pytest.raises(ValueError, match='no Chinese for'):
        chinese('won by a wide margin')
