"""Errors that carry one sentence for the reader: Jupyter shows the sentence, not a traceback.

They are ordinary ValueError and TypeError subclasses, so `except ValueError` still works.
"""


class Sentence(Exception):
    """An error whose message is all a reader needs to see."""

    def _render_traceback_(self):
        """IPython and Jupyter show this instead of the traceback."""
        return [f'{type(self).__name__}: {self}']


class BlockValueError(Sentence, ValueError):
    """A setting a block cannot build, e.g. f // r = 0 channels."""


class BlockTypeError(Sentence, TypeError):
    """A knob or argument of the wrong kind, e.g. f = 32.5 or an unknown knob."""
