"""What a chapter exercise's check returns: the AmoebaNet checker's Result, with its own words."""
from convblocks.exercises.core.result import Result


class Verdict(Result):
    """`status` is 'pass', 'fail' or 'todo'; `message` is one or two sentences."""
    TITLES = {**Result.TITLES, 'todo': 'Not attempted yet'}
    CSS_CLASS = 'cb-verdict'
