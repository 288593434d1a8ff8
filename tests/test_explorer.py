"""The explorer driven from Python: move sliders, read the rows; no browser needed."""
import re
from pathlib import Path

import pytest

from convblocks import blocks, counting
from convblocks.drawing import graphs as drawing
from convblocks.explorer import strings as explorer_strings
from convblocks.counting import keras_counts as model_counts
from convblocks.aliases import conv
from convblocks.checks.errors import Sentence
from convblocks.explorer.widget import MAX_GRAPHS, MAX_POINTS, SPECS, explore, readout_html
from convblocks.keras_internals import shapes_only
from convblocks.models import block_model
from convblocks.quiet import keras

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope='module')
def resnext():
    return explore(blocks.resnext_block)


@pytest.fixture
def moved_resnext(resnext):
    """The module's ResNeXt explorer for a test that moves its sliders: put back at the start
    afterwards, pass or fail, so no other test sees where it was left."""
    start = list(resnext.index)
    yield resnext
    resnext.index = start


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


def test_moving_sliders_recomputes_the_readout(moved_resnext):
    resnext = moved_resnext
    resnext.set(f=128, c=8)
    expected = counting.params('resnext_block', f=128, r=2, c=8)
    assert resnext.row['p'] == expected and f'{expected:,}' in resnext.text
    assert '8 paths, each f // (c·r) = 128 // (8·2) = 8 channels wide' in resnext.text
    resnext.index = [resnext.index[0], 0, resnext.index[2]]  # as the page does: r's slider
    assert resnext.row['p'] == counting.params('resnext_block', f=128, r=1, c=8)
    assert resnext.row['i'] == ','.join(map(str, resnext.index))


def test_wording_is_singular_for_one(moved_resnext):
    resnext = moved_resnext
    resnext.set(f=16, r=4, c=4)  # 16 // 16 = 1 channel per path
    assert '4 paths, each f // (c·r) = 16 // (4·4) = 1 channel wide' in resnext.text
    se = explore('se_block', graph=False, f=16, rate=16)
    assert 'squeeze layer: f // rate = 16 // 16 = 1 unit' in se.text


def test_comparison_with_a_plain_conv(resnext):
    plain, _ = counting.plain_conv(32, 32, k=3)
    ratio = counting.params('resnext_block', f=32, r=2, c=4) / plain
    assert f'One plain 3×3 conv from 32 channels to 32 channels has {plain:,} parameters' in \
        resnext.text
    assert f'{ratio:.2f}×' in resnext.text


def test_impossible_setting_shows_the_blocks_message_and_withdraws_the_graph(moved_resnext):
    resnext = moved_resnext
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
    (lambda: explore('foo'), "there is no block named 'foo'; the blocks are bottleneck, "),
    (lambda: explore(42), 'explore: 42 is not a block'),
    (lambda: explore('resnext_block', graph=False, f=16, c=16),
     'explore: the start values (f=16, r=2, c=16) are not a valid setting: resnext_block: '
     'f // (c*r) = 16 // (16*2) = 0 channels per path; lower c or r, or raise f.'),
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
    (lambda: readout_html('foo', 32, {}), "there is no block named 'foo'; the blocks are "),
    (lambda: explore(blocks.resnext_block, f=tuple(range(1, 100)), c=tuple(range(1, 100))),
     f'explore: 29,403 slider settings is over the budget of {MAX_POINTS:,}; give fewer '
     'values, pass table=False, or raise convblocks.explorer.ranges.MAX_POINTS.'),
    (lambda: explore(blocks.resnext_block, c=tuple(range(1, 200))),
     f'explore: the sliders reach 199 different graphs, over the budget of {MAX_GRAPHS}; give '
     'fewer values, pass graph=False, or raise convblocks.explorer.widget.MAX_GRAPHS.'),
])
def test_bad_arguments_give_one_clear_sentence(call, message):
    with pytest.raises(Sentence, match=re.escape(message)):
        call()


def test_numpy_integers_are_slider_values():
    import numpy as np
    explorer = explore(blocks.resnext_block, graph=False, c=(np.int64(2), np.int32(4)))
    assert explorer.values['c'] == (2, 4) and type(explorer.values['c'][0]) is int


def test_readout_html_for_one_setting():
    """The readout at a setting other than the start shows that setting's exact counts."""
    for setting in ({}, {'f': 64}, {'f': 64, 'r': 2, 'channels': 16}):
        knobs = {'f': 32, 'r': 4, 'channels': 32, **setting}   # the explorer's start values
        channels = knobs.pop('channels')
        html = readout_html('bottleneck', 32, setting)
        p = counting.params('bottleneck', channels=channels, **knobs)
        m = counting.macs('bottleneck', channels=channels, **knobs)
        assert f'parameters {p:,} ' in html and f'MACs on a 32×32 input {m:,} ' in html


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
    assert ('input 32×32×64: its width follows f (explore(..., channels=32) fixes it); output '
            '32×32×64') in explorer.text


