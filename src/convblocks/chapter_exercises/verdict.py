"""What a check returns: a verdict that reads well as plain text and in a notebook."""
import html
from dataclasses import dataclass, field

STYLES = {
    'pass': ('#e8f5e9', '#2e7d32', 'Correct'),
    'fail': ('#fff3e0', '#b33c00', 'Not yet'),
    'todo': ('#eceff1', '#37474f', 'Not attempted yet'),
}


@dataclass
class Verdict:
    """`status` is 'pass', 'fail' or 'todo'; `message` is one or two sentences."""
    status: str
    message: str
    notes: list = field(default_factory=list)

    @property
    def passed(self):
        return self.status == 'pass'

    def __bool__(self):
        return self.passed

    def __str__(self):
        return '\n'.join([f'{STYLES[self.status][2]}: {self.message}', *self.notes])

    __repr__ = __str__

    def _repr_html_(self):
        background, color, title = STYLES[self.status]
        notes = ''.join(f'<p style="margin:0.3em 0 0 0">{html.escape(n)}</p>'
                        for n in self.notes)
        return (f'<div class="cb-verdict" style="border-left:4px solid {color};'
                f'background:{background};padding:0.5em 0.8em;color:#212121">'
                f'<strong style="color:{color}">{html.escape(title)}:</strong> '
                f'{html.escape(self.message)}{notes}</div>')
