"""The explorer driven from Python: move sliders, read the rows; no browser needed."""
import re
from pathlib import Path

import pytest

from convblocks import blocks, counting
from convblocks.drawing import graphs as drawing
from convblocks.explorer import strings as explorer_strings
from convblocks.counting import keras_counts as model_counts
from convblocks.aliases import conv
from convblocks.explorer.widget import MAX_GRAPHS, MAX_POINTS, SPECS, explore, readout_html
from convblocks.keras_internals import shapes_only
from convblocks.models import block_model
from convblocks.quiet import keras

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope='module')
def resnext():
    return explore(blocks.resnext_block)


@pytest.fixture(scope='module')
def dense():
    return explore(blocks.dense_block)


def block_message(**knobs):
    """The ValueError the real Keras block raises for these knobs."""
    with pytest.raises(ValueError) as error:
        blocks.resnext_block(keras.Input((8, 8, knobs['f'])), **knobs)
    return str(error.value)


def test_start_values_are_valid_and_counted_exactly(resnext):
    assert resnext.setting() == {'f': 32, 'r': 2, 'c': 4}
    assert resnext.row['p'] == counting.params('resnext_block', f=32, r=2, c=4)
    assert resnext.row['m'] == counting.macs('resnext_block', size=32, f=32, r=2, c=4)
    assert f"{counting.params('resnext_block', f=32, r=2, c=4):,}" in resnext.text


def test_moving_sliders_recomputes_the_readout(resnext):
    resnext.set(f=128, c=8)
    expected = counting.params('resnext_block', f=128, r=2, c=8)
    assert resnext.row['p'] == expected and f'{expected:,}' in resnext.text
    assert '8 paths, each f // (c·r) = 128 // (8·2) = 8 channels wide' in resnext.text
    resnext.index = [resnext.index[0], 0, resnext.index[2]]  # as the page does: r's slider
    assert resnext.row['p'] == counting.params('resnext_block', f=128, r=1, c=8)
    assert resnext.row['i'] == ','.join(map(str, resnext.index))
    resnext.set(f=32, r=2, c=4)


def test_wording_is_singular_for_one(resnext):
    resnext.set(f=16, r=4, c=4)  # 16 // 16 = 1 channel per path
    assert '4 paths, each f // (c·r) = 16 // (4·4) = 1 channel wide' in resnext.text
    resnext.set(f=32, r=2, c=4)
    se = explore('se_block', graph=False, f=16, rate=16)
    assert 'squeeze layer: f // rate = 16 // 16 = 1 unit' in se.text


def test_comparison_with_a_plain_conv(resnext):
    plain, _ = counting.plain_conv(32, 32, k=3)
    ratio = counting.params('resnext_block', f=32, r=2, c=4) / plain
    assert f'One plain 3×3 conv from 32 channels to 32 channels has {plain:,} parameters' in \
        resnext.text
    assert f'{ratio:.2f}×' in resnext.text


def test_impossible_setting_shows_the_blocks_message_and_withdraws_the_graph(resnext):
    resnext.set(c=32)  # 32 // (32*2) = 0 channels per path
    assert resnext.text == block_message(f=32, r=2, c=32)
    assert resnext.row['ef'] == 'f // (c*r) = 32 // (32*2) = 0'  # for the Chinese sentence
    assert 'g' not in resnext.row and resnext.caption == ''
    resnext.set(c=4)
    assert resnext.row['g'] in resnext.graphs and 'c=4' in resnext.caption


def test_the_static_table_matches_the_kernel_everywhere():
    stored = explore(blocks.resnext_block, graph=False)
    live = explore(blocks.resnext_block, graph=False, table=False)
    assert live.rows == {}
    assert len(stored.rows) == 5 * 3 * 6
    for key, row in stored.rows.items():
        live.index = [int(i) for i in key.split(',')]
        assert {k: v for k, v in live.row.items() if k != 'i'} == row, key


