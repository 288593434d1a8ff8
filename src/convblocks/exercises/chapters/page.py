"""What the reader calls in a chapter notebook: check, hint and solution.

`check(chapter, number, answer)` shows the verdict, then the hint and the solution through
`convblocks.book.reveal`: folded dropdowns in the book, one-line pointers elsewhere (so Run All in
JupyterLab reveals nothing and the stored notebook holds neither). In the book, a numeric
exercise not yet answered shows an answer box instead, checked in the browser against
hashes (see `answer_box.py`). `hint(...)` and `solution(...)` show them on purpose.
"""
from convblocks import language
from convblocks.book import reveal
from convblocks.exercises.chapters import answer_box
from convblocks.exercises.chapters.catalog import find
from convblocks.exercises.core.run import TIME_LIMIT

TITLES = {'en': {'hint': 'Hint for exercise {n}', 'solution': 'Solution of exercise {n}'},
          'zh': {'hint': '练习 {n} 的提示', 'solution': '练习 {n} 的解答'}}


def title(part, number):
    """'Hint for exercise 2' (part 'hint') or 'Solution of exercise 2', in the current language."""
    return TITLES[language.current()][part].format(n=number)


class Checked(reveal.Shown):
    """The verdict and the folded hint and solution; `.verdict` is the Verdict itself."""

    def __init__(self, verdict, parts):
        self.verdict = verdict
        super().__init__(''.join(p.html for p in parts), '\n'.join(p.text for p in parts))

    def __bool__(self):
        return self.verdict.passed


def check(chapter=None, number=None, answer=None, time_limit=TIME_LIMIT):
    """Check your answer to exercise `number` of `chapter`: a number, or your function.

    A function runs under `time_limit` seconds (see convblocks.exercises.core.run).
    """
    exercise = find(chapter, number, 'check', 'None')
    verdict = exercise.check(answer, time_limit)
    if verdict.status == 'stopped':
        return Checked(verdict, [reveal.Shown(verdict._repr_html_(), str(verdict))])
    if reveal.in_book() and exercise.numeric and answer is None:
        first = reveal.Shown(answer_box.html_for(exercise), str(verdict))
    else:
        first = reveal.Shown(verdict._repr_html_(), str(verdict))
    ask = f"{chapter!r}, {number}"
    parts = [first,
             reveal.folded(title('hint', number), exercise.hint, f'hint({ask})'),
             reveal.folded(title('solution', number), exercise.solution_html(),
                           f'solution({ask})')]
    return Checked(verdict, parts)


def hint(chapter=None, number=None):
    """The hint of exercise `number` of `chapter`."""
    exercise = find(chapter, number, 'hint')
    return reveal.shown(title('hint', exercise.number), exercise.hint)


def solution(chapter=None, number=None):
    """The solution of exercise `number` of `chapter`, with its worked numbers or its code."""
    exercise = find(chapter, number, 'solution')
    return reveal.shown(title('solution', exercise.number), exercise.solution_html())
