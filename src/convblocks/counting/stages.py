"""Parameters and MACs of convblocks.networks' classifiers, part by part, in closed form.

No TensorFlow. A conv-BN unit (no bias) of kernel k from cin to cout channels on an output
of h x h pixels holds k*k*cin*cout weights plus 4*cout for batch norm (scale, shift and the
two running statistics, as count_params() counts them) and does h*h*k*k*cin*cout MACs.
The book's blocks inside a stage are counted by `convblocks.counting.formulas`.
"""
from convblocks.counting import formulas

UNITS = ('plain_unit', 'residual_unit')
# the book's blocks whose output has f channels, so that they can follow one another
SAME_WIDTH = ('bottleneck', 'residual_block', 'resnext_block', 'se_block', 'inv_residual_block')


def conv_bn(cin, cout, k, out_size):
    """(params, MACs) of one conv-BN unit."""
    return k * k * cin * cout + 4 * cout, out_size * out_size * k * k * cin * cout


def unit(name, cin, f, in_size, s=1):
    """(params, MACs) of a plain_unit or residual_unit; a residual unit that strides or widens
    adds its 1x1 projection."""
    out = -(-in_size // s)           # 'same' padding: ceil(size / stride)
    terms = [conv_bn(cin, f, 3, out), conv_bn(f, f, 3, out)]
    if name == 'residual_unit' and (s != 1 or cin != f):
        terms.append(conv_bn(cin, f, 1, out))
    return sum(p for p, _ in terms), sum(m for _, m in terms)


def block(name, f, size, knobs):
    """(params, MACs) of one of the units or of the book's same-width blocks at width f."""
    if name in UNITS:
        return unit(name, f, f, size)
    if name not in SAME_WIDTH:
        raise ValueError(f'stages: {name} is not counted here; use one of '
                         f'{", ".join(UNITS + SAME_WIDTH)}.')
    return (formulas.params(name, channels=f, f=f, **knobs),
            formulas.macs(name, size=size, channels=f, f=f, **knobs))


def parts(name='residual_unit', size=32, channels=1, width=16, depth=1, stages=3, classes=10,
          **knobs):
    """[{'part', 'params', 'MACs'}] for the stem, each stage and the head, as in
    convblocks.networks.parts(block=<name>, ...)."""
    transition = 'plain_unit' if name == 'plain_unit' else 'residual_unit'
    p, m = conv_bn(channels, width, 3, size)
    rows = [{'part': 'stem', 'params': p, 'MACs': m}]
    cin = width
    for stage in range(stages):
        f = width * 2 ** stage
        counts = []
        for i in range(depth):
            if stage > 0 and i == 0:
                counts.append(unit(transition, cin, f, size, s=2))
                size = -(-size // 2)
            else:
                counts.append(block(name, f, size, knobs))
        cin = f
        rows.append({'part': f'stage {stage + 1}', 'params': sum(c[0] for c in counts),
                     'MACs': sum(c[1] for c in counts)})
    rows.append({'part': 'head', 'params': cin * classes + classes, 'MACs': cin * classes})
    return rows
