"""The block drawings: deterministic SVG, readable labels, shapes, layout, missing Graphviz."""
import hashlib
import json
import re
import subprocess

import pytest

from convblocks.drawing import graphs as drawing
from convblocks.drawing import GraphvizMissingError, block_svg, draw, svg_of_model
from convblocks.models import block_model
from convblocks.quiet import keras

# A few blocks with non-default knobs, drawn in this process and in a fresh one.
CASES = [('bottleneck', {'f': 64}), ('resnext_block', {'c': 4}), ('normal_cell', {}),
         ('dense_block', {'d': 3})]
FRESH_PROCESS = """
import hashlib, json, sys
from convblocks.drawing import block_svg
cases = json.loads(sys.argv[1])
print(json.dumps([hashlib.sha256(block_svg(n, **k).encode()).hexdigest() for n, k in cases]))
"""


def texts(svg):
    """The text of every <text> element, in document order."""
    return re.findall(r'<text[^>]*>([^<]*)</text>', svg)


def nodes(svg):
    """Each node's texts (title, activation and shape), in the stable order n0, n1, ..."""
    found = re.findall(r'<g id="node\d+" class="node">\s*<title>n(\d+)</title>(.*?)</g>', svg,
                       flags=re.DOTALL)
    return [tuple(texts(body)) for _, body in sorted(found, key=lambda item: int(item[0]))]


def svg_size(svg):
    """(width, height) in points, read from the root element."""
    width, height = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return float(width), float(height)


def test_two_builds_of_a_block_give_identical_svg():
    # Two models of the same block differ in Keras layer names (conv2d_3 vs conv2d_9) and
    # in object ids, which Keras uses as node ids; the drawings must not.
    first, second = block_model('inception_module'), block_model('inception_module')
    assert first.layers[1].name != second.layers[1].name
    assert svg_of_model(first) == svg_of_model(second)
    assert block_svg('inception_module') == svg_of_model(first)


def test_svg_is_identical_in_a_fresh_process(fresh_python):
    here = [hashlib.sha256(block_svg(n, **k).encode()).hexdigest() for n, k in CASES]
    run = fresh_python(FRESH_PROCESS, json.dumps(CASES), check=True)
    assert json.loads(run.stdout) == here


def test_svg_has_no_comments_prologue_or_object_ids():
    svg = block_svg('residual_block')
    assert svg.startswith('<svg ')
    assert '<!--' not in svg
    assert not re.search(r'\d{9,}', svg)  # Python object ids are long numbers


def test_labels_say_what_each_layer_does_and_its_output_shape():
    assert nodes(block_svg('bottleneck', size=16, f=64)) == [
        ('input x', '16×16×64'),
        ('conv 1x1', '16 filters', 'relu → 16×16×16'),
        ('conv 3x3', '16 filters', 'relu → 16×16×16'),
        ('conv 1x1', '64 filters', 'relu → 16×16×64'),
    ]


def test_labels_of_pools_merges_dense_and_linear_layers():
    assert nodes(block_svg('se_block', f=32, rate=8)) == [
        ('input x', '32×32×32'), ('global avgpool', '32'), ('dense', '4 units', 'relu → 4'),
        ('dense', '32 units', 'sigmoid → 32'), ('multiply', '32×32×32')]
    inverted = texts(block_svg('inv_residual_block', f=8, r=6))
    assert 'sepconv 3x3' in inverted and '8 filters' in inverted
    assert 'linear → 32×32×8' in inverted
    assert 'maxpool 3x3, stride 1' in texts(block_svg('inception_module'))
    assert 'concat' in texts(block_svg('dense_block', d=2))


def test_labels_carry_no_keras_counter_names():
    svg = block_svg('normal_cell')
    assert not re.search(r'conv2d|separable_conv2d|average_pooling2d|add_\d|concatenate', svg)
    assert nodes(svg)[0] == ('input x1', '32×32×32')
    assert ('input x2', '32×32×32') in nodes(svg)


@pytest.mark.parametrize('c', [1, 2, 4, 8])
def test_resnext_draws_three_convs_per_path(c):
    labels = texts(block_svg('resnext_block', f=32, r=1, c=c))
    assert sum(t.startswith('conv ') for t in labels) == 3 * c
    assert labels.count('add') == 2


def test_dense_block_draws_one_conv_and_one_concat_per_layer():
    labels = texts(block_svg('dense_block', f=8, d=4))
    assert sum(t.startswith('conv ') for t in labels) == 4
    assert labels.count('concat') == 4
    assert nodes(block_svg('dense_block', f=8, d=4))[-1] == ('concat', '32×32×40')


def test_one_filter_is_singular():
    one = ('conv 1x1', '1 filter', 'relu → 32×32×1')
    assert one in nodes(block_svg('bottleneck', f=4, r=4))
    assert ('dense', '1 unit', 'relu → 1') in nodes(block_svg('se_block', f=16, rate=16))


def test_graphviz_measures_with_the_font_the_setup_installs():
    svg = block_svg('bottleneck')
    assert set(re.findall(r'font-family="([^"]+)"', svg)) == {'DejaVu Sans'}
    fonts = subprocess.run(['fc-match', 'DejaVu Sans'], capture_output=True, text=True).stdout
    assert fonts.startswith('DejaVuSans.ttf'), fonts


