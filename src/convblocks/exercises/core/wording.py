"""The checkers' words (a/an, lists, counts): convblocks.wording, the one module for them.

Kept so that `from convblocks.exercises.core.wording import ...` goes on working; new code
imports convblocks.wording.
"""
from convblocks.wording import a, a_number, count, listing, ordinal, plural, times

__all__ = ['a', 'a_number', 'count', 'listing', 'ordinal', 'plural', 'times']
