"""The checkers' words: English ones from convblocks.wording, and the Chinese spacing rule.

They live in convblocks.wording and are re-exported so that
`from convblocks.exercises.core.wording import ...` goes on working; new code imports
convblocks.wording. The checkers' Chinese sentences are put together from parts (layer names,
code, numbers); `say(en=..., zh=...)` picks a sentence for the current language and gives
the Chinese the zh edition's spacing (`spaced`); `listing_zh` joins words the Chinese way.
"""
from convblocks import language
from convblocks.wording import (a, a_number, count, listing, listing_zh, ordinal, plural,
                                spaced, times)

__all__ = ['a', 'a_number', 'count', 'listing', 'listing_zh', 'ordinal', 'plural', 'say',
           'spaced', 'times']


def say(en, zh):
    """The checkers' one sentence in the current language (the Chinese with `spaced`)."""
    return en if language.current() == 'en' else spaced(zh)

