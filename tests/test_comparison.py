"""The side-by-side line-up: counts agree with the built models, the tables have every block."""
from convblocks.experiments import comparison, measure
from convblocks.counting import keras_counts as model_counts


def test_count_rows_agree_with_the_built_models():
    for row, (label, block, knobs) in zip(comparison.count_rows(), comparison.LINEUP):
        model = comparison.build(block, knobs)
        assert row['block'] == label
        assert row['params'] == model.count_params()
        assert row['MACs'] == model_counts.model_macs(model)
        assert row['memory KiB'] == measure.activation_bytes(model) // 1024


def test_grouped_resnext_costs_what_the_paths_cost():
    rows = {r['block']: r for r in comparison.count_rows()}
    paths, grouped = rows['ResNeXt, 4 paths'], rows['ResNeXt, grouped']
    assert grouped['MACs'] == paths['MACs'] and grouped['params'] == paths['params']


def test_timing_rows_and_throughput():
    lineup = comparison.LINEUP[:2]
    counts = comparison.count_rows(lineup)
    times = comparison.timing_rows(lineup, batches=(1, 2), runs=(2, 2))
    assert [t['block'] for t in times] == ['3x3 conv', 'bottleneck']
    for count, t in zip(counts, times):
        assert 0 < t['b2 min'] <= t['b2 median'] <= t['b2 max']
        assert comparison.throughput(count, t, batch=2) > 0
    rows = comparison.timing_table(counts, times, batches=(1, 2))
    assert list(rows[0]) == ['block', 'b1 ms', 'b1 q1\u2013q3', 'b2 ms', 'b2 q1\u2013q3', 'GMAC/s']
    assert rows[1]['GMAC/s'] == comparison.throughput(counts[1], times[1], batch=2)


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


def test_measured_figures_appear_only_in_the_book(monkeypatch, capsys):
    monkeypatch.delenv('CONVBLOCKS_BOOK', raising=False)
    assert comparison.measured(lambda x: x * 2, 21, ask='f(21)') is None
    assert capsys.readouterr().out == "This machine's figures: run f(21) to see them.\n"
    monkeypatch.setenv('CONVBLOCKS_BOOK', '1')
    assert comparison.measured(lambda x: x * 2, 21, ask='f(21)') == 42
