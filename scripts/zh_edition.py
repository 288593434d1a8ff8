"""The Chinese edition: build it from the Chinese notebooks, or extract the book's prose into
.pot catalogs.

The zh edition is built from a source folder of its own, _build/zh-src/ (`prepare_source`),
whose book/<page>.ipynb are the Chinese notebooks of book/zh/ (written and run by
`make translations` from the English notebooks and the catalogs: Chinese prose, the same code
with `language.use('zh')` first, so the package prints Chinese), whose Markdown pages
(intro, run_it) are translated from their catalogs when the folder is prepared, and whose other
files (the glossary, the theme, static files, data, the bibliography) are links to the
checkout's. Its pages therefore keep the English edition's names (book/<page>.html), which
the language switch relies on, and each page's .ipynb download is the Chinese notebook.
The notebooks are executed through Jupyter Book's cache (_build/.jupyter_cache), like the
English ones (scripts/build_book.py runs both editions' in parallel into it).

Sphinx translates only the theme's strings (locales/zh_CN/LC_MESSAGES/sphinx.po); the pages'
catalogs serve `make translations`. The zh table of contents is the English one plus the
glossary (book/glossary.md, written in Chinese, zh edition only). The zh search splits words
with jieba and a user dictionary of the glossary's terms (locales/terms.py), written to
_build/zh-search-dict.txt before each build.

Usage: python scripts/zh_edition.py build      # -> _build/html/zh/
       python scripts/zh_edition.py prepare    # -> _build/zh-src/ only
       python scripts/zh_edition.py extract DIR  # -> DIR/<page>.pot
"""
import json
import os
import shutil
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / '_build'
ZH_HTML = BUILD / 'html' / 'zh'
ZH_SOURCE = BUILD / 'zh-src'
LOCALES = ROOT / 'locales'
THEME_CATALOG = LOCALES / 'zh_CN' / 'LC_MESSAGES' / 'sphinx.po'
ENGLISH_HEADINGS = BUILD / 'zh-english-headings.json'   # locales/editions.py: section ids
GLOSSARY = 'book/glossary'
TITLE = '用简单代码读懂卷积模块'
AUTHOR = 'convblocks 项目组'
SEARCH_DICT = BUILD / 'zh-search-dict.txt'
REDIRECT = '<meta http-equiv="Refresh" content="0; url={page}.html" />\n'

# The same message domains (one catalog per page) for extraction and translation.
CATALOGS = {'gettext_compact': False, 'gettext_location': False, 'gettext_uuid': False,
            'latex_individualpages': False}


def zh_toc():
    """Write the zh table of contents (the English one plus the glossary); return its path."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    toc.setdefault('chapters', []).append({'file': GLOSSARY})
    path = BUILD / 'zh-toc.yml'
    BUILD.mkdir(exist_ok=True)
    text = yaml.safe_dump(toc, allow_unicode=True, sort_keys=False)
    if not path.exists() or path.read_text() != text:   # an unchanged file keeps Sphinx's env
        path.write_text(text)
    return path


def search_dictionary():
    """Write the zh search's jieba user dictionary from the glossary; return its path."""
    sys.path.insert(0, str(LOCALES))
    try:
        import terms
    finally:
        sys.path.remove(str(LOCALES))
    BUILD.mkdir(exist_ok=True)
    return terms.write_jieba_dictionary(SEARCH_DICT)


def zh_notebooks():
    """locales/zh_notebooks.py, which makes the Chinese notebooks and pages."""
    sys.path.insert(0, str(LOCALES))
    try:
        import zh_notebooks as module
    finally:
        sys.path.remove(str(LOCALES))
    return module


def write_if_changed(path, data):
    """Write `data` (bytes) unless `path` holds it already (Sphinx rereads changed files)."""
    if path.is_symlink() or (path.exists() and path.read_bytes() != data):
        path.unlink()
    if not path.exists():
        path.write_bytes(data)


def remove(path):
    """Remove a file, a link or a folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def link(path, target):
    """Make `path` a symbolic link to `target` (unless it is one already)."""
    if not (path.is_symlink() and os.readlink(path) == str(target)):
        remove(path)
        path.symlink_to(target)


def headings(markdown):
    """The headings of a Markdown (MyST) text, in order, as written."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt('commonmark').parse(markdown)
    return [tokens[i + 1].content for i, token in enumerate(tokens)
            if token.type == 'heading_open']


def english_headings():
    """{docname: its English headings in order} of the book's notebooks and Markdown pages."""
    import nbformat

    found = {}
    for path in sorted((ROOT / 'book').glob('*.ipynb')) + sorted((ROOT / 'book').glob('*.md')):
        if path.suffix == '.ipynb':
            text = '\n\n'.join(cell.source for cell in nbformat.read(path, as_version=4).cells
                               if cell.cell_type == 'markdown')
        else:
            text = path.read_text(encoding='utf-8')
        found[f'book/{path.stem}'] = headings(text)
    return found


