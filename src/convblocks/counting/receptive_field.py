"""Receptive fields in closed form: how many input pixels along one side each output sees.

No TensorFlow. Following Araujo, Norris and Sim (Distill, 2019): a layer with a k x k kernel,
dilation d and stride s, reading a map whose pixels are `jump` input pixels apart and each see
`r` input pixels, sees r + (k - 1) * d * jump input pixels, and its own pixels are jump * s
apart. Down a chain this adds up to r = 1 + sum over layers of (k_l - 1) * d_l * (product of
the strides before l). Where paths meet (add, concatenate, multiply) the output sees the
union of what its inputs see; the inputs of the book's blocks are centred on the same pixel,
so the union is the widest of them. A global pooling sees the whole input (math.inf here).
"""
import math
from typing import NamedTuple

GLOBAL = 'global'


class Field(NamedTuple):
    """What one pixel of a map sees: `size` input pixels along a side, `jump` apart per step."""
    size: float
    jump: int


INPUT = Field(1, 1)


def through(field, k=1, s=1, d=1):
    """The field after one layer (kernel k, stride s, dilation d); k=GLOBAL for global pooling."""
    if k == GLOBAL:
        return Field(math.inf, field.jump)
    return Field(field.size + (k - 1) * d * field.jump, field.jump * s)


def chain(layers):
    """The field at the end of a chain of (k, s) or (k, s, d) layers, from one input pixel."""
    field = INPUT
    for layer in layers:
        field = through(field, *layer)
    return field


def chain_size(layers):
    """r = 1 + sum (k_l - 1) d_l prod_{i<l} s_i: the closed form of chain(layers).size."""
    total, jump = 1, 1
    for k, s, *d in layers:
        total += (k - 1) * (d[0] if d else 1) * jump
        jump *= s
    return total


def graph_fields(nodes):
    """{name: Field} for a graph given as {name: (k, s, d, input names)} in an order where every
    node comes after its inputs; a node with no inputs is an input of the graph.

    Where several inputs meet, the widest field counts (the maximum over paths); their jumps
    must agree, as they do wherever maps of one size are added or concatenated.
    """
    fields = {}
    for name, (k, s, d, inputs) in nodes.items():
        if not inputs:
            fields[name] = INPUT
            continue
        incoming = [fields[i] for i in inputs]
        jumps = {f.jump for f in incoming}
        if len(jumps) > 1:
            raise ValueError(f'{name}: its inputs step {sorted(jumps)} input pixels per pixel; '
                             'paths that meet must have the same stride.')
        widest = max(incoming, key=lambda f: f.size)
        fields[name] = through(widest, k, s, d)
    return fields


def weights_ratio(k_small=3, layers=2, channels=1):
    """(weights of `layers` k_small x k_small convs, weights of the one conv that sees as much),
    at `channels` channels in and out, without biases: (18, 25) for two 3x3 against one 5x5."""
    big = chain_size([(k_small, 1)] * layers)
    return layers * k_small ** 2 * channels ** 2, big ** 2 * channels ** 2
