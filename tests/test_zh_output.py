"""Everything the package draws or prints outside the exercises follows convblocks.language.

Under language.using('zh') each drawing's SVG text, each chart's text, each printed sentence
and each bad-input sentence has no English word outside code names (ALLOWED, printed in full
here: names the reader types or reads in code, units and proper names); under 'en' the same
calls give the English the stored notebooks hold.
"""
import re

import matplotlib.pyplot as plt
import pytest

from convblocks import blocks, counting, language
from convblocks.book import sentences
from convblocks.checks import knobs
from convblocks.building.sandbox import ReaderCodeFailed
from convblocks.checks.errors import BlockTypeError, BlockValueError
from convblocks.drawing import charts, graphs, labels, names
from convblocks.exercises.amoeba import diagram
from convblocks.explorer import explore
from convblocks.explorer import strings as explorer_strings
from convblocks.models import block_model
from convblocks.quiet import keras
from test_zh_typography import spacing_faults

QUOTED = re.compile(r"'[^']*'|\$[^$]*\$")   # a reader's value as repr() writes it; math

# Latin words a Chinese text may hold: code names and what the reader types, units, names.
ALLOWED = {
    'relu', 'sigmoid', 'linear', 'keras', 'Keras', 'Input', 'None', 'applications', 'conv',
    'count_params', 'groups', 'size', 'channels', 'rate', 'float32', 'channels_last',
    'config', 'set_image_data_format', 'convblocks', 'counting', 'building', 'guards', 'macs',
    'MAX_PARAMS', 'MAX_LAYERS', 'MAX_SIZE', 'explore', 'ZeroDivisionError', 'TB', 'LR',
    'return', 'add', 'rankdir', 'NotebookStopwatch', 'IPython', 'bias', 'True', 'False',
    'models', 'block_model', 'keras_counts', 'layer_table', 'params',
    'division', 'by', 'zero',      # 'division by zero': a reader's own error, passed on
    'Python', 'MACs', 'MAC', 'GMAC', 'GB', 'GiB', 'CPU', 'Spearman', 'SE', 'ResNeXt', 'NASNet',
    'Inception', 'AmoebaNet', 'list', 'ndarray', 'e', *knobs.BLOCKS,
}
WORD = re.compile(r'[A-Za-z][A-Za-z0-9_]*')


def english_words(text):
    """Latin words in `text` that are neither allowed nor code-like (snake_case, digits, one
    letter such as the knobs f, r, c, d and the sums a-e)."""
    return sorted({w for w in WORD.findall(QUOTED.sub(' ', text)) if len(w) > 1
                   and w not in ALLOWED
                   and '_' not in w and not any(ch.isdigit() for ch in w)})


def svg_texts(svg):
    return [re.sub(r'&#\d+;|&\w+;', ' ', t) for t in re.findall(r'<text[^>]*>([^<]*)</text>', svg)]


BLOCK_KNOBS = {'bottleneck': {}, 'naive_inception_module': {}, 'inception_module': {},
               'residual_block': {}, 'resnext_block': {'c': 8}, 'dense_block': {},
               'se_block': {'f': 32}, 'normal_cell': {}, 'inv_residual_block': {}}


def test_allowed_words_are_listed_in_the_test():
    print('allowed Latin words in Chinese output:', ', '.join(sorted(ALLOWED)))
    assert english_words('3x3 卷积，8 个滤波器，relu → 32×32×8') == []
    assert english_words('conv 3x3, 8 filters') == ['filters']     # the check can fail


# --- drawings -----------------------------------------------------------------------------

@pytest.mark.parametrize('name', list(BLOCK_KNOBS))
def test_block_drawings_in_chinese_have_no_english_words(name):
    with language.using('zh'):
        svg = graphs.block_svg(name, folded=True, **BLOCK_KNOBS[name])
    texts = svg_texts(svg)
    assert texts and not english_words(' '.join(texts)), english_words(' '.join(texts))
    assert any('卷积' in t or '池化' in t for t in texts)


def test_block_drawings_in_english_are_unchanged_and_cached_apart():
    english = graphs.block_svg('bottleneck')
    with language.using('zh'):
        chinese = graphs.block_svg('bottleneck')
    assert graphs.block_svg('bottleneck') == english != chinese
    texts = svg_texts(english)
    assert 'conv 1x1' in texts and '8 filters' in texts and '3x3 卷积' in svg_texts(chinese)


