"""Receptive fields: the closed forms equal the gradient's measurement on every layer."""
import math

import pytest

from convblocks import blocks, networks
from convblocks.counting import receptive_field as rf
from convblocks.counting.keras_fields import fields, measured_sizes
from convblocks.models import block_model

BLOCKS = ['bottleneck', 'naive_inception_module', 'inception_module', 'residual_block',
          'resnext_block', 'dense_block', 'se_block', 'normal_cell', 'inv_residual_block']


def test_chain_closed_form_equals_the_layer_by_layer_walk():
    chains = [[(3, 1)] * 2, [(5, 1)], [(7, 2), (3, 2), (3, 1), (3, 2), (1, 1)],
              [(3, 1, 2), (3, 2, 1), (3, 1, 4)], [(2, 2)] * 4]
    for layers in chains:
        assert rf.chain_size(layers) == rf.chain(layers).size


def test_two_3x3_see_a_5x5_with_18_of_its_25_weights():
    assert rf.chain_size([(3, 1), (3, 1)]) == rf.chain_size([(5, 1)]) == 5
    assert rf.weights_ratio(3, 2) == (18, 25)
    assert rf.chain_size([(3, 1)] * 3) == 7


def test_a_stride_multiplies_what_every_later_layer_adds():
    assert rf.chain_size([(3, 2), (3, 1)]) == 3 + 2 * 2
    assert rf.chain_size([(3, 2), (3, 2), (3, 1)]) == 3 + 2 * 2 + 2 * 4


def test_paths_that_meet_keep_the_widest_and_need_one_stride():
    nodes = {'in': (1, 1, 1, []), 'a': (3, 1, 1, ['in']), 'b': (5, 1, 1, ['in']),
             'cat': (1, 1, 1, ['a', 'b'])}
    assert rf.graph_fields(nodes)['cat'].size == 5
    nodes['a'] = (3, 2, 1, ['in'])
    with pytest.raises(ValueError, match='same stride'):
        rf.graph_fields(nodes)


def _closed_equals_measured(model):
    closed = fields(model)
    measured = measured_sizes(model)
    width = model.inputs[0].shape[2]
    wrong = {name: (closed[name].size, seen) for name, seen in measured.items()
             if min(closed[name].size, width) != seen}
    assert not wrong, wrong
    return closed


@pytest.mark.parametrize('name', BLOCKS)
def test_every_layer_of_every_block_sees_what_the_closed_form_says(name):
    closed = _closed_equals_measured(block_model(getattr(blocks, name), size=24, f=16))
    widest = max(f.size for f in closed.values())
    expected = {'dense_block': 11, 'se_block': math.inf, 'bottleneck': 3,
                'residual_block': 3, 'resnext_block': 3, 'inv_residual_block': 3}
    assert widest == expected.get(name, 5)


@pytest.mark.parametrize('block', [networks.plain_unit, networks.residual_unit,
                                   blocks.inception_module])
def test_every_layer_of_an_assembled_network_sees_what_the_closed_form_says(block):
    model = networks.classifier(block, size=64, width=4, depth=2)
    closed = _closed_equals_measured(model)
    # stem 3; stage 1 adds 2+2 per unit; stage 2's pixels are 2 apart, stage 3's 4 apart
    assert max(f.size for f in closed.values() if f.size < math.inf) == 53
