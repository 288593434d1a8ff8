"""Pictures: block graphs through Graphviz (`graphs`), the comparison's charts (`charts`).

    from convblocks.drawing import draw
"""
from convblocks.drawing.graphs import (GraphvizMissingError, block_svg, describe, draw,
                                       require_dot, svg_of_model)

__all__ = ['GraphvizMissingError', 'block_svg', 'describe', 'draw', 'require_dot',
           'svg_of_model']
