"""The Chinese edition: build it from the English build's executed notebooks, or extract
the book's prose into .pot catalogs.

Both editions come from the same notebooks. Sphinx's i18n replaces each paragraph, heading
and list item by its translation in locales/zh_CN/LC_MESSAGES/<page>.po; code cells and their
outputs come from Jupyter Book's execution cache (_build/.jupyter_cache), which the English
build has filled, so nothing is executed twice. The zh table of contents is the English one
plus the glossary (book/glossary.md, written in Chinese, zh edition only). The zh search
splits words with jieba and a user dictionary of the glossary's terms (locales/terms.py),
written to _build/zh-search-dict.txt before each build.

Usage: python scripts/zh_edition.py build      # -> _build/html/zh/
       python scripts/zh_edition.py extract DIR  # -> DIR/<page>.pot
"""
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / '_build'
ZH_HTML = BUILD / 'html' / 'zh'
LOCALES = ROOT / 'locales'
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


def sphinx_build(outdir, doctrees, builder, overrides):
    """Jupyter Book's Sphinx build of the book with `overrides`; return the exit code."""
    from jupyter_book.sphinx import build_sphinx

    result = build_sphinx(ROOT, outdir, noconfig=True, path_config=ROOT / '_config.yml',
                          confoverrides={**CATALOGS, **overrides}, doctreedir=doctrees,
                          builder=builder, warningiserror=True, keep_going=True, quiet=True)
    return result if isinstance(result, int) else 1


def build():
    """Build the Chinese edition at _build/html/zh/ with the executed notebooks' cache."""
    overrides = {
        'language': 'zh_CN',
        'locale_dirs': [str(LOCALES)],
        'external_toc_path': str(zh_toc()),
        'nb_execution_cache_path': str(BUILD / '.jupyter_cache'),
        'html_title': TITLE,
        'author': AUTHOR,
        'html_theme_options': {'search_bar_text': '搜索本书……'},
        'html_search_options': {'dict': str(search_dictionary())},
        'bibtex_reference_style': 'author_year_zh',   # He 等人（2016）: locales/editions.py
        'lang_switch_only_here': [GLOSSARY],
        'editions_nb_output_folder': str(BUILD / 'jupyter_execute_zh'),
        'nitpicky': True,
    }
    started = time.monotonic()
    code = sphinx_build(ZH_HTML, BUILD / '.doctrees-zh', 'html', overrides)
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
    if argv[:1] == ['build']:
        return build()
    if argv[:1] == ['extract'] and len(argv) == 2:
        return extract(argv[1])
    print(__doc__.split('Usage:')[1].strip(), file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
