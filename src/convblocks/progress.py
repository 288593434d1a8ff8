"""A progress line for a long loop in a notebook, replaced by a fixed sentence at the end.

The line is one display that is updated in place, so a notebook shows where a long run is
while it runs, and what is left in the saved notebook is only the final sentence, the same
on every machine.
"""
import html

from IPython.display import display


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
    """Progress over `total` steps: step(label) before each step, finish(sentence) at the end."""

    def __init__(self, total):
        self.total, self.done = total, 0
        # outside IPython, display() prints the line and returns no handle
        self.handle = display(_Line(f'0 of {total} done', 0, total), display_id=True)

    def _show(self, line):
        if self.handle is None:
            print(line.text)
        else:
            self.handle.update(line)

    def step(self, label):
        """Say which step runs now (e.g. 'bottleneck, seed 2') and how many are done."""
        text = f'{self.done + 1} of {self.total}: {label}'
        self._show(_Line(text, self.done, self.total))
        self.done += 1

    def finish(self, sentence):
        """Replace the line by a sentence that does not depend on the run."""
        self._show(_Line(sentence))
