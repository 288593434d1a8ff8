"""Bring the Chinese catalogs up to date with the book's prose and say what is left to translate.

`make translations` runs this: it extracts the prose of every page into _build/gettext/*.pot
(scripts/zh_edition.py extract; nothing is executed), merges them into
locales/zh_CN/LC_MESSAGES/<page>.po with sphinx-intl (new messages arrive empty, changed ones
arrive fuzzy with the old translation as a draft), then prints, per page, every message that
is untranslated or fuzzy. Translate those msgstr entries, delete the `#, fuzzy` lines, and run
`make translations` again until it reports nothing; tests/test_zh_catalogs.py checks the same.

Usage: python scripts/translations.py [--report-only]
"""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
POT_DIR = ROOT / '_build' / 'gettext'
CATALOGS = ROOT / 'locales' / 'zh_CN' / 'LC_MESSAGES'


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


def main(argv):
    if '--report-only' not in argv:
        if extract() != 0:
            print('Extracting the prose failed; see the messages above.', file=sys.stderr)
            return 1
        if update() != 0:
            print('sphinx-intl update failed; see the messages above.', file=sys.stderr)
            return 1
    report()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
