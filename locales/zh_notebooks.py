"""The Chinese notebooks: an English notebook of book/ made Chinese with the zh catalogs.

Markdown cells: each message of the page's catalog (locales/zh_CN/LC_MESSAGES/book/<page>.po,
which Sphinx's gettext extracts from the notebook's MyST: paragraphs, headings, list items,
table cells, directive titles, each with its line breaks turned into spaces) is found in the
cell's source, where its words may be wrapped over lines, and replaced by its translation.
A translated message that cannot be placed is an error naming the page and the cell.

Code cells: the same code, with two changes: the first code cell starts with
`language.use('zh')` (convblocks writes its sentences, hints and figures in Chinese), and
each comment is translated from locales/zh_CN/LC_MESSAGES/code_comments.po. Image
descriptions (the cells' `mystnb.image.alt`) come from locales/zh_CN/image_alt.json. Cell
ids and metadata stay those of the English notebook; outputs are left to the caller (the
stored Chinese notebook's, or a fresh run: scripts/translations.py).

A message without a finished translation (empty or fuzzy) keeps its English and is listed
in `Translation.pending`; `make translations` reports it.

Used by scripts/translations.py (`make translations` writes book/zh/<page>.ipynb),
scripts/zh_edition.py (the zh edition's Markdown pages) and tests/test_zh_notebooks.py.
"""
import copy
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BOOK = ROOT / 'book'
ZH_BOOK = BOOK / 'zh'                       # the Chinese notebooks, one per English one
CATALOGS = HERE / 'zh_CN' / 'LC_MESSAGES'
COMMENTS = CATALOGS / 'code_comments.po'
IMAGE_ALT = HERE / 'zh_CN' / 'image_alt.json'
# The lines the first code cell of every Chinese notebook starts with.
LANGUAGE_LINES = "from convblocks import language\n\nlanguage.use('zh')\n\n"
# Comments that are instructions to tools, not to the reader.
TOOL_COMMENT = re.compile(r'#\s*(?:NBVAL_|noqa|type:|fmt:|pragma)')

# Where a message may start: a line's start after block markers (heading, list item,
# directive with its title), or a table cell's start. It ends at the line's end or a cell's.
START = (r'(?P<start>^[ \t]*(?:(?:#{1,6}|[-*+]|\d+[.)]|(?:`{3,}|:{3,})\{[\w:.-]+\})[ \t]+)*'
         r'|\|[ \t]*)')
END = r'(?=[ \t]*(?:\n|$|(?<!\\)\|))'
# Between two words of a message: spaces, or one line break with the indentation around it.
GAP = r'(?:[ \t]+|[ \t]*\n[ \t]*)'


class PlacementError(ValueError):
    """A catalog message that the notebook's Markdown does not contain."""


@dataclass
class Translation:
    """One page's messages {English: Chinese} and what is not translated yet."""
    messages: dict
    pending: list = field(default_factory=list)


def read_catalog(path):
    with Path(path).open('rb') as handle:
        return read_po(handle)


def translation(catalog):
    """The finished messages of a babel catalog, and the unfinished ones as pending."""
    done, pending = {}, []
    for message in catalog:
        if not message.id:
            continue
        if message.string and not message.fuzzy:
            done[message.id] = message.string
        else:
            pending.append(message.id)
    return Translation(done, pending)


def page_translation(page):
    """The Translation of book/<page> from its catalog (empty when it has none)."""
    path = CATALOGS / f'{page}.po'
    return translation(read_catalog(path)) if path.exists() else Translation({})


def message_pattern(msgid):
    words = msgid.split()
    return re.compile(START + GAP.join(re.escape(word) for word in words) + END, re.M)


def translate_markdown(text, messages):
    """`text` (MyST) with every message of `messages` replaced by its translation.

    Returns (translated text, the set of msgids placed). Longer messages go first, so that
    a short one (a heading's words) is not looked for inside a longer one's text."""
    placed = set()
    for msgid in sorted(messages, key=len, reverse=True):
        pattern = message_pattern(msgid)

        def replace(match, msgid=msgid):
            start = match.group('start')
            chinese = messages[msgid]
            if start.startswith('|'):
                chinese = re.sub(r'(?<!\\)\|', r'\\|', chinese)
            return start + chinese

        text, count = pattern.subn(replace, text)
        if count:
            placed.add(msgid)
    return text, placed


def comment_texts(code):
    """[(start, end, comment text without '#')] of the comments of `code` meant for a reader."""
    found = []
    lines = code.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return found
    for token in tokens:
        if token.type == tokenize.COMMENT and not TOOL_COMMENT.match(token.string):
            start = offsets[token.start[0] - 1] + token.start[1]
            end = offsets[token.end[0] - 1] + token.end[1]
            found.append((start, end, token.string[1:].strip()))
    return found


