"""Draw AmoebaNet-A's normal cell with Graphviz, straight from the encoding in `spec.py`.

Nothing is positioned by hand: every node and edge comes from `spec.pairs()` and
`spec.concatenated()`, and `dot` lays them out. The SVG is the same byte for byte each run.
Its words are in `language.current()` (TEXT; English operations as spec.op_label writes them).
"""
import functools
import subprocess

from convblocks import language
from convblocks.drawing import require_dot
from convblocks.exercises.amoeba import spec

COLORS = {'sepconv': '#bbdefb', 'avgpool': '#ffe0b2', 'maxpool': '#ffccbc',
          'identity': '#ffffff'}
INPUT_LABELS = {'h_{i-1}': 'h<SUB>i-1</SUB>', 'h_i': 'h<SUB>i</SUB>'}
INPUT_IDS = {'h_{i-1}': 'h_prev', 'h_i': 'h_cur'}

# The diagram's words per language; an operation's label is 'ops'[kind] with k filled in
# (None: spec.op_label's English).
TEXT = {
    'en': {'concat': 'concat', 'output': 'output (4f channels)', 'ops': None},
    'zh': {'concat': '拼接', 'output': '输出（4f 个通道）',
           'ops': {'sepconv': '{k}x{k} 可分离卷积', 'avgpool': '{k}x{k} 平均池化',
                   'maxpool': '{k}x{k} 最大池化', 'identity': '恒等'}},
}


def op_text(kind, k):
    """An operation's label in the current language: 'sep 3x3' or '3x3 可分离卷积'."""
    ops = TEXT[language.current()]['ops']
    return spec.op_label(kind, k) if ops is None else ops[kind].format(k=k)


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
            lines.append(f'  {op} [label="{op_text(branch.kind, branch.k)}", '
                         f'fillcolor="{COLORS[branch.kind]}"];')
            lines.append(f'  {_node(branch.source)} -> {op};')
            lines.append(f'  {op} -> {pair.name};')
        lines.append(f'  {pair.name} [label=<+<BR/><FONT POINT-SIZE="10">{pair.name}</FONT>>, '
                     f'shape=circle, width=0.46, fixedsize=true, fillcolor="#c8e6c9"];')
    said = TEXT[language.current()]
    lines.append(f'  concat [label="{said["concat"]}", fillcolor="#fff9c4", width=1.6];')
    for name in spec.concatenated():
        lines.append(f'  {_node(name)} -> concat;')
    lines.append(f'  output [label="{said["output"]}", shape=plaintext, style=""];')
    lines.append('  concat -> output;')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def _node(name):
    return INPUT_IDS.get(name, name)


@functools.lru_cache(maxsize=len(language.LANGUAGES))
def _drawn(lang):
    with language.using(lang):
        source = dot_source()
    svg = subprocess.run(['dot', '-Tsvg'], input=source, capture_output=True,
                         text=True, check=True).stdout
    return svg[svg.index('<svg'):]   # drop the XML prologue and the version comment


def diagram_svg():
    """The diagram as SVG text in the current language (cached: it never changes)."""
    require_dot()
    return _drawn(language.current())


diagram_svg.cache_clear = _drawn.cache_clear


def show_diagram():
    """The diagram for a notebook cell."""
    from IPython.display import SVG
    return SVG(data=diagram_svg())
