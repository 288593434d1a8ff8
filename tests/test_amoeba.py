"""The AmoebaNet exercise: reference cell, encoding, checker verdicts, hints, page, diagram."""
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from convblocks.book import reveal
from convblocks.aliases import avgpool, maxpool, sepconv
from convblocks.exercises.amoeba import attempt, check, compare, diagram, hints, spec
from convblocks.exercises.core import graph
from convblocks.exercises.amoeba.solution import amoeba_normal_cell, macs, params
from convblocks.quiet import keras
from keras import layers
from keras.layers import add, concatenate


# --- the reference and the encoding agree --------------------------------------------------

def test_encoding_reads_as_five_pairs_and_four_concatenated_states():
    described = [(p.name, [spec.describe_branch(b) for b in p.branches]) for p in spec.pairs()]
    assert described == [
        ('a', ['avg 3x3 of h_i', 'max 3x3 of h_i']),
        ('b', ['sep 3x3 of h_{i-1}', 'h_{i-1} itself']),
        ('c', ['h_i itself', 'avg 3x3 of h_{i-1}']),
        ('d', ['sep 3x3 of h_i', 'sep 5x5 of add a']),
        ('e', ['avg 3x3 of add d', 'sep 3x3 of h_i']),
    ]
    # Used flag 0: h_{i-1} (state 1), b (3), c (4) and e (6). h_{i-1} is concatenated even
    # though adds b and c use it; h_i, a and d are not.
    assert spec.concatenated() == ['h_{i-1}', 'b', 'c', 'e']


def test_reference_cell_has_the_encoded_structure():
    x1, x2 = keras.Input((8, 8, 8)), keras.Input((8, 8, 8))
    cell = graph.read(amoeba_normal_cell(x1, x2, f=8), {'h_{i-1}': x1, 'h_i': x2})
    assert compare.problems(cell, 8) == []
    assert compare.concat_order(cell, 8) == ['h_{i-1}', 'b', 'c', 'e']


def test_closed_form_counts_match_keras():
    for f, size in [(8, 8), (32, 16), (5, 7)]:
        x1, x2 = keras.Input((size, size, f)), keras.Input((size, size, f))
        model = keras.Model([x1, x2], amoeba_normal_cell(x1, x2, f=f))
        assert model.output_shape == (None, size, size, 4 * f)
        assert params(f) == model.count_params()
        sep_macs = sum(size * size * (layer.kernel_size[0] ** 2 * f + f * layer.filters)
                       for layer in model.layers if isinstance(layer, layers.SeparableConv2D))
        assert macs(size, f) == sep_macs


def test_reference_rejects_mismatched_channels():
    with pytest.raises(ValueError, match='x1 has 4 channels but f = 8'):
        amoeba_normal_cell(keras.Input((8, 8, 4)), keras.Input((8, 8, 8)), f=8)
    stand_in = SimpleNamespace(shape=(None, 8, 8, 8))
    with pytest.raises(ValueError, match='f = 0; use f >= 1'):
        amoeba_normal_cell.rule(stand_in, stand_in, f=0)


# --- equivalent rewrites pass --------------------------------------------------------------

def swapped_add_arguments(x1, x2, f=32):
    a = add([maxpool(x2, k=3, s=1), avgpool(x2, k=3, s=1)])
    b = add([x1, sepconv(x1, f, k=3)])
    c = add([avgpool(x1, k=3, s=1), x2])
    d = add([sepconv(a, f, k=5), sepconv(x2, f, k=3)])
    e = add([sepconv(x2, f, k=3), avgpool(d, k=3, s=1)])
    return concatenate([x1, b, c, e])


def other_names_and_order(prev, cur, f=32):
    right = add([cur, avgpool(prev, k=3, s=1)])
    left = add([sepconv(prev, f, k=3), prev])
    pools = add([avgpool(cur, k=3, s=1), maxpool(cur, k=3, s=1)])
    mixed = add([sepconv(cur, f, k=3), sepconv(pools, f, k=5)])
    last = add([avgpool(mixed, k=3, s=1), sepconv(cur, f, k=3)])
    return concatenate([prev, left, right, last])


