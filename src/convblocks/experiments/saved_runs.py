"""Experiments too slow for the book build: run by `make experiments`, stored with provenance.

Each experiment writes book/data/<name>.json: its results, the seeds, the CPU and wall-clock
seconds it took, the package versions, and a fingerprint of the code that produced it. The
fingerprint hashes each listed module's syntax tree without docstrings, so rewording a
docstring keeps the results while any change to code makes them stale; `load` then refuses
them with a sentence that says how to measure again.

(A generic store for every experiment, experiments/stored.py, is being written alongside;
the two should become one.)
"""
import ast
import hashlib
import importlib
import inspect
import json
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from convblocks.checks.errors import Sentence

DATA = Path(__file__).resolve().parents[3] / 'book' / 'data'
PACKAGES = ('tensorflow', 'keras', 'numpy', 'scipy', 'sklearn')   # as imported

# The modules whose code decides each experiment's numbers.
TRAINING = ('convblocks.blocks', 'convblocks.aliases', 'convblocks.experiments.training')
CODE = {
    'fair': (*TRAINING, 'convblocks.experiments.fair'),
    'article': TRAINING,
    'timing': ('convblocks.blocks', 'convblocks.aliases', 'convblocks.grouped',
               'convblocks.experiments.fair', 'convblocks.experiments.comparison',
               'convblocks.experiments.measure', 'convblocks.experiments.roofline'),
}


class StaleResults(Sentence):
    """Stored results that the current code would no longer produce, or none at all."""


def _without_docstrings(tree):
    for node in ast.walk(tree):
        body = getattr(node, 'body', None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def fingerprint(name):
    """A hash of experiment `name`'s code (docstrings left out) and the package versions."""
    digest = hashlib.sha256()
    for module in CODE[name]:
        tree = _without_docstrings(ast.parse(inspect.getsource(importlib.import_module(module))))
        digest.update(module.encode() + b'\0' + ast.dump(tree).encode() + b'\0')
    digest.update(json.dumps(versions(), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def versions():
    """{package: version} for Python and the packages that compute the numbers."""
    return {'python': platform.python_version(),
            **{p: importlib.import_module(p).__version__ for p in PACKAGES}}


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
              'code': list(CODE[name]), 'versions': versions(), 'seeds': list(seeds),
              'cpu_seconds': round(_cpu_seconds() - started_cpu, 1),
              'wall_seconds': round(time.perf_counter() - started_wall, 1),
              'stored': datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
              'machine': f'{platform.machine()}, {_cores()} cores',
              'results': results}
    DATA.mkdir(parents=True, exist_ok=True)
    path(name).write_text(json.dumps(record, indent=1, ensure_ascii=False) + '\n')
    return record


def _cores():
    import os
    return os.cpu_count()


def load(name):
    """The stored record of experiment `name`; StaleResults when the code has changed."""
    if not path(name).exists():
        raise StaleResults(f'{path(name).name} is missing: run `make experiments` to measure '
                           f'the {name} experiment and store its results.')
    record = json.loads(path(name).read_text())
    if record['fingerprint'] != fingerprint(name):
        raise StaleResults(f'{path(name).name} was stored by code or packages that have changed '
                           f'since ({", ".join(CODE[name])}; {_versions_changed(record)}); '
                           f'run `make experiments` to measure again.')
    return record


def _versions_changed(record):
    now = versions()
    changed = [f'{p} {v} -> {now.get(p)}' for p, v in record['versions'].items() if now.get(p) != v]
    return ', '.join(changed) if changed else 'same package versions'


# The comparison chapter's first run, at the article's settings: 8x8 digits, a 2x2 pool, f=32.
ARTICLE_NETWORKS = [None, 'bottleneck', 'naive_inception_module', 'inception_module',
                    'residual_block', 'resnext_block', 'dense_block', 'se_block',
                    'normal_cell', 'inv_residual_block']
ARTICLE_SEEDS = tuple(range(5))


WORKERS = 3   # processes training networks side by side (each network's seeds in one)


def _train_seeds(network):
    """Every seed of one network of the fair plan, in a worker process."""
    from convblocks.experiments import fair
    label, width, knobs = network
    data = fair.digits()
    results = [fair.train(label, width, knobs, seed, data) for seed in fair.SEEDS]
    print(f'trained {label} at f={width}: {len(results)} seeds', flush=True)
    return results


def run_fair():
    """The fair comparison: its plan (widths per budget) and every network from every seed.

    The networks train in WORKERS processes; a seed gives the same result in any process
    (training.train_block), so the split changes no number. CPU seconds are summed over
    the workers.
    """
    from concurrent.futures import ProcessPoolExecutor

    from convblocks.experiments import fair
    rows = fair.plan()
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        runs = [r for results in pool.map(_train_seeds, fair.networks(rows)) for r in results]
    return {'plan': rows, 'runs': runs}, fair.SEEDS


def run_article():
    """The ten tiny networks at the article's settings, 8 epochs, five seeds."""
    from convblocks.experiments import training
    return training.compare(ARTICLE_NETWORKS, seeds=ARTICLE_SEEDS, epochs=8,
                            progress=True), ARTICLE_SEEDS


def run_timing():
    """Latency of every block of the line-up, and this CPU's roofline."""
    from convblocks.experiments import comparison, roofline
    return {'runs': comparison.timing_runs(), 'roof': roofline.measure_roof()}, ()


RUNS = {'fair': run_fair, 'article': run_article, 'timing': run_timing}


def run(name):
    """Run experiment `name` and store it; returns the record."""
    code = fingerprint(name)   # of the code that runs (and fails now if a module is missing)
    started_cpu, started_wall = _cpu_seconds(), time.perf_counter()
    results, seeds = RUNS[name]()
    return save(name, results, seeds, started_cpu, started_wall, code)


def main(argv):
    names = argv or list(CODE)
    for name in names:
        record = run(name)
        print(f'{name}: {record["cpu_seconds"]:.0f} CPU s, {record["wall_seconds"]:.0f} s wall; '
              f'stored in {path(name)}', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
