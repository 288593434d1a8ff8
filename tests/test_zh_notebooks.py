"""The Chinese notebooks (book/zh/<page>.ipynb): in step with the English notebooks and the
catalogs, the same code (plus `language.use('zh')`), Chinese prose and comments, and run.

"In step" is judged by regenerating each Chinese notebook in memory from its English notebook
and the catalogs (locales/zh_notebooks.py) and comparing cells, sources and metadata, not
outputs; nbval checks the stored outputs (book/zh/ is under the `book` test path).
"""
import importlib.util
import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from convblocks.book.stored_notebooks import normalise

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r'[\u4e00-\u9fff]')
ROLES_AND_CODE = re.compile(r'\{[\w:-]+\}`[^`]*`|`[^`]*`')


def load_generator():
    spec = importlib.util.spec_from_file_location('zh_notebooks',
                                                  ROOT / 'locales' / 'zh_notebooks.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


zh = load_generator()
ENGLISH = zh.english_notebooks()


def read(path):
    return nbformat.read(path, as_version=4)


def without_outputs(nb):
    """The parts of a notebook the generator makes: cell types, ids, sources, metadata (less
    a markdown cell's stored values, user_expressions, which running the notebook writes)."""
    return {'metadata': nb['metadata'],
            'cells': [(c['cell_type'], c.get('id'), zh.source(c),
                       {k: v for k, v in c.get('metadata', {}).items()
                        if k != 'user_expressions'})
                      for c in nb['cells']]}


def without_comments(code):
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline)
              if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)]
    return [(t.type, t.string) for t in tokens]


def test_every_english_notebook_has_its_chinese_one():
    stored = sorted(path.name for path in zh.ZH_BOOK.glob('*.ipynb'))
    assert stored == sorted(path.name for path in ENGLISH.values()), (
        'book/zh/ and book/ hold different notebooks: run `make translations`')


@pytest.mark.parametrize('page', ENGLISH, ids=lambda page: Path(page).name)
def test_chinese_notebook_is_what_the_english_one_and_the_catalogs_make(page):
    made, _ = zh.chinese_notebook(read(ENGLISH[page]), page)
    stored = read(zh.zh_path(page))
    normalise(made)
    assert without_outputs(stored) == without_outputs(made), (
        f'book/zh/{Path(page).name}.ipynb is out of step with the English notebook and the '
        'catalogs: run `make translations`')


@pytest.mark.parametrize('page', ENGLISH, ids=lambda page: Path(page).name)
def test_chinese_code_is_the_english_code_with_the_language_set_first(page):
    english = [zh.source(c) for c in read(ENGLISH[page]).cells if c.cell_type == 'code']
    chinese = [zh.source(c) for c in read(zh.zh_path(page)).cells if c.cell_type == 'code']
    assert len(chinese) == len(english)
    assert chinese[0].startswith(zh.LANGUAGE_LINES)
    chinese[0] = chinese[0][len(zh.LANGUAGE_LINES):]
    for index, (en, cn) in enumerate(zip(english, chinese)):
        assert without_comments(cn) == without_comments(en), f'{page}: code cell {index}'
        for _, _, comment in zh.comment_texts(cn):
            assert HAN.search(comment), f'{page}: comment left in English: {comment!r}'


@pytest.mark.parametrize('page', ENGLISH, ids=lambda page: Path(page).name)
def test_chinese_notebook_prose_is_chinese_and_it_was_run(page):
    nb = read(zh.zh_path(page))
    english = read(ENGLISH[page])
    for en, cell in zip(english.cells, nb.cells):
        words = ROLES_AND_CODE.sub('', zh.source(en))
        if cell.cell_type == 'markdown' and re.search(r'[A-Za-z]{4}', words):
            assert HAN.search(zh.source(cell)), f'{page}: cell {cell.id} is English'
        if cell.cell_type == 'code':
            assert cell.execution_count is not None, (
                f'{page}: cell {cell.id} was not run: run `make translations`')
        alt = cell.metadata.get('mystnb', {}).get('image', {}).get('alt')
        assert alt is None or HAN.search(alt), f'{page}: cell {cell.id} alt text is English'


def test_code_comments_catalog_lists_the_notebooks_comments():
    comments = zh.code_comments([read(path) for path in ENGLISH.values()])
    catalog = zh.comments_translation()
    assert 'replace None with your number' in comments
    assert sorted(catalog.messages) == sorted(comments) and not catalog.pending


PAGE = """# A title

A paragraph wrapped
over two lines, with `code` and {cite:t}`key`.

- **First**: a list item
  whose words go on.
- Second item

| block | weights |
|---|---|
| plain | 3 |

```{admonition} Answer
:class: dropdown
The answer is 3.
```
"""
MESSAGES = {
    'A title': '一个标题',
    'A paragraph wrapped over two lines, with `code` and {cite:t}`key`.':
        '一段跨两行的文字，含 `code` 和{cite:t}`key`。',
    '**First**: a list item whose words go on.': '**第一项**：一个列表项，它的话还没说完。',
    'Second item': '第二项',
    'block': '模块', 'weights': '权重', 'plain': '普通',
    'Answer': '答案', 'The answer is 3.': '答案是 3。',
}


def test_each_kind_of_message_is_placed_where_gettext_found_it():
    text, placed = zh.translate_markdown(PAGE, MESSAGES)
    assert placed == set(MESSAGES)
    assert text == """# 一个标题

一段跨两行的文字，含 `code` 和{cite:t}`key`。

- **第一项**：一个列表项，它的话还没说完。
- 第二项

| 模块 | 权重 |
|---|---|
| 普通 | 3 |

```{admonition} 答案
:class: dropdown
答案是 3。
```
"""


def notebook(*markdown):
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('x = 1  # replace None with your number', id='c-0'),
        *(nbformat.v4.new_markdown_cell(text, id=f'm-{i}') for i, text in enumerate(markdown))])


def test_a_message_that_cannot_be_placed_is_an_error_naming_its_cell():
    nb = notebook('Some words here that were edited after extraction.')
    pages = zh.Translation({'Some words here that were changed.': '一些话。'})
    with pytest.raises(zh.PlacementError, match='cell m-0.*Some words here'):
        zh.chinese_notebook(nb, 'book/x', pages, zh.Translation({}), {})


def test_untranslated_texts_stay_english_and_are_listed():
    nb = notebook('A heading', 'Kept.')
    pages = zh.Translation({'A heading': '标题'}, pending=['Kept.'])
    made, pending = zh.chinese_notebook(nb, 'book/x', pages, zh.Translation({}), {})
    assert [zh.source(c) for c in made.cells] == [
        zh.LANGUAGE_LINES + 'x = 1  # replace None with your number', '标题', 'Kept.']
    assert pending == ['Kept.', 'replace None with your number']
    made, _ = zh.chinese_notebook(nb, 'book/x', pages, zh.Translation(
        {'replace None with your number': '把 None 换成你算出的数'}), {})
    assert zh.source(made.cells[0]).endswith('x = 1  # 把 None 换成你算出的数')


def test_a_changed_translation_puts_the_stored_notebook_out_of_step():
    """The in-step check can fail: one edited msgstr changes the notebook made."""
    page = 'book/resnext'
    pages = zh.page_translation(page)
    msgid = next(iter(pages.messages))
    edited = zh.Translation({**pages.messages, msgid: pages.messages[msgid] + '（改）'})
    made, _ = zh.chinese_notebook(read(ENGLISH[page]), page, edited)
    assert without_outputs(made)['cells'] != without_outputs(read(zh.zh_path(page)))['cells']
