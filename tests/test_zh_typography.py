"""Chinese typography in the zh edition: one spacing rule, no space before %, large counts in
万 and 亿, and emphasis without faux italics.

Spacing: one space between a Chinese character and a Latin word or a number, none between
two Chinese characters or next to full-width punctuation (convblocks.book.phrases). It is
checked on every msgstr with each glued value ({eval}`glued.NAME`) replaced by what the page
prints there (the English glue's stored value, or for a `name_zh` role the Chinese that
convblocks.book.phrases makes of it now) and each citation link by its text, which is what the
zh page prints there: "He 等人（2016）", "（He 等人，2016）" (book/_theme/citation_links.py,
locales/editions.py).
"""
import ast
import re
from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po

from convblocks.book import phrases

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / 'locales' / 'zh_CN' / 'LC_MESSAGES'
HAN = '\u4e00-\u9fff'
GLUE = re.compile(r'\{eval\}`glued\.(\w+?)(_zh)?`')
# What the rule does not look into: code spans, other roles, link targets, HTML tags, math.
LEFT_OUT = re.compile(r'\{[\w:-]+\}`[^`]*`|`[^`]*`|\]\([^)]*\)|<[^>]+>|\$[^$]*\$')
FULL_WIDTH = '（），。；：、“”！？'
BAD_SPACING = re.compile(rf'[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]|[{HAN}] +[{HAN}]'
                         rf'|[{FULL_WIDTH}] +| +[{FULL_WIDTH}]')
CITE = re.compile(r'\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(#cite:[^)]*\)')   # [text](#cite:t:key)
SPACE_BEFORE_PERCENT = re.compile(r'\d[ \u00a0\u2009]+[%％]')


def glued_values():
    """{glue name: the text it prints}, from the stored notebooks' glue outputs."""
    values = {}
    for path in sorted((ROOT / 'book').glob('*.ipynb')):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get('outputs', []):
                name = output.get('metadata', {}).get('scrapbook', {}).get('name')
                text = output.get('data', {}).get('application/papermill.record/text/plain')
                if name and text is not None:
                    try:
                        values[name] = str(ast.literal_eval(text))
                    except (ValueError, SyntaxError):
                        values[name] = text
    return values


GLUED = glued_values()


def as_printed(msgstr):
    """`msgstr` with each glued value replaced by what it prints."""
    def one(match):
        name, chinese = match.groups()
        if chinese and f'{name}_zh' in GLUED:     # the page glued its own Chinese
            return GLUED[f'{name}_zh']
        if name not in GLUED:
            return '\x00'     # glued only while the book is built: not judged
        return phrases.chinese(GLUED[name]) if chinese else GLUED[name]
    return CITE.sub(lambda match: match.group(1), GLUE.sub(one, msgstr))


def spacing_faults(text):
    prose = LEFT_OUT.sub('\x00', text)
    return [prose[max(0, m.start() - 8):m.end() + 8] for m in BAD_SPACING.finditer(prose)]


def messages():
    for path in sorted(CATALOGS.rglob('*.po')):
        with path.open('rb') as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    yield path.stem, message


MESSAGES = list(messages())


def test_the_glued_values_are_found():
    assert {'fewest_64', 'ir_macs'} <= set(GLUED)


def test_one_space_between_chinese_and_latin_and_none_between_chinese():
    faults = [f'{page}: {fault!r}' for page, message in MESSAGES
              for fault in spacing_faults(as_printed(message.string))]
    assert not faults, '\n'.join(faults)


def test_the_spacing_check_finds_each_fault():
    assert spacing_faults('normal_cell和inv_residual_block') != []
    assert spacing_faults('至少有四次 达到了 三个') != []
    assert spacing_faults('一个 3x3 卷积，`f` 个通道，见[上文](a.ipynb)。') == []
    assert spacing_faults(as_printed('最少的是：{eval}`glued.fewest_64_zh`。')) == []
    assert spacing_faults(as_printed('ResNet [（He 等人，2016）](#cite:p:he) 先做加法')) != []
    assert spacing_faults(as_printed(
        'ResNet[（He 等人，2016）](#cite:p:he)先做加法，[He 等人（2016）](#cite:t:he)观察到')) == []


def test_no_space_before_percent():
    faults = [f'{page}: {message.string[:60]!r}' for page, message in MESSAGES
              if SPACE_BEFORE_PERCENT.search(message.string)]
    assert not faults, '\n'.join(faults)


@pytest.mark.parametrize('english', sorted(phrases.ZH))
def test_glued_chinese_phrases_follow_the_spacing_rule(english):
    assert spacing_faults(phrases.ZH[english]) == []


def test_glued_block_names_are_joined_with_spaces_and_the_enumeration_comma():
    assert phrases.chinese('normal_cell and inv_residual_block') == \
        'normal_cell 和 inv_residual_block'
    assert phrases.chinese('a, b and c') == 'a、b 和 c'
    assert spacing_faults('优于主干的是 ' + phrases.chinese('se_block and bottleneck') + '。') == []


@pytest.mark.parametrize('number, chinese', [
    (35_900_000, '3590 万'), (4_460_000, '446 万'), (18_496, '1.85 万'), (512, '512'),
    (1_797, '1,797'), (10_000, '1 万'), (123_456_789, '1.23 亿'), (100_000_000, '1 亿'),
    (2_500_000_000_000, '2.5 万亿'), (-20_000, '-2 万')])
def test_large_counts_are_written_in_wan_and_yi(number, chinese):
    assert phrases.chinese_count(number) == chinese


def test_zh_emphasis_is_not_italic():
    """Chinese has no italics: the zh edition draws <em> upright with emphasis dots."""
    css = (ROOT / 'locales' / 'static' / 'lang-switch.css').read_text()
    rule = re.search(r'html\[lang\^="zh"\][^{]*\bem\b[^{]*\{([^}]*)\}', css)
    assert rule, 'no emphasis rule for the zh edition in lang-switch.css'
    assert 'font-style: normal' in rule.group(1) and 'text-emphasis' in rule.group(1)
