"""convblocks.wording: the one module for plurals, a/an, lists, counts and times."""
from convblocks import wording
from convblocks.exercises.core import wording as checker_wording


def test_plurals_and_counts():
    assert [wording.plural('filter', n) for n in (0, 1, 2)] == ['filters', 'filter', 'filters']
    assert [wording.count(n, 'layer') for n in (0, 1, 5)] == ['0 layers', '1 layer', '5 layers']


def test_articles():
    assert [wording.a(w) for w in ('avg 3x3', 'sep 3x3', 'identity', 'Inception', 'int')] == [
        'an avg 3x3', 'a sep 3x3', 'an identity', 'an Inception', 'an int']
    assert [wording.a_number(n) for n in (8, 4, 11, 18, 80, 12, 800)] == [
        'an', 'a', 'an', 'an', 'an', 'a', 'an']


def test_listings_and_times():
    assert [wording.listing(w) for w in ([], ['x'], ['x', 'y'], ('x', 'y', 'z'))] == [
        '', 'x', 'x and y', 'x, y and z']
    assert wording.listing(iter(['a', 'b'])) == 'a and b'
    assert [wording.times(n) for n in (1, 2, 3)] == ['once', 'twice', '3 times']


def test_the_checkers_module_is_the_same_words():
    for name in ('a', 'a_number', 'count', 'listing', 'plural', 'times'):
        assert getattr(checker_wording, name) is getattr(wording, name)