def test_structure_that_changes_with_a_knob_and_an_impossible_setting():
    explorer = explore(stacked, n=(1, 2, 3, 4, 5), f=(8, 16))
    assert len(explorer.graphs) == 4  # n = 1, 2, 3 drawn in full; n = 4 folded
    explorer.set(n=5)
    assert explorer.text == 'stacked raised ValueError: stacked: n = 5 layers; use n <= 4.'
    assert 'g' not in explorer.row
    explorer.set(n=3, f=8)
    assert explorer.row['p'] == block_model(stacked, f=8, n=3).count_params()
    assert sum(part[0] == 'conv 3x3' for part in explorer.row['l']) == 3


def test_a_two_input_cell():
    explorer = explore(pair_cell, f=(4, 8))
    explorer.set(f=4)
    assert explorer.row['p'] == block_model(pair_cell, f=4).count_params()
    assert [part[0] for part in explorer.row['l']][:2] == ['input x1', 'conv 3x3']


def test_a_readers_block_is_built_once_per_setting():
    """Moving back to a setting reuses its row: the block function is not called again."""
    calls = []

    def counted(x, f=8, n=1):
        calls.append((f, n))
        return stacked(x, f, n)

    explorer = explore(counted, n=(1, 2), f=(8, 16), table=False)  # starts at n=1, f=8
    calls.clear()                           # explore() also tried the start once, checked
    explorer.set(n=2)
    explorer.set(n=1)
    explorer.set(n=2)
    assert calls == [(8, 2)]


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


# --- any input: values of any kind, budgets before reading, one sentence ---------------------

def deep_block(x, width=16, n=2, act='relu'):
    """A reader's block with a text knob (the issue's example)."""
    for _ in range(n):
        x = conv(x, width, a=act)
    return x


def test_text_knobs_are_buttons_and_single_values_are_fixed():
    explorer = explore(deep_block, act=('relu', 'tanh'), n=(1, 2))
    assert explorer.knobs == [['n', [1, 2], 'slider'], ['act', ['relu', 'tanh'], 'choice']]
    assert explorer.fixed == {'width': 16}
    explorer.set(act='tanh', n=1)
    assert explorer.row['l'][1][4] == 'tanh'               # the conv box says its activation
    assert explorer.caption == 'Graph of deep_block at n=1, act=tanh, width=16.'
    assert explorer.rows['0,1']['p'] == block_model(deep_block, channels=32, n=1,
                                                    act='tanh').count_params()


def test_decimal_and_boolean_knobs():
    def scaled(x, f=8, k=0.5, bias=True):
        return keras.layers.Conv2D(max(1, int(f * k)), 1, use_bias=bias)(x)
    explorer = explore(scaled, k=(0.25, 0.5, 1.0), bias=(True, False), f=16)
    assert explorer.knobs[1:] == [['k', [0.25, 0.5, 1.0], 'slider'],
                                  ['bias', ['True', 'False'], 'choice']]
    explorer.set(k=1.0, bias=False)
    assert explorer.row['p'] == 16 * 16       # 1x1 conv, 16 -> 16, no bias


def test_no_sliders_says_which_knobs_it_found_and_how_to_give_ranges():
    explorer = explore(deep_block)
    assert explorer.knobs == [] and explorer.fixed == {'width': 16, 'n': 2, 'act': 'relu'}
    assert explorer.text.startswith(
        "No sliders: every knob of deep_block has one value (width=16, n=2, act=relu). Give a "
        "knob several values to slide it, e.g. explore(deep_block, width=(1, 2, 4)). ")

    def bare(x):
        return conv(x, 8)
    assert explore(bare).text.startswith(
        'bare has no knobs besides its input, so there is nothing to slide; give it keyword '
        'arguments, e.g. def bare(x, f=32).')


def test_the_input_width_of_a_readers_block_is_said_and_can_be_set():
    def my_dense(x, f=8):
        return keras.layers.concatenate([x, conv(x, f)])
    follows = explore(my_dense, f=(8, 16))
    follows.set(f=16)
    assert ('input 32×32×16: its width follows f (explore(..., channels=32) fixes it); output '
            '32×32×32') in follows.text
    fixed = explore(my_dense, f=(8, 16), channels=32)
    fixed.set(f=16)
    assert fixed.fixed == {'channels': 32}
    assert 'input 32×32×32, output 32×32×48' in fixed.text
    assert 'input 32×32×32: 32 channels, as the block has no whole-number f' in \
        explore(deep_block).text


