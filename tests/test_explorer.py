"""The explorer driven from Python: move sliders, read the readout; no browser needed."""
import re
from pathlib import Path

import pytest

from convblocks import blocks, counting, model_counts
from convblocks.exercise.solution import amoeba_normal_cell
from convblocks.explorer import SPECS, explore
from convblocks.models import block_model
from convblocks.quiet import keras

ROOT = Path(__file__).resolve().parents[1]


def shown(explorer, what='params'):
    """The exact count the readout shows, read from its markup."""
    return int(re.search(rf'data-{what}="(\d+)"', explorer.view.readout).group(1))


@pytest.fixture(scope='module')
def resnext():
    return explore(blocks.resnext_block)


def test_start_values_are_valid_and_counted_exactly(resnext):
    assert resnext.setting() == {'f': 32, 'r': 2, 'c': 4}
    assert shown(resnext) == counting.params('resnext_block', f=32, r=2, c=4)
    assert shown(resnext, 'macs') == counting.macs('resnext_block', size=32, f=32, r=2, c=4)
    assert f"{counting.params('resnext_block', f=32, r=2, c=4):,}" in resnext.text


def test_moving_sliders_recomputes_the_readout(resnext):
    resnext.set(f=128, c=8)
    expected = counting.params('resnext_block', f=128, r=2, c=8)
    assert shown(resnext) == expected
    assert f'{expected:,}' in resnext.text
    assert '8 paths, each f // (c·r) = 128 // (8·2) = 8 channels wide' in resnext.text
    resnext.sliders['r'].index = 0  # as a drag would: the slider's index changes
    assert shown(resnext) == counting.params('resnext_block', f=128, r=1, c=8)
    resnext.set(f=32, r=2, c=4)


def test_comparison_with_a_plain_conv(resnext):
    plain, _ = counting.plain_conv(32, 32, k=3)
    ratio = counting.params('resnext_block', f=32, r=2, c=4) / plain
    assert f'One plain 3×3 conv from 32 to 32 channels has {plain:,} parameters' in resnext.text
    assert f'{ratio:.2f}×' in resnext.text


def block_message(**knobs):
    """The ValueError the real Keras block raises for these knobs."""
    with pytest.raises(ValueError) as error:
        blocks.resnext_block(keras.Input((8, 8, knobs['f'])), **knobs)
    return str(error.value)


def test_impossible_setting_shows_the_blocks_message_and_keeps_the_graph(resnext):
    resnext.set(c=8)
    assert resnext.view.graph == 'c=8'
    resnext.set(c=32)  # 32 // (32*2) = 0 channels per path
    assert resnext.text == block_message(f=32, r=2, c=32)
    assert 'Traceback' not in resnext.view.readout
    assert resnext.view.graph == 'c=8'
    resnext.set(c=4)
    assert resnext.view.graph == 'c=4' and shown(resnext) > 0


def test_the_static_table_matches_the_kernel_readout_everywhere(resnext):
    values = resnext.values
    assert len(resnext.view.table) == len(values['f']) * len(values['r']) * len(values['c'])
    for key, (html, graph) in resnext.view.table.items():
        indices = dict(zip(resnext.view.knobs, map(int, key.split(','))))
        for knob, index in indices.items():
            resnext.sliders[knob].index = index
        assert resnext.view.readout == html
        if graph is not None:
            assert resnext.view.graph == graph
    resnext.set(f=32, r=2, c=4)


def test_the_graph_follows_c(resnext):
    svgs = resnext.view.svgs
    assert set(svgs) == {f'c={c}' for c in resnext.values['c']}
    for key, (svg, caption) in svgs.items():
        c = int(key.removeprefix('c='))
        assert svg.count('conv 3x3') == c, key  # one 3x3 conv per path
        assert f'c={c}' in caption


def test_every_block_starts_valid_and_counts_exactly():
    for name, spec in SPECS.items():
        explorer = explore(name, graph=False)
        knobs = explorer.setting()
        channels = knobs.pop('channels', None)
        model = block_model(spec.block or name, channels=channels, **knobs)
        assert shown(explorer) == model.count_params(), name
        assert shown(explorer, 'macs') == model_counts.model_macs(model), name
        assert set(explorer.sliders) == set(spec.knobs)


def test_the_amoebanet_cell_follows_f():
    explorer = explore('amoeba_normal_cell', graph=False)
    explorer.set(f=64)
    assert shown(explorer) == block_model(amoeba_normal_cell, f=64).count_params()
    assert 'output: h_(i-1), b, c, e = 4 × 64 = 256 channels' in explorer.text


def test_dense_block_input_channels_and_depth():
    explorer = explore('dense_block', graph=False, table=False)
    explorer.set(channels=64, f=12, d=3)
    assert shown(explorer) == counting.params('dense_block', channels=64, f=12, d=3)
    assert 'output: 64 + 3 × 12 = 100 channels' in explorer.text
    assert explorer.view.table == {}


def test_keyword_overrides_set_ranges_and_start_values():
    explorer = explore(blocks.resnext_block, graph=False, c=(1, 2, 8), f=64)
    assert explorer.values['c'] == (1, 2, 8)
    assert explorer.setting()['f'] == 64
    assert len(explorer.view.table) == len(explorer.values['f']) * 3 * 3


@pytest.mark.parametrize('call, message', [
    (lambda: explore(blocks.resnext_block, graph=False, d=3), "resnext_block has no knob 'd'"),
    (lambda: explore(len), 'no slider spec for'),
    (lambda: explore('resnext_block', graph=False, f=16, c=16),
     'the start values are not a valid setting: resnext_block: f // (c*r)'),
])
def test_bad_arguments_give_one_clear_sentence(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_set_rejects_values_off_the_slider():
    explorer = explore('se_block', graph=False)
    with pytest.raises(ValueError, match='rate = 3 is not on the slider'):
        explorer.set(rate=3)


def test_front_end_code_loads_nothing_from_the_network():
    from convblocks.explorer import Readout
    assert 'http' not in Readout._esm and 'import ' not in Readout._esm
    assert 'url(' not in Readout._css


def test_vendored_anywidget_matches_the_installed_one():
    """The static book's anywidget front end must be the one the Python package speaks to."""
    import anywidget
    import sys
    installed = Path(sys.prefix) / 'share/jupyter/nbextensions/anywidget/index.js'
    vendored = ROOT / 'book/_vendor/widgets/anywidget/index.js'
    assert vendored.read_bytes() == installed.read_bytes(), (
        f'anywidget {anywidget.__version__} is installed but book/_vendor holds another '
        'build; run python scripts/vendor_widgets.py')


def test_a_new_block_plugs_in_through_a_spec(monkeypatch):
    """A block counting.py does not know (e.g. a later exercise's cell) brings its own counts."""
    from convblocks import explorer as module

    def count(size, channels, f):
        if f > 16:
            raise ValueError(f'toy_cell: f = {f}; use f <= 16.')
        return 10 * f, size * size * f

    spec = module.Spec({'f': ((4, 8, 16, 32), 8)}, out=lambda channels, f: 2 * f,
                       detail=lambda channels, f: f'output: 2 × {f} channels', count=count)
    monkeypatch.setitem(module.SPECS, 'toy_cell', spec)
    toy = explore('toy_cell', graph=False)
    assert shown(toy) == 80 and shown(toy, 'macs') == 32 * 32 * 8
    toy.set(f=32)
    assert toy.text == 'toy_cell: f = 32; use f <= 16.'
    assert toy.view.table['3'][0] == toy.view.readout
