"""How long a notebook's cells run, measured by IPython's cell events.

A page that says how long it takes should say what its own run measured. A
NotebookStopwatch made in the first cell times every later cell; `publish()` prints the
total and the longest cell and glues them (`run_minutes`, `longest_cell_seconds`) for the
prose to quote.
"""
import time

from convblocks.book.glued import glue

from convblocks import language

# What publish() prints, per language.
SAY = {
    'en': 'The cells so far ran for {minutes} minutes in all; the longest for {longest} seconds.',
    'zh': '到目前为止，单元格共运行了 {minutes} 分钟，最长的一个运行了 {longest} 秒。',
}
NOT_IN_NOTEBOOK = {
    'en': 'NotebookStopwatch times notebook cells; make it in a notebook or IPython, not in a '
          'plain Python script.',
    'zh': 'NotebookStopwatch 为笔记本的单元格计时；请在笔记本或 IPython 中创建它，'
          '而不是在普通的 Python 脚本中。',
}


class NotebookStopwatch:
    """Wall-clock time from its creation, and the seconds each later cell ran."""

    def __init__(self, shell=None):
        if shell is None:
            from IPython import get_ipython
            shell = get_ipython()
        if shell is None:
            raise RuntimeError(NOT_IN_NOTEBOOK[language.current()])
        self.started = time.perf_counter()
        self.cell_seconds = []
        self._cell_started = self.started   # the cell that makes it is timed from here
        shell.events.register('pre_run_cell', self._pre_run_cell)
        shell.events.register('post_run_cell', self._post_run_cell)

    def _pre_run_cell(self, info=None):
        self._cell_started = time.perf_counter()

    def _post_run_cell(self, result=None):
        self.cell_seconds.append(time.perf_counter() - self._cell_started)

    def total_seconds(self):
        """Seconds since the stopwatch was made."""
        return time.perf_counter() - self.started

    def longest_cell_seconds(self):
        """The longest any finished cell ran (0 before the first has finished)."""
        return max(self.cell_seconds, default=0.0)

    def publish(self):
        """Print the run time so far and its longest cell; glue both for the prose."""
        minutes = f'{self.total_seconds() / 60:.1f}'
        longest = f'{self.longest_cell_seconds():.0f}'
        glue('run_minutes', minutes, display=False)
        glue('longest_cell_seconds', longest, display=False)
        print(SAY[language.current()].format(minutes=minutes, longest=longest))
