"""Print timing figures for the comparison chapter's run at the article's settings (one of the
runs `make experiments` stores), network by network.

For each of the ten tiny networks: the seconds of its first seed (which traces the training
step), of a later seed (which reuses it), and of one epoch when the batches come from tf.data
(as training.train_block feeds them) or from Keras' own shuffling of NumPy arrays.

Not a test: the numbers depend on the machine and its load. Run with `make bench` or
`.venv/bin/python benchmarks/bench_training.py [--epochs N]`.
"""
import argparse
import math
import time

from convblocks.checks import knobs
from convblocks.experiments import training

# The article-settings line-up (comparison_runs.ARTICLE_NETWORKS): the stem alone, then every block.
NETWORKS = [None, *knobs.BLOCKS]


def seconds_per_epoch(block, data, feed, epochs, batch_size=32):
    """Seconds per epoch of the network train_block trains, after one epoch of warm-up."""
    x, y = data[:2]
    model, _ = training._compiled_network(block, 32, {}, 3e-3, math.ceil(len(x) / batch_size))
    if feed == 'tf.data':
        inputs = {'x': training.shuffled_batches(x, y, batch_size, seed=0), 'shuffle': False}
    else:
        inputs = {'x': x, 'y': y, 'batch_size': batch_size}
    model.fit(epochs=1, verbose=0, **inputs)
    start = time.perf_counter()
    model.fit(epochs=epochs, verbose=0, **inputs)
    return (time.perf_counter() - start) / epochs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epochs', type=int, default=8, help='epochs per seed (default 8)')
    args = parser.parse_args()
    data = training.digits_data()
    header = (f'{"network":<24}{"seed 0 s":>10}{"seed 1 s":>10}'
              f'{"epoch, tf.data s":>18}{"epoch, NumPy s":>16}')
    print(header)
    print('-' * len(header))
    totals = [0.0, 0.0, 0.0, 0.0]
    for block in NETWORKS:
        first, later = (training.train_block(block, seed, data, epochs=args.epochs)['seconds']
                        for seed in (0, 1))
        figures = [first, later, seconds_per_epoch(block, data, 'tf.data', 3),
                   seconds_per_epoch(block, data, 'NumPy', 3)]
        totals = [t + f for t, f in zip(totals, figures)]
        print(f'{training.block_name(block):<24}{figures[0]:10.2f}{figures[1]:10.2f}'
              f'{figures[2]:18.3f}{figures[3]:16.3f}')
    print(f'{"all ten":<24}{totals[0]:10.2f}{totals[1]:10.2f}{totals[2]:18.3f}{totals[3]:16.3f}')
    print(f'({args.epochs} epochs of batch 32 per seed; epoch times are the mean of 3 epochs)')


if __name__ == '__main__':
    main()
