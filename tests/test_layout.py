"""The package's layout: no import loop between modules or between its parts, a docstring each.

Every `import` in src/convblocks counts, including those inside functions (a loop hidden in a
function still runs when the function does). A part is a subpackage, or a top-level module.
"""
import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / 'src'
PACKAGE = SRC / 'convblocks'


def module_name(path):
    parts = path.relative_to(SRC).with_suffix('').parts
    return '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob('*.py'))}


def imported(path):
    """The convblocks modules that the file at `path` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f'{node.module}.{alias.name}' for alias in node.names] + [node.module]
            names = [n for n in names if n in MODULES] or [node.module]
            names = names[:-1] if len(names) > 1 and names[-1] == node.module else names
        else:
            continue
        found.update(n for n in names if n in MODULES)
    return found


def cycles(edges):
    """Every strongly connected group of more than one node, or a node importing itself."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def part(module):
    return '.'.join(module.split('.')[:2])


def module_edges():
    return {name: imported(path) - {name} for name, path in MODULES.items()}


def part_edges():
    edges = {}
    for source, targets in module_edges().items():
        edges.setdefault(part(source), set()).update(
            part(t) for t in targets if part(t) != part(source))
    return edges


def test_no_module_imports_itself_through_others():
    assert cycles(module_edges()) == []


def test_no_part_of_the_package_imports_itself_through_others():
    assert cycles(part_edges()) == []


def test_the_loop_finder_finds_a_loop():
    assert cycles({'a': {'b'}, 'b': {'c'}, 'c': {'a'}, 'd': {'a'}}) == [['a', 'b', 'c']]
    assert cycles({'a': {'b'}, 'b': set()}) == []


@pytest.mark.parametrize('name', sorted(MODULES))
def test_every_module_says_its_job_in_its_first_line(name):
    docstring = ast.get_docstring(ast.parse(MODULES[name].read_text()))
    assert docstring, f'{name} has no docstring'
    assert docstring.splitlines()[0].strip(), f"{name}'s docstring starts with an empty line"
