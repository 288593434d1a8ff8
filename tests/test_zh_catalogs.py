"""The Chinese catalogs: every message translated, none fuzzy, and in step with the prose.

"In step" is judged by content, not file dates (a git clone resets those): the prose of the
notebooks is extracted afresh (scripts/zh_edition.py extract, nothing is executed) and every
message found there must have a finished translation in locales/zh_CN/LC_MESSAGES.
"""
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / 'locales' / 'zh_CN' / 'LC_MESSAGES'


def read_catalog(path):
    with path.open('rb') as handle:
        return read_po(handle)


def messages(catalog):
    return [m for m in catalog if m.id]


def po_files():
    """Every catalog: the pages' (book/*.po) and our additions to the theme's (sphinx.po)."""
    return sorted(CATALOGS.rglob('*.po'))


def page_files():
    return sorted((CATALOGS / 'book').rglob('*.po'))


def page_of(path, top):
    """'book/resnext' for top/book/resnext.po or .pot."""
    return path.relative_to(top).with_suffix('').as_posix()


def missing_translations(templates, catalogs):
    """{page: [msgid, ...]} of template messages without a finished translation."""
    missing = {}
    for page, template in templates.items():
        catalog = catalogs.get(page)
        done = {m.id for m in messages(catalog) if m.string and not m.fuzzy} if catalog else set()
        lacking = [m.id for m in messages(template) if m.id not in done]
        if lacking:
            missing[page] = lacking
    return missing


@pytest.fixture(scope='module')
def fresh_templates(tmp_path_factory):
    """The book's prose, extracted now: {page: Catalog}."""
    out = tmp_path_factory.mktemp('gettext')
    result = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'zh_edition.py'), 'extract',
                             str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {page_of(p, out): read_catalog(p) for p in out.rglob('*.pot')}


@pytest.fixture(scope='module')
def catalogs():
    return {page_of(p, CATALOGS): read_catalog(p) for p in page_files()}


def test_there_is_a_catalog_per_page(fresh_templates, catalogs):
    assert len(fresh_templates) >= 13
    assert sorted(fresh_templates) == sorted(catalogs), (
        'locales/ and the book have different pages: run `make translations`')


@pytest.mark.parametrize('path', po_files(), ids=lambda p: page_of(p, CATALOGS))
def test_every_message_is_translated_and_none_is_fuzzy(path):
    entries = messages(read_catalog(path))
    untranslated = [m.id[:80] for m in entries if not m.string]
    fuzzy = [m.id[:80] for m in entries if m.string and m.fuzzy]
    assert not untranslated, f'untranslated in {path.name}: {untranslated}'
    assert not fuzzy, f'fuzzy in {path.name}: {fuzzy}'


def test_catalogs_translate_the_current_prose(fresh_templates, catalogs):
    missing = missing_translations(fresh_templates, catalogs)
    report = '\n'.join(f'{page}: {len(ids)} message(s), e.g. {ids[0][:80]!r}'
                       for page, ids in missing.items())
    assert not missing, f'prose without its translation (run `make translations`):\n{report}'


def test_a_changed_sentence_counts_as_untranslated(catalogs):
    """The check above can fail: an edited message, or a fuzzy one, is reported."""
    page, catalog = next(iter(catalogs.items()))
    original = messages(catalog)[0].id
    edited = original + ' Now with one more sentence.'
    assert missing_translations({page: template(edited)}, catalogs) == {page: [edited]}
    assert missing_translations({page: template(original)}, catalogs) == {}
    fuzzy = Catalog()
    fuzzy.add(original, 'draft', flags=['fuzzy'])
    assert missing_translations({page: template(original)}, {page: fuzzy}) == {page: [original]}


def template(msgid):
    """A one-message template, as gettext extraction would write it."""
    result = Catalog()
    result.add(msgid)
    return result


CODE = re.compile(r'`[^`]+`')
# Words glued from a measurement are read in Chinese as {eval}`glued.name_zh`
# (convblocks.book.phrases, convblocks.book.glued).
CHINESE_GLUE = re.compile(r'(\{eval\}`glued\.\w+)_zh`')   # words, and charts in Chinese
LINK_TARGET = re.compile(r'\]\(([^)]+)\)')
NUMBER = re.compile(r'\d+(?:[.,]\d+)*')


@pytest.mark.parametrize('path', po_files(), ids=lambda p: page_of(p, CATALOGS))
def test_translations_keep_code_links_and_numbers(path):
    """Code spans and link targets stay as they are; every number of the English is kept."""
    for message in messages(read_catalog(path)):
        if not message.string:
            continue
        translated = CHINESE_GLUE.sub(r'\1`', message.string)
        assert Counter(CODE.findall(translated)) == Counter(CODE.findall(message.id)), (
            message.id, message.string)
        assert LINK_TARGET.findall(message.string) == LINK_TARGET.findall(message.id), message.id
        lost = set(NUMBER.findall(message.id)) - set(NUMBER.findall(message.string))
        assert not lost, f'numbers {lost} missing from the translation of {message.id!r}'


def image_descriptions():
    """The alt text of every image output, from the notebooks' cell metadata (mystnb.image.alt)."""
    import nbformat
    return [cell.metadata['mystnb']['image']['alt']
            for path in sorted((ROOT / 'book').glob('*.ipynb'))
            for cell in nbformat.read(path, as_version=4).cells
            if 'alt' in cell.metadata.get('mystnb', {}).get('image', {})]


def test_every_image_description_has_its_chinese_and_none_is_stale():
    import json
    chinese = json.loads((ROOT / 'locales/zh_CN/image_alt.json').read_text())
    english = image_descriptions()
    assert len(english) >= 8   # the comparison's charts carry their own (drawing.charts.ALT)
    assert sorted(chinese) == sorted(english)
    assert all(re.search(r'[\u4e00-\u9fff]', text) for text in chinese.values())
