"""How the exercise checks stop a reader's code (not a test).

Prints, for a chapter check (bottleneck exercise 3) and the AmoebaNet check:
- a layer of about 10**9 weights: the time until the check refuses it and how far the
  process's peak resident memory (VmHWM, reset before) rose above its resident size before
  the check; the check builds shapes only, so no weight is allocated;
- an endless Python loop under time_limit=1: the time until the check returns;
- a right answer: the time of a whole check, for scale.

Usage: python benchmarks/bench_exercises.py
"""
import time

from keras import layers

from convblocks.aliases import conv
from convblocks.exercises import amoeba
from convblocks.exercises.amoeba.solution import amoeba_normal_cell
from convblocks.exercises.chapters import check as chapter_check
from convblocks.exercises.chapters.references import my_bottleneck

LIMIT = 1


def huge_block(x, f=32, r=4, k=3):
    x = conv(x, 3_472_222, k=3)   # 3*3*32*3,472,222 + 3,472,222 = 1,003,472,158 weights
    return conv(conv(x, f // r, k=1), f, k=1)


def huge_cell(x1, x2, f=32):
    return layers.SeparableConv2D(10**9 // f, 3, padding='same')(x1)


def endless_block(x, f=32, r=4, k=3):
    while True:
        pass


def endless_cell(x1, x2, f=32):
    while True:
        pass


CHECKS = {
    'chapter (bottleneck 3)': (lambda fn, **kw: chapter_check('bottleneck', 3, fn, **kw).verdict,
                               huge_block, endless_block, my_bottleneck),
    'AmoebaNet': (amoeba.check, huge_cell, endless_cell, amoeba_normal_cell),
}


def status_mib(field):
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in MiB (Linux)."""
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f'no {field} in /proc/self/status')


def reset_peak():
    """Start VmHWM again from the resident size now (Linux: write 5 to clear_refs)."""
    with open('/proc/self/clear_refs', 'w') as handle:
        handle.write('5')


def timed(run, fn, **kwargs):
    start = time.perf_counter()
    result = run(fn, **kwargs)
    return time.perf_counter() - start, result


def main():
    for name, (run, huge, endless, right) in CHECKS.items():
        timed(run, right)                      # warm up: Keras' first build
        reset_peak()
        before = status_mib('VmRSS')
        seconds, result = timed(run, huge)
        growth = status_mib('VmHWM') - before
        print(f'{name}: 10**9-weight layer refused in {seconds:.2f} s, peak memory '
              f'+{growth:.1f} MiB ({result.status}: {result.message[:70]}...)')
        seconds, result = timed(run, endless, time_limit=LIMIT)
        print(f'{name}: endless loop with time_limit={LIMIT} returned after {seconds:.2f} s '
              f'({result.status})')
        seconds, result = timed(run, right)
        print(f'{name}: a right answer checked in {seconds:.2f} s ({result.status})')


if __name__ == '__main__':
    main()