def test_folding_draws_the_first_and_last_of_many_resnext_paths():
    svg = block_svg('resnext_block', f=256, r=1, c=32, folded=True)
    assert sum(t == 'conv 3x3' for t in texts(svg)) == 2
    assert '⋯ 30 more like these' in texts(svg) and '(32 in all)' in texts(svg)
    assert block_svg('resnext_block', c=2, r=1, folded=True) == block_svg('resnext_block', c=2,
                                                                          r=1)


def test_folding_draws_the_first_and_last_dense_layer():
    found = nodes(block_svg('dense_block', f=8, d=8, folded=True))
    assert [n[0] for n in found] == ['input x', 'conv 3x3', 'concat', 'conv 3x3', 'concat']
    assert found[-1] == ('concat', '32×32×72')  # 8 + 8 × 8 channels
    assert '⋯ 6 more like these' in texts(block_svg('dense_block', f=8, d=8, folded=True))


def test_folded_arrows_go_through_the_more_box():
    graph = drawing.fold(drawing.model_graph(block_model('resnext_block', f=64, r=1, c=8)))
    assert graph.more == (6, 8)
    into, out_of = ([a for a, b in graph.edges if b == 'more'],
                    [b for a, b in graph.edges if a == 'more'])
    assert into == ['n0'] and len(out_of) == 1  # from the input, into the sum of the paths
    assert all(node in graph.ids for edge in graph.edges for node in edge)


def test_drawings_scale_down_to_the_page_width():
    for name, knobs in [('bottleneck', {}), ('inception_module', {}), ('normal_cell', {}),
                        ('resnext_block', {'c': 8, 'r': 1})]:
        svg = block_svg(name, **knobs)
        assert 'style="max-width:100%;height:auto"' in svg and 'viewBox=' in svg
        assert svg_size(svg)[0] <= 800, name


def test_wide_blocks_are_laid_out_left_to_right():
    # Side by side, 8 ResNeXt paths are far wider than a page; left to right they stack.
    assert block_svg('resnext_block', c=8, r=1) == block_svg('resnext_block', c=8, r=1,
                                                             rankdir='LR')
    assert svg_size(block_svg('resnext_block', c=8, r=1, rankdir='TB'))[0] > 1000
    assert block_svg('normal_cell') == block_svg('normal_cell', rankdir='LR')
    for narrow in ['bottleneck', 'inception_module', 'dense_block']:
        assert block_svg(narrow) == block_svg(narrow, rankdir='TB')


def test_any_keras_model_can_be_drawn():
    inputs = keras.Input((8, 8, 3), name='image')
    x = keras.layers.Conv2D(4, 3, strides=2, name='stem')(inputs)
    x = keras.layers.DepthwiseConv2D(3, padding='same')(x)
    x = keras.layers.BatchNormalization()(x)
    outputs = keras.layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, outputs)
    assert nodes(svg_of_model(model)) == [
        ('input image', '8×8×3'), ('stem: conv 3x3, stride 2', '4 filters', 'linear → 3×3×4'),
        ('depthwise conv 3x3', 'linear → 3×3×4'), ('batch norm', '3×3×4'),
        ('global avgpool', '4')]


def test_draw_returns_the_svg_for_notebooks():
    shown = draw('bottleneck', r=2)
    assert shown._repr_svg_().startswith('<svg')
    assert texts(shown._repr_svg_()) == texts(block_svg('bottleneck', r=2))
    model = block_model('bottleneck')
    assert texts(draw(model)._repr_svg_()) == texts(svg_of_model(model))


def test_invalid_knobs_give_the_blocks_own_message():
    with pytest.raises(ValueError, match=r'^resnext_block: f // \(c\*r\)'):
        block_svg('resnext_block', f=32, c=16, r=4)


MISSING = ("Graphviz's `dot` program is not installed; on Debian/Ubuntu run "
           "`sudo apt-get install graphviz`, on macOS `brew install graphviz`, "
           "then restart the kernel.")


def test_missing_graphviz_gives_one_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv('PATH', str(tmp_path))  # a PATH on which there is no `dot`
    drawing._cached_block_svg.cache_clear()
    for attempt in (lambda: block_svg('bottleneck'), lambda: draw('se_block', f=32),
                    lambda: svg_of_model(block_model('bottleneck'))):
        with pytest.raises(GraphvizMissingError) as caught:
            attempt()
        assert str(caught.value) == MISSING
        assert isinstance(caught.value, RuntimeError)
        assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_missing_graphviz_shows_no_traceback_in_ipython(monkeypatch, tmp_path, capsys):
    from IPython.core.interactiveshell import InteractiveShell
    monkeypatch.setenv('PATH', str(tmp_path))
    monkeypatch.setenv('IPYTHONDIR', str(tmp_path / 'ipython'))
    drawing._cached_block_svg.cache_clear()
    shell = InteractiveShell.instance()
    try:
        result = shell.run_cell("from convblocks.drawing import draw\ndraw('bottleneck')")
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr()
    assert isinstance(result.error_in_exec, GraphvizMissingError)
    assert shown.out.strip() == f'GraphvizMissingError: {MISSING}'
    assert 'Traceback' not in shown.out + shown.err


