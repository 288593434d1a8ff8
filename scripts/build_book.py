"""Build the HTML book with Jupyter Book and print where it is.

Jupyter Book's execution cache keys on a notebook's code cells only, so a change in
src/convblocks would leave stale pages behind. This script fingerprints the package (and
the pinned requirements) and starts from an empty _build whenever the fingerprint differs
from the one recorded by the last successful build. Otherwise the build is incremental:
only notebooks whose code changed are executed again.

Jupyter Book executes notebooks one after another. Before it starts, this script runs the
notebooks that have no cached outputs in parallel (one process per core, the slowest
notebook first) into the same jupyter-cache, so Jupyter Book finds them executed: the English
notebooks (book/) and the Chinese ones (book/zh/, copied into the zh edition's source folder
_build/zh-src/ by scripts/zh_edition.py). A notebook that fails there is simply run again by
Jupyter Book, which reports the error. With every notebook executed, the English and Chinese
Sphinx builds then run side by side.

After the Sphinx builds, it puts the download the "Run it yourself" page links (book/run_it.md)
into each edition, at download/convblocks-book.zip: one archive with the edition's notebooks
(English or Chinese), the package as a wheel and the pinned requirements a reader needs, whose
README's two commands set it up and open JupyterLab.

Usage: python scripts/build_book.py [--clean]
"""
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
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
DOWNLOAD = 'download/convblocks-book.zip'   # in each edition's folder (run_it.md links it)
# Pins of requirements.txt that only building, testing or translating the book needs; every
# other pin goes into the download's requirements.
BUILD_ONLY = {'jupyter-book', 'sphinx-exercise', 'sphinxcontrib-bibtex', 'pytest', 'nbval',
              'pytest-xdist', 'playwright', 'hypothesis', 'ruff', 'sphinx-intl', 'jieba',
              'tinycss2'}
FOLDER = 'convblocks-book'   # what the archive unpacks into
# Started first: the slowest notebook (it loads every stored experiment and draws the
# comparison's charts; `make refresh` prints each notebook's time), so the others share the
# second core meanwhile instead of running before it.
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


def toc_notebooks(source=ROOT):
    """The notebooks the table of contents lists, in the source folder `source` (the
    checkout for the English edition, _build/zh-src for the Chinese one)."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    files = [toc['root']] + [entry['file'] for entry in toc.get('chapters', [])]
    return [source / f'{f}.ipynb' for f in files if (source / f'{f}.ipynb').exists()]


def execute_one(uri):
    """Execute one notebook into the cache (in a worker process); True when it succeeded."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    executor = load_executor('local-serial', cache=get_cache(str(CACHE)),
                             logger=logging.getLogger('build_book'))
    return bool(executor.run_and_cache(filter_uris=[uri], timeout=300).succeeded)


def execute_in_parallel(sources):
    """Execute the uncached notebooks of the toc, in each source folder of `sources`, in
    parallel into Jupyter Book's cache.

    Returns the number that failed (Jupyter Book runs them again and reports the error)."""
    from jupyter_cache import get_cache

    BUILD.mkdir(exist_ok=True)
    cache = get_cache(str(CACHE))
    for path in [path for source in sources for path in toc_notebooks(source)]:
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


def reader_requirements(wheel_name):
    """The download's requirements.txt: the reader's pins of requirements.txt, then the wheel."""
    pins = []
    for line in (ROOT / 'requirements.txt').read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(('#', '-')):
            continue
        name = line.split('==')[0].strip().lower().replace('_', '-')
        if name not in BUILD_ONLY:
            pins.append(line)
    return ('# Pinned versions of what the notebooks import (from requirements.txt of the book),\n'
            '# then the convblocks package itself, as a wheel in this folder.\n'
            + '\n'.join(pins) + f'\n./{wheel_name}\n')


