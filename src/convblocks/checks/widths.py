"""The channel widths the blocks compute from their knobs, each formula written once.

The rules, the counting formulas and the explorer use these functions (`output` gives each
block's output width). The block bodies in
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


# The output width of each of the nine blocks, from its input width and knobs.
OUTPUT = {
    'bottleneck': lambda channels, f, r: f,
    'naive_inception_module': lambda channels, f: 3 * f + channels,   # the pool passes x on
    'inception_module': lambda channels, f, r: 4 * f,
    'residual_block': lambda channels, f, r: f,
    'resnext_block': lambda channels, f, r, c: f,
    'dense_block': lambda channels, f, d: channels + d * f,
    'se_block': lambda channels, f, rate: f,
    'normal_cell': lambda channels, f: 5 * f,
    'inv_residual_block': lambda channels, f, r: f,
}


def output(block, channels, **knobs):
    """Channels of the named block's output, e.g. output('dense_block', 32, f=12, d=4) == 80."""
    return OUTPUT[block](channels, **knobs)
