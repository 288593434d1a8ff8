"""Print timing figures for convblocks: import, Keras rebuild, closed-form count and drawing.

Not a test: the numbers depend on the machine and its load. Run with
`make bench` or `.venv/bin/python benchmarks/bench_blocks.py [--repeats N]`.
"""
import argparse
import statistics
import subprocess
import sys
import time
import timeit

IMPORT_SNIPPET = ('import time; start = time.perf_counter(); import convblocks.blocks; '
                  'print(time.perf_counter() - start)')

# (label, block, knobs): every block at its defaults, plus the slow-to-build cases.
CASES = [
    ('bottleneck', 'bottleneck', {}),
    ('naive_inception_module', 'naive_inception_module', {}),
    ('inception_module', 'inception_module', {}),
    ('residual_block', 'residual_block', {}),
    ('resnext_block', 'resnext_block', {}),
    ('resnext_block c=32 f=256', 'resnext_block', {'f': 256, 'c': 32}),
    ('dense_block', 'dense_block', {}),
    ('dense_block d=20', 'dense_block', {'d': 20}),
    ('se_block f=32', 'se_block', {'f': 32}),
    ('normal_cell', 'normal_cell', {}),
    ('inv_residual_block', 'inv_residual_block', {}),
]


def import_seconds(repeats):
    """Median time of `import convblocks.blocks` in fresh Python processes, and one wall time."""
    inside, wall = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, '-c', IMPORT_SNIPPET], check=True,
                             capture_output=True, text=True).stdout
        wall.append(time.perf_counter() - start)
        inside.append(float(out))
    return statistics.median(inside), statistics.median(wall)


def median_seconds(action, repeats):
    """Median wall time of `repeats` calls of action()."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def formula_seconds(action):
    """Seconds per call of a fast action, best of five timeit runs."""
    timer = timeit.Timer(action)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def load_drawing():
    """convblocks.drawing if it and Graphviz are available, else None (with a printed note)."""
    try:
        from convblocks import drawing
        drawing.require_dot()
    except (ImportError, RuntimeError) as problem:
        print(f'(draw times skipped: {problem})')
        return None
    return drawing


def draw_fresh(drawing, block, knobs):
    """Draw the block from scratch: block_svg keeps a cache, which would time nothing."""
    cached = getattr(drawing, '_block_svg', None)
    if hasattr(cached, 'cache_clear'):
        cached.cache_clear()
    drawing.block_svg(block, **knobs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeats', type=int, default=5, help='runs per median (default 5)')
    repeats = parser.parse_args().repeats

    inside, wall = import_seconds(max(3, repeats // 2))
    print(f'import convblocks.blocks in a fresh process: {inside:.2f} s '
          f'(whole process: {wall:.2f} s)\n')

    from convblocks import counting
    from convblocks.models import block_model
    from convblocks.quiet import keras

    header = (f'{"block":<26}{"params":>11}{"MACs":>15}{"rebuild ms":>12}{"formula us":>12}'
              f'{"ratio":>10}{"draw ms":>10}')
    print(header)
    print('-' * len(header))
    drawing = load_drawing()
    for label, block, knobs in CASES:
        keras.backend.clear_session()
        n = max(2, repeats // 2) if knobs.get('c', 0) > 8 else repeats
        rebuild = median_seconds(lambda: block_model(block, **knobs).count_params(), n)
        formula = formula_seconds(lambda: counting.params(block, **knobs))
        draw_text = f'{"-":>10}'
        if drawing is not None:
            draw = median_seconds(lambda: draw_fresh(drawing, block, knobs), n)
            draw_text = f'{draw * 1e3:10.0f}'
        count, mac_count = counting.params(block, **knobs), counting.macs(block, **knobs)
        print(f'{label:<26}{count:>11,}{mac_count:>15,}{rebuild * 1e3:12.1f}'
              f'{formula * 1e6:12.2f}{rebuild / formula:10,.0f}{draw_text}')
    print('\nrebuild = block_model(...).count_params(), median of runs; formula = '
          'counting.params(...), best of timeit runs;\nratio = rebuild / formula; '
          'draw = drawing.block_svg(...) with its cache cleared (includes the rebuild).')


if __name__ == '__main__':
    main()
