"""The one store of slow experiments' results: run, save with provenance, load, refuse stale.

`make experiments` runs each experiment of EXPERIMENTS and writes book/data/<name>.json: the
results, the seeds, the package versions, the CPU and wall-clock seconds, and a fingerprint
of the code that decides the results: in the modules listed in the experiment's `code`, the
statements its run and seeds reach (code_digest; docstrings left out, so rewording one keeps
the results), and the package versions. This module is not among them: moving storage code
leaves honest results valid. `load` refuses results whose fingerprint no longer matches, in
one sentence.

    python -m convblocks.experiments.store [NAME ...]           run and store (all by default)
    python -m convblocks.experiments.store restamp REV NAME ...  re-stamp results, verified

Re-stamping is for a change of this store (its record, its fingerprint), never of the
experiments' code: it checks that the record is current for the code at git revision REV by
REV's own check, and that the code that decides the results is the same now as at REV. Only
then does it write the record again with today's fingerprint.
"""
import ast
import hashlib
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from convblocks.checks.errors import Sentence

ROOT = Path(__file__).resolve().parents[3]
SRC = Path(__file__).resolve().parents[2]
DATA = ROOT / 'book' / 'data'
PACKAGES = ('tensorflow', 'keras', 'numpy', 'scipy', 'sklearn')   # as imported


class Experiment(NamedTuple):
    """How to run an experiment and which code decides its results.

    `run` is 'module:function' (called with no arguments, it returns the results) or a dict
    {part: 'module:function'} whose calls make the results' parts; `seeds` is 'module:NAME'
    of the seeds it uses, or None; `scripts` are the modules the run starts as programs
    (python -m), whose `if __name__ == '__main__'` block is then its code too.
    """
    run: object
    code: tuple
    seeds: str = None
    scripts: tuple = ()


# Each experiment with the modules whose code decides its numbers (the blocks, the networks
# and training code, its own module); the packages below them are pinned by their versions.
TRAINING = ('convblocks.blocks', 'convblocks.aliases', 'convblocks.experiments.training')
RUNS = 'convblocks.experiments.comparison_runs'
EXPERIMENTS = {
    'fair': Experiment(f'{RUNS}:fair_runs',
                       (*TRAINING, 'convblocks.counting.keras_counts',
                        'convblocks.experiments.fair', RUNS),
                       'convblocks.experiments.fair:SEEDS'),
    'article': Experiment(f'{RUNS}:article_runs', (*TRAINING, RUNS), f'{RUNS}:ARTICLE_SEEDS'),
    'timing': Experiment({'runs': 'convblocks.experiments.comparison:timing_runs',
                          'roof': 'convblocks.experiments.roofline:measure_roof'},
                         ('convblocks.blocks', 'convblocks.aliases', 'convblocks.grouped',
                          'convblocks.models', 'convblocks.experiments.fair',
                          'convblocks.experiments.comparison', 'convblocks.experiments.measure',
                          'convblocks.experiments.roofline')),
    'degradation': Experiment('convblocks.experiments.degradation:run',
                              ('convblocks.networks', 'convblocks.experiments.degradation'),
                              'convblocks.experiments.degradation:SEEDS'),
    'train_memory': Experiment('convblocks.experiments.train_memory:run',
                               ('convblocks.networks', 'convblocks.experiments.train_memory'),
                               scripts=('convblocks.experiments.train_memory',)),
}


class StaleResults(Sentence, RuntimeError):
    """Stored results that the current code would no longer produce, or none at all."""


# --- the fingerprint ---------------------------------------------------------------------

