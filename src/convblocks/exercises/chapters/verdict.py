"""What a chapter exercise's check returns: the AmoebaNet checker's Result, with its own words."""
from convblocks.exercises.core.result import Result


class Verdict(Result):
    """`status` is 'pass', 'fail' or 'todo'; `message` is one or two sentences."""
    TITLES = {'en': {**Result.TITLES['en'], 'todo': 'Not attempted yet'},
              'zh': {**Result.TITLES['zh'], 'todo': '尚未作答'}}
    CSS_CLASS = 'cb-verdict'
