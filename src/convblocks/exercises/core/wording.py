"""Small helpers that keep the checker's sentences grammatical (a/an, lists, counts)."""


def a(words):
    """'a sep 3x3', 'an avg 3x3', 'an identity', 'an int'."""
    return f'an {words}' if words[:1].lower() in 'aeiou' else f'a {words}'


def a_number(n):
    """The article before a number read aloud: 'an' before 8, 11, 18, 80..., else 'a'."""
    return 'an' if str(n).startswith('8') or n in (11, 18) else 'a'


def listing(words):
    """'x', 'x and y', 'x, y and z'."""
    words = list(words)
    return words[0] if len(words) == 1 else ', '.join(words[:-1]) + ' and ' + words[-1]


def times(n):
    """'once', 'twice', '3 times'."""
    return {1: 'once', 2: 'twice'}.get(n, f'{n} times')


def count(n, noun):
    """'1 item', '2 items'."""
    return f'{n} {noun}{"" if n == 1 else "s"}'


def ordinal(n):
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    suffix = 'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')
    return f'{n}{suffix}'
