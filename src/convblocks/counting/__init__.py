"""Exact counts: closed forms without TensorFlow (`formulas`), and a built model's (`keras_counts`).

    from convblocks.counting import params, macs
"""
from convblocks.counting.formulas import (CONV, DENSE, SEPCONV, layer_count, layer_macs,
                                          layer_params, macs, params, plain_conv)

__all__ = ['CONV', 'DENSE', 'SEPCONV', 'layer_count', 'layer_macs', 'layer_params', 'macs',
           'params', 'plain_conv']
