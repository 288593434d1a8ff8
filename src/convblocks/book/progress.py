"""A progress line for a long loop in a notebook that ends as it began.

The line is one display, updated in place while the loop runs, so a notebook shows which
step is running. At the end it shows again the sentence it started with, which does not
depend on the run: the saved notebook is the same on every machine, and a checker that
ignores display updates (nbval) sees the same output as the saved notebook.

The lines are in `language.current()`. The experiments (training.compare, fair.run) word
their lines in English, and their code is fingerprinted by saved_runs (a changed line would
make every stored run stale), so the Chinese of their lines is here, in LINES_ZH.
"""
import html
import re

from IPython.display import display

from convblocks import language
from convblocks.drawing.names import shown

# '3 of 12: training bottleneck, seed 2', per language.
STEP = {'en': '{n} of {total}: {label}', 'zh': '第 {n} 步，共 {total} 步：{label}'}
# The experiments' English lines -> their Chinese ({block}: a label, shown in Chinese).
LINES_ZH = [
    (r'(?P<n>\d+) networks trained\.', '已训练 {n} 个网络。'),
    (r'training (?P<block>.+) at f=(?P<f>\d+), seed (?P<seed>\d+)',
     '训练：{block}（f={f}，种子 {seed}）'),
    (r'(?P<n>\d+) networks: (?P<b>\d+) blocks? × (?P<s>\d+) seeds?, trained one after '
     r'another\.', '{n} 个网络：{b} 个模块 × {s} 个种子，依次训练。'),
    (r'training (?P<block>.+), seed (?P<seed>\d+)', '训练：{block}（种子 {seed}）'),
]


def said(text):
    """`text` in the current language: an experiment's English line in Chinese under 'zh'
    (LINES_ZH); any other text as it is."""
    if language.current() != 'zh':
        return text
    for pattern, chinese in LINES_ZH:
        found = re.fullmatch(pattern, text)
        if found:
            values = found.groupdict()
            if 'block' in values:
                values['block'] = shown(values['block'])
            return chinese.format(**values)
    return text


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
        self.total, self.done, self.summary = total, 0, said(summary)
        # outside IPython, display() prints the line and returns no handle
        self.handle = display(_Line(self.summary), display_id=True)

    def _show(self, line):
        if self.handle is None:
            print(line.text)
        else:
            self.handle.update(line)

    def step(self, label):
        """Say which step runs now (e.g. 'bottleneck, seed 2') and how many are done."""
        text = STEP[language.current()].format(n=self.done + 1, total=self.total,
                                               label=said(label))
        self._show(_Line(text, self.done, self.total))
        self.done += 1

    def finish(self):
        """Show the summary again."""
        self._show(_Line(self.summary))
