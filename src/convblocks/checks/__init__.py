"""Argument checks: errors with one sentence, knob values, input tensors, each block's rule.

Nothing here builds a layer; only `tensors` imports Keras.
"""
