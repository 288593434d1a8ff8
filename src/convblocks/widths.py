"""The channel widths the blocks compute from their knobs, each formula written once.

The block bodies in `convblocks.blocks` keep the article's own expressions; the rules, the
counting formulas and the grouped ResNeXt use these functions (tests check they agree).
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
