"""English words for sentences made from data: plurals, a/an, lists, counts and times.

The one place for these: checks, drawing, experiments and exercises all import it, and it
imports nothing of convblocks (the bottom of the dependency order).
"""


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