def test_box_titles_in_chinese():
    with language.using('zh'):
        said = {t: labels.title(t) for t in ('conv 3x3', 'x1: sepconv 5x5', 'add a', 'add',
                                             'depthwise conv 3x3', 'input x', 'relu')}
        assert labels.more(30, 32) == '⋯ 另有 30 个相同单元\n（共 32 个）'
        assert labels.count(1, 'filter') == '1 个滤波器'
    assert said == {'conv 3x3': '3x3 卷积', 'x1: sepconv 5x5': 'x1：5x5 可分离卷积',
                    'add a': '求和 a', 'add': '相加', 'depthwise conv 3x3': '3x3 逐深度卷积',
                    'input x': '输入 x', 'relu': 'relu'}
    assert labels.title('conv 3x3') == 'conv 3x3' and labels.count(1, 'filter') == '1 filter'
    assert labels.more(30, 32) == '⋯ 30 more like these\n(32 in all)'


def test_the_explorer_and_the_drawings_share_one_table():
    for lang in ('en', 'zh'):
        for key, value in labels.WORDS[lang].items():
            assert explorer_strings.STRINGS[lang][key] == value


def test_amoeba_diagram_in_chinese():
    english = diagram.diagram_svg()
    with language.using('zh'):
        chinese = diagram.diagram_svg()
    assert 'output (4f channels)' in svg_texts(english) and 'sep 3x3' in svg_texts(english)
    texts = svg_texts(chinese)
    assert '拼接' in texts and '3x3 可分离卷积' in texts
    assert not english_words(' '.join(texts)), english_words(' '.join(texts))
    assert diagram.diagram_svg() == english


# --- charts -------------------------------------------------------------------------------

ROWS = [{'block': '3x3 conv', 'MACs': 37_748_736, 'params': 36_928},
        {'block': 'NASNet normal cell', 'MACs': 3_000_000, 'params': 3_000},
        {'block': 'ResNeXt, 4 paths', 'MACs': 9_000_000, 'params': 9_000}]
VERDICTS = [{'block': 'bottleneck', 'diff pp': 1.0, 'low pp': -1.0, 'high pp': 3.0},
            {'block': 'inverted residual', 'diff pp': -2.0, 'low pp': -4.0, 'high pp': 0.5}]


def chart_words(fig):
    texts = [t.get_text() for t in fig.findobj(plt.Text) if t.get_text().strip()]
    texts = [t for t in texts if not re.fullmatch(r'[\d.,−\-$\\{}^mathr ]+', t)]  # tick labels
    return texts, english_words(' '.join(texts))


@pytest.mark.parametrize('draw', [
    lambda: charts.params_vs_macs(ROWS),
    lambda: charts.roofline([('3x3 conv', 0.5, 1.0), ('NASNet normal cell', 20.0, 9.0)],
                            {'peak GMAC/s': 100.0, 'bandwidth GB/s': 10.0}),
    lambda: charts.fair_intervals(VERDICTS, VERDICTS),
    lambda: charts.capacity([('stem only', 100, 0.5), ('inv_residual_block', 1e5, 0.9)], 0.97),
], ids=['params_vs_macs', 'roofline', 'fair_intervals', 'capacity'])
def test_charts_follow_the_current_language(draw):
    with language.using('zh'):
        texts, english = chart_words(draw())
    assert not english, english
    assert any(re.search('[\u4e00-\u9fff]', t) for t in texts)
    texts, _ = chart_words(draw())
    assert not any(re.search('[\u4e00-\u9fff]', t) for t in texts)   # English by default


def test_the_degradation_chart_follows_the_current_language():
    from convblocks.experiments import networks_page
    results = [{'kind': kind, 'depth': depth, 'epoch_loss': [1.0, 0.5, 0.2]}
               for kind in ('plain', 'residual') for depth in (1, 3)]
    with language.using('zh'):
        texts, english = chart_words(networks_page.loss_curves(results, (1, 3),
                                                               lambda d: 6 * d + 2))
    assert not english and '残差网络' in texts and '8 层' in texts, (texts, english)
    texts, _ = chart_words(networks_page.loss_curves(results, (1, 3), lambda d: 6 * d + 2))
    assert {'plain', 'residual', '8 layers', 'epoch', 'training loss (log)'} <= set(texts)


def test_block_labels_have_glossary_names():
    with language.using('zh'):
        assert names.shown('NASNet normal cell') == 'NASNet 普通单元'
        assert names.shown('inv_residual_block') == 'inv_residual_block'    # a code name stays
    assert names.shown('NASNet normal cell') == 'NASNet normal cell'
    for chinese in names.ZH.values():
        assert not english_words(chinese) and spacing_faults(chinese) == []