def graph_numbers_match_the_built_model(explorer, block):
    """Every stored setting: each box shows its layer of the model built at that setting."""
    checked = 0
    for key, row in explorer.rows.items():
        setting = {k: explorer.values[k][int(i)] for k, i in zip(explorer.values, key.split(','))}
        knobs = dict(setting)
        channels = knobs.pop('channels', None)
        if 'e' in row:
            assert 'g' not in row, key  # withdrawn
            with pytest.raises(ValueError):
                block_model(block, channels=channels, **knobs)
            continue
        with shapes_only():  # the same layers and shapes, without filling the weights
            model = block_model(block, channels=channels, **knobs)
        graph = explorer.graphs[row['g']]
        assert f'<title>{graph["ids"][-1]}</title>' in graph['svg']
        layers = {tuple(drawing.lines(drawing.parts(layer))) for layer in model.layers}
        for node, part in zip(graph['ids'], row['l']):
            assert tuple(drawing.lines(part)) in layers, (key, node, part)
        convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
        shown = [part for part in row['l'] if part[0].startswith('conv')]
        for part in shown:
            assert any(part[1] == layer.filters and
                       part[5] == '×'.join(map(str, layer.output.shape[1:])) for layer in convs)
        if graph['more'] is None:
            assert len(shown) == len(convs), key
        checked += 1
    return checked


def test_every_resnext_graph_box_is_the_built_layer(resnext):
    assert graph_numbers_match_the_built_model(resnext, blocks.resnext_block) > 30


def test_every_dense_graph_box_is_the_built_layer(dense):
    assert graph_numbers_match_the_built_model(dense, blocks.dense_block) == 5 * 9 * 6


def test_structures_share_a_layout_and_many_paths_are_folded(resnext, dense):
    assert len(resnext.graphs) == 6 and len(dense.graphs) == 9  # one per c, one per d
    by_c = {resnext.values['c'][int(k.split(',')[2])]: row['g'] for k, row in resnext.rows.items()
            if 'g' in row}
    assert resnext.graphs[by_c[32]]['more'] == [30, 32]
    assert resnext.graphs[by_c[2]]['more'] is None
    assert resnext.graphs[by_c[32]]['svg'].count('>conv 3x3<') == 2


def test_every_block_starts_valid_and_counts_exactly():
    for name, spec in SPECS.items():
        explorer = explore(name, graph=False)
        knobs = explorer.setting()
        channels = knobs.pop('channels', None)
        model = block_model(name, channels=channels, **knobs)
        assert explorer.row['p'] == model.count_params(), name
        assert explorer.row['m'] == model_counts.model_macs(model), name
        assert set(explorer.values) == set(spec.knobs)
        assert explorer.graphs == {}


def test_keyword_overrides_set_ranges_and_start_values():
    explorer = explore(blocks.resnext_block, graph=False, c=(1, 2, 8), f=64)
    assert explorer.values['c'] == (1, 2, 8)
    assert explorer.setting()['f'] == 64
    assert len(explorer.rows) == len(explorer.values['f']) * 3 * 3


@pytest.mark.parametrize('call, message', [
    (lambda: explore(blocks.resnext_block, graph=False, d=3), "resnext_block has no knob 'd'"),
    (lambda: explore('foo'), "explore: there is no block named 'foo'"),
    (lambda: explore(42), 'explore: 42 is not a block'),
    (lambda: explore('resnext_block', graph=False, f=16, c=16),
     'the start values are not a valid setting: resnext_block: f // (c*r)'),
    (lambda: explore(blocks.resnext_block, c=()),
     'explore: c = () gives the slider no values; give at least one, e.g. c=(1, 2, 4).'),
    (lambda: explore(blocks.resnext_block, c=2.5),
     'resnext_block: c = 2.5 is not a whole number; use an int such as 2.'),
    (lambda: explore(blocks.resnext_block, f=(32.5,)),
     'resnext_block: f = 32.5 is not a whole number; use an int such as 32.'),
    (lambda: explore(blocks.resnext_block, c=True),
     'resnext_block: c = True is not a whole number'),
    (lambda: explore(blocks.resnext_block, c='48'),
     "resnext_block: c = '48' is not a whole number"),
    (lambda: readout_html('foo', 32, {}), "explore: there is no block named 'foo'"),
    (lambda: explore(blocks.resnext_block, f=tuple(range(1, 100)), c=tuple(range(1, 100))),
     f'explore: 29,403 slider settings is over the budget of {MAX_POINTS:,}; give fewer '
     'values, or raise convblocks.explorer.widget.MAX_POINTS.'),
    (lambda: explore(blocks.resnext_block, c=tuple(range(1, 200))),
     f'explore: the sliders reach 199 different graphs, over the budget of {MAX_GRAPHS}; give '
     'fewer values, pass graph=False, or raise convblocks.explorer.widget.MAX_GRAPHS.'),
])
def test_bad_arguments_give_one_clear_sentence(call, message):
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        call()


