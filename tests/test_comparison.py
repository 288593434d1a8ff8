"""The side-by-side line-up: counts agree with the built models, the timing tables, the
roofline's traffic model and the charts' readability."""
import json

import pytest

from convblocks.drawing import charts
from convblocks.experiments import comparison, measure, roofline
from convblocks.counting import keras_counts as model_counts
from convblocks.quiet import keras


def test_count_rows_agree_with_the_built_models():
    for row, (label, block, knobs) in zip(comparison.count_rows(), comparison.LINEUP):
        model = comparison.build(block, knobs)
        assert row['block'] == label
        assert row['params'] == model.count_params()
        assert row['MACs'] == model_counts.model_macs(model)
        assert row['memory KiB'] == measure.activation_bytes(model) // 1024


def test_grouped_resnext_costs_what_the_paths_cost():
    rows = {r['block']: r for r in comparison.count_rows()}
    paths, grouped = rows['ResNeXt, 4 paths'], rows['ResNeXt, grouped copy']
    assert grouped['MACs'] == paths['MACs'] and grouped['params'] == paths['params']


def test_timing_table_and_throughput():
    counts = comparison.count_rows(comparison.LINEUP[:2])
    runs = {1: {'3x3 conv': [[2.0, 4.0]], 'bottleneck': [[1.0]]},
            2: {'3x3 conv': [[10.0]], 'bottleneck': [[5.0, 5.0]]}}
    times = comparison.rows_from_runs(runs)
    rows = comparison.timing_table(counts, times, batches=(1, 2))
    assert list(rows[0]) == ['block', 'b1 ms', 'b1 q1\u2013q3', 'b2 ms', 'b2 q1\u2013q3', 'GMAC/s']
    assert rows[0]['b1 ms'] == 3.0
    assert rows[1]['GMAC/s'] == comparison.throughput(counts[1], times[1], batch=2)
    assert rows[1]['GMAC/s'] == pytest.approx(counts[1]['MACs'] * 2 / 0.005 / 1e9)


def test_short_times_have_no_exponent():
    assert comparison._short(1234.5, 3) == 1234 and comparison._short(45.67, 3) == 45.7
    assert comparison._short(0.04321, 2) == 0.043 and comparison._short(14.9, 2) == 15


def test_rows_from_runs_pools_or_picks_a_repeat():
    runs = {32: {'a': [[1.0, 3.0], [5.0, 7.0]], 'b': [[2.0, 2.0], [2.0, 2.0]]}}
    pooled = comparison.rows_from_runs(runs)
    assert [r['block'] for r in pooled] == ['a', 'b']
    assert pooled[0]['b32 median'] == 4.0 and pooled[0]['b32 max'] == 7.0
    assert comparison.rows_from_runs(runs, repeat=1)[0]['b32 median'] == 6.0


def test_timing_runs_has_repeats_of_runs():
    runs = comparison.timing_runs(comparison.LINEUP[:2], repeats=2, batches=(1,), runs=(3,))
    assert list(runs[1]) == ['3x3 conv', 'bottleneck']
    assert all(len(r) == 2 and all(len(rep) == 3 for rep in r) for r in runs[1].values())


def test_runs_from_json_gives_int_batches_back():
    runs = comparison.timing_runs(comparison.LINEUP[:1], repeats=1, batches=(2,), runs=(1,))
    assert comparison.runs_from_json(json.loads(json.dumps(runs))) == runs


def test_figure_3c_form_is_three_convs_and_an_add():
    rows = {r['block']: r for r in comparison.count_rows()}
    model = comparison.build(comparison.figure3c_resnext_block, {'f': 64, 'r': 2, 'c': 4})
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [(c.kernel_size, c.groups, c.filters) for c in convs] == [
        ((1, 1), 1, 32), ((3, 3), 4, 32), ((1, 1), 1, 64)]
    w = 64 // (4 * 2)
    weights = 64 * 4 * w + 9 * w * 4 * w + 4 * w * 64
    assert rows['ResNeXt, Fig. 3(c)']['params'] == weights + 4 * w + 4 * w + 64
    # the same MACs as the four paths (biases count none); the paths' last convs become one
    assert rows['ResNeXt, Fig. 3(c)']['MACs'] == rows['ResNeXt, 4 paths']['MACs']
    assert rows['ResNeXt, Fig. 3(c)']['memory KiB'] < rows['ResNeXt, grouped copy']['memory KiB']