def layer_objects_and_operators(x1, x2, f=32):
    def sep(x, k):
        return layers.SeparableConv2D(f, k, padding='same', activation='relu')(x)

    def pool(kind, x):
        return kind(3, strides=1, padding='same')(x)
    a = layers.Add()([pool(layers.AveragePooling2D, x2), pool(layers.MaxPooling2D, x2)])
    b = sep(x1, 3) + x1
    c = layers.Add()([x2, pool(layers.AveragePooling2D, x1)])
    d = keras.ops.add(sep(x2, 3), sep(a, 5))
    e = layers.Add()([pool(layers.AveragePooling2D, d), sep(x2, 3)])
    return layers.Concatenate(axis=3)([x1, b, c, e])


def concat_in_other_order(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, f, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    e = add([avgpool(d, k=3, s=1), sepconv(x2, f, k=3)])
    return concatenate([e, c, b, x1])


@pytest.mark.parametrize('fn', [amoeba_normal_cell, swapped_add_arguments,
                                other_names_and_order, layer_objects_and_operators,
                                concat_in_other_order])
def test_checker_accepts_equivalent_cells(fn):
    result = check(fn)
    assert result.passed, str(result)
    assert str(result).startswith('Correct: your cell matches')


def test_checker_mentions_a_different_concatenation_order():
    assert 'only reorders the output channels' in str(check(concat_in_other_order))
    assert 'reorders' not in str(check(swapped_add_arguments))


# --- wrong attempts get their own message --------------------------------------------------

def cell(x1, x2, f, ops=None, concat=('x1', 'b', 'c', 'e')):
    """The reference cell with some of its ten operations (or its output list) replaced.

    Each operation is a function of a namespace `n` holding x1, x2, f and the sums so far.
    """
    pieces = {'a1': lambda n: avgpool(n.x2, k=3, s=1), 'a2': lambda n: maxpool(n.x2, k=3, s=1),
              'b1': lambda n: sepconv(n.x1, n.f, k=3), 'b2': lambda n: n.x1,
              'c1': lambda n: n.x2, 'c2': lambda n: avgpool(n.x1, k=3, s=1),
              'd1': lambda n: sepconv(n.x2, n.f, k=3), 'd2': lambda n: sepconv(n.a, n.f, k=5),
              'e1': lambda n: avgpool(n.d, k=3, s=1), 'e2': lambda n: sepconv(n.x2, n.f, k=3)}
    pieces.update(ops or {})
    n = SimpleNamespace(x1=x1, x2=x2, f=f)
    for name in 'abcde':
        setattr(n, name, add([pieces[name + '1'](n), pieces[name + '2'](n)]))
    return concatenate([getattr(n, name) for name in concat])


def variant(**changes):
    """A reader's cell that differs from the reference as `changes` say."""
    return lambda x1, x2, f=32: cell(x1, x2, f, **changes)


def stub(x1, x2, f=32):
    raise NotImplementedError


def returns_none(x1, x2, f=32):
    add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])


def returns_list(x1, x2, f=32):
    return [x1, add([sepconv(x1, f, k=3), x1])]


def returns_numpy(x1, x2, f=32):
    return np.zeros((1, 8, 8, 4 * f))


def raises_name_error(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    return concatenate([x1, a, undefined_b])  # noqa: F821


def renamed_argument(x1, x2, filters=32):
    return x1


def default_pools(x1, x2, f=32):
    a = add([avgpool(x2), maxpool(x2, k=3, s=1)])
    return concatenate([x1, a])


def fixed_32_filters(x1, x2, f=32):
    b = add([sepconv(x1, 32, k=3), x1])
    return concatenate([x1, b])


def valid_padding(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1, p='valid'), maxpool(x2, k=3, s=1)])
    return concatenate([x1, a])


