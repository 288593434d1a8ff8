"""NotebookStopwatch: cell times from IPython's events, and the figures it publishes."""
import re
import time

import pytest
from IPython.core.events import EventManager, available_events

from convblocks.book.stopwatch import NotebookStopwatch


class Shell:
    """Just the part of an IPython shell the stopwatch uses: its events."""

    def __init__(self):
        self.events = EventManager(self, available_events)

    def run_cell(self, seconds):
        self.events.trigger('pre_run_cell', None)
        time.sleep(seconds)
        self.events.trigger('post_run_cell', None)


def test_each_cell_is_timed_and_the_longest_is_reported():
    shell = Shell()
    stopwatch = NotebookStopwatch(shell)
    shell.run_cell(0.05)
    shell.run_cell(0.25)
    shell.run_cell(0.0)
    first, longest, last = stopwatch.cell_seconds
    assert 0.05 <= first < longest and last < 0.05
    assert 0.25 <= stopwatch.longest_cell_seconds() == longest
    assert stopwatch.total_seconds() >= first + longest


def test_the_cell_that_makes_it_is_timed_from_its_creation():
    shell = Shell()
    stopwatch = NotebookStopwatch(shell)
    time.sleep(0.05)
    shell.events.trigger('post_run_cell', None)
    assert 0.05 <= stopwatch.cell_seconds[0] < 1


def test_publish_prints_the_figures_it_glues(capsys):
    shell = Shell()
    stopwatch = NotebookStopwatch(shell)
    shell.run_cell(0.1)
    stopwatch.publish()
    printed = capsys.readouterr().out
    sentence = re.search(r'The cells so far ran for (\d+\.\d) minutes in all; '
                         r'the longest for (\d+) seconds\.', printed)
    assert sentence, printed
    assert "'run_minutes'" not in printed   # display=False: glue shows nothing itself
    assert sentence[1] == '0.0' and sentence[2] == '0'


def test_outside_ipython_it_says_where_it_works(monkeypatch):
    monkeypatch.setattr('IPython.get_ipython', lambda: None)   # as in a plain script
    with pytest.raises(RuntimeError, match='make it in a notebook or IPython'):
        NotebookStopwatch()