# Error paths: a failing `dot`, wrong knobs and arguments.

def test_a_failing_dot_gives_one_sentence_and_prints_nothing(monkeypatch, tmp_path, capfd):
    fake = tmp_path / 'dot'
    fake.write_text('#!/bin/sh\necho "Error: syntax error in line 1" >&2\nexit 3\n')
    fake.chmod(0o755)
    monkeypatch.setenv('PATH', f'{tmp_path}:/usr/bin:/bin')
    drawing._cached_block_svg.cache_clear()
    with pytest.raises(drawing.DrawingError) as caught:
        block_svg('bottleneck', f=48)
    assert str(caught.value) == ("Graphviz's dot could not draw bottleneck (exit code 3): "
                                 'Error: syntax error in line 1')
    assert isinstance(caught.value, RuntimeError)
    assert caught.value._render_traceback_() == [f'DrawingError: {caught.value}']
    assert capfd.readouterr().out == ''


WRONG_DRAWINGS = [
    (lambda: block_svg('se_block'), TypeError,
     'se_block: knob f has no default, so pass it, e.g. f=32; its knobs are f, rate.'),
    (lambda: draw('se_block'), TypeError,
     'se_block: knob f has no default, so pass it, e.g. f=32; its knobs are f, rate.'),
    (lambda: block_svg('bottleneck', q=3), TypeError,
     'bottleneck: unknown knob q; its knobs are f, r.'),
    (lambda: block_svg('bottleneck', f=[32]), TypeError,
     'bottleneck: f = [32] is not a whole number; use an int such as 32.'),
    (lambda: block_svg('resnext_block', c=2.5), TypeError,
     'resnext_block: c = 2.5 is not a whole number; use an int such as 2.'),
    (lambda: block_svg('bottleneck', size={}), TypeError,
     'bottleneck: size = {} is not a whole number; use an int such as 32.'),
    (lambda: block_svg('bottleneck', channels=0), ValueError,
     'bottleneck: channels = 0; use channels >= 1.'),
    (lambda: block_svg('foo'), ValueError,
     "there is no block named 'foo'; the blocks are bottleneck, naive_inception_module, "
     'inception_module, residual_block, resnext_block, dense_block, se_block, normal_cell, '
     'inv_residual_block.'),
    (lambda: block_svg('bottleneck', rankdir='BT'), ValueError,
     "rankdir = 'BT'; use 'TB' (top to bottom), 'LR' (left to right) or None (chosen by the "
     "graph's width)."),
    (lambda: block_svg('dense_block', d=5000), ValueError,
     'dense_block with f = 32, d = 5000 has 115,223,200,000 parameters, more than the '
     '100,000,000 this package builds (about 429.2 GiB of weights); convblocks.counting gives '
     'its counts without building it, or raise convblocks.building.guards.MAX_PARAMS to build it '
     'anyway.'),
]


@pytest.mark.parametrize('attempt, kind, message', WRONG_DRAWINGS,
                         ids=[m[:60] for *_, m in WRONG_DRAWINGS])
def test_wrong_arguments_get_the_blocks_sentence(attempt, kind, message):
    with pytest.raises(kind) as caught:
        attempt()
    assert str(caught.value) == message


def test_numpy_knobs_draw_like_ints():
    import numpy as np
    assert block_svg('bottleneck', f=np.int64(64)) == block_svg('bottleneck', f=64)


def test_nasnet_adds_are_lettered_a_to_e_by_what_they_sum():
    """The normal cell's five sums carry the letters of the article's code (a ... e), as the
    AmoebaNet diagram's do; ResNeXt's adds, which do not all feed one concat, stay 'add'."""
    from convblocks.models import shapes_model
    graph = drawing.model_graph(shapes_model('normal_cell', size=8, f=8))

    def sources(node):
        return sorted(drawing.head_text(graph.parts[a]) +
                      ''.join(f' <- {graph.parts[s][0]}' for s, t in graph.edges if t == a)
                      for a, b in graph.edges if b == node)
    sums = {graph.parts[n][0]: sources(n) for n in graph.ids
            if graph.parts[n][0].startswith('add')}
    assert sums == {
        'add a': ['sepconv 3x3 <- input x1', 'sepconv 5x5 <- input x1'],
        'add b': ['avgpool 3x3, stride 1 <- input x1'] * 2,
        'add c': ['avgpool 3x3, stride 1 <- input x2', 'input x1'],
        'add d': ['sepconv 3x3 <- input x1', 'sepconv 5x5 <- input x2'],
        'add e': ['input x2', 'sepconv 3x3 <- input x2']}
    assert '>add a<' in block_svg('normal_cell', size=8, f=8)
    resnext = drawing.model_graph(shapes_model('resnext_block', size=8, f=32))
    assert {p[0] for p in resnext.parts.values() if p[0].startswith('add')} == {'add'}
