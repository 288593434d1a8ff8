"""The channel widths the blocks compute from their knobs, each formula written once.

The rules and the counting formulas use these functions. The block bodies in
`convblocks.blocks` and `grouped_resnext_block`, whose source the book shows, keep the
article's own expressions; tests/test_blocks.py checks that the two agree.
"""


def squeezed(f, r):
    """Channels of a bottleneck's squeezed layers, and of Inception's 5x5 reduction: f // r."""
    return f // r


def third(f):
    """Channels of Inception's 3x3 reduction, which the article fixes at f // 3."""
    return f // 3


def path_width(f, r, c):
    """Channels of each of ResNeXt's c paths: f // (c*r)."""
    return f // (c * r)


def se_units(f, rate):
    """Units of the SE block's squeeze layer: f // rate."""
    return f // rate


def expanded(f, r):
    """Channels of the inverted residual's expansion layer: f * r."""
    return f * r
