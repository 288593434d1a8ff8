"""The comparison chapter's two training runs as `make experiments` makes them (experiments.store).

`fair` trains the fair plan's networks (experiments.fair) in worker processes; `article` trains
the ten tiny networks at the article's settings: 8x8 digits, a 2x2 pool, f=32.
"""
from convblocks.experiments import fair, training

ARTICLE_NETWORKS = [None, 'bottleneck', 'naive_inception_module', 'inception_module',
                    'residual_block', 'resnext_block', 'dense_block', 'se_block',
                    'normal_cell', 'inv_residual_block']
ARTICLE_SEEDS = tuple(range(5))
WORKERS = 3   # processes training networks side by side (each network's seeds in one)


def _train_seeds(network):
    """Every seed of one network of the fair plan, in a worker process."""
    label, width, knobs = network
    data = fair.digits()
    results = [fair.train(label, width, knobs, seed, data) for seed in fair.SEEDS]
    print(f'trained {label} at f={width}: {len(results)} seeds', flush=True)
    return results


def fair_runs():
    """The fair comparison: its plan (widths per budget) and every network from every seed.

    The networks train in WORKERS processes; a seed gives the same result in any process
    (training.train_block), so the split changes no number. CPU seconds are summed over
    the workers (experiments.store counts finished child processes).
    """
    from concurrent.futures import ProcessPoolExecutor

    rows = fair.plan()
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        runs = [r for results in pool.map(_train_seeds, fair.networks(rows)) for r in results]
    return {'plan': rows, 'runs': runs}


def article_runs():
    """The ten tiny networks at the article's settings, 8 epochs, five seeds."""
    return training.compare(ARTICLE_NETWORKS, seeds=ARTICLE_SEEDS, epochs=8, progress=True)