def test_a_block_returning_no_tensor_is_told_by_name():
    def answer(x, f=8):
        return 42
    with pytest.raises(Sentence) as error:
        explore(answer)
    assert str(error.value) == ('answer returned 42 (of type int), not a Keras tensor: return '
                                'the output of its last layer.')


@pytest.mark.parametrize('call, message', [
    (lambda: explore('bottleneck', f=range(1, 10**8)),
     'explore: f has 99,999,999 values, over the budget of 5,000 slider settings; give fewer '
     'values, or raise convblocks.explorer.ranges.MAX_POINTS.'),
    (lambda: explore('bottleneck', f=range(10**20)),
     'explore: f has more than 9,223,372,036,854,775,807 values, over the budget of 5,000 '),
    (lambda: explore('bottleneck', f=iter(int, 1)),
     'explore: f has more than 5,000 values, over the budget of 5,000 slider settings'),
    (lambda: explore(deep_block, act=(['relu'],)),
     "explore: act = ['relu'] cannot be a slider value (a list can change); use a number, a "
     "text or a tuple."),
    (lambda: explore(deep_block, act=(float('nan'),)),
     'explore: act = nan is not a finite number; give values such as 0.5 or 2.'),
    (lambda: explore(lambda x, act: x),
     "explore: <lambda> has no default for act; give it a value or a range, e.g. "
     "act=(16, 32, 64) or act=('relu', 'tanh')."),
    (lambda: explore('bottleneck', f=10**5000),
     'explore: the start values (f=a number with 5,001 digits, r=4, channels=32) are not a '
     'valid setting: bottleneck: this setting has a number with 10,000 digits parameters'),
    (lambda: explore('bottleneck', graph=None), 'explore: graph = None; use True or False.'),
    (lambda: explore('bottleneck', size=10**9), 'bottleneck: size = 1,000,000,000 pixels a '
     'side is more than the 4,096 this package builds on'),
    (lambda: explore(deep_block, n=tuple(range(1, 400))),
     'explore: 399 slider settings is over the budget of 300 for a block of yours (each '
     'setting is a Keras build); give fewer values, pass table=False, or raise '
     'convblocks.explorer.ranges.MAX_READER_POINTS.'),
    (lambda: explore('bottleneck').set(f=3), 'explore: f = 3 is not on the slider; its values '
     'are 8, 16, 32, 64, 128, 256.'),
    (lambda: explore('bottleneck').set(q=3), "explore: no slider 'q'; the sliders are f, r, "
     "channels."),
])
def test_wrong_ranges_are_refused_at_once_with_one_sentence(call, message):
    with pytest.raises(Sentence) as error:
        call()
    assert str(error.value).startswith(message)
    assert error.value._render_traceback_() == [f'{type(error.value).__name__}: {error.value}']


def test_a_range_that_raises_while_read():
    def values():
        yield 8
        raise RuntimeError('no more')
    with pytest.raises(Sentence, match='^explore: reading the range of f raised RuntimeError: '
                                       "'no more'$"):
        explore('bottleneck', f=values())


def test_a_slow_block_stops_explore_within_its_time_limit(monkeypatch):
    import time
    from convblocks.building import sandbox
    monkeypatch.setattr(sandbox, 'TIME_LIMIT', 1)

    def sleepy(x, f=8):
        time.sleep(30)
        return x
    start = time.monotonic()
    with pytest.raises(sandbox.ReaderCodeStopped, match='^sleepy took longer than 1 s'):
        explore(sleepy)
    assert time.monotonic() - start < 10      # a generous bound: 30 s means no limit at all


def test_grouped_convolutions_show_their_groups():
    from convblocks.grouped import grouped_resnext_block
    explorer = explore(grouped_resnext_block, c=(2, 4), f=32, graph=True)
    explorer.set(c=4)
    titles = [drawing.head_text(part) for part in explorer.row['l']]
    assert 'grouped_3x3: conv 3x3, groups 4' in titles
    explorer.set(c=2)
    assert 'grouped_3x3: conv 3x3, groups 2' in [drawing.head_text(p) for p in explorer.row['l']]


def test_output_widths_come_from_checks_widths():
    """The readout's output width is the built block's, for every block of SPECS."""
    from convblocks.checks import widths
    for name in SPECS:
        explorer = explore(name, graph=False)
        knobs = explorer.setting()
        channels = knobs.pop('channels', knobs['f'])
        model = block_model(name, channels=channels, **knobs)
        assert widths.output(name, channels, **knobs) == model.outputs[0].shape[-1], name
        assert explorer.row['c']['cout'] == model.outputs[0].shape[-1], name