def translate_comments(code, comments, pending):
    """`code` with each reader's comment in Chinese (`comments`: {English: Chinese})."""
    for start, end, text in reversed(comment_texts(code)):
        if text in comments:
            code = code[:start] + '# ' + comments[text] + code[end:]
        elif text not in pending:
            pending.append(text)
    return code


def code_comments(notebooks):
    """Every reader's comment in the code cells of `notebooks` (nbformat dicts), in order."""
    seen = []
    for nb in notebooks:
        for cell in nb['cells']:
            if cell['cell_type'] == 'code':
                for _, _, text in comment_texts(source(cell)):
                    if text not in seen:
                        seen.append(text)
    return seen


def comments_translation():
    return (translation(read_catalog(COMMENTS)) if COMMENTS.exists()
            else Translation({}))


def update_comments_catalog(notebooks):
    """Bring code_comments.po in step with the comments of `notebooks`: new ones arrive
    untranslated, gone ones leave. Returns True when the file changed."""
    old = read_catalog(COMMENTS) if COMMENTS.exists() else Catalog(locale='zh_CN')
    new = Catalog(locale='zh_CN', project='convblocks', fuzzy=False)
    for text in code_comments(notebooks):
        known = old.get(text)
        new.add(text, known.string if known else '', flags=known.flags if known else ())
    buffer = io.BytesIO()
    write_po(buffer, new, width=100, omit_header=True)
    text = buffer.getvalue()
    if COMMENTS.exists() and COMMENTS.read_bytes() == text:
        return False
    COMMENTS.write_bytes(text)
    return True


def source(cell):
    text = cell.get('source', '')
    return ''.join(text) if isinstance(text, list) else text


def image_alts():
    return json.loads(IMAGE_ALT.read_text(encoding='utf-8'))


def chinese_notebook(english, page, pages=None, comments=None, alts=None):
    """The Chinese notebook of `english` (an nbformat dict of book/<page>.ipynb), without
    outputs, and the list of texts left in English (not translated yet).

    `pages`, `comments`, `alts`: the page's Translation, the comments' Translation and the
    image descriptions, read from locales/ when not given. Raises PlacementError when a
    translated message is in none of the Markdown cells."""
    pages = pages if pages is not None else page_translation(page)
    comments = comments if comments is not None else comments_translation()
    alts = alts if alts is not None else image_alts()
    nb = copy.deepcopy(english)
    pending = list(pages.pending)
    placed = set()
    first_code = True
    for cell in nb['cells']:
        if cell['cell_type'] == 'markdown':
            text, found = translate_markdown(source(cell), pages.messages)
            cell['source'] = text
            placed |= found
        elif cell['cell_type'] == 'code':
            code = translate_comments(source(cell), comments.messages, pending)
            if first_code:
                code, first_code = LANGUAGE_LINES + code, False
            cell['source'] = code
            cell['outputs'], cell['execution_count'] = [], None
            image = cell.get('metadata', {}).get('mystnb', {}).get('image', {})
            if 'alt' in image:
                if image['alt'] in alts:
                    image['alt'] = alts[image['alt']]
                else:
                    pending.append(image['alt'])
    lost = [msgid for msgid in pages.messages if msgid not in placed]
    if lost:
        raise PlacementError('\n'.join(f'{page}: cannot place this message in the notebook '
                                       f'({nearest_cell(english, msgid)}): {msgid[:120]!r}'
                                       for msgid in lost))
    return nb, pending


def nearest_cell(nb, msgid):
    """Where a message's first words are found ('cell <id>'), to name it in an error."""
    words = msgid.split()
    for count in (8, 4, 2):
        head = ' '.join(words[:count])
        for cell in nb['cells']:
            if cell['cell_type'] == 'markdown' and head in ' '.join(source(cell).split()):
                return f"it begins in cell {cell.get('id')}"
    return 'no cell has its first words'


def translate_page(text, page):
    """A Markdown page of the book (book/<page>.md) in Chinese; (text, pending)."""
    pages = page_translation(page)
    translated, placed = translate_markdown(text, pages.messages)
    lost = [msgid for msgid in pages.messages if msgid not in placed]
    if lost:
        raise PlacementError('\n'.join(f'{page}.md: cannot place this message: {m[:120]!r}'
                                       for m in lost))
    return translated, pages.pending


def english_notebooks():
    """{page: path} of the book's notebooks (book/<name>.ipynb; page 'book/<name>')."""
    return {f'book/{path.stem}': path for path in sorted(BOOK.glob('*.ipynb'))}


def zh_path(page):
    """Where the Chinese notebook of `page` ('book/<name>') is stored."""
    return ZH_BOOK / f'{Path(page).name}.ipynb'
