"""End-of-chapter exercises: predict a number, change a block, design under a budget.

In a chapter notebook: `check('bottleneck', 1, 1234)` checks a number,
`check('bottleneck', 3, my_bottleneck)` checks a block function against the reference, and
`hint('bottleneck', 1)` / `solution('bottleneck', 1)` show the hint and the solution.
(Not to be confused with `convblocks.exercises.amoeba`, the AmoebaNet exercise.)
"""
from convblocks.exercises.chapters.page import check, hint, solution

__all__ = ['check', 'hint', 'solution']