def readme(wheel_name, chinese=False):
    """The download's README: what is in it and the two commands that set it up."""
    if chinese:
        return readme_zh(wheel_name)
    return f"""# Convolutional blocks in simple code: the notebooks

This folder holds the book's chapters as Jupyter notebooks (`notebooks/`), the `convblocks`
package they import, as a wheel:

    {wheel_name}

and the pinned versions of everything else they import (`requirements.txt`).

You need Python 3.11 or newer and Graphviz, which draws the block graphs (Debian or Ubuntu:
`sudo apt-get install graphviz`; macOS: `brew install graphviz`). In this folder, run

```
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/jupyter trust notebooks/*.ipynb && .venv/bin/jupyter lab notebooks/
```

The first command installs everything into `.venv/` here (about 1 GB, mostly TensorFlow); the
second trusts the notebooks (so JupyterLab shows their stored graphs) and opens JupyterLab.
Later, the second command alone opens it again. On Windows, write `.venv\\Scripts\\` for
`.venv/bin/`.
"""


def readme_zh(wheel_name):
    """The Chinese edition's download README (the same commands as `readme`; Chinese
    paragraphs are not wrapped, since a line break between Chinese characters shows as a
    space)."""
    return f"""# 用简单代码读懂卷积模块：notebook

这个文件夹里有本书各章的中文 Jupyter notebook（`notebooks/`）、它们导入的 `convblocks` 程序包（打包成 wheel）：

    {wheel_name}

以及它们导入的其他软件包的固定版本（`requirements.txt`）。

你需要 Python 3.11 或更新版本，以及用来绘制模块图的 Graphviz（Debian 或 Ubuntu：`sudo apt-get install graphviz`；macOS：`brew install graphviz`）。在这个文件夹中运行

```
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/jupyter trust notebooks/*.ipynb && .venv/bin/jupyter lab notebooks/
```

第一条命令把所需的一切安装到这里的 `.venv/` 中（约 1 GB，大部分是 TensorFlow）；第二条命令信任这些 notebook（这样 JupyterLab 会显示它们保存的图）并打开 JupyterLab。以后只需第二条命令就能再次打开。在 Windows 上，把 `.venv/bin/` 换成 `.venv\\Scripts\\`。

每个 notebook 的第一个代码单元格写有 `language.use('zh')`：convblocks 从这里起用中文给出提示、图和结果；改成 `'en'` 就是英文。
"""


def build_wheel(folder):
    """Build the package's wheel into `folder` from a copy of the sources; return its path.

    The copy keeps pip's build/ and *.egg-info folders out of the checkout.
    """
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / 'source'
        shutil.copytree(ROOT / 'src', source / 'src',
                        ignore=shutil.ignore_patterns('__pycache__', '*.egg-info'))
        shutil.copy(ROOT / 'pyproject.toml', source)
        built = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps',
                                '--no-build-isolation', '-q', '-w', str(folder), str(source)],
                               capture_output=True, text=True)
        if built.returncode != 0:
            raise RuntimeError(f'pip wheel failed:\n{built.stdout}{built.stderr}')
    return next(folder.glob('convblocks-*.whl'))


def pack_download(target, source=ROOT, chinese=False, wheel=None):
    """Write the download archive (the notebooks of `source`, the package's wheel (built now
    unless given), requirements, README in English or Chinese); return its path.

    Entries carry a fixed date, so an archive with the same content has the same bytes.
    """
    with tempfile.TemporaryDirectory() as tmp:
        wheel = wheel or build_wheel(Path(tmp))
        files = {'README.md': readme(wheel.name, chinese).encode(),
                 'requirements.txt': reader_requirements(wheel.name).encode(),
                 wheel.name: wheel.read_bytes()}
        for path in toc_notebooks(source):
            files[f'notebooks/{path.name}'] = path.read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(files.items()):
                info = zipfile.ZipInfo(f'{FOLDER}/{name}', date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return target


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
    import zh_edition   # beside this script (imported here: tests load this file by its path)
    zh_source = zh_edition.prepare_source()
    failed = execute_in_parallel([ROOT, zh_source])
    code = build_editions(side_by_side=not failed)
    if code != 0:
        print(f'The book build failed (exit code {code}); see the messages above.', file=sys.stderr)
        return code
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        pack_download(HTML / DOWNLOAD, wheel=wheel)
        pack_download(HTML / 'zh' / DOWNLOAD, zh_source, chinese=True, wheel=wheel)
    STAMP.write_text(current + '\n')
    print(f'Built in {time.monotonic() - started:.0f} s. The book is at {HTML / "index.html"}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
