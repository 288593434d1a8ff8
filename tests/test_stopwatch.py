"""NotebookStopwatch: cell times from IPython's events, and the figures it publishes.

The stopwatch's clock is replaced by one the tests move, so every figure is exact and no test
depends on the machine's speed (benchmarks/bench_book.py prints what a cell costs it).
"""
import re

import pytest
from IPython.core.events import EventManager, available_events

from convblocks.book import stopwatch as stopwatch_module
from convblocks.book.stopwatch import NotebookStopwatch


class Clock:
    """time.perf_counter's stand-in: it moves only when a test says so."""

    def __init__(self):
        self.now = 1000.0

    def perf_counter(self):
        return self.now


class Shell:
    """Just the part of an IPython shell the stopwatch uses: its events, on a test clock."""

    def __init__(self, clock):
        self.events = EventManager(self, available_events)
        self.clock = clock

    def run_cell(self, seconds):
        self.events.trigger('pre_run_cell', None)
        self.clock.now += seconds
        self.events.trigger('post_run_cell', None)

    def wait(self, seconds):
        """Time between cells: the reader reading."""
        self.clock.now += seconds


@pytest.fixture
def shell(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(stopwatch_module, 'time', clock)
    return Shell(clock)


def test_each_cell_is_timed_and_the_longest_is_reported(shell):
    stopwatch = NotebookStopwatch(shell)
    shell.wait(3.0)
    shell.run_cell(0.5)
    shell.wait(10.0)
    shell.run_cell(2.25)
    shell.run_cell(0.0)
    assert stopwatch.cell_seconds == [0.5, 2.25, 0.0]   # the waits between cells count not
    assert stopwatch.longest_cell_seconds() == 2.25
    assert stopwatch.total_seconds() == 15.75            # ... but they count in the total


def test_before_any_cell_has_finished_the_longest_is_zero(shell):
    assert NotebookStopwatch(shell).longest_cell_seconds() == 0.0


def test_the_cell_that_makes_it_is_timed_from_its_creation(shell):
    stopwatch = NotebookStopwatch(shell)
    shell.wait(0.75)
    shell.events.trigger('post_run_cell', None)
    assert stopwatch.cell_seconds == [0.75]


def test_publish_prints_and_glues_the_figures(shell, capsys, monkeypatch):
    glued = {}
    monkeypatch.setattr(stopwatch_module, 'glue',
                        lambda name, value, display: glued.update({name: (value, display)}))
    stopwatch = NotebookStopwatch(shell)
    shell.run_cell(150.4)
    shell.wait(30.0)
    shell.run_cell(29.6)
    stopwatch.publish()
    printed = capsys.readouterr().out
    assert printed == ('The cells so far ran for 3.5 minutes in all; the longest for 150 '
                       'seconds.\n')
    assert glued == {'run_minutes': ('3.5', False), 'longest_cell_seconds': ('150', False)}


def test_publish_glues_without_printing_the_glue(shell, capsys):
    stopwatch = NotebookStopwatch(shell)
    shell.run_cell(0.1)
    stopwatch.publish()
    printed = capsys.readouterr().out
    assert re.fullmatch(r'The cells so far ran for 0\.0 minutes in all; the longest for 0 '
                        r'seconds\.\n', printed)
    assert "'run_minutes'" not in printed   # display=False: glue shows nothing itself


def test_outside_ipython_it_says_where_it_works(monkeypatch):
    monkeypatch.setattr('IPython.get_ipython', lambda: None)   # as in a plain script
    with pytest.raises(RuntimeError, match='make it in a notebook or IPython'):
        NotebookStopwatch()