# --- printed sentences ----------------------------------------------------------------------

VALUES = {'weights': 8.47, 'macs': 8.47, 'times': 6.2, 'share': 0.0073, 'paths': 99,
          'grouped': 7, 'difference': 9.5e-7, 'ok': True, 'groups': 2, 'names': [],
          'operations': 1_605_632, 'tensor': 4, 'block': 'bottleneck', 'moved': 3.9,
          'size': 0.0, 'trainable': 16_512, 'params': 16_640, 'knobs': {'k': 3},
          'shape': '32×32×8', 'convs': 48, 'arch': 'x86_64', 'cores': 2}


@pytest.mark.parametrize('key', sorted(sentences.SENTENCES['en']))
def test_every_printed_sentence_is_in_both_languages(key):
    assert sentences.SENTENCES['en'].keys() == sentences.SENTENCES['zh'].keys()
    with language.using('zh'):
        said = sentences.sentence(key, **VALUES)
    assert not english_words(said), english_words(said)
    assert spacing_faults(re.sub(r'\{[^}]*\}', '0', sentences.SENTENCES['zh'][key])) == []


def test_printed_sentences_keep_their_english():
    """The English the stored notebooks print, byte for byte."""
    assert sentences.sentence('bottleneck_saving', weights=589_824 / 69_632,
                              macs=1_849_688_064 / 218_365_952) == \
        'The bottleneck needs 8.5 times fewer weights and 8.5 times fewer MACs.'
    assert sentences.sentence('resnext_equal', ok=True) == \
        'equal up to float32 rounding (< 1e-5): True'
    assert sentences.sentence('se_pool_scale', operations=1_605_632, share=0.0074) == \
        'pool + scale: 1,605,632 operations, 0.74% of the block'
    with language.using('zh'):
        assert sentences.sentence('se_pool_scale', operations=1_605_632, share=0.0074) == \
            '池化 + 缩放：161 万次运算，占整个模块的 0.74%'
        assert sentences.sentence('resnext_equal', ok=False).endswith('：否')


def test_progress_stopwatch_and_predictions_print_chinese(capsys):
    from convblocks.book import progress, stopwatch
    from convblocks.experiments import networks_page
    with language.using('zh'):
        networks_page.check(None, 7)
        networks_page.check(8, 7, ' pixels')
        networks_page.check(7, 7, ' pixels')
        line = progress.Progress(2, '12 networks: 4 blocks × 3 seeds, trained one after '
                                    'another.')
        line.step('training NASNet normal cell at f=32, seed 0')
        line.step('training bottleneck, seed 2')
        line = progress.Progress(1, '54 networks trained.')
        texts = [capsys.readouterr().out]
        texts += [stopwatch.SAY['zh'], stopwatch.NOT_IN_NOTEBOOK['zh']]
    printed = '\n'.join(texts)
    assert '正确：7 像素。' in printed and '12 个网络：4 个模块 × 3 个种子，依次训练。' in printed
    assert '第 1 步，共 2 步：训练：NASNet 普通单元（f=32，种子 0）' in printed
    assert '第 2 步，共 2 步：训练：瓶颈模块（种子 2）' in printed
    assert '已训练 54 个网络。' in printed
    assert not english_words(re.sub(r'\{\w+\}', '', printed)), english_words(printed)


def test_the_explorer_speaks_the_current_language():
    with language.using('zh'):
        explorer = explore('inv_residual_block', table=False)
        text, caption, shown = explorer.text, explorer.caption, repr(explorer)
    assert '参数' in text and '扩展层' in text and caption.endswith('的结构图。')
    assert not english_words(re.sub(r'explore\(\w+\)', '', shown))
    english = explore('inv_residual_block', table=False)
    assert english.text.startswith('parameters') and english.caption.startswith('Graph of')
    zh = explorer_strings.ZH
    assert zh['r'] == '压缩系数 r' and zh['rate'] == '缩减比 rate'
    assert zh['per_block']['inv_residual_block']['r'] == '扩展系数 r'


# --- bad input ----------------------------------------------------------------------------

