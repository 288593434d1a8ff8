"""Bring the Chinese catalogs up to date with the book's prose, say what is left to translate,
and write and run the Chinese notebooks (book/zh/<page>.ipynb).

`make translations` runs this: it extracts the prose of every page into _build/gettext/*.pot
(scripts/zh_edition.py extract; nothing is executed), merges them into
locales/zh_CN/LC_MESSAGES/<page>.po with sphinx-intl (new messages arrive empty, changed ones
arrive fuzzy with the old translation as a draft), gathers the notebooks' code comments into
locales/zh_CN/LC_MESSAGES/code_comments.po, then prints, per catalog, every message that is
untranslated or fuzzy. Translate those msgstr entries, delete the `#, fuzzy` lines, and run
`make translations` again until it reports nothing; tests/test_zh_catalogs.py checks the same.

Then it writes the Chinese notebooks from the English ones and the catalogs
(locales/zh_notebooks.py; a text not translated yet stays English) and runs them in place, as
`make refresh` runs the English ones, so that they store their outputs. A Chinese notebook is
run again when its code changed or src/convblocks (or requirements.txt) changed since it was
last run here (_build/zh-notebooks-run.json; a fresh checkout runs them all); otherwise it
keeps its stored outputs under the new prose. tests/test_zh_notebooks.py fails when the stored
Chinese notebooks are not what the English notebooks and the catalogs make.

Usage: python scripts/translations.py [--report-only] [--run-all]
  --report-only  only list what is left to translate (nothing is extracted or written)
  --run-all      run every Chinese notebook, whether or not it changed
"""
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from babel.messages.pofile import read_po

from build_book import fingerprint
from convblocks.book.stored_notebooks import encrypted_kernels, normalise
from refresh_notebooks import refresh

ROOT = Path(__file__).resolve().parents[1]
POT_DIR = ROOT / '_build' / 'gettext'
CATALOGS = ROOT / 'locales' / 'zh_CN' / 'LC_MESSAGES'
RUNS = ROOT / '_build' / 'zh-notebooks-run.json'   # {page: what its last run here depended on}
SLOWEST = 'comparison.ipynb'   # started first (see scripts/build_book.py)
sys.path.insert(0, str(ROOT / 'locales'))
import zh_notebooks  # noqa: E402


def extract():
    """Write fresh .pot catalogs into _build/gettext; return the exit code."""
    command = [sys.executable, str(ROOT / 'scripts' / 'zh_edition.py'), 'extract', str(POT_DIR)]
    return subprocess.call(command, cwd=ROOT)


def update():
    """Merge the .pot catalogs into the zh .po files (sphinx-intl); return the exit code."""
    sphinx_intl = Path(sys.executable).with_name('sphinx-intl')
    command = [str(sphinx_intl), 'update', '-p', str(POT_DIR), '-l', 'zh_CN',
               '-d', str(ROOT / 'locales'), '-w', '100', '--no-obsolete', '-j', '1']
    return subprocess.call(command, cwd=ROOT, stdout=subprocess.DEVNULL)


def pending(path):
    """(untranslated msgids, fuzzy msgids) of one .po file."""
    with path.open('rb') as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    return ([m.id for m in messages if not m.string],
            [m.id for m in messages if m.string and m.fuzzy])


def report():
    """Print what is left to translate, per page; return how many messages that is."""
    total = 0
    for path in sorted(CATALOGS.rglob('*.po')):
        untranslated, fuzzy = pending(path)
        if not untranslated and not fuzzy:
            continue
        total += len(untranslated) + len(fuzzy)
        print(f'{path.relative_to(ROOT)}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy')
        for kind, ids in (('untranslated', untranslated), ('fuzzy', fuzzy)):
            for msgid in ids:
                print(f'  [{kind}] {msgid[:90]}{"..." if len(msgid) > 90 else ""}')
    print(f'{total} message(s) left to translate.' if total else 'Every message is translated.')
    return total


