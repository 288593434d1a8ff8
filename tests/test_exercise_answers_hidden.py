"""No numeric exercise's answer is on its page before the reader works it out, in either edition.

For every numeric exercise, on its chapter's built page (English and Chinese) and in the
page's stored widget data: the answer, in every spelling the pages use (1234, 1,234, 1 234
with plain, no-break or thin spaces), occurs nowhere outside the exercise's own folded
solution; and no setting the page's explorers can reach gives it (computed over each
explorer's slider grid, read from its stored state, with convblocks.counting). A budget
exercise is given away when an explorer offers the answer's setting, so none may.
"""
import html
import itertools
import json
import re

import pytest

from convblocks import counting
from convblocks.exercises.chapters import mistakes, why_form
from convblocks.exercises.chapters.catalog import EXERCISES
from convblocks.exercises.chapters.page import TITLES

NUMERIC = [e for e in EXERCISES if e.numeric]
EDITIONS = {'en': '', 'zh': 'zh/'}
BUDGETS = {('residual', 3): ('residual_block', {'r': 4}, 'f'),
           ('resnext', 3): ('resnext_block', {'f': mistakes.RESNEXT_F, 'r': 1}, 'c')}


def name(exercise):
    return f'{exercise.chapter}-{exercise.number}'


def spellings(n):
    grouped = f'{n:,}'
    return {str(n), grouped, *(grouped.replace(',', space) for space in ' \u00a0\u202f')}


def occurrences(text, n):
    """Where `n` occurs as a whole number (not inside a longer one) in `text`."""
    found = []
    for spelled in spellings(n):
        pattern = rf'(?<![0-9])(?<![0-9][,.\u00a0\u202f ]){re.escape(spelled)}' \
                  rf'(?![0-9]|[,.\u00a0\u202f ][0-9])'
        found += [text[max(0, m.start() - 60):m.end() + 60]
                  for m in re.finditer(pattern, text)]
    return found


def page_and_widgets(built_book, edition, chapter):
    root = built_book / EDITIONS[edition]
    page = (root / 'book' / f'{chapter}.html').read_text()
    state = root / '_static' / 'widget-state' / 'book' / f'{chapter}.js'
    widgets = state.read_text() if state.exists() else ''
    return page, widgets


def without_own_solution(page, exercise, edition):
    title = re.escape(TITLES[edition]['solution'].format(n=exercise.number))
    solution = rf'<details class="cb-folded"><summary>{title}</summary>.*?</details>'
    assert re.search(solution, page, re.S), 'the page lost the folded solution'
    return re.sub(solution, '', page, flags=re.S)


WHY_DATA = re.compile(r'data-why="([^"]*)"')


def why_explanations(match):
    """A "why" form's stored data as the reader can reveal it: every statement's explanation
    in plain text (the page keeps them scrambled until a choice is checked)."""
    data = json.loads(html.unescape(match.group(1)))
    return ' '.join(why_form.unscramble(f"{data['salt']}:{letter}", blob)
                    for letter, blob in data['options'].items())


def readable(text):
    """The text as a reader sees it: JSON's \\uXXXX escapes and HTML entities decoded, the
    "why" forms' explanations unscrambled, hashes and widget ids (hex strings that contain
    digits by chance) left out."""
    text = WHY_DATA.sub(why_explanations, text)
    text = re.sub(r'\\u([0-9a-fA-F]{4})', lambda m: chr(int(m.group(1), 16)), text)
    return re.sub(r'[0-9a-f]{32,}', '', html.unescape(text))


def explorers(widgets):
    """(block, size, {knob: values}) of every explorer in a page's stored widget state."""
    if not widgets:
        return []
    state = json.loads(widgets[widgets.index('{'):widgets.rindex('}') + 1])['state']
    found = []
    for model in state.values():
        s = model['state']
        if s.get('_anywidget_id', '').endswith('Explorer'):
            grid = {knob[0]: knob[1] for knob in s['knobs']}   # [name, values, kind]
            grid.update({knob: [value] for knob, value in s.get('fixed', {}).items()})
            found.append((s['block'], s['size'], grid))
    return found


def settings(grid):
    names = list(grid)
    for values in itertools.product(*grid.values()):
        yield dict(zip(names, values))


def reached(exercise, block, size, grid):
    """The explorer settings that show the exercise's answer (or, for a budget, its setting)."""
    key = (exercise.chapter, exercise.number)
    found = []
    if key in BUDGETS:
        wanted, fixed, knob = BUDGETS[key]
        target = {**fixed, knob: exercise.answer()}
        if block == wanted:
            found = [s for s in settings(grid) if all(s.get(k) == v for k, v in target.items())]
        return found
    wanted, _ = mistakes.SETTINGS[key]
    if block != wanted:
        return found
    for setting in settings(grid):
        knobs = dict(setting)
        channels = knobs.pop('channels', None)
        try:
            if exercise.kind == 'params':
                value = counting.params(block, channels=channels, **knobs)
            elif exercise.kind == 'macs':
                value = counting.macs(block, size=size, channels=channels, **knobs)
            else:
                value = (channels or knobs['f']) + knobs['d'] * knobs['f']
        except ValueError:   # an impossible setting shows a sentence, not a number
            continue
        if value == exercise.answer():
            found.append(setting)
    return found


@pytest.mark.parametrize('edition', EDITIONS)
@pytest.mark.parametrize('exercise', NUMERIC, ids=name)
def test_the_answer_is_nowhere_on_its_page_but_in_its_solution(built_book, exercise, edition):
    page, widgets = page_and_widgets(built_book, edition, exercise.chapter)
    assert occurrences(page, exercise.answer())   # it is in the solution, so the search works
    text = readable(without_own_solution(page, exercise, edition)) + readable(widgets)
    assert not occurrences(text, exercise.answer())


@pytest.mark.parametrize('edition', EDITIONS)
@pytest.mark.parametrize('exercise', NUMERIC, ids=name)
def test_no_slider_setting_of_the_page_shows_the_answer(built_book, exercise, edition):
    _, widgets = page_and_widgets(built_book, edition, exercise.chapter)
    found = explorers(widgets)
    assert found, 'every chapter with exercises has an explorer'
    for block, size, grid in found:
        assert not reached(exercise, block, size, grid), (block, grid)


def test_the_search_finds_every_spelling_and_only_whole_numbers():
    assert occurrences('a 2,520 b', 2520) and occurrences('2520', 2520)
    assert occurrences('2\u202f520', 2520) and occurrences('(2 520)', 2520)
    assert not occurrences('12,520 and 2,5201 and 2520.5 and 1,002,520', 2520)
    assert not occurrences('84,000 184 840', 84) and occurrences('f = 84.', 84)
