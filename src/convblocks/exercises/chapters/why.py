"""The "why" question of each block chapter, as the reader meets it in a notebook and the book.

    why('residual')                 the question and its statements a), b), c), ...
    answer_why('residual', 'c')     the verdict on your choice, with its explanation
    observe('residual')             the computation that shows the answer (predict first)

In the book (`convblocks.book.reveal.in_book()`), `why` outputs the form checked in the browser
(`why_form`) and `observe` folds its printout. The questions are `why_questions.QUESTIONS`.
"""
import html

from convblocks import language
from convblocks.book import reveal
from convblocks.checks.errors import Sentence
from convblocks.exercises.chapters import why_form, why_observe
from convblocks.exercises.chapters.why_questions import QUESTIONS, UI



def _ui():
    """The form's and the notebook's words in the current language (why_questions.UI)."""
    return UI[language.current()]


def _in_language(item, prefix=''):
    """A question's or option's text (prefix 'why_': its explanation) in the current language."""
    return getattr(item, prefix + language.current())


class WhyError(Sentence, ValueError):
    """A wrong argument to why, answer_why or observe: one sentence."""


class Answer(reveal.Shown):
    """The verdict on a choice and its explanation; `.right` says whether it was right."""

    def __init__(self, right, text):
        self.right = right
        colour = '#1e6b24' if right else '#8a2d00'
        super().__init__(f'<p style="border-left:4px solid {colour};padding:0.3em 0.7em">'
                         f'{why_form.inline(text)}</p>', text)

    def __bool__(self):
        return self.right


def _question(chapter):
    if isinstance(chapter, str) and chapter in QUESTIONS:
        return QUESTIONS[chapter]
    known = ', '.join(repr(name) for name in QUESTIONS)
    raise WhyError(language.pick(
        en=f'There is no "why" question for {chapter!r}; the chapters are {known}.',
        zh=f'{chapter!r} 没有“为什么”问题；有问题的章节是 {known}。'))


def _call(chapter):
    return f"answer_why({chapter!r}, '<letter>')"


def question_text(question):
    """The question and its lettered statements, as plain text (backticks kept)."""
    lines = [_in_language(question), '']
    lines += [f'{x}) {_in_language(o)}' for x, o in zip(question.letters, question.options)]
    return '\n'.join(lines + ['', _ui()['ask'].format(call=_call(question.chapter))])


def why(chapter):
    """Show the "why" question of `chapter` (in the book: the form that checks a choice)."""
    question = _question(chapter)
    text = question_text(question)
    if reveal.in_book():
        return reveal.Shown(why_form.form_html(question), text)
    items = ''.join(f'<li><b>{x})</b> {why_form.inline(_in_language(o))}</li>'
                    for x, o in zip(question.letters, question.options))
    ask = html.escape(_ui()['ask'].format(call=_call(chapter)))
    asked = why_form.inline(_in_language(question))
    return reveal.Shown(f'<div class="cb-why-question"><p>{asked}</p>'
                        f'<ul style="list-style:none">{items}</ul><p>{ask}</p></div>', text)


def answer_why(chapter, letter=None):
    """The verdict on `letter` for the "why" question of `chapter`, with its explanation."""
    question = _question(chapter)
    if letter is None:
        if reveal.in_book():
            return None   # the book's form above checks the choice
        todo = _ui()['todo'].format(call=_call(chapter))
        return reveal.Shown(f'<p>{html.escape(todo)}</p>', todo)
    choice = letter.strip().lower().rstrip(')') if isinstance(letter, str) else None
    if choice not in tuple(question.letters):
        options = ', '.join(repr(x) for x in question.letters)
        raise WhyError(language.pick(
            en=f'Choose one of {options} for the {chapter} question; you gave {letter!r}.',
            zh=f'{chapter} 的问题请从 {options} 中选一个；你给的是 {letter!r}。'))
    option = question.option(choice)
    verdict = _ui()['right' if option.right else 'wrong'].format(letter=choice)
    space = language.pick(en=' ', zh='')
    return Answer(option.right, f'{verdict}{space}{_in_language(option, "why_")}')


def observe(chapter):
    """Run the computation that shows the answer to `chapter`'s question (choose first)."""
    question = _question(chapter)
    if not question.observe:
        chapters = ', '.join(repr(q.chapter) for q in QUESTIONS.values() if q.observe)
        raise WhyError(language.pick(
            en=f'The {chapter} question has no computation to run; these do: {chapters}.',
            zh=f'{chapter} 的问题没有可运行的计算；有计算的是 {chapters}。'))
    shown = why_observe.parts(chapter)
    return reveal.Shown(why_form.observe_html(shown, both_languages=reveal.in_book()),
                        '\n'.join(why_observe.as_lines(shown)))
