"""Build the HTML book with Jupyter Book and print where it is.

Jupyter Book's execution cache keys on a notebook's code cells only, so a change in
src/convblocks would leave stale pages behind. This script fingerprints the package (and
the pinned requirements) and starts from an empty _build whenever the fingerprint differs
from the one recorded by the last successful build. Otherwise the build is incremental:
only notebooks whose code changed are executed again.

Jupyter Book executes notebooks one after another. Before it starts, this script runs the
notebooks that have no cached outputs in parallel (one process per core, the slowest
notebook first) into the same jupyter-cache, so Jupyter Book finds them executed. A notebook
that fails there is simply run again by Jupyter Book, which reports the error. With every
notebook executed, the English and Chinese Sphinx builds then run side by side.

Usage: python scripts/build_book.py [--clean]
"""
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from convblocks.book.stored_notebooks import encrypted_kernels

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / '_build'
HTML = BUILD / 'html'
STAMP = BUILD / 'src-fingerprint.txt'
CACHE = BUILD / '.jupyter_cache'
INPUTS = [ROOT / 'src' / 'convblocks', ROOT / 'requirements.txt']
# Started first: it trains 50 small networks (about as long as all the other notebooks
# together), so the others share the second core meanwhile instead of running before it.
SLOWEST = 'comparison.ipynb'


def fingerprint():
    """A hash of every file the executed notebooks' outputs can depend on besides themselves."""
    digest = hashlib.sha256()
    for top in INPUTS:
        files = sorted(top.rglob('*')) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and '__pycache__' not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b'\0')
                digest.update(path.read_bytes() + b'\0')
    return digest.hexdigest()


def stale(current):
    """True when the last successful build used different sources (or there was none)."""
    return not STAMP.exists() or STAMP.read_text().strip() != current


def toc_notebooks():
    """The notebooks the table of contents lists."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    files = [toc['root']] + [entry['file'] for entry in toc.get('chapters', [])]
    return [ROOT / f'{f}.ipynb' for f in files if (ROOT / f'{f}.ipynb').exists()]


def execute_one(uri):
    """Execute one notebook into the cache (in a worker process); True when it succeeded."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    executor = load_executor('local-serial', cache=get_cache(str(CACHE)),
                             logger=logging.getLogger('build_book'))
    return bool(executor.run_and_cache(filter_uris=[uri], timeout=300).succeeded)


def execute_in_parallel():
    """Execute the uncached notebooks of the toc in parallel into Jupyter Book's cache.

    Returns the number that failed (Jupyter Book runs them again and reports the error)."""
    from jupyter_cache import get_cache

    BUILD.mkdir(exist_ok=True)
    cache = get_cache(str(CACHE))
    for path in toc_notebooks():
        cache.add_nb_to_project(str(path))
    pending = sorted((record.uri for record in cache.list_unexecuted()),
                     key=lambda uri: Path(uri).name != SLOWEST)
    if not pending:
        return 0
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        succeeded = sum(pool.map(execute_one, pending))
    print(f'Executed {succeeded} notebook(s) in parallel in {time.monotonic() - started:.0f} s; '
          f'{len(pending) - succeeded} failed and are left to Jupyter Book.')
    return len(pending) - succeeded


def english():
    """The command that runs jupyter-book with warnings as errors, printing only warnings."""
    jupyter_book = Path(sys.executable).with_name('jupyter-book')
    return [str(jupyter_book), 'build', '-W', '-n', '--keep-going', '--quiet', str(ROOT)]


def chinese():
    """The command that builds the Chinese edition at _build/html/zh/ from the same cache."""
    return [sys.executable, str(ROOT / 'scripts' / 'zh_edition.py'), 'build']


def build_editions(side_by_side):
    """Build both editions, at once when every notebook is cached; the first failing exit code.

    Otherwise the English build runs first: it executes what is left and reports its errors.
    """
    if not side_by_side:
        return subprocess.call(english(), cwd=ROOT) or subprocess.call(chinese(), cwd=ROOT)
    builds = [subprocess.Popen(command, cwd=ROOT) for command in (english(), chinese())]
    codes = [build.wait() for build in builds]
    return next((code for code in codes if code), 0)


def main(argv):
    started = time.monotonic()
    os.environ['CONVBLOCKS_BOOK'] = '1'   # convblocks.book.reveal: hints and solutions fold in the book
    encrypted_kernels()
    current = fingerprint()
    if '--clean' in argv or stale(current):
        print('src/convblocks changed since the last build (or no build yet): building from scratch.')
        shutil.rmtree(BUILD, ignore_errors=True)
    failed = execute_in_parallel()
    code = build_editions(side_by_side=not failed)
    if code != 0:
        print(f'The book build failed (exit code {code}); see the messages above.', file=sys.stderr)
        return code
    STAMP.write_text(current + '\n')
    print(f'Built in {time.monotonic() - started:.0f} s. The book is at {HTML / "index.html"}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
