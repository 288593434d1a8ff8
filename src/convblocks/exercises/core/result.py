"""What `check` returns: a verdict that reads well as plain text and in a notebook."""
import html
from dataclasses import dataclass, field

from convblocks import language

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

    TITLES = {'en': {'pass': 'Correct', 'fail': 'Not yet', 'todo': 'Not implemented yet',
                     'stopped': 'Stopped'},
              'zh': {'pass': '正确', 'fail': '还不对', 'todo': '尚未实现', 'stopped': '已停止'}}
    COLON = {'en': (':', ' '), 'zh': ('：', '')}   # after the title: the colon, then a space
    CSS_CLASS = 'amoeba-check'

    @property
    def passed(self):
        return self.status == 'pass'

    def __bool__(self):
        return self.passed

    def __str__(self):
        if self.status == 'stopped':
            return self.message
        colon, space = self.COLON[language.current()]
        return '\n'.join([f'{self.title()}{colon}{space}{self.message}',
                          *self.notes])

    def title(self):
        """The status in words, in the current language: 'Correct', 'Not yet', ..."""
        return self.TITLES[language.current()][self.status]

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        background, color = COLOURS[self.status]
        title = self.title()
        colon, space = self.COLON[language.current()]
        notes = ''.join(f'<p style="margin:0.3em 0 0 0">{html.escape(n)}</p>'
                        for n in self.notes)
        return (f'<div class="{self.CSS_CLASS}" style="border-left:4px solid {color};'
                f'background:{background};padding:0.5em 0.8em;color:#212121">'
                f'<strong style="color:{color}">{html.escape(title)}{colon}</strong>{space}'
                f'{html.escape(self.message)}{notes}</div>')