def bad_inputs():
    """One call per kind of sentence in checks/ and building/ (the most common first)."""
    x = keras.Input((8, 8, 32))
    return {
        'float knob': lambda: blocks.bottleneck(x, f=32.0),
        'text knob': lambda: blocks.bottleneck(x, f='32'),
        'unknown knob': lambda: block_model('bottleneck', q=3),
        'missing knob': lambda: block_model('se_block'),
        'no such block': lambda: knobs.checked_block_name('bottle'),
        'not a block': lambda: knobs.checked_block_name(3),
        'size below 1': lambda: knobs.positive_whole('bottleneck', 'size', 0),
        'f // r = 0': lambda: blocks.bottleneck(x, f=4, r=8),
        'r = 0': lambda: blocks.bottleneck(x, f=32, r=0),
        'c = 0': lambda: blocks.resnext_block(x, f=32, c=0),
        'd < 0': lambda: blocks.dense_block(x, d=-1),
        'channels': lambda: blocks.residual_block(x, f=64),
        'cell sizes': lambda: blocks.normal_cell(x, keras.Input((4, 4, 32)), f=32),
        'too many parameters': lambda: block_model('bottleneck', f=10**6),
        'huge number': lambda: block_model('bottleneck', f=10**40),
        'too many layers': lambda: block_model('dense_block', f=1, d=400),
        'input size': lambda: block_model('bottleneck', size=10**5),
        'not a tensor': lambda: blocks.bottleneck([1, 2]),
        'None input': lambda: blocks.bottleneck(None),
        'rank': lambda: blocks.bottleneck(keras.Input((8, 32))),
        'no input': lambda: blocks.bottleneck(f=32),
        'too many arguments': lambda: blocks.bottleneck(x, 32, 4, 5),
        'given twice': lambda: blocks.bottleneck(x, 32, f=32),
        'no knob f': lambda: block_model(no_f),
        'returned None': lambda: block_model(returns_none, channels=8),
        'raised': lambda: block_model(raising_block, channels=8),
        'explore: no knob': lambda: explore('bottleneck', q=(1, 2)),
        'explore: off the slider': lambda: explore('bottleneck', table=False).set(r=3),
        'explore: no values': lambda: explore('bottleneck', r=()),
        'rankdir': lambda: graphs.block_svg('bottleneck', rankdir='up'),
        'counting: bias': lambda: counting.params('bottleneck', bias=1),
        'counting: no formula': lambda: counting.params(no_f),
        'counting: by position': lambda: counting.params('bottleneck', 32),
    }


def no_f(x, width=8):
    """A reader's block with no knob f."""
    return x


def returns_none(x, f=8):
    """A reader's block that forgot its return."""


def raising_block(x, f=8):
    """A reader's block that raises."""
    raise ZeroDivisionError('division by zero')


@pytest.mark.parametrize('kind', list(bad_inputs()))
def test_bad_input_sentences_in_chinese(kind):
    call = bad_inputs()[kind]
    kinds = (BlockTypeError, BlockValueError, ReaderCodeFailed)
    with pytest.raises(kinds) as english:
        call()
    with language.using('zh'), pytest.raises(kinds) as chinese:
        call()
    said = str(chinese.value)
    assert type(chinese.value) is type(english.value)
    assert re.search('[\u4e00-\u9fff]', said), said
    assert not english_words(said), (english_words(said), said)
    assert not re.search('[\u4e00-\u9fff]', str(english.value))


def test_the_explorer_javascript_titles_boxes_as_the_drawings_do():
    """explorer.js's titleText and drawing/labels.title agree on every kind of title."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    node = shutil.which('node')
    assert node, 'this test needs Node.js (scripts/system-deps.sh installs it)'
    source = (Path(graphs.__file__).parents[1] / 'explorer' / 'explorer.js').read_text()
    function = re.search(r'function titleText[\s\S]*?\n}\n', source).group(0)
    titles = ['conv 3x3', 'x1: sepconv 5x5', 'depthwise conv 3x3', 'add a', 'add', 'input x',
              'global avgpool', 'relu', 'maxpool 3x3', 'dense', 'concat', 'batch norm',
              'identity', 'multiply', 'stem: conv 7x7', 'Reshape']
    script = (f'{function}\nconst S = {json.dumps(explorer_strings.ZH)};\n'
              f'console.log(JSON.stringify({json.dumps(titles)}.map('
              f'(t) => [titleText(t, {{ S, zh: true }}), titleText(t, {{ S, zh: false }})])));')
    done = subprocess.run([node, '-e', script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    with language.using('zh'):
        chinese = [labels.title(t) for t in titles]
    assert json.loads(done.stdout) == [[zh, t] for zh, t in zip(chinese, titles)]
