"""The checkers' words: English ones from convblocks.wording, and the Chinese spacing rule.

They live in convblocks.wording and are re-exported so that
`from convblocks.exercises.core.wording import ...` goes on working; new code imports
convblocks.wording. The checkers' Chinese sentences are put together from parts (layer names,
code, numbers); `spaced` gives them the zh edition's spacing and `listing_zh` joins words the
Chinese way.
"""
from convblocks.wording import (a, a_number, count, listing, listing_zh, ordinal, plural,
                                spaced, times)

__all__ = ['a', 'a_number', 'count', 'listing', 'listing_zh', 'ordinal', 'plural', 'spaced',
           'times']