def test_numpy_integers_are_slider_values():
    import numpy as np
    explorer = explore(blocks.resnext_block, graph=False, c=(np.int64(2), np.int32(4)))
    assert explorer.values['c'] == (2, 4) and type(explorer.values['c'][0]) is int


def test_readout_html_for_one_setting():
    assert '1,136' in readout_html('bottleneck') and '2,' in readout_html('bottleneck', 32,
                                                                         {'f': 64})


def test_set_rejects_values_off_the_slider():
    explorer = explore('se_block', graph=False)
    with pytest.raises(ValueError, match='rate = 3 is not on the slider'):
        explorer.set(rate=3)


def test_the_text_fallback_is_one_line():
    data, _ = explore('se_block', graph=False)._repr_mimebundle_()
    assert data['text/plain'] == 'explore(se_block): run this cell to see the sliders.'


# --- a reader's own blocks -------------------------------------------------------------

def my_bottleneck(x, f=32, r=4, k=3):
    """The bottleneck with a kernel size knob named k."""
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=k)
    return conv(m, f, k=1)


def stacked(x, f=16, n=2):
    """n convs in a row: the structure changes with n; n > 4 is refused."""
    if n > 4:
        raise ValueError(f'stacked: n = {n} layers; use n <= 4.')
    for _ in range(n):
        x = conv(x, f)
    return x


def pair_cell(x1, x2, f=8):
    """A two-input cell."""
    return keras.layers.add([conv(x1, f), conv(x2, f, k=1)])


def test_a_knob_named_k():
    explorer = explore(my_bottleneck, k=(1, 3, 5))
    assert list(explorer.values) == ['f', 'k'] and explorer.fixed == {'r': 4}
    explorer.set(k=5, f=64)
    model = block_model(my_bottleneck, f=64, k=5)
    assert explorer.row['p'] == model.count_params()
    assert explorer.row['m'] == model_counts.model_macs(model)
    assert [part[0] for part in explorer.row['l']][2] == 'conv 5x5'
    assert 'Graph of my_bottleneck at f=64, k=5, r=4.' == explorer.caption
    assert 'output: 32×32×64' in explorer.text


def test_structure_that_changes_with_a_knob_and_an_impossible_setting():
    explorer = explore(stacked, n=(1, 2, 3, 4, 5), f=(8, 16))
    assert len(explorer.graphs) == 4  # n = 1, 2, 3 drawn in full; n = 4 folded
    explorer.set(n=5)
    assert explorer.text == 'stacked: n = 5 layers; use n <= 4.' and 'g' not in explorer.row
    explorer.set(n=3, f=8)
    assert explorer.row['p'] == block_model(stacked, f=8, n=3).count_params()
    assert sum(part[0] == 'conv 3x3' for part in explorer.row['l']) == 3


def test_a_two_input_cell():
    explorer = explore(pair_cell, f=(4, 8))
    explorer.set(f=4)
    assert explorer.row['p'] == block_model(pair_cell, f=4).count_params()
    assert [part[0] for part in explorer.row['l']][:2] == ['input x1', 'conv 3x3']


def test_a_readers_block_is_built_once_per_setting():
    from convblocks.explorer import widget as module
    module._built.cache_clear()
    explorer = explore(stacked, n=(1, 2), f=(8, 16), table=False)  # starts at n=2, f=16
    explorer.set(n=1)
    explorer.set(n=2)
    assert module._built.cache_info().currsize == 2


def test_strings_exist_in_both_languages():
    en, zh = explorer_strings.EN, explorer_strings.ZH
    assert en.keys() == zh.keys()
    for name in SPECS:
        explorer = explore(name, graph=False)
        assert explorer.row['d'][0] in en, name


def test_front_end_code_loads_nothing_from_the_network():
    from convblocks.explorer import Explorer
    assert 'http' not in Explorer._esm and 'import ' not in Explorer._esm
    assert 'url(' not in Explorer._css
    loader = (ROOT / 'book/_vendor/explorer-loader.js').read_text()
    assert 'http' not in loader and 'fetch(' not in loader