def test_the_roof_peak_is_the_fastest_rate_measured():
    measured = {'peak GMAC/s': 100.0, 'bandwidth GB/s': 40.0}
    points = [('a', 1.0, 30.0), ('b', 50.0, 120.0), ('c', 9.0, 80.0)]
    roof, label = roofline.highest_roof(measured, points)
    assert (roof, label) == ({'peak GMAC/s': 120.0, 'bandwidth GB/s': 40.0}, 'b')
    assert measured['peak GMAC/s'] == 100.0
    assert roofline.highest_roof(measured, points[:1]) == (measured, None)


def test_roofline_traffic_of_one_conv():
    from convblocks.experiments import roofline
    x = keras.Input((4, 4, 2))
    model = keras.Model(x, keras.layers.Conv2D(3, 3, padding='same')(x))
    # per image: 32 floats in, 48 out; weights 2*3*9 + 3 once per batch
    assert roofline.traffic_bytes(model, batch=2) == (2 * (32 + 48) + 57) * 4
    assert roofline.intensity(4 * 4 * 9 * 2 * 3, model, batch=2) == pytest.approx(
        2 * 864 / ((2 * 80 + 57) * 4))
    roof = {'peak GMAC/s': 20.0, 'bandwidth GB/s': 5.0}
    assert roofline.ridge(roof) == 4.0
    assert roofline.roof(roof, 1.0) == 5.0 and roofline.roof(roof, 10.0) == 20.0


CHART_ROWS = [{'block': 'a', 'MACs': 1000, 'params': 10},
              {'block': 'b', 'MACs': 5e6, 'params': 4e3}]
VERDICTS = [{'block': 'a', 'diff pp': 1.0, 'low pp': -1.0, 'high pp': 3.0},
            {'block': 'ResNeXt, grouped copy', 'diff pp': -2.0, 'low pp': -4.0, 'high pp': -0.5}]


@pytest.mark.parametrize('lang', ['en', 'zh'])
@pytest.mark.parametrize('draw', [
    lambda lang: charts.params_vs_macs(CHART_ROWS, lang=lang),
    lambda lang: charts.roofline([('a', 0.5, 1.0), ('NASNet normal cell', 20.0, 9.0)],
                                 {'peak GMAC/s': 20.0, 'bandwidth GB/s': 5.0}, lang=lang),
    lambda lang: charts.fair_intervals(VERDICTS, VERDICTS, lang=lang),
    lambda lang: charts.capacity([('a', 100, 0.5), ('inv_residual_block', 1e5, 0.9)], 0.97,
                                 lang=lang),
])
def test_charts_stay_readable_on_a_phone(draw, lang):
    """Shown 390 px wide, no text of any chart is under 9 px high."""
    fig = draw(lang)
    assert charts.smallest_text_px(fig) >= 9
    assert fig.get_figwidth() == charts.WIDTH


def test_every_chart_text_has_both_languages():
    assert all(set(entry) == {'en', 'zh'} for entry in charts.TEXT.values())
    assert all(set(entry) == {'en', 'zh'} for entry in charts.ALT.values())


def test_a_glued_chart_is_an_image_with_its_description():
    shown = charts.picture(charts.params_vs_macs(CHART_ROWS, lang='zh'), 'params_vs_macs', 'zh')
    page = shown._repr_html_()
    assert page.startswith('<img src="data:image/png;base64,')
    assert f'alt="{charts.ALT["params_vs_macs"]["zh"]}"' in page


def test_every_network_of_the_article_run_is_shown_by_its_lineup_label():
    """The article-settings table and chart name the networks as every other table does."""
    from convblocks.experiments import store
    stored = {run['block'] for run in store.load('article')['results']}
    shown = {comparison.label_of(name) for name in stored}
    assert shown == {label for label, _, _ in comparison.LINEUP
                     if label not in ('3x3 conv', 'ResNeXt, Fig. 3(c)', 'ResNeXt, grouped copy')
                     } | {'stem only'}
