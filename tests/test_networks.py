"""Assembled networks: per-part counts in closed form equal Keras'; stored experiments and
the claims the page makes from them."""
import json

import pytest

from convblocks import blocks, networks
from convblocks.experiments import networks_page as page
from convblocks.counting import stages
from convblocks.experiments import degradation, store
from convblocks.experiments import degradation_stats as stats
from convblocks.quiet import keras


@pytest.mark.parametrize('block', [networks.plain_unit, networks.residual_unit,
                                   blocks.residual_block, blocks.resnext_block,
                                   blocks.inv_residual_block, blocks.se_block,
                                   blocks.bottleneck])
@pytest.mark.parametrize('size, width, depth', [(32, 16, 1), (16, 16, 3), (15, 32, 2)])
def test_each_part_has_the_params_and_macs_of_the_closed_forms(block, size, width, depth):
    ends = networks.parts(keras.Input((size, size, 1)), block, width=width, depth=depth)
    for row in page.part_rows(ends, block.__name__, size, width=width, depth=depth):
        assert row['params (Keras)'] == row['params (formula)'], row
        assert row['MACs (Keras)'] == row['MACs (formula)'], row


def test_a_transition_halves_the_map_and_doubles_the_channels():
    ends = networks.parts(keras.Input((32, 32, 1)), networks.residual_unit, width=16)
    assert [tuple(ends[p].shape[1:]) for p in ('stage 1', 'stage 2', 'stage 3')] == \
        [(32, 32, 16), (16, 16, 32), (8, 8, 64)]
    assert tuple(ends['head'].shape[1:]) == (10,)


def test_stages_refuses_a_block_it_cannot_count():
    with pytest.raises(ValueError, match='not counted here'):
        stages.parts('dense_block')


# --- stored results -------------------------------------------------------------------------

def test_the_stored_degradation_results_are_current():
    record = store.load('degradation')   # raises if the code changed since make experiments
    assert record['seeds'] == list(degradation.SEEDS)
    assert len(record['results']) == 2 * len(degradation.DEPTHS) * len(degradation.SEEDS)


def test_one_seed_reruns_bit_for_bit():
    stored_run = next(r for r in store.load('degradation')['results']
                      if r['kind'] == 'plain' and r['depth'] == 1 and r['seed'] == 0)
    assert degradation.train('plain', 1, 0) == stored_run


# --- the claims -----------------------------------------------------------------------------

def _results(plain_deep, residual_deep, shallow=1.0):
    rows = []
    for kind, deep in (('plain', plain_deep), ('residual', residual_deep)):
        for seed, loss in enumerate(deep):
            rows.append({'kind': kind, 'depth': 5, 'seed': seed, 'final_loss': loss})
            rows.append({'kind': kind, 'depth': 1, 'seed': seed, 'final_loss': shallow})
    return rows


def test_a_claim_needs_four_of_five_seeds_and_an_interval_clear_of_zero():
    clear = stats.verdicts(_results([2.0, 2.1, 1.9, 2.2, 2.0], [0.5, 0.4, 0.6, 0.5, 0.45]))
    assert clear['plain_degrades'] and clear['residual_not_worse']
    three_of_five = stats.verdicts(_results([3.0, 3.0, 3.0, 0.9, 0.9], [0.5, 0.5, 0.5, 1.1, 1.1]))
    assert not three_of_five['plain_degrades'] and not three_of_five['residual_not_worse']
    noisy = stats.verdicts(_results([1.01, 1.01, 1.01, 1.01, 0.0], [0.99, 0.99, 0.99, 0.99, 9]))
    assert noisy['plain']['deeper_worse'] == 4 and noisy['plain']['low'] < 0
    assert not noisy['plain_degrades'] and not noisy['residual_not_worse']


def test_the_page_states_what_the_stored_numbers_say():
    """The glued words in the stored notebook follow from the stored results."""
    record = store.load('degradation')
    verdict = stats.verdicts(record['results'])
    expected = {name: english for name, (english, _) in stats.words(verdict).items()}
    expected['deg_plain_diff'] = stats.interval(verdict['plain'])
    expected['deg_res_diff'] = stats.interval(verdict['residual'])
    expected['deg_cross_diff'] = stats.interval(verdict['cross'])
    notebook = json.loads((store.ROOT / 'book' / 'networks.ipynb').read_text())
    glued = {}
    for cell in notebook['cells']:
        for output in cell.get('outputs', []):
            scrap = output.get('metadata', {}).get('scrapbook')
            if scrap:
                text = output['data'][scrap['mime_prefix'] + 'text/plain']
                glued[scrap['name']] = text.strip("'\"")
    assert {name: glued.get(name) for name in expected} == expected
