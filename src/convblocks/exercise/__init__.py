"""The AmoebaNet exercise: the cell's diagram, graded hints, a checker, the solution.

`spec` holds the authors' encoding, `diagram` draws it, `hints` folds the three hints,
`attempt` puts a kernel-free version on the static page, `checker.check` compares a reader's
cell with the encoding (reading it with `graph`), and `solution` holds the reference cell.
"""
from convblocks.exercise.attempt import attempt_in_page
from convblocks.exercise.checker import check
from convblocks.exercise.diagram import show_diagram
from convblocks.exercise.hints import folded_hints, hint, show_encoding

__all__ = ['attempt_in_page', 'check', 'folded_hints', 'hint', 'show_diagram', 'show_encoding']
