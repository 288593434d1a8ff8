"""The AmoebaNet exercise: the cell's diagram, a checker for the reader's cell, the solution.

`spec` holds the authors' encoding, `diagram` draws it, `checker.check` compares a reader's
cell with it, and `solution` holds the reference cell (imported only when revealed).
"""
from convblocks.exercise.checker import check

__all__ = ['check']