def missing_add(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, f, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    return concatenate([x1, b, c, d])


def extra_add(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, f, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    e = add([avgpool(d, k=3, s=1), sepconv(x2, f, k=3)])
    g = add([sepconv(e, f, k=3), b])
    return concatenate([x1, b, c, e, g])


def shared_sepconv(x1, x2, f=32):
    shared = sepconv(x2, f, k=3)
    return cell(x1, x2, f, ops={'d1': lambda n: shared, 'e2': lambda n: shared})


def fixed_8_filters(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, 8, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    e = add([avgpool(d, k=3, s=1), sepconv(x2, f, k=3)])
    return concatenate([x1, b, c, e])


def ends_with_add(x1, x2, f=32):
    b = add([sepconv(x1, f, k=3), x1])
    return add([x1, b])


NOT_YET = 'Not yet: '
WRONG_ATTEMPTS = {
    'stub not filled in': (
        stub, 'Not implemented yet: replace the body of amoeba_normal_cell with your cell, '
              'run its cell again, then run this check.'),
    'returns None': (
        returns_none, 'Your function returns None; end it with return concatenate([...]) of '
                      'the states the cell outputs.'),
    'returns a list': (
        returns_list, 'Your function returns a list of 2 items; return one tensor: '
                      'concatenate([...]) of the states the cell outputs.'),
    'returns a numpy array': (
        returns_numpy, 'Your function returns a numpy.ndarray, not a Keras tensor; build the '
                       'cell from x1 and x2 with Keras layers (sepconv, avgpool, maxpool, add, '
                       'concatenate).'),
    'exception in the code': (
        raises_name_error, "Your function raised NameError in `return concatenate([x1, a, "
                           "undefined_b])  # noqa: F821`: name 'undefined_b' is not defined"),
    'renamed argument': (
        renamed_argument, 'check calls your function as fn(x1, x2, f=12); keep the signature '
                          'amoeba_normal_cell(x1, x2, f=32).'),
    'pools with the alias defaults (wrong shape)': (
        default_pools, "Keras could not add a 4x4 tensor with an 8x8 one in `a = add(["
                       "avgpool(x2), maxpool(x2, k=3, s=1)])`: an average pool with k=2, s=2 "
                       "(the aliases' defaults) halves it; every operation in the cell keeps "
                       "the size, so pools need k=3, s=1."),
    'valid padding (wrong shape)': (
        valid_padding, "Keras could not add a 6x6 tensor with an 8x8 one in `a = add([avgpool("
                       "x2, k=3, s=1, p='valid'), maxpool(x2, k=3, s=1)])`: an average pool "
                       "with padding='valid' shrinks it; every operation in the cell keeps the "
                       "size, so keep the aliases' padding='same'."),
    'a fixed filter count that breaks an add': (
        fixed_32_filters, 'Keras could not add tensors with 12 and 32 channels in `b = add(['
                          'sepconv(x1, 32, k=3), x1])`: every sepconv in the cell needs f '
                          'filters, and f = 12 in this check: did you write 32 instead of f?'),
    'a wrong filter count': (
        variant(ops={'d1': lambda n: sepconv(n.x2, n.f // 2, k=3),
                     'd2': lambda n: sepconv(n.a, n.f // 2, k=5),
                     'e2': lambda n: sepconv(n.x2, n.f // 2, k=3)}),
        'In add d (sep 3x3 + sep 5x5), the sepconv of h_i should have f = 12 filters, not 6: '
        'every sepconv in the cell outputs f channels.\nThe check found 2 other differences; '
        'run it again after fixing this one.'),
    'inputs swapped': (
        lambda x1, x2, f=32: cell(x2, x1, f),
        'Your cell has the two inputs swapped: x1 is the older input h_{i-1} and x2 the newer '
        'input h_i (as in the NASNet chapter).'),
    'pool kinds swapped everywhere': (
        variant(ops={'a1': lambda n: maxpool(n.x2, k=3, s=1),
                     'a2': lambda n: avgpool(n.x2, k=3, s=1),
                     'c2': lambda n: maxpool(n.x1, k=3, s=1),
                     'e1': lambda n: maxpool(n.d, k=3, s=1)}),
        'Your cell swaps the two kinds of pooling: every average pool should be a max pool and '
        'every max pool an average pool.'),
    'one pool of the wrong kind': (
        variant(ops={'c2': lambda n: maxpool(n.x1, k=3, s=1)}),
        'In add c (identity + avg 3x3), the pooling of h_{i-1} should be average pooling, not '
        'max pooling.'),
    'max pooling on the wrong input': (
        variant(ops={'a2': lambda n: maxpool(n.x1, k=3, s=1)}),
        'In add a (avg 3x3 + max 3x3), the max 3x3 should take h_i, not h_{i-1}.'),
    'a sepconv on the wrong state': (
        variant(ops={'d2': lambda n: sepconv(n.c, n.f, k=5)}),
        'In add d (sep 3x3 + sep 5x5), the sep 5x5 should take add a, not add c.\nThe check '
        'found 1 other difference; run it again after fixing this one.'),
    'missing state in the concatenation': (
        variant(concat=('b', 'c', 'e')),
        'The output concatenates 3 tensors; the cell concatenates 4, including the untouched '
        'h_{i-1}.'),
    'extra state in the concatenation': (
        variant(concat=('x1', 'a', 'b', 'c', 'e')),
        'The output concatenates 5 tensors; the cell concatenates 4. Leave out add a: add d uses '
        'it, and the output only takes the sums no add uses, plus h_{i-1}.'),
    'h_i in the concatenation': (
        variant(concat=('x1', 'x2', 'b', 'c', 'e')),
        'The output concatenates 5 tensors; the cell concatenates 4. Leave out h_i: the cell '
        'does not output it.'),
    'a 5x5 where a 3x3 belongs': (
        variant(ops={'b1': lambda n: sepconv(n.x1, n.f, k=5)}),
        'In add b (sep 3x3 + identity), the sepconv of h_{i-1} should be 3x3, not 5x5.'),
    'a 3x3 where a 5x5 belongs': (
        variant(ops={'d2': lambda n: sepconv(n.a, n.f, k=3)}),
        'In add d (sep 3x3 + sep 5x5), the sepconv of add a should be 5x5, not 3x3.'),
    'two stacked sepconvs (the original, not the simplification)': (
        variant(ops={'b1': lambda n: sepconv(sepconv(n.x1, n.f, k=3), n.f, k=3)}),
        'In add b (sep 3x3 + identity), use one sep 3x3 on h_{i-1}, not 2 stacked ones: the '
        'article simplifies each separable op to a single sepconv.'),
    'identity where a sepconv belongs': (
        variant(ops={'b1': lambda n: n.x1}),
        'In add b (sep 3x3 + identity), h_{i-1} should go through a sep 3x3; yours adds it '
        'unchanged.'),
    'a sepconv where identity belongs': (
        variant(ops={'c1': lambda n: sepconv(n.x2, n.f, k=3)}),
        'In add c (identity + avg 3x3), h_i should be added as it is (identity), not through a '
        'sep 3x3.'),
    'a plain conv instead of a sepconv': (
        variant(ops={'b1': lambda n: layers.Conv2D(n.f, 3, padding='same')(n.x1)}),
        'In add b (sep 3x3 + identity), h_{i-1} should go through a sep 3x3, not a Conv2D 3x3.'),
    'a sepconv without its ReLU': (
        variant(ops={'e2': lambda n: sepconv(n.x2, n.f, k=3, a=None)}),
        "In add e (avg 3x3 + sep 3x3), the sepconv of h_i should use the sepconv alias's "
        "default activation 'relu', not 'linear'."),
    'a missing add': (
        missing_add, 'Add e is missing (or does not lead to the output): it should add avg 3x3 '
                     'of add d and sep 3x3 of h_i.\nThe check found 1 other difference; run it '
                     'again after fixing this one.'),
    'an add of three tensors': (
        variant(ops={'c2': lambda n: avgpool(n.x1, k=3, s=1) + n.x1}),
        'Add c (identity + avg 3x3) should add 2 tensors; yours adds 3: h_i, avg 3x3 of '
        'h_{i-1} and h_{i-1}.'),
    'an extra add': (
        extra_add, 'Your cell has an extra add of sep 3x3 of add e and add b; the cell has five '
                   'adds, a to e, as in the diagram.\nThe check found 1 other difference; run it '
                   'again after fixing this one.'),
    'one sepconv shared by two adds': (
        shared_sepconv, 'Add d and add e share one sep 3x3 of h_i; in the cell each add has '
                        'its own, with its own weights.'),
    'a filter count written as 8': (
        fixed_8_filters, 'Keras could not add tensors with 8 and 12 channels in `b = add(['
                         'sepconv(x1, 8, k=3), x1])`: every sepconv in the cell needs f filters, '
                         'and f = 12 in this check: did you write 8 instead of f?'),
    'ends with an add': (
        ends_with_add, 'The cell should end with a concatenation of h_{i-1}, b, c and e; yours '
                       'ends with an add.'),
}


@pytest.mark.parametrize('name', list(WRONG_ATTEMPTS))
def test_checker_rejects_wrong_attempt_with_its_message(name):
    fn, message = WRONG_ATTEMPTS[name]
    result = check(fn)
    assert not result.passed
    expected = message if message.startswith('Not implemented') else NOT_YET + message
    assert str(result) == expected


def test_every_wrong_attempt_has_a_distinct_message():
    messages = [m for _, m in WRONG_ATTEMPTS.values()]
    assert len(set(messages)) == len(messages) >= 10


@pytest.mark.parametrize('thing', [None, 42, 'amoeba_normal_cell'])
def test_checker_explains_a_non_function(thing):
    result = check(thing)
    assert not result.passed
    assert str(result).startswith('Not yet: check needs your function itself')


def test_checker_explains_an_eager_tensor():
    result = check(lambda x1, x2, f=32: keras.ops.zeros((1, 8, 8, 4 * f)))
    assert 'not a Keras tensor' in str(result)


def test_result_shows_in_a_notebook():
    html = check(stub)._repr_html_()
    assert 'Not implemented yet' in html and '<div' in html
    assert 'Correct' in check(amoeba_normal_cell)._repr_html_()


# --- the diagram ---------------------------------------------------------------------------

def test_diagram_is_drawn_from_the_encoding():
    source = diagram.dot_source()
    for pair in spec.pairs():
        for index, branch in enumerate(pair.branches):
            assert f'{diagram._node(branch.source)} -> {pair.name}{index};' in source
            assert f'{pair.name}{index} -> {pair.name};' in source
    assert [line.split(' ->')[0].strip() for line in source.splitlines()
            if line.endswith('-> concat;')] == ['h_prev', 'b', 'c', 'e']


def test_diagram_svg_is_deterministic_and_shows_no_code():
    first = diagram.diagram_svg()
    diagram.diagram_svg.cache_clear()
    second = diagram.diagram_svg()
    assert first == second and first.startswith('<svg')
    assert first.count('class="node"') == 2 + 10 + 5 + 2   # inputs, ops, adds, concat+output
    for label in ('sep 3x3', 'sep 5x5', 'avg 3x3', 'max 3x3', 'identity', 'concat'):
        assert f'>{label}</text>' in first
    assert 'def ' not in first and 'add(' not in first


# --- robustness: global Keras state, equal functions, time limit, wording -----------------

@pytest.fixture
def keras_settings():
    """Restore Keras' global settings whatever a test leaves behind."""
    config = keras.config
    saved = (config.image_data_format(), config.floatx(), config.dtype_policy())
    yield config
    config.set_image_data_format(saved[0])
    config.set_floatx(saved[1])
    config.set_dtype_policy(saved[2])


@pytest.mark.parametrize('setting', [('set_image_data_format', 'channels_first'),
                                     ('set_floatx', 'float16'),
                                     ('set_dtype_policy', 'mixed_float16')])
def test_checker_builds_with_keras_defaults_and_restores_the_readers_settings(
        keras_settings, setting):
    setter, value = setting
    getattr(keras_settings, setter)(value)
    before = (keras_settings.image_data_format(), keras_settings.floatx(),
              keras_settings.dtype_policy().name)
    result = check(amoeba_normal_cell)
    assert result.passed, str(result)
    after = (keras_settings.image_data_format(), keras_settings.floatx(),
             keras_settings.dtype_policy().name)
    assert after == before


def strided_sepconv(x1, x2, f=32):
    b = add([sepconv(x1, f, k=3, s=2), x1])
    return concatenate([x1, b])


def strided_pool(x1, x2, f=32):
    c = add([x2, avgpool(x1, k=3, s=2)])
    return concatenate([x1, c])


def test_checker_tells_a_strided_sepconv_from_a_strided_pool():
    assert str(check(strided_sepconv)) == (
        'Not yet: Keras could not add a 4x4 tensor with an 8x8 one in `b = add([sepconv(x1, f, '
        'k=3, s=2), x1])`: a sepconv with stride 2 shrinks it; every operation in the cell '
        'keeps the size, so use stride 1.')
    assert str(check(strided_pool)) == (
        'Not yet: Keras could not add a 4x4 tensor with an 8x8 one in `c = add([x2, avgpool(x1, '
        'k=3, s=2)])`: an average pool with stride 2 shrinks it; every operation in the cell '
        'keeps the size, so use stride 1.')


def reused_pool_layer(x1, x2, f=32):
    avg = layers.AveragePooling2D(3, strides=1, padding='same')
    return cell(x1, x2, f, ops={'a1': lambda n: avg(n.x2), 'c2': lambda n: avg(n.x1),
                                'e1': lambda n: avg(n.d)})


def linear_sepconv_then_relu(x1, x2, f=32):
    def sep(x, k, relu):
        return relu(layers.SeparableConv2D(f, k, padding='same')(x))
    return cell(x1, x2, f, ops={
        'b1': lambda n: sep(n.x1, 3, layers.ReLU()),
        'd1': lambda n: sep(n.x2, 3, keras.ops.relu),
        'd2': lambda n: sep(n.a, 5, layers.Activation('relu')),
        'e2': lambda n: sep(n.x2, 3, layers.ReLU())})


def nested_concatenation(x1, x2, f=32):
    a = add([avgpool(x2, k=3, s=1), maxpool(x2, k=3, s=1)])
    b = add([sepconv(x1, f, k=3), x1])
    c = add([x2, avgpool(x1, k=3, s=1)])
    d = add([sepconv(x2, f, k=3), sepconv(a, f, k=5)])
    e = add([avgpool(d, k=3, s=1), sepconv(x2, f, k=3)])
    return concatenate([concatenate([x1, b]), concatenate([c, concatenate([e])])])


EQUAL_FUNCTION_NOTES = {
    'reused_pool_layer': 'Your cell calls one avg 3x3 layer 3 times; it has no weights, so that '
                         'computes the same as separate layers and is accepted.',
    'linear_sepconv_then_relu': 'Your cell writes a sepconv as a linear SeparableConv2D '
                                'followed by a ReLU; that computes the same as the sepconv '
                                'alias, so it is accepted.',
    'nested_concatenation': 'Your cell nests concatenations; stacking them in one concatenate '
                            'gives the same output, so it is accepted.',
}


@pytest.mark.parametrize('fn', [reused_pool_layer, linear_sepconv_then_relu,
                                nested_concatenation])
def test_checker_accepts_the_same_function_written_otherwise_with_a_note(fn):
    result = check(fn)
    assert result.passed, str(result)
    assert EQUAL_FUNCTION_NOTES[fn.__name__] in result.notes


def test_checker_rejects_a_relu_after_a_pool():
    result = check(variant(ops={'c2': lambda n: layers.ReLU()(avgpool(n.x1, k=3, s=1))}))
    assert str(result) == ('Not yet: In add c (identity + avg 3x3), h_{i-1} should go through '
                           'a single avg 3x3; yours applies an avg 3x3 then a relu.')


def test_checker_rejects_sepconvs_without_bias():
    def no_bias(x, k, f):
        return layers.SeparableConv2D(f, k, padding='same', activation='relu',
                                      use_bias=False)(x)
    result = check(variant(ops={'b1': lambda n: no_bias(n.x1, 3, n.f)}))
    assert str(result) == ('Not yet: In add b (sep 3x3 + identity), the sepconv of h_{i-1} '
                           'should keep its bias (use_bias=True, the default); without it, it '
                           'loses its 12 biases and the cell has fewer weights than the '
                           'original.')


def test_checker_rejects_one_sepconv_layer_called_twice():
    def shared_layer(x1, x2, f=32):
        sep = layers.SeparableConv2D(f, 3, padding='same', activation='relu')
        return cell(x1, x2, f, ops={'d1': lambda n: sep(n.x2), 'b1': lambda n: sep(n.x1)})
    assert str(check(shared_layer)) == (
        'Not yet: One sep 3x3 layer is called in add b and in add d, so the two calls share '
        'weights; create a new layer for each use, as the sepconv alias does.')


def test_time_limit_stops_an_endless_loop_and_the_kernel_keeps_working():
    import signal
    handler = signal.getsignal(signal.SIGALRM)

    def endless(x1, x2, f=32):
        while True:
            try:
                pass
            except Exception:   # a reader's broad except must not swallow the time limit
                pass
    result = check(endless, time_limit=1)
    assert str(result) == ('Not yet: Building your cell took longer than 1 s, so it was '
                           'stopped: look for a loop that never ends.')
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert check(amoeba_normal_cell).passed


def test_checker_builds_a_cell_once():
    calls = []

    def counted(x1, x2, f=32):
        calls.append(f)
        return amoeba_normal_cell(x1, x2, f=f)
    assert check(counted).passed
    assert calls == [12]


def test_sentences_use_a_and_an_and_plurals():
    assert str(check(42)).endswith('not an int.')
    assert '1 item;' in str(check(lambda x1, x2, f=32: [x1]))
    wrong_op = str(check(variant(ops={'b1': lambda n: avgpool(n.x1, k=3, s=1)})))
    assert wrong_op == ('Not yet: In add b (sep 3x3 + identity), h_{i-1} should go through a '
                        'sep 3x3, not an avg 3x3.')


def test_a_quoted_keras_error_is_whole_sentences():
    import tensorflow as tf

    def tf_function(x1, x2, f=32):
        return tf.nn.relu(x1)
    message = str(check(tf_function))
    assert message.startswith('Not yet: Your function raised ValueError in `return '
                              'tf.nn.relu(x1)`: A KerasTensor cannot be used as input to a '
                              'TensorFlow function.')
    assert message.endswith('(from the namespaces `keras.layers` and `keras.ops`).')
    assert 'something like' not in message


# --- hints, the page's attempt and what the notebook stores --------------------------------

NOTEBOOK = Path(__file__).resolve().parents[1] / 'book' / 'amoebanet.ipynb'


def solution_code_lines():
    """The code lines of the reference solution's body (docstring left out)."""
    lines = inspect.getsource(amoeba_normal_cell).splitlines()
    return [line.strip() for line in lines if re.match(r'\s+(\w = add|return concat)', line)]


def plain_text(page):
    """What a reader sees of an HTML page's text: tags removed, entities decoded."""
    import html
    return html.unescape(re.sub(r'<[^>]+>', '', page))


def hint_texts():
    """A phrase from each hint's body that only the hint shows."""
    return ['hiddenstate_indices[2k]', 'sep 3x3 of h<sub>i-1</sub></td>',
            *solution_code_lines()]


def test_solution_code_lines_are_the_six_statements():
    assert len(solution_code_lines()) == 6


def test_hints_are_pointers_outside_the_book(monkeypatch):
    monkeypatch.delenv(reveal.BOOK, raising=False)
    shown = hints.folded_hints()
    assert shown.text.splitlines() == ['Hint 1: how to read the encoding: run hint(1) to see it.',
                                       'Hint 2: the five sums, a to e: run hint(2) to see it.',
                                       'Hint 3: the solution: run hint(3) to see it.']
    for text in hint_texts():
        assert text not in shown.html


def test_hints_are_closed_dropdowns_in_the_book(monkeypatch):
    monkeypatch.setenv(reveal.BOOK, '1')
    page = hints.folded_hints().html
    assert page.count('<details class="cb-folded">') == 3 and '<details open' not in page
    for text in hint_texts()[:2]:
        assert text in page
    assert 'Correct' in page and '<span class="n">avgpool</span>' in page


def test_hint_calls_show_each_hint():
    assert 'hiddenstate_indices[2k]' in hints.hint(1).html
    table = hints.hint(2).html
    assert table.count('<tr><td') == 5
    assert 'The output concatenates h<sub>i-1</sub>, add b' in table
    solution = plain_text(hints.hint(3).html)
    assert all(line in solution for line in solution_code_lines())
    assert str(hints.hint(4)) == ('There are three hints: hint(1), hint(2) and hint(3); 4 is not '
                                  'one of them.')


def test_encoding_listing_is_the_authors_three_lists():
    namespace = {}
    exec(hints.encoding_text(), namespace)
    assert namespace['operations'] == spec.OPERATIONS
    assert namespace['hiddenstate_indices'] == spec.HIDDENSTATE_INDICES
    assert namespace['used_hiddenstates'] == spec.USED_HIDDENSTATES


def test_attempt_data_comes_from_the_encoding_and_builds_the_cell():
    data = attempt.attempt_data()
    assert [o['id'] for o in data['operations']] == ['sepconv3', 'sepconv5', 'avgpool3',
                                                     'maxpool3', 'identity']
    assert data['concatenated'] == spec.concatenated()
    choices = {'sums': data['answer'], 'concat': data['concatenated']}
    assert check(attempt.build(choices)).passed


def test_attempt_form_only_in_the_book(monkeypatch):
    monkeypatch.delenv(reveal.BOOK, raising=False)
    assert 'amoeba-attempt-data' not in attempt.attempt_in_page().html
    monkeypatch.setenv(reveal.BOOK, '1')
    page = attempt.attempt_in_page().html
    data = re.search(r'<script type="application/json" class="amoeba-attempt-data">(.*?)'
                     r'</script>', page).group(1)
    assert json.loads(data) == json.loads(json.dumps(attempt.attempt_data()))
    assert 'aria-live' in (NOTEBOOK.parent / '_exercises/cb-exercises/attempt.js').read_text()


def notebook_json():
    return json.loads(NOTEBOOK.read_text())


def test_notebook_stores_no_hint_and_no_solution():
    raw = NOTEBOOK.read_text()
    for text in hint_texts():
        assert text not in raw and json.dumps(text)[1:-1] not in raw, text


def test_notebook_reads_well_in_jupyterlab():
    cells = notebook_json()['cells']
    markdown = [''.join(c['source']) for c in cells if c['cell_type'] == 'markdown']
    assert markdown[0].startswith('# Exercise: the AmoebaNet normal cell\n')
    for text in markdown:
        assert not re.search(r'^```\{|^:\w+:', text, re.M), text[:80]   # no MyST directives
        assert '```\n```' not in text
    code = [''.join(c['source']) for c in cells if c['cell_type'] == 'code']
    importing = [c for c in code if re.search(r'^(from|import) ', c, re.M)]
    assert len(importing) == 1 and code.index(importing[0]) == 0
    assert not any(c['metadata'].get('jupyter') for c in cells)   # nothing hidden by metadata


def test_notebook_cites_the_accuracy_with_its_paper():
    text = ''.join(''.join(c['source']) for c in notebook_json()['cells'])
    assert '83.9 % top-1 and 96.6 % top-5' in text
    assert ('Regularized evolution for image\n  classifier architecture search. *Proceedings of '
            'the AAAI Conference on Artificial\n  Intelligence*, 33(01), 4780–4789') in text


def test_nbconvert_export_holds_no_solution(tmp_path):
    command = [str(Path(sys.executable).with_name('jupyter-nbconvert')), '--to', 'html',
               '--output-dir', str(tmp_path), str(NOTEBOOK)]
    subprocess.run(command, check=True, capture_output=True)
    exported = plain_text((tmp_path / 'amoebanet.html').read_text())
    assert 'Exercise: the AmoebaNet normal cell' in exported
    assert 'def amoeba_normal_cell(x1, x2, f=32):' in exported   # the reader's stub
    for line in solution_code_lines():
        assert line not in exported
    assert 'hiddenstate_indices[2k]' not in exported


def test_wording_helpers():
    from convblocks.exercises.core import wording
    assert [wording.a(w) for w in ('avg 3x3', 'sep 3x3', 'identity', 'int')] == [
        'an avg 3x3', 'a sep 3x3', 'an identity', 'an int']
    assert [wording.a_number(n) for n in (8, 4, 11, 18, 80, 12)] == ['an', 'a', 'an', 'an',
                                                                      'an', 'a']
    assert (wording.count(1, 'tensor'), wording.count(3, 'tensor')) == ('1 tensor', '3 tensors')
    assert [wording.times(n) for n in (1, 2, 3)] == ['once', 'twice', '3 times']
    assert wording.listing(['x', 'y', 'z']) == 'x, y and z'


def test_time_limit_in_a_jupyter_kernel_leaves_it_working(fresh_kernel):
    """The SIGALRM limit where readers meet it: a cell in an IPython kernel, then another."""
    printed = fresh_kernel(['from convblocks.exercises.amoeba import check',
                            'def endless(x1, x2, f=32):\n    while True:\n        pass',
                            'print(check(endless, time_limit=2))',
                            'print(check(lambda x1, x2, f=32: None))'])
    assert printed[2] == ('Not yet: Building your cell took longer than 2 s, so it was '
                          'stopped: look for a loop that never ends.\n')
    assert printed[3].startswith('Not yet: Your function returns None')


def test_the_solution_in_hint_3_runs_when_pasted_as_printed():
    """Pasted into the notebook's exercise cell, after its import cell, the solution passes."""
    import html as html_module

    import nbformat

    from convblocks.exercises.amoeba import hints
    notebook = nbformat.read(Path(__file__).resolve().parents[1] / 'book' / 'amoebanet.ipynb', 4)
    imports = next(c.source for c in notebook.cells
                   if c.cell_type == 'code' and c.source.startswith('from '))
    listing = re.search(r'<pre>(.*?)</pre>', hints.BODIES[3](), re.S).group(1)
    code = html_module.unescape(re.sub(r'<[^>]+>', '', listing))
    assert code.startswith('def amoeba_normal_cell(x1, x2, f=32):')
    namespace = {}
    exec(imports, namespace)
    exec(code, namespace)
    assert check(namespace['amoeba_normal_cell']).passed
