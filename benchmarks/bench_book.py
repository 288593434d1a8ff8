"""Timing of the page helpers in convblocks.book (not a test).

Prints what NotebookStopwatch adds to each cell: the median time of IPython's pre- and
post-run-cell events for an empty cell, with a stopwatch listening and without one, and the
difference. (tests/test_stopwatch.py checks the figures on a test clock; this is where the
stopwatch's own cost is measured.)

Usage: python benchmarks/bench_book.py [--cells N]
"""
import argparse
import statistics
import time

from IPython.core.events import EventManager, available_events

from convblocks.book.stopwatch import NotebookStopwatch


class Shell:
    def __init__(self):
        self.events = EventManager(self, available_events)


def empty_cell_us(shell, cells):
    """Median microseconds of the events around an empty cell."""
    times = []
    for _ in range(cells):
        start = time.perf_counter()
        shell.events.trigger('pre_run_cell', None)
        shell.events.trigger('post_run_cell', None)
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--cells', type=int, default=20000)
    cells = parser.parse_args().cells
    bare = empty_cell_us(Shell(), cells)
    shell = Shell()
    NotebookStopwatch(shell)
    timed = empty_cell_us(shell, cells)
    print(f'NotebookStopwatch, events around an empty cell ({cells:,} cells, median):')
    print(f'  without a stopwatch {bare:8.2f} µs')
    print(f'  with a stopwatch    {timed:8.2f} µs')
    print(f'  the stopwatch adds  {timed - bare:8.2f} µs per cell')


if __name__ == '__main__':
    main()