def _without_docstrings(tree):
    for node in ast.walk(tree):
        body = getattr(node, 'body', None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def source_path(module):
    """The file of `module` (a dotted name in convblocks), relative to src/."""
    relative = Path(*module.split('.'))
    return relative / '__init__.py' if (SRC / relative).is_dir() else relative.with_suffix('.py')


def code_digest(modules, roots, read=None):
    """A hash of the code in `modules` that `roots` ('module:NAME' each) reach, docstrings left
    out; `read(path)` gives a file's text (path relative to src/), by default this tree's.

    A module's top-level definitions (functions, classes, assignments, imports) count when a
    root or counted code names them; its other top-level statements always count, except
    its `if __name__ == '__main__'` block, which counts for the root 'module:__main__'; a
    listed module used other than as `module.name` (getattr(blocks, name)) counts whole. So
    a sentence the experiment never prints can change freely.
    """
    read = read or (lambda path: (SRC / path).read_text())
    trees = {m: _without_docstrings(ast.parse(read(source_path(m)))) for m in modules}
    counted, whole = _reached(trees, roots)
    digest = hashlib.sha256()
    for module, tree in trees.items():
        digest.update(module.encode() + b'\0')
        for node in tree.body:
            if module not in whole:
                node = _counted_part(node, counted)
            if node is not None:
                digest.update(ast.dump(node).encode() + b'\0')
    return digest.hexdigest()


def _counted_part(node, counted):
    """The statement if it counts, an import with only its counted names, or None."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [a for a in node.names if (id(node), _bound(a)) in counted]
        return type(node)(**{**vars(node), 'names': names}) if names else None
    return node if id(node) in counted else None


def _is_main(node):
    """Whether a top-level statement is `if __name__ == '__main__':`."""
    test = getattr(node, 'test', None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name) and test.left.id == '__name__')


def _bound(alias):
    return (alias.asname or alias.name).split('.')[0]


def _binds(node):
    """The names a top-level statement defines ([] for one that only runs)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [_bound(a) for a in node.names]
    targets = {ast.Assign: lambda n: n.targets, ast.AnnAssign: lambda n: [n.target],
               ast.AugAssign: lambda n: [n.target]}.get(type(node))
    if targets is None:
        return []
    return [n.id for t in targets(node) for n in ast.walk(t) if isinstance(n, ast.Name)]


def _imported(tree, modules):
    """{name: (module, attribute or None)} for the names the file's imports (at any level)
    bind to the listed `modules` or to what they define."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                full = f'{node.module}.{alias.name}'
                target = ((full, None) if full in modules else
                          (node.module, alias.name) if node.module in modules else None)
                if target:
                    found[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    found[alias.asname] = (alias.name, None)
    return found


def _reached(trees, roots):
    """(ids of the top-level statements `roots` reach, the modules reached whole)."""
    defined = {m: {} for m in trees}
    for module, tree in trees.items():
        for node in tree.body:
            for name in _binds(node):
                defined[module].setdefault(name, []).append(node)
    imported = {m: _imported(tree, trees) for m, tree in trees.items()}
    counted, whole, seen = set(), set(), set()
    todo = [tuple(root.split(':')) for root in roots] + [(m, None) for m in trees]
    while todo:
        module, name = todo.pop()
        if (module, name) in seen or module in whole:
            continue
        seen.add((module, name))
        if name not in (None, '__main__') and name not in defined[module]:
            whole.add(module)
            continue
        nodes = (defined[module][name] if name not in (None, '__main__') else
                 [n for n in trees[module].body
                  if not _binds(n) and _is_main(n) == (name == '__main__')])
        for node in nodes:
            imports = isinstance(node, (ast.Import, ast.ImportFrom))
            counted.add((id(node), name) if imports else id(node))
            if not imports:   # an import's target is followed where its name is used
                todo += _references(node, module, defined, imported)
    return counted, whole


def _references(node, module, defined, imported):
    """(module, name) pairs the statement names: its own module's definitions, and what its
    imports bind (a listed module used bare: (module, '*'), which counts it whole)."""
    found, attributes = [], set()
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
            target = imported[module].get(child.value.id)
            if target and target[1] is None:   # module.name: that name, and the import
                found.append((target[0], child.attr))
                if child.value.id in defined[module]:
                    found.append((module, child.value.id))
                attributes.add(id(child.value))
    for child in ast.walk(node):
        if not isinstance(child, ast.Name) or id(child) in attributes:
            continue
        if child.id in defined[module]:
            found.append((module, child.id))
        target = imported[module].get(child.id)
        if target:
            found.append(target if target[1] is not None else (target[0], '*'))
    return found


def roots(name):
    """'module:NAME' of the functions an experiment calls and of the seeds it uses."""
    experiment = EXPERIMENTS[name]
    runs = experiment.run.values() if isinstance(experiment.run, dict) else [experiment.run]
    return [*runs, *([experiment.seeds] if experiment.seeds else []),
            *(f'{module}:__main__' for module in experiment.scripts)]


def fingerprint(name):
    """A hash of the code that decides experiment `name`'s results (code_digest) and the
    package versions."""
    digest = hashlib.sha256(code_digest(EXPERIMENTS[name].code, roots(name)).encode())
    digest.update(json.dumps(versions(), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def versions():
    """{package: version} for Python and the packages that compute the numbers.

    TensorFlow is imported through convblocks.quiet, as the experiments import it: imported
    first on its own, it would turn on oneDNN's kernels and change the numbers they train.
    """
    importlib.import_module('convblocks.quiet')
    return {'python': platform.python_version(),
            **{p: importlib.import_module(p).__version__ for p in PACKAGES}}


# --- save and load ------------------------------------------------------------------------

def path(name):
    return DATA / f'{name}.json'


def _cpu_seconds():
    """CPU seconds of this process and of its finished worker processes."""
    import resource
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def save(name, results, seeds, started_cpu, started_wall, code=None):
    """Write experiment `name`'s results with their provenance; return the record.

    `code` is the fingerprint taken when the run started (the files may change while it
    runs); by default the current one.
    """
    record = {'experiment': name, 'fingerprint': code or fingerprint(name),
              'code': list(EXPERIMENTS[name].code), 'versions': versions(),
              'seeds': list(seeds),
              'cpu_seconds': round(_cpu_seconds() - started_cpu, 1),
              'wall_seconds': round(time.perf_counter() - started_wall, 1),
              'stored': _now(), 'machine': f'{platform.machine()}, {os.cpu_count()} cores',
              'results': results}
    _write(name, record)
    return record


def machine(record):
    """Where a record was measured, as its parts: {'arch': 'x86_64', 'cores': 2}."""
    arch, cores = record['machine'].rsplit(', ', 1)
    return {'arch': arch, 'cores': int(cores.split()[0])}


def _now():
    return datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')


def _write(name, record):
    DATA.mkdir(parents=True, exist_ok=True)
    path(name).write_text(json.dumps(record, indent=1, ensure_ascii=False) + '\n')


def load(name):
    """The stored record of experiment `name`; StaleResults when it is missing or its code or
    packages have changed since it was stored."""
    if not path(name).exists():
        raise StaleResults(f'{path(name).name} is missing: run `make experiments` to measure '
                           f'the {name} experiment and store its results.')
    record = json.loads(path(name).read_text())
    if record.get('fingerprint') != fingerprint(name):
        raise StaleResults(f'{path(name).name} was stored by code or packages that have changed '
                           f'since ({", ".join(EXPERIMENTS[name].code)}; '
                           f'{_versions_changed(record)}); run `make experiments` to measure '
                           f'again.')
    return record


def _versions_changed(record):
    now = versions()
    stored = record.get('versions', {})
    changed = [f'{p} {v} -> {now.get(p)}' for p, v in stored.items() if now.get(p) != v]
    return ', '.join(changed) if changed else 'same package versions'


# --- run ----------------------------------------------------------------------------------

def _find(reference):
    """The object that 'module:NAME' names."""
    module, attribute = reference.split(':')
    return getattr(importlib.import_module(module), attribute)


def run(name):
    """Run experiment `name` and store it; returns the record."""
    experiment = EXPERIMENTS[name]
    code = fingerprint(name)   # of the code that runs (and fails now if a module is missing)
    started_cpu, started_wall = _cpu_seconds(), time.perf_counter()
    if isinstance(experiment.run, dict):
        results = {part: _find(call)() for part, call in experiment.run.items()}
    else:
        results = _find(experiment.run)()
    seeds = _find(experiment.seeds) if experiment.seeds else ()
    return save(name, results, seeds, started_cpu, started_wall, code)


# --- re-stamp -----------------------------------------------------------------------------

# Run by the code of an older revision: is the record current by that revision's own check?
# (Before this store, saved_runs.load(name) or the experiment module's load() checked.)
_CURRENT_THEN = """
import importlib, sys
name = sys.argv[1]
try:
    from convblocks.experiments import store
except ImportError:
    from convblocks.experiments import saved_runs
    if name in saved_runs.CODE:
        saved_runs.load(name)
    else:
        importlib.import_module('convblocks.experiments.' + name).load()
else:
    store.load(name)
"""


def _source_at(revision, path):
    """The text of src/`path` at git `revision`; StaleResults if it did not exist then."""
    shown = subprocess.run(['git', '-C', str(ROOT), 'show', f'{revision}:src/{path}'],
                           capture_output=True, text=True)
    if shown.returncode != 0:
        raise StaleResults(f'src/{path} does not exist at {revision}, so the experiment\'s code '
                           f'has changed since; run `make experiments` to measure again.')
    return shown.stdout


def restamp(name, revision):
    """Write `name`'s record again with today's fingerprint, if the results still describe
    the code; StaleResults, saying why, if not.

    Checks (1) that the record is current for the code at git `revision` by that revision's
    own check, run in a fresh process on an export of the revision; (2) that every package
    version the record names is the one installed; (3) that the code deciding the results
    (code_digest) is the same at `revision` as now.
    """
    record = json.loads(path(name).read_text())
    _current_at(name, revision)
    stored = record.get('versions', record.get('provenance', {}).get('versions', {}))
    if not stored or any(versions().get(p) != v for p, v in stored.items()):
        raise StaleResults(f'{path(name).name} was stored with other package versions '
                           f'({_versions_changed({"versions": stored})}); run `make '
                           f'experiments` to measure again.')
    modules = EXPERIMENTS[name].code
    then = code_digest(modules, roots(name), lambda p: _source_at(revision, p))
    if then != code_digest(modules, roots(name)):
        raise StaleResults(f'the code of the {name} experiment ({", ".join(modules)}) has '
                           f'changed since {revision}; run `make experiments` to measure again.')
    _write(name, _migrated(name, record, revision))
    return load(name)


def _current_at(name, revision):
    """StaleResults unless the stored record of `name` is current by the check of the code at
    git `revision`, run in a fresh process on an export of that revision."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(['git', '-C', str(ROOT), 'archive', revision, 'src'],
                                 check=True, capture_output=True).stdout
        subprocess.run(['tar', '-x', '-C', folder], input=archive, check=True)
        (Path(folder) / 'book' / 'data').mkdir(parents=True)
        (Path(folder) / 'book' / 'data' / path(name).name).write_text(path(name).read_text())
        check = subprocess.run([sys.executable, '-c', _CURRENT_THEN, name], capture_output=True,
                               text=True, env={**os.environ, 'PYTHONPATH': f'{folder}/src'})
    if check.returncode != 0:
        said = (check.stderr.strip().splitlines() or ['no message'])[-1]
        raise StaleResults(f'{path(name).name} is not current for the code at {revision} '
                           f'({said}); re-stamping needs the revision that stored it.')


def _migrated(name, record, revision):
    """The record in this store's form, with today's fingerprint and a note of the re-stamp."""
    old = record.get('provenance', record)
    return {'experiment': name, 'fingerprint': fingerprint(name),
            'code': list(EXPERIMENTS[name].code), 'versions': old['versions'],
            'seeds': old['seeds'], 'cpu_seconds': old['cpu_seconds'],
            'wall_seconds': old.get('wall_seconds'), 'stored': old['stored'],
            'machine': old.get('machine'),
            'restamped': f'{_now()}: code unchanged since {revision}, where the results were '
                         f'current',
            'results': record['results']}


def main(argv):
    if argv[:1] == ['restamp']:
        revision, names = argv[1], argv[2:]
        for name in names:
            restamp(name, revision)
            print(f'{name}: re-stamped; its code is unchanged since {revision}', flush=True)
        return 0
    for name in argv or list(EXPERIMENTS):
        record = run(name)
        print(f'{name}: {record["cpu_seconds"]:.0f} CPU s, {record["wall_seconds"]:.0f} s wall; '
              f'stored in {path(name)}', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
