"""The AmoebaNet exercise: the cell's diagram, graded hints, a checker, the solution.

`spec` holds the authors' encoding, `diagram` draws it, `hints` folds the three hints,
`attempt` puts a kernel-free version on the static page, `checker.check` compares a reader's
cell with the encoding (reading it with `graph`), and `solution` holds the reference cell.
"""
from convblocks.exercises.amoeba.attempt import attempt_in_page
from convblocks.exercises.amoeba.checker import check
from convblocks.exercises.amoeba.diagram import show_diagram
from convblocks.exercises.amoeba.hints import folded_hints, hint, show_encoding

__all__ = ['attempt_in_page', 'check', 'folded_hints', 'hint', 'show_diagram', 'show_encoding']
