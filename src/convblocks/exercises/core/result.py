"""What `check` returns: a verdict that reads well as plain text and in a notebook."""
import html
from dataclasses import dataclass, field

COLOURS = {  # background, text (both meet WCAG AA on each other)
    'pass': ('#e8f5e9', '#2e7d32'),
    'fail': ('#fff3e0', '#b33c00'),
    'todo': ('#eceff1', '#37474f'),
    'stopped': ('#eceff1', '#37474f'),
}


@dataclass
class Result:
    """`status` is 'pass', 'fail', 'todo' or 'stopped'; `message` is the one thing to read first.

    A 'stopped' check (Ctrl-C, the Stop button) reads as its message alone, on one line.
    """
    status: str
    message: str
    notes: list = field(default_factory=list)    # extra sentences shown under the message
    problems: list = field(default_factory=list)  # every difference found, first one first

    TITLES = {'pass': 'Correct', 'fail': 'Not yet', 'todo': 'Not implemented yet',
              'stopped': 'Stopped'}
    CSS_CLASS = 'amoeba-check'

    @property
    def passed(self):
        return self.status == 'pass'

    def __bool__(self):
        return self.passed

    def __str__(self):
        if self.status == 'stopped':
            return self.message
        return '\n'.join([f'{self.TITLES[self.status]}: {self.message}', *self.notes])

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        background, color = COLOURS[self.status]
        title = self.TITLES[self.status]
        notes = ''.join(f'<p style="margin:0.3em 0 0 0">{html.escape(n)}</p>'
                        for n in self.notes)
        return (f'<div class="{self.CSS_CLASS}" style="border-left:4px solid {color};'
                f'background:{background};padding:0.5em 0.8em;color:#212121">'
                f'<strong style="color:{color}">{html.escape(title)}:</strong> '
                f'{html.escape(self.message)}{notes}</div>')
