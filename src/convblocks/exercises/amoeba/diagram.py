"""Draw AmoebaNet-A's normal cell with Graphviz, straight from the encoding in `spec.py`.

Nothing is positioned by hand: every node and edge comes from `spec.pairs()` and
`spec.concatenated()`, and `dot` lays them out. The SVG is the same byte for byte each run.
"""
import functools
import subprocess

from convblocks.drawing import require_dot
from convblocks.exercises.amoeba import spec

COLORS = {'sepconv': '#bbdefb', 'avgpool': '#ffe0b2', 'maxpool': '#ffccbc',
          'identity': '#ffffff'}
INPUT_LABELS = {'h_{i-1}': 'h<SUB>i-1</SUB>', 'h_i': 'h<SUB>i</SUB>'}
INPUT_IDS = {'h_{i-1}': 'h_prev', 'h_i': 'h_cur'}


def dot_source():
    """The cell as Graphviz dot text: two inputs, ten operations, five adds, one concat."""
    lines = ['digraph amoeba_normal_cell {',
             '  graph [rankdir=TB, nodesep=0.25, ranksep=0.35, fontname="DejaVu Sans", '
             'bgcolor="white"];',
             '  node [fontname="DejaVu Sans", fontsize=12, style="filled,rounded", '
             'shape=box, height=0.3, color="#546e7a"];',
             '  edge [color="#546e7a", arrowsize=0.6];']
    for name in ('h_{i-1}', 'h_i'):
        python_name = 'x1' if name == 'h_{i-1}' else 'x2'
        lines.append(f'  {INPUT_IDS[name]} [label=<{INPUT_LABELS[name]}  '
                     f'<FONT POINT-SIZE="10" COLOR="#546e7a">({python_name})</FONT>>, '
                     f'fillcolor="#e0e0e0", fontsize=14, margin="0.18,0.08"];')
    lines.append('  { rank=same; h_prev; h_cur; }')
    lines.append('  h_prev -> h_cur [style=invis];')
    for pair in spec.pairs():
        for index, branch in enumerate(pair.branches):
            op = f'{pair.name}{index}'
            lines.append(f'  {op} [label="{spec.op_label(branch.kind, branch.k)}", '
                         f'fillcolor="{COLORS[branch.kind]}"];')
            lines.append(f'  {_node(branch.source)} -> {op};')
            lines.append(f'  {op} -> {pair.name};')
        lines.append(f'  {pair.name} [label=<+<BR/><FONT POINT-SIZE="10">{pair.name}</FONT>>, '
                     f'shape=circle, width=0.46, fixedsize=true, fillcolor="#c8e6c9"];')
    lines.append('  concat [label="concat", fillcolor="#fff9c4", width=1.6];')
    for name in spec.concatenated():
        lines.append(f'  {_node(name)} -> concat;')
    lines.append('  output [label="output (4f channels)", shape=plaintext, style=""];')
    lines.append('  concat -> output;')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def _node(name):
    return INPUT_IDS.get(name, name)


@functools.lru_cache(maxsize=1)
def diagram_svg():
    """The diagram as SVG text (cached: it never changes)."""
    require_dot()
    svg = subprocess.run(['dot', '-Tsvg'], input=dot_source(), capture_output=True,
                         text=True, check=True).stdout
    return svg[svg.index('<svg'):]   # drop the XML prologue and the version comment


def show_diagram():
    """The diagram for a notebook cell."""
    from IPython.display import SVG
    return SVG(data=diagram_svg())
