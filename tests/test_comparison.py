"""The side-by-side line-up: counts agree with the built models, the tables have every block."""
from convblocks import comparison, counting, measure


def test_count_rows_agree_with_the_built_models():
    for row, (label, block, knobs) in zip(comparison.count_rows(), comparison.LINEUP):
        model = comparison.build(block, knobs)
        assert row['block'] == label
        assert row['params'] == model.count_params()
        assert row['MACs'] == counting.model_macs(model)
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