def code_key(nb, sources):
    """What a notebook's stored outputs depend on: its code cells and `sources` (src/, pins)."""
    code = [zh_notebooks.source(cell) for cell in nb['cells'] if cell['cell_type'] == 'code']
    return hashlib.sha256(json.dumps([sources, code]).encode()).hexdigest()


def with_stored_outputs(nb, stored):
    """Give `nb`'s code cells the outputs of the same cells (by id) of `stored` (in place)."""
    old = {cell.get('id'): cell for cell in stored['cells'] if cell['cell_type'] == 'code'}
    for cell in nb['cells']:
        if cell['cell_type'] == 'code' and cell.get('id') in old:
            cell['outputs'] = old[cell['id']].get('outputs', [])
            cell['execution_count'] = old[cell['id']].get('execution_count')


def write_chinese_notebooks(run_all):
    """Write book/zh/<page>.ipynb from the English notebooks and the catalogs; return
    (the paths to run, {page: code key}, texts left in English)."""
    zh_notebooks.ZH_BOOK.mkdir(exist_ok=True)
    runs = json.loads(RUNS.read_text()) if RUNS.exists() and not run_all else {}
    sources = fingerprint()
    to_run, keys, pending = [], {}, []
    english = zh_notebooks.english_notebooks()
    for page, path in english.items():
        nb, left = zh_notebooks.chinese_notebook(nbformat.read(path, as_version=4), page)
        pending += [f'{page}: {text[:90]}' for text in left]
        target = zh_notebooks.zh_path(page)
        keys[page] = code_key(nb, sources)
        if target.exists() and runs.get(page) == keys[page]:
            with_stored_outputs(nb, nbformat.read(target, as_version=4))
        else:
            to_run.append(target)
        normalise(nb)
        text = nbformat.writes(nb)
        text += '' if text.endswith('\n') else '\n'   # as nbformat.write stores it
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
    for stale in set(zh_notebooks.ZH_BOOK.glob('*.ipynb')) - set(map(zh_notebooks.zh_path,
                                                                     english)):
        stale.unlink()   # its English notebook is gone
    return to_run, keys, pending


def run_in_parallel(paths):
    """Run notebooks in place (scripts/refresh_notebooks.py), one process per core, the
    slowest first; return {path: problems}."""
    paths = sorted(paths, key=lambda path: path.name != SLOWEST)
    with ProcessPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        return dict(zip(paths, pool.map(refresh, paths)))


def chinese_notebooks(run_all):
    """Write and run the Chinese notebooks; return 0, or 1 when one could not be made."""
    started = time.monotonic()
    try:
        to_run, keys, pending = write_chinese_notebooks(run_all)
    except zh_notebooks.PlacementError as error:
        print(f'The Chinese notebooks were not written:\n{error}', file=sys.stderr)
        return 1
    for text in pending:
        print(f'  [left in English in book/zh/] {text}')
    problems = run_in_parallel(to_run) if to_run else {}
    for path, found in problems.items():
        for problem in found:
            print(f'{path.relative_to(ROOT)}: {problem}', file=sys.stderr)
    failed = [path for path, found in problems.items() if found]
    RUNS.parent.mkdir(exist_ok=True)
    RUNS.write_text(json.dumps({page: key for page, key in keys.items()
                                if zh_notebooks.zh_path(page) not in failed}, indent=1))
    print(f'Chinese notebooks written to book/zh/ ({len(keys)}), {len(to_run)} '
          f'run in {time.monotonic() - started:.0f} s'
          + (f'; {len(failed)} failed: ' + ', '.join(p.name for p in failed) if failed else '.'))
    return 1 if failed else 0


def main(argv):
    if '--report-only' not in argv:
        if extract() != 0:
            print('Extracting the prose failed; see the messages above.', file=sys.stderr)
            return 1
        if update() != 0:
            print('sphinx-intl update failed; see the messages above.', file=sys.stderr)
            return 1
        english = [nbformat.read(path, as_version=4)
                   for path in zh_notebooks.english_notebooks().values()]
        zh_notebooks.update_comments_catalog(english)
    report()
    if '--report-only' in argv:
        return 0
    encrypted_kernels()
    return chinese_notebooks('--run-all' in argv)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
