"""The language the package writes in: its sentences, hints, verdicts and drawings.

English ('en') unless a notebook says otherwise; the Chinese notebooks start with
`language.use('zh')`. Modules keep their texts in one table per language and pick the
entry for `current()`; `using(lang)` writes in `lang` for a while (e.g. the book's
both-language outputs).
"""
from contextlib import contextmanager

LANGUAGES = ('en', 'zh')
_chosen = ['en']


class LanguageError(ValueError):
    """A language the package does not write in."""

    def _render_traceback_(self):
        """Jupyter shows the sentence instead of a traceback."""
        return [f'{type(self).__name__}: {self}']


def _checked(language):
    if language not in LANGUAGES:
        raise LanguageError(f'convblocks writes in {" or ".join(map(repr, LANGUAGES))}, '
                            f'not {language!r}.')
    return language


def use(language):
    """Write from now on in `language`: 'en' (English) or 'zh' (Chinese)."""
    _chosen[0] = _checked(language)


def current():
    """The language the package writes in now: 'en' or 'zh'."""
    return _chosen[0]


def pick(**texts):
    """The text for the current language: pick(en='Hint', zh='提示') -> '提示' after use('zh')."""
    return texts[current()]


@contextmanager
def using(language):
    """Write in `language` inside the with-block, then go back to the language before it."""
    before, _chosen[0] = _chosen[0], _checked(language)
    try:
        yield
    finally:
        _chosen[0] = before
