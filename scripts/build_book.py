"""Build the HTML book with Jupyter Book and print where it is.

Jupyter Book's execution cache keys on a notebook's code cells only, so a change in
src/convblocks would leave stale pages behind. This script fingerprints the package (and
the pinned requirements) and starts from an empty _build whenever the fingerprint differs
from the one recorded by the last successful build. Otherwise the build is incremental:
only notebooks whose code changed are executed again.

Usage: python scripts/build_book.py [--clean]
"""
import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / '_build'
HTML = BUILD / 'html'
STAMP = BUILD / 'src-fingerprint.txt'
INPUTS = [ROOT / 'src' / 'convblocks', ROOT / 'requirements.txt']


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


def build():
    """Run jupyter-book with warnings as errors; return its exit code."""
    jupyter_book = Path(sys.executable).with_name('jupyter-book')
    command = [str(jupyter_book), 'build', '-W', '-n', '--keep-going', str(ROOT)]
    return subprocess.call(command, cwd=ROOT)


def main(argv):
    started = time.monotonic()
    current = fingerprint()
    if '--clean' in argv or stale(current):
        print('src/convblocks changed since the last build (or no build yet): building from scratch.')
        shutil.rmtree(BUILD, ignore_errors=True)
    code = build()
    if code != 0:
        print(f'The book build failed (exit code {code}); see the messages above.', file=sys.stderr)
        return code
    STAMP.write_text(current + '\n')
    print(f'Built in {time.monotonic() - started:.0f} s. The book is at {HTML / "index.html"}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
