"""Every text of the AmoebaNet form (attempt.js), in English and Chinese.

attempt.py writes both tables into the page with the form's data; the script picks the page's
language (cb-common.js) and fills placeholders in braces by name: '{sum}', and '{n|state}' for
'1 state' or '2 states'. A key ending in '_one' is the wording for exactly one. `sum` is a
sum's letter, `label` a sum with its operations ('add a (sep 3x3 + identity)'), `src`, `want`
and `got` states or operations as the form names them.
"""
from convblocks import wording

# The operations' words; the form adds the kernel size ('sep 3x3').
WORDS_EN = {'sepconv': 'sep', 'avgpool': 'avg', 'maxpool': 'max', 'identity': 'identity'}
WORDS_ZH = {'sepconv': '可分离卷积', 'avgpool': '平均池化', 'maxpool': '最大池化',
            'identity': '恒等'}

EN = {
    # written by attempt.py in the language the package writes in (not by the script)
    'pointer': "The book's page has a form here to assemble the cell without code; in a "
               'notebook, write the cell in Keras below.',
    'no_script': 'This form needs JavaScript; the notebook version of this page has the same '
                 'task.',
    'intro': 'For each sum, choose two branches: an operation and the state it applies to. '
             'Then tick the states the output concatenates, and press Check.',
    'branch': 'Add {sum}, branch {n}: {part}',
    'operation': 'operation',
    'input': 'input',
    'of': 'of',
    'choose': 'choose…',
    'concat_legend': 'The output concatenates',
    'check': 'Check',
    'correct': 'Correct',
    'not_yet': 'Not yet',
    'colon': ': ',
    'words': WORDS_EN,
    'with_article': {kind: wording.a(word) for kind, word in WORDS_EN.items()},
    'sum': 'add {sum}',
    'sum_label': 'add {sum} ({ops})',
    'list_comma': ', ',
    'list_and': ' and ',
    'sentence_gap': ' ',
    'incomplete': 'Choose an operation and an input for both branches of add {sum}.',
    'no_concat': 'Tick the states the output concatenates.',
    'swapped_inputs': 'Your cell has the two inputs swapped: wherever you chose hᵢ the cell '
                      'takes hᵢ₋₁, and the other way round.',
    'swapped_pools': 'Your cell swaps the two kinds of pooling: every average pool should be a '
                     'max pool and every max pool an average pool.',
    'op_wrong': 'In {label}, {src} should go through {want}, not {got}.',
    'want_identity': 'In {label}, {src} should be added as it is (identity), not through {got}.',
    'got_identity': 'In {label}, {src} should go through {want}; yours adds it unchanged.',
    'source_wrong': 'In {label}, the {what} should take {want}, not {got}.',
    'identity_branch': 'identity branch',
    'both_wrong': 'In {label}, one branch should be {want}; yours is {got}.',
    'branch_text': '{op} of {src}',
    'branch_itself': '{src} itself',
    'concat_count': 'The output concatenates {n|state}; the cell concatenates {m}',
    'untouched': 'including the untouched hᵢ₋₁.',
    'misses': '{n} of the states the cell stacks (the untouched hᵢ₋₁ and every sum that no '
              'add uses)',
    'missing_only': '{count}: yours misses {misses}.',
    'extra_only': '{count}. {reasons}',
    'leave_out_used': 'Leave out {name}: {users} use it, and the output only takes the sums no '
                      'add uses, plus hᵢ₋₁.',
    'leave_out_used_one': 'Leave out {name}: {users} uses it, and the output only takes the sums '
                          'no add uses, plus hᵢ₋₁.',
    'leave_out': 'Leave out {name}: the cell does not output it.',
    'instead': '{reasons} The output also misses {misses}.',
    'more': 'The check found {n} other differences; check again after fixing this one.',
    'more_one': 'The check found {n} other difference; check again after fixing this one.',
    'pass': 'your cell matches the AmoebaNet-A normal cell: five adds with the right '
            'operations and inputs, and the right concatenation.',
    'reordered': "Your sums come in another order than the diagram's letters; the cell "
                 'computes the same, so it is accepted.',
    'next': "Now write it in Keras: open this page's notebook (book/amoebanet.ipynb) in "
            'JupyterLab, fill in amoeba_normal_cell and run check(amoeba_normal_cell).',
}

