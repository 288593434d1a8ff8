"""Time and peak memory growth of the adversarial inputs: each refused with a sentence, at once.

For every case: the seconds until it returned or raised, the growth of the process' peak
resident memory over its resident memory just before (Linux: /proc/self/clear_refs resets
the peak, VmHWM reads it), and what came back. Targets: under 500 MB each; a 10**9-weight
layer refused in under 2 s with under 200 MB. Reader functions (tests/readers.py, shared with
the tests) get a time limit of TIME_LIMIT seconds here (the package's default is 20 s). Not a
test: it prints figures.

    python benchmarks/bench_robustness.py
"""
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'tests'))  # tests/readers.py

TIME_LIMIT = 2


def _status(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) / 1024      # kB -> MiB
    raise RuntimeError(f'no {key} in /proc/self/status')


def measure(call):
    """(seconds, peak growth in MiB, outcome) of one call."""
    with open('/proc/self/clear_refs', 'w') as clear:
        clear.write('5')                            # reset VmHWM to the current RSS
    before = _status('VmRSS')
    start = time.perf_counter()
    try:
        call()
        outcome = 'returned'
    except Exception as error:                      # what the reader would see
        outcome = f'{type(error).__name__}: {str(error)[:70]}'
    seconds = time.perf_counter() - start
    return seconds, _status('VmHWM') - before, outcome


def cases():
    """(label, call) of each adversarial input."""
    from convblocks import counting
    from convblocks.depthwise import depthwise_resnext_block
    from convblocks.drawing import block_svg
    from convblocks.exercises import amoeba, chapters
    from convblocks.explorer import explore
    from convblocks.grouped import grouped_model
    from convblocks.models import block_model
    from readers import (huge_bottleneck, huge_cell, huge_layer, loops, returns_none, sleeps,
                         with_activation)

    return [
        ('explore f=range(1, 10**8)', lambda: explore('bottleneck', f=range(1, 10**8))),
        ('explore f=iter(int, 1) (endless)', lambda: explore('bottleneck', f=iter(int, 1))),
        ('explore f=itertools.count()', lambda: explore('bottleneck', f=itertools.count())),
        ('explore f=10**200', lambda: explore('bottleneck', f=10**200)),
        ('explore a sleeping block', lambda: explore(sleeps)),
        ('explore a block returning None', lambda: explore(returns_none)),
        ('block_model bottleneck f=10**200', lambda: block_model('bottleneck', f=10**200)),
        ('block_model depthwise f=8000', lambda: block_model(depthwise_resnext_block, size=1,
                                                             f=8000, r=1)),
        ('block_model depthwise f=20000', lambda: block_model(depthwise_resnext_block, size=1,
                                                              f=20000, r=1)),
        ('grouped_model f=20000 c=1', lambda: grouped_model(f=20000, r=1, c=1)),
        ('block_model 10**9-weight layer', lambda: block_model(huge_layer)),
        ('block_model endless loop', lambda: block_model(loops)),
        ('block_svg 10**9-weight layer', lambda: block_svg(huge_layer)),
        ("block_svg a=['relu']", lambda: block_svg(with_activation, a=['relu'])),
        ('counting f=10**5000 c=10**4000', lambda: counting.params('resnext_block', f=10**5000,
                                                                   c=10**4000, r=1)),
        ("counting.params('bottleneck', 32)", lambda: counting.params('bottleneck', 32)),
        ('chapter check 10**9-weight layer', lambda: chapters.check('bottleneck', 3,
                                                                          huge_bottleneck)),
        ('amoeba check 10**9-weight layer', lambda: amoeba.check(huge_cell,
                                                                 time_limit=TIME_LIMIT)),
    ]


def main():
    from convblocks.building import sandbox
    sandbox.TIME_LIMIT = TIME_LIMIT
    rows = cases()
    measure(lambda: None)                             # warm the measuring itself
    print(f'{"case":<38}{"seconds":>9}{"peak +MiB":>11}  outcome')
    print('-' * 110)
    for label, call in rows:
        seconds, growth, outcome = measure(call)
        print(f'{label:<38}{seconds:9.3f}{growth:11.1f}  {outcome}')
    print(f'\nreader functions stopped after {TIME_LIMIT} s here (sandbox.TIME_LIMIT); peak '
          f'+MiB = VmHWM after the call - VmRSS before it.')


if __name__ == '__main__':
    main()