def prepare_source():
    """Fill _build/zh-src/, the zh edition's source folder; return its path.

    book/<page>.ipynb: the Chinese notebook (book/zh/); book/<page>.md: the English page
    translated from its catalog; every other file of book/, the bibliography and the theme's
    catalog (in _locale/): links to the checkout's. Also writes the English pages' headings
    (_build/zh-english-headings.json), from which locales/editions.py gives each zh section
    the English section's id."""
    generator = zh_notebooks()
    book = ZH_SOURCE / 'book'
    book.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in sorted((ROOT / 'book').iterdir()):
        page = f'book/{path.stem}'
        if path.name == 'zh' or path.suffix == '.ipynb':
            continue
        wanted.add(path.name)
        catalog = LOCALES / 'zh_CN' / 'LC_MESSAGES' / f'{page}.po'
        if path.suffix == '.md' and catalog.exists():
            text, _ = generator.translate_page(path.read_text(encoding='utf-8'), page)
            write_if_changed(book / path.name, text.encode())
        else:
            link(book / path.name, path)
    for path in sorted(generator.ZH_BOOK.glob('*.ipynb')):
        wanted.add(path.name)
        write_if_changed(book / path.name, path.read_bytes())
    for stale in [p for p in book.iterdir() if p.name not in wanted]:
        remove(stale)
    link(ZH_SOURCE / 'references.bib', ROOT / 'references.bib')
    for entry in outside_static_paths():
        (ZH_SOURCE / entry).parent.mkdir(parents=True, exist_ok=True)
        link(ZH_SOURCE / entry, ROOT / entry)
    messages = ZH_SOURCE / '_locale' / 'zh_CN' / 'LC_MESSAGES'
    messages.mkdir(parents=True, exist_ok=True)
    link(messages / THEME_CATALOG.name, THEME_CATALOG)
    text = json.dumps(english_headings(), ensure_ascii=False, indent=1)
    write_if_changed(ENGLISH_HEADINGS, text.encode())
    return ZH_SOURCE


def outside_static_paths():
    """The html_static_path entries of _config.yml outside book/ (cb-common.js, in src/)."""
    config = yaml.safe_load((ROOT / '_config.yml').read_text())
    entries = config['sphinx']['config'].get('html_static_path', [])
    return [entry for entry in entries if not entry.startswith('book/')]


def sphinx_build(outdir, doctrees, builder, overrides, source=ROOT):
    """Jupyter Book's Sphinx build of the book (in `source`) with `overrides`; return the
    exit code."""
    from jupyter_book.sphinx import build_sphinx

    result = build_sphinx(source, outdir, noconfig=True, path_config=ROOT / '_config.yml',
                          confoverrides={**CATALOGS, **overrides}, doctreedir=doctrees,
                          builder=builder, warningiserror=True, keep_going=True, quiet=True)
    return result if isinstance(result, int) else 1


def build():
    """Build the Chinese edition at _build/html/zh/ from _build/zh-src/ (the Chinese
    notebooks, executed through the cache)."""
    source = prepare_source()
    overrides = {
        'language': 'zh_CN',
        'locale_dirs': [str(source / '_locale')],   # the theme's strings only
        'external_toc_path': str(zh_toc()),
        'nb_execution_cache_path': str(BUILD / '.jupyter_cache'),
        'html_title': TITLE,
        'author': AUTHOR,
        'html_theme_options': {'search_bar_text': '搜索本书……'},
        'html_search_options': {'dict': str(search_dictionary())},
        'bibtex_reference_style': 'author_year_zh',   # He 等人（2016）: locales/editions.py
        'lang_switch_only_here': [GLOSSARY],
        'editions_nb_output_folder': str(BUILD / 'jupyter_execute_zh'),
        'editions_english_headings': str(ENGLISH_HEADINGS),
        'nitpicky': True,
    }
    started = time.monotonic()
    code = sphinx_build(ZH_HTML, BUILD / '.doctrees-zh', 'html', overrides, source)
    if code == 0:
        root_doc = yaml.safe_load((ROOT / '_toc.yml').read_text())['root']
        (ZH_HTML / 'index.html').write_text(REDIRECT.format(page=root_doc))
        print(f'Chinese edition built in {time.monotonic() - started:.0f} s: '
              f'{ZH_HTML / "index.html"}')
    return code


def extract(outdir):
    """Write the book's prose as one .pot catalog per page into `outdir` (nothing executes)."""
    # The stored notebooks lack the figures glued only while the book is built (the
    # comparison's run time); their placeholders are prose all the same.
    overrides = {'external_toc_path': str(ROOT / '_toc.yml'), 'nb_execution_mode': 'off',
                 'suppress_warnings': ['mystnb.glue']}
    return sphinx_build(Path(outdir), Path(outdir) / '.doctrees', 'gettext', overrides)


def main(argv):
    if argv[:1] == ['prepare']:
        print(prepare_source())
        return 0
    if argv[:1] == ['build']:
        return build()
    if argv[:1] == ['extract'] and len(argv) == 2:
        return extract(argv[1])
    print(__doc__.split('Usage:')[1].strip(), file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
