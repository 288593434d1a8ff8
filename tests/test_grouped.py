"""The grouped-convolution form of the ResNeXt block computes exactly what its c paths do."""
import numpy as np
import pytest

from convblocks.grouped import copy_weights, grouped_model
from convblocks.models import block_model


@pytest.mark.parametrize('f, r, c', [(32, 2, 4), (24, 1, 3), (64, 2, 8)])
def test_grouped_form_equals_the_paths(f, r, c):
    paths = block_model('resnext_block', size=6, f=f, r=r, c=c)
    grouped = grouped_model(size=6, f=f, r=r, c=c)
    assert grouped.count_params() == paths.count_params()
    copy_weights(paths, grouped)
    x = np.random.default_rng(0).standard_normal((2, 6, 6, f)).astype('float32')
    difference = np.abs(np.asarray(paths(x)) - np.asarray(grouped(x))).max()
    assert difference < 1e-5
    scale = np.abs(np.asarray(paths(x))).max()
    assert scale > 0.1  # the comparison is not between two near-zero outputs


def test_grouped_form_differs_without_the_copy():
    paths = block_model('resnext_block', size=6, f=16, r=2, c=4)
    grouped = grouped_model(size=6, f=16, r=2, c=4)
    x = np.random.default_rng(1).standard_normal((1, 6, 6, 16)).astype('float32')
    assert np.abs(np.asarray(paths(x)) - np.asarray(grouped(x))).max() > 1e-3


def test_grouped_form_checks_its_arguments():
    with pytest.raises(ValueError,
                       match=r'resnext_block: f // \(c\*r\) = 8 // \(4\*4\) = 0 channels per path'):
        grouped_model(f=8, r=4, c=4)
