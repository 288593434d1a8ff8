"""A progress line for a long loop in a notebook that ends as it began.

The line is one display, updated in place while the loop runs, so a notebook shows which
step is running. At the end it shows again the sentence it started with, which does not
depend on the run: the saved notebook is the same on every machine, and a checker that
ignores display updates (nbval) sees the same output as the saved notebook.
"""
import html

from IPython.display import display

from convblocks import language

# 'step 3 of 12: training bottleneck, seed 2', per language.
STEP = {'en': '{n} of {total}: {label}', 'zh': '第 {n} 步，共 {total} 步：{label}'}


class _Line:
    def __init__(self, text, done=None, total=None):
        self.text, self.done, self.total = text, done, total

    def _repr_mimebundle_(self, include=None, exclude=None):
        bar = ('' if self.total is None else
               f'<progress value="{self.done}" max="{self.total}"></progress> ')
        return {'text/plain': self.text, 'text/html': f'<p>{bar}{html.escape(self.text)}</p>'}

    def __repr__(self):
        return self.text


class Progress:
    """Progress over `total` steps, framed by `summary`: step(label) before each step, then
    finish()."""

    def __init__(self, total, summary):
        self.total, self.done, self.summary = total, 0, summary
        # outside IPython, display() prints the line and returns no handle
        self.handle = display(_Line(summary), display_id=True)

    def _show(self, line):
        if self.handle is None:
            print(line.text)
        else:
            self.handle.update(line)

    def step(self, label):
        """Say which step runs now (e.g. 'bottleneck, seed 2') and how many are done."""
        text = STEP[language.current()].format(n=self.done + 1, total=self.total, label=label)
        self._show(_Line(text, self.done, self.total))
        self.done += 1

    def finish(self):
        """Show the summary again."""
        self._show(_Line(self.summary))