ZH = {
    'pointer': '本书的网页在这里有一个表单，不用写代码就能拼出这个单元；在 notebook 中，'
               '请在下面用 Keras 写出这个单元。',
    'no_script': '这个表单需要 JavaScript；本页的 notebook 版本有同样的练习。',
    'intro': '为每个求和选择两个分支：一个运算，以及它作用的状态。然后勾选输出要拼接的状态，'
             '再按“检查”。',
    'branch': '求和 {sum}，分支 {n}：{part}',
    'operation': '运算',
    'input': '输入',
    'of': '作用于',
    'choose': '请选择…',
    'concat_legend': '输出拼接',
    'check': '检查',
    'correct': '正确',
    'not_yet': '还不对',
    'colon': '：',
    'words': WORDS_ZH,
    'with_article': WORDS_ZH,
    'sum': '求和 {sum}',
    'sum_label': '求和 {sum}（{ops}）',
    'list_comma': '、',
    'list_and': '、',
    'sentence_gap': '',
    'incomplete': '请为求和 {sum} 的两个分支各选一个运算和一个输入。',
    'no_concat': '请勾选输出要拼接的状态。',
    'swapped_inputs': '你的单元把两个输入对调了：凡是选 hᵢ 的地方，单元用的是 hᵢ₋₁，反之亦然。',
    'swapped_pools': '你的单元把两种池化对调了：每个平均池化应为最大池化，'
                     '每个最大池化应为平均池化。',
    'op_wrong': '在{label}中，{src} 应经过 {want}，而不是 {got}。',
    'want_identity': '在{label}中，{src} 应原样相加（恒等），而不是经过 {got}。',
    'got_identity': '在{label}中，{src} 应经过 {want}；你的单元直接把它相加了。',
    'source_wrong': '在{label}中，{what} 应作用于 {want}，而不是 {got}。',
    'identity_branch': '恒等分支',
    'both_wrong': '在{label}中，有一个分支应为「{want}」；你的是「{got}」。',
    'branch_text': '{op}（{src}）',
    'branch_itself': '{src} 本身',
    'concat_count': '你的输出拼接了 {n} 个状态；单元拼接 {m} 个',
    'untouched': '其中包括未经处理的 hᵢ₋₁。',
    'misses': '单元所拼接的状态中的 {n} 个（未经处理的 hᵢ₋₁，以及每个没有被其他求和用到的求和）',
    'missing_only': '{count}：你的单元缺少{misses}。',
    'extra_only': '{count}。{reasons}',
    'leave_out_used': '去掉 {name}：{users} 用到了它，而输出只取没有被其他求和用到的求和，'
                      '外加 hᵢ₋₁。',
    'leave_out_used_one': '去掉 {name}：{users} 用到了它，而输出只取没有被其他求和用到的求和，'
                          '外加 hᵢ₋₁。',
    'leave_out': '去掉 {name}：单元不输出它。',
    'instead': '{reasons}输出还缺少{misses}。',
    'more': '检查还发现了另外 {n} 处不同；改好这一处后再检查一次。',
    'more_one': '检查还发现了另外 {n} 处不同；改好这一处后再检查一次。',
    'pass': '你的单元与 AmoebaNet-A 普通单元一致：五个求和的运算和输入都对，拼接也对。',
    'reordered': '你的求和顺序与图中的字母不同；单元的计算相同，因此算对。',
    'next': '接下来用 Keras 写出它：在 JupyterLab 中打开本页的 notebook（book/amoebanet.ipynb），'
            '填写 amoeba_normal_cell，然后运行 check(amoeba_normal_cell)。',
}

STRINGS = {'en': EN, 'zh': ZH}
