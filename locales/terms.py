"""One term per concept in the Chinese edition: the glossary's terms, the variants they replace,
and the word list the zh search splits text with.

book/glossary.md is the source of the terms: `glossary_terms()` reads the Chinese column of its
tables (the text before a full-width parenthesis, which only glosses the term). `VARIANTS`
names, for some of those terms, the wordings a Chinese text must not use in their place
(regular expressions); tests/test_zh_terms.py checks that each chosen term is in the glossary
and that no zh catalog, image description or zh string table uses a variant.

`search_words()` is what the zh search must find: every glossary term, each Han part of a term
that mixes Latin and Chinese ('朴素 Inception 模块' -> '朴素', '模块'), and each term's stem
before its head noun ('深度可分离卷积' -> '深度可分离', '倒残差模块' -> '倒残差').
"""
import re
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[1] / 'book' / 'glossary.md'
HAN = '\u4e00-\u9fff'
HEADS = ('卷积', '模块', '单元', '连接', '池化')   # head nouns whose stems are searched too

# chosen term -> (what it names, [variant regex, ...]); each chosen term is in the glossary.
VARIANTS = {
    '滤波器': ('filter', ['过滤器']),
    '捷径': ('shortcut, skip connection', ['跳跃连接', '残差连接', '快捷连接', '短路连接', '跳连']),
    '深度可分离卷积': ('depthwise separable convolution', ['深度可分卷积', '深度分离卷积']),
    '逐深度卷积': ('depthwise convolution', ['(?<![逐可])深度卷积', '逐通道卷积', '深度方向卷积']),
    '分组卷积': ('grouped convolution', ['(?<!分)组卷积', '群卷积']),
    '批归一化': ('batch normalization', ['批量归一化', '批标准化', '批量标准化', '批规范化']),
    '倒残差模块': ('inverted residual block', ['逆残差', '反向残差', '反转残差']),
    '压缩系数': ('squeeze factor r', ['比率', '压缩比(?!例)', '压缩因子']),
    '扩展系数': ('expansion factor r',
             ['扩展因子', '扩张系数', '扩展比', '膨胀系数', '扩张后', '扩张张量']),
    '密集模块': ('dense block', ['稠密模块']),
    '缩减比': ('reduction ratio rate', ['缩减率', '降维比']),
    '3x3 卷积': ('a k x k convolution as a noun in Chinese prose',
                 [r'\d+[x×]\d+ convs?(?![A-Za-z])']),
    '求和': ("a sum of two operations in the NASNet and AmoebaNet cells (a-e)",
             ['[五每各]个和', '这些和', '用到的和', '(?<![求相])和 ?[a-e](?![a-z_])',
              r'加法 ?(?:[a-e](?![a-z_])|\$\{)']),
    '迭代周期': ('epoch, one pass over the training data',
             ['(?<![A-Za-z_])epochs?(?![A-Za-z_])', '轮次', '(?<!迭代)周期']),
    '乘加次数': ('MACs, the number of multiply-accumulates',
             ['乘加运算量', '乘加运算次数', '乘加量']),
    '等人': ('et al. in a citation', [r'\bet al\b']),
    '解答': ("an exercise's solution (答案 is the number typed in the box)",
             ['提示和一份答案', '提示和答案']),
    '检查': ('the Check button, pressed (按“检查”)', ['点击“检查”', '点“检查”', '点击即可展开']),
}
# Mainland wording (not glossary terms, the same check): Taiwan usage -> mainland usage.
MAINLAND = {
    '打印': ['列印'],
    '文件': ['档案'],
    '默认': ['预设'],
    '网络': ['网路'],
    '信息': ['资讯'],
    '视频': ['影片'],
}


def glossary_terms(text=None):
    """The Chinese column of book/glossary.md's tables: ['瓶颈模块', '朴素 Inception 模块', ...]."""
    text = GLOSSARY.read_text() if text is None else text
    terms = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if not line.startswith('|') or len(cells) < 2 or set(cells[0]) <= set('-: '):
            continue
        term = cells[0].split('（')[0].strip()
        if re.search(f'[{HAN}]', term) and term != '中文':
            terms.append(term)
    return terms


def search_words(terms=None):
    """Every word the zh search must find: the glossary's terms, their Han parts and stems."""
    words = []
    for term in glossary_terms() if terms is None else terms:
        parts = [term] if re.fullmatch(f'[{HAN}]+', term) else re.findall(f'[{HAN}]{{2,}}', term)
        for part in parts:
            words.append(part)
            for head in HEADS:
                if part.endswith(head) and len(part) - len(head) >= 2:
                    words.append(part[:-len(head)])
    return list(dict.fromkeys(words))


def variants_in(text):
    """[(variant found, chosen term), ...] in a Chinese `text`, code spans left out."""
    prose = re.sub(r'`[^`]*`', '', text)
    found = []
    for chosen, (_, patterns) in {**VARIANTS, **{k: ('', v) for k, v in MAINLAND.items()}}.items():
        for pattern in patterns:
            found += [(match.group(0), chosen) for match in re.finditer(pattern, prose)]
    return found


def dictionary_text(words):
    """A jieba user dictionary of `words`: one 'word frequency' a line."""
    return ''.join(f'{word} 100000\n' for word in words)


def write_jieba_dictionary(path, words=None):
    """Write the jieba user dictionary of `search_words()` to `path` (unchanged: not touched)."""
    text = dictionary_text(search_words() if words is None else words)
    path = Path(path)
    if not path.exists() or path.read_text(encoding='utf-8') != text:
        path.write_text(text, encoding='utf-8')
    return path
