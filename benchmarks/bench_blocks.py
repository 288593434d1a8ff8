"""Print timing figures for convblocks: import, Keras rebuild, closed-form count and drawing.

Each import and each huge count runs in a fresh Python process, which reports its own
time and its peak resident memory (VmHWM in /proc/self/status, so Linux only).

Not a test: the numbers depend on the machine and its load. Run with
`make bench` or `.venv/bin/python benchmarks/bench_blocks.py [--repeats N]`.
"""
import argparse
import statistics
import subprocess
import sys
import time
import timeit

# Run in a fresh process: time one statement, then print the seconds and the peak RSS in MiB
# (VmHWM: Linux keeps a forking parent's ru_maxrss across exec, VmHWM starts afresh).
FRESH = '''
import sys, time
start = time.perf_counter()
exec(sys.argv[1])
seconds = time.perf_counter() - start
peak = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')]
print(seconds, float(peak[0]) / 1024)
'''
# convblocks.blocks pulls in TensorFlow and Keras, which every notebook's kernel pays for;
# ml_dtypes (inside TensorFlow) and nbformat (every build process) are pinned for their time.
IMPORTS = ['pass', 'import convblocks.counting', 'import convblocks.blocks', 'import ml_dtypes',
           'import nbformat']
# Closed forms at sizes no model could be built at (10**7 ResNeXt paths, 10**7 dense layers).
HUGE = [("counting.params('resnext_block', f=2 * 10**7, r=2, c=10**7)",
         'from convblocks import counting'),
        ("counting.params('dense_block', f=32, d=10**7)", 'from convblocks import counting')]

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


def fresh(statement, setup='pass', timeout=600):
    """(seconds, peak MiB) of `statement` after `setup` in a fresh Python process.

    The seconds cover the statement only; the peak RSS covers the whole process.
    """
    code = f'{setup}\n{FRESH}' if setup != 'pass' else FRESH
    out = subprocess.run([sys.executable, '-c', code, statement], check=True, timeout=timeout,
                         capture_output=True, text=True).stdout.split()
    return float(out[-2]), float(out[-1])


def print_fresh_figures(repeats):
    """Import time and peak memory of the modules, and the time of the huge closed forms."""
    print(f'{"in a fresh process":<62}{"seconds":>9}{"peak MiB":>10}')
    for module in IMPORTS:
        runs = [fresh(module) for _ in range(repeats)]
        seconds = statistics.median(s for s, _ in runs)
        peak = statistics.median(m for _, m in runs)
        print(f'{module:<62}{seconds:9.3f}{peak:10.1f}')
    for statement, setup in HUGE:
        try:
            seconds, peak = fresh(statement, setup)
        except subprocess.TimeoutExpired:
            print(f'{statement:<62}{"> 600":>9}')
            continue
        print(f'{statement:<62}{seconds:9.5f}{peak:10.1f}')
    print('(median of runs for imports; `pass` is the bare interpreter)\n')


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
        from convblocks.drawing import graphs as drawing
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
    parser.add_argument('--fresh-only', action='store_true',
                        help='print only the fresh-process figures')
    args = parser.parse_args()
    repeats = args.repeats

    print_fresh_figures(max(3, repeats // 2))
    if args.fresh_only:
        return

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
        rebuild = median_seconds(lambda b=block, k=knobs: block_model(b, **k).count_params(), n)
        formula = formula_seconds(lambda b=block, k=knobs: counting.params(b, **k))
        draw_text = f'{"-":>10}'
        if drawing is not None:
            draw = median_seconds(lambda b=block, k=knobs: draw_fresh(drawing, b, k), n)
            draw_text = f'{draw * 1e3:10.0f}'
        count, mac_count = counting.params(block, **knobs), counting.macs(block, **knobs)
        print(f'{label:<26}{count:>11,}{mac_count:>15,}{rebuild * 1e3:12.1f}'
              f'{formula * 1e6:12.2f}{rebuild / formula:10,.0f}{draw_text}')
    print('\nrebuild = block_model(...).count_params(), median of runs; formula = '
          'counting.params(...), best of timeit runs;\nratio = rebuild / formula; '
          'draw = drawing.block_svg(...) with its cache cleared (includes the rebuild).')


if __name__ == '__main__':
    main()
