"""Words for sentences made from data: plurals, a/an, lists, counts, times; Chinese spacing.

The one place for these: checks, drawing, experiments and exercises all import it, and it
imports nothing of convblocks (the bottom of the dependency order).
"""
import re


def plural(noun, n):
    """`noun` for one, `noun` + 's' for any other number: 'filter', 'filters'."""
    return noun if n == 1 else f'{noun}s'


def count(n, noun):
    """'1 item', '2 items', '0 items'."""
    return f'{n} {plural(noun, n)}'


def a(words):
    """'a sep 3x3', 'an avg 3x3', 'an identity', 'an int'."""
    return f'an {words}' if words[:1].lower() in 'aeiou' else f'a {words}'


def a_number(n):
    """The article before a number read aloud: 'an' before 8, 11, 18, 80..., else 'a'."""
    return 'an' if str(n).startswith('8') or n in (11, 18) else 'a'


def listing(words):
    """'x', 'x and y', 'x, y and z'; '' for no words."""
    words = list(words)
    if len(words) < 2:
        return ''.join(words)
    return ', '.join(words[:-1]) + ' and ' + words[-1]


def times(n):
    """'once', 'twice', '3 times'."""
    return {1: 'once', 2: 'twice'}.get(n, f'{n} times')


def ordinal(n):
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    suffix = 'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')
    return f'{n}{suffix}'


# --- Chinese ----------------------------------------------------------------------------------
# Sentences made from data in Chinese follow the zh edition's spacing rule: one space between
# a Chinese character and a Latin word or a number, none between two Chinese characters or
# next to full-width punctuation. `spaced` applies it to a sentence put together from parts.

HAN = '\u4e00-\u9fff'
FULL_WIDTH = '，。；：、（）“”！？「」'
_RULES = [
    (re.compile(f'(?<=[{HAN}]) +(?=[{HAN}])'), ''),
    (re.compile(f' +(?=[{FULL_WIDTH}])|(?<=[{FULL_WIDTH}]) +'), ''),
    (re.compile(f"(?<=[{HAN}])(?=[A-Za-z0-9_'({{\\[])"), ' '),
    (re.compile(f"(?<=[A-Za-z0-9_')}}\\]])(?=[{HAN}])"), ' '),
]


def spaced(text):
    """`text` with the zh spacing rule applied at every Chinese/Latin boundary."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def listing_zh(words):
    """'x', 'x 和 y', 'x、y 和 z'; '' for no words."""
    words = list(words)
    if len(words) < 2:
        return ''.join(words)
    return '、'.join(words[:-1]) + ' 和 ' + words[-1]
