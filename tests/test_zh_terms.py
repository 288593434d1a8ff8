"""One term per concept in the Chinese edition (locales/terms.py, book/glossary.md).

Every Chinese text a reader meets is checked for the variants locales/terms.py lists: the
catalogs' msgstr (the pages' prose and the theme's strings), the image descriptions, and every
Chinese string literal in the package's and the book's Python and JavaScript (string tables of
the explorer, the answer boxes, the AmoebaNet form, the chapter exercises, the glued phrases).
The citations' style and the chosen terms' place in the glossary are checked too.
"""
import ast
import importlib.util
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / 'locales' / 'zh_CN' / 'LC_MESSAGES'
HAN = re.compile(r'[\u4e00-\u9fff]')
# JavaScript string literals: '...', "..." and `...` (template parts included as written).
JS_STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`(?:[^`\\]|\\.)*`")


def load_terms():
    spec = importlib.util.spec_from_file_location('terms', ROOT / 'locales' / 'terms.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


terms = load_terms()


def catalog_texts(path):
    with path.open('rb') as handle:
        return [(m.id[:60], m.string) for m in read_po(handle) if m.id and m.string]


def python_texts(path):
    """Every string constant with Chinese in it (f-strings' literal parts joined)."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.JoinedStr):
            text = ''.join(v.value if isinstance(v, ast.Constant) else '{}' for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if HAN.search(text):
            texts.append((f'line {node.lineno}', text))
    return texts


def javascript_texts(path):
    text = path.read_text()
    return [(f'line {text.count(chr(10), 0, m.start()) + 1}', m.group(0)[1:-1])
            for m in JS_STRING.finditer(text) if HAN.search(m.group(0))]


def string_tables():
    """The package's and the book's .py and .js files that hold Chinese strings."""
    files = [*(ROOT / 'src').rglob('*.py'), *(ROOT / 'src').rglob('*.js'),
             *(ROOT / 'book').rglob('*.js'), *(ROOT / 'locales').glob('*.py')]
    skip = {ROOT / 'locales' / 'terms.py'}   # the variants themselves
    return sorted(p for p in files if p not in skip and '_build' not in p.parts
                  and '.ipynb_checkpoints' not in p.parts and HAN.search(p.read_text()))


def sources():
    """{name: [(where, Chinese text), ...]} of every Chinese text a reader meets."""
    found = {str(p.relative_to(ROOT)): catalog_texts(p) for p in sorted(CATALOGS.rglob('*.po'))}
    alt = json.loads((ROOT / 'locales' / 'zh_CN' / 'image_alt.json').read_text())
    found['locales/zh_CN/image_alt.json'] = [(english[:60], zh) for english, zh in alt.items()]
    for path in string_tables():
        read = python_texts if path.suffix == '.py' else javascript_texts
        found[str(path.relative_to(ROOT))] = read(path)
    return found


SOURCES = sources()


@pytest.mark.parametrize('name', list(SOURCES))
def test_no_text_uses_a_variant_instead_of_the_chosen_term(name):
    found = [f'{where}: {variant!r} instead of {chosen!r}'
             for where, text in SOURCES[name] for variant, chosen in terms.variants_in(text)]
    assert not found, f'{name}:\n' + '\n'.join(found)


def test_the_sources_include_every_kind_of_chinese_text():
    names = set(SOURCES)
    assert 'locales/zh_CN/LC_MESSAGES/book/resnext.po' in names
    assert 'locales/zh_CN/LC_MESSAGES/sphinx.po' in names
    assert 'locales/zh_CN/image_alt.json' in names
    for table in ('src/convblocks/explorer/strings.py', 'src/convblocks/book/phrases.py',
                  'src/convblocks/exercises/chapters/answer_box.py',
                  'src/convblocks/exercises/amoeba/form_strings.py'):
        assert table in names and SOURCES[table], table


def test_the_check_finds_each_kind_of_variant():
    """The check can fail: each listed variant, written into a sentence, is found."""
    for chosen in terms.VARIANTS:
        assert terms.variants_in(f'这里用了{chosen}。') == [], chosen
    examples = {'过滤器': '滤波器', '跳跃连接': '捷径', '批量归一化': '批归一化',
                '比率 r': '压缩系数', '3x3 conv': '3x3 卷积', '加法 a': '求和',
                '五个和': '求和', 'He et al.': '等人', '列印成 PDF': '打印', '组卷积': '分组卷积',
                '深度卷积': '逐深度卷积'}
    for variant, chosen in examples.items():
        assert chosen in [c for _, c in terms.variants_in(f'一个{variant}的例子')], variant
    assert terms.variants_in('`3x3 conv` 是代码') == []       # code spans are left alone
    assert terms.variants_in('分组卷积和深度可分离卷积、逐深度卷积') == []


def test_every_chosen_term_is_in_the_glossary():
    glossary = terms.glossary_terms()
    assert len(glossary) >= 50
    missing = [term for term in [*terms.VARIANTS, '深度可分离卷积', '倒残差模块', '批归一化']
               if term not in glossary]
    assert not missing, f'chosen terms missing from book/glossary.md: {missing}'


def test_no_variant_is_listed_in_the_glossary_as_a_term():
    listed = [(term, chosen) for term in terms.glossary_terms()
              for _, chosen in terms.variants_in(term)]
    assert not listed


CITATION_BY_HAND = re.compile(r'[A-Z][\w-]+ (?:和 [A-Z][\w-]+ )?等人')


@pytest.mark.parametrize('path', sorted((CATALOGS / 'book').glob('*.po')), ids=lambda p: p.stem)
def test_citations_by_hand_follow_the_zh_style(path):
    """'Real 等人（2019）' or '（Real 等人，2019）', as the {cite} roles render in zh."""
    wrong = []
    for where, text in catalog_texts(path):
        for match in CITATION_BY_HAND.finditer(text):
            after = text[match.end():match.end() + 8]
            before = text[:match.start()]
            textual = re.match(r'（\d{4}', after)
            parenthetical = re.match(r'，\d{4}', after) and before.rfind('（') > before.rfind('）')
            possessive = re.match(r'(?:的|所|把|在|提出|发现|报告|称之为)', after)
            if not (textual or parenthetical or possessive):
                wrong.append(f'{where}: {text[match.start():match.end() + 8]!r}')
        assert 'et al' not in text, where
    assert not wrong, '\n'.join(wrong)
