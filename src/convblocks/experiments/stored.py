"""Results of slow experiments, stored with their provenance and refused once stale.

`make experiments` runs an experiment and `save`s its results as JSON under book/data/,
with the hash of every source file it depends on, its seeds, the package versions and the
CPU time it took. A page `load`s them instead of training while the book builds; if any of
those files has changed since, `load` raises StaleResults and the build stops.
"""
import hashlib
import importlib
import json
import platform
import time
from pathlib import Path

from convblocks.checks.errors import Sentence

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / 'book' / 'data'
PACKAGES = ('tensorflow', 'keras', 'numpy', 'sklearn')   # import names (tensorflow-cpu too)


class StaleResults(Sentence, RuntimeError):
    """Stored results that the current code would not reproduce, or none at all."""


def file_hashes(modules):
    """{path from the repository root: sha256 of its bytes} for each module's source file."""
    paths = sorted({Path(m.__file__).resolve() for m in modules})
    return {_relative(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def _relative(path):
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return path.name


def versions():
    """Python's and the packages' versions, as the provenance records them."""
    return {'python': platform.python_version(),
            **{name: importlib.import_module(name).__version__ for name in PACKAGES}}


def save(name, results, modules, seeds, cpu_seconds, settings=None):
    """Write book/data/<name>.json: the results and where they came from; return its path."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f'{name}.json'
    record = {'provenance': {'files': file_hashes(modules), 'seeds': list(seeds),
                             'settings': settings or {}, 'versions': versions(),
                             'cpu_seconds': round(cpu_seconds, 1),
                             'stored': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},
              'results': results}
    path.write_text(json.dumps(record, indent=1) + '\n')
    return path


def changed_files(record, modules):
    """The files whose hash differs from the one stored in `record` (or is missing from it)."""
    stored = record['provenance']['files']
    return [path for path, digest in file_hashes(modules).items() if stored.get(path) != digest]


def load(name, modules):
    """The stored record of `name` ({'provenance', 'results'}); StaleResults if it is missing
    or any of `modules`' files changed since it was stored."""
    path = DATA / f'{name}.json'
    if not path.exists():
        raise StaleResults(f'{_relative(path)} is missing; run `make experiments` to store it.')
    record = json.loads(path.read_text())
    changed = changed_files(record, modules)
    if changed:
        raise StaleResults(f'{_relative(path)} was stored from older code ({", ".join(changed)} '
                           'changed since); run `make experiments` to store it again.')
    return record
