// The AmoebaNet exercise on the static page: assemble the cell from the encoding's options
// and check it without a kernel. The cell itself comes from the JSON that attempt.py writes
// from spec.py at build time; this script only compares the reader's choices with it.
(function () {
  'use strict';

  const TEXT = {
    en: {
      intro:
        'For each sum, choose two branches: an operation and the state it applies to. ' +
        'Then tick the states the output concatenates, and press Check.',
      branch: (s, n, part) => `Add ${s}, branch ${n}: ${part}`,
      operation: 'operation',
      input: 'input',
      of: 'of',
      choose: 'choose…',
      concatLegend: 'The output concatenates',
      check: 'Check',
      correct: 'Correct',
      notYet: 'Not yet',
      colon: ': ',
      words: { sepconv: 'sep', avgpool: 'avg', maxpool: 'max', identity: 'identity' },
      sum: (s) => `add ${s}`,
      sumLabel: (s, ops) => `add ${s} (${ops})`,
      a: (w) => (/^[aeiou]/i.test(w) ? 'an ' : 'a ') + w,
      and: (items) =>
        items.length < 2
          ? items.join('')
          : items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1],
      incomplete: (s) => `Choose an operation and an input for both branches of add ${s}.`,
      noConcat: 'Tick the states the output concatenates.',
      swappedInputs:
        'Your cell has the two inputs swapped: wherever you chose hᵢ the cell ' +
        'takes hᵢ₋₁, and the other way round.',
      swappedPools:
        'Your cell swaps the two kinds of pooling: every average pool should be a ' +
        'max pool and every max pool an average pool.',
      opWrong: (t, src, want, got) => `In ${t}, ${src} should go through ${want}, not ${got}.`,
      wantIdentity: (t, src, got) =>
        `In ${t}, ${src} should be added as it is (identity), not through ${got}.`,
      gotIdentity: (t, src, want) =>
        `In ${t}, ${src} should go through ${want}; yours adds ` + 'it unchanged.',
      sourceWrong: (t, what, want, got) => `In ${t}, the ${what} should take ${want}, not ${got}.`,
      identityBranch: 'identity branch',
      bothWrong: (t, want, got) => `In ${t}, one branch should be ${want}; yours is ${got}.`,
      branchText: (op, src) => (op === null ? `${src} itself` : `${op} of ${src}`),
      concatCount: (n, m) =>
        `The output concatenates ${n} state${n === 1 ? '' : 's'}; the ` + `cell concatenates ${m}`,
      untouched: 'including the untouched hᵢ₋₁.',
      misses: (n) =>
        `${n} of the states the cell stacks (the untouched hᵢ₋₁ and every sum ` +
        'that no add uses)',
      missingOnly: (count, misses) => `${count}: yours misses ${misses}.`,
      extraOnly: (count, reasons) => `${count}. ${reasons}`,
      leaveOutUsed: (name, users, n) =>
        `Leave out ${name}: ${users} ${n === 1 ? 'uses' : 'use'} ` +
        'it, and the output only takes the sums no add uses, plus hᵢ₋₁.',
      leaveOut: (name) => `Leave out ${name}: the cell does not output it.`,
      instead: (reasons, misses) => `${reasons} The output also misses ${misses}.`,
      more: (n) =>
        `The check found ${n} other difference${n === 1 ? '' : 's'}; check again ` +
        'after fixing this one.',
      pass:
        'your cell matches the AmoebaNet-A normal cell: five adds with the right ' +
        'operations and inputs, and the right concatenation.',
      reordered:
        "Your sums come in another order than the diagram's letters; the cell " +
        'computes the same, so it is accepted.',
      next:
        "Now write it in Keras: open this page's notebook (book/amoebanet.ipynb) in " +
        'JupyterLab, fill in amoeba_normal_cell and run check(amoeba_normal_cell).',
    },
    zh: {
      intro:
        '为每个求和选择两个分支：一个运算，以及它作用的状态。然后勾选输出要拼接的状态，' +
        '再按“检查”。',
      branch: (s, n, part) => `加法 ${s}，分支 ${n}：${part}`,
      operation: '运算',
      input: '输入',
      of: '作用于',
      choose: '请选择…',
      concatLegend: '输出拼接',
      check: '检查',
      correct: '正确',
      notYet: '还不对',
      colon: '：',
      words: { sepconv: '可分离卷积', avgpool: '平均池化', maxpool: '最大池化', identity: '恒等' },
      sum: (s) => `加法 ${s}`,
      sumLabel: (s, ops) => `加法 ${s}（${ops}）`,
      a: (w) => w,
      and: (items) => items.join('、'),
      incomplete: (s) => `请为加法 ${s} 的两个分支各选一个运算和一个输入。`,
      noConcat: '请勾选输出要拼接的状态。',
      swappedInputs: '你的单元把两个输入对调了：凡是选 hᵢ 的地方，单元用的是 hᵢ₋₁，反之亦然。',
      swappedPools:
        '你的单元把两种池化对调了：每个平均池化应为最大池化，每个最大池化应为平均池化。',
      opWrong: (t, src, want, got) => `在${t}中，${src} 应经过 ${want}，而不是 ${got}。`,
      wantIdentity: (t, src, got) => `在${t}中，${src} 应原样相加（恒等），而不是经过 ${got}。`,
      gotIdentity: (t, src, want) => `在${t}中，${src} 应经过 ${want}；你的单元直接把它相加了。`,
      sourceWrong: (t, what, want, got) => `在${t}中，${what} 应作用于 ${want}，而不是 ${got}。`,
      identityBranch: '恒等分支',
      bothWrong: (t, want, got) => `在${t}中，有一个分支应为「${want}」；你的是「${got}」。`,
      branchText: (op, src) => (op === null ? `${src} 本身` : `${op}（${src}）`),
      concatCount: (n, m) => `你的输出拼接了 ${n} 个状态；单元拼接 ${m} 个`,
      untouched: '其中包括未经处理的 hᵢ₋₁。',
      misses: (n) =>
        `单元所拼接的状态中的 ${n} 个（未经处理的 hᵢ₋₁，以及每个没有被任何加法用到的和）`,
      missingOnly: (count, misses) => `${count}：你的单元缺少${misses}。`,
      extraOnly: (count, reasons) => `${count}。${reasons}`,
      leaveOutUsed: (name, users) =>
        `去掉 ${name}：${users} 用到了它，而输出只取没有被任何加法` + '用到的和，外加 hᵢ₋₁。',
      leaveOut: (name) => `去掉 ${name}：单元不输出它。`,
      instead: (reasons, misses) => `${reasons}输出还缺少${misses}。`,
      more: (n) => `检查还发现了另外 ${n} 处不同；改好这一处后再检查一次。`,
      pass: '你的单元与 AmoebaNet-A 普通单元一致：五个加法的运算和输入都对，拼接也对。',
      reordered: '你的求和顺序与图中的字母不同；单元的计算相同，因此算对。',
      next:
        '接下来用 Keras 写出它：在 JupyterLab 中打开本页的 notebook（book/amoebanet.ipynb），' +
        '填写 amoeba_normal_cell，然后运行 check(amoeba_normal_cell)。',
    },
  };

  function text() {
    return document.documentElement.lang.startsWith('zh') ? TEXT.zh : TEXT.en;
  }

  // --- the cell as data: canonical forms decide pass or fail ------------------------------

  function canonical(state, rows, inputs) {
    if (inputs.includes(state)) return state;
    const parts = rows[state].map(([op, source]) => {
      const inner = canonical(source, rows, inputs);
      return op === 'identity' ? inner : `${op}(${inner})`;
    });
    return `add(${parts.sort().join(',')})`;
  }

  function outputKey(rows, concat, inputs) {
    return concat
      .map((s) => canonical(s, rows, inputs))
      .sort()
      .join('|');
  }

  function transformed(choice, change) {
    const rows = {};
    for (const [name, branches] of Object.entries(choice.rows)) {
      rows[name] = branches.map(([op, source]) => change(op, source));
    }
    return { rows, concat: choice.concat };
  }

  const SWAPS = {
    swappedInputs: (op, source) => [op, { h_i: 'h_{i-1}', 'h_{i-1}': 'h_i' }[source] || source],
    swappedPools: (op, source) => [
      op.replace(/^(avg|max)pool/, (m, kind) => (kind === 'avg' ? 'max' : 'avg') + 'pool'),
      source,
    ],
  };

  // The verdict: {status, message, notes}; the same kind of sentences as the Python check.
  function judge(data, choice, t) {
    const sums = data.sums;
    for (const s of sums) {
      if (choice.rows[s].some(([op, source]) => !op || !source)) {
        return { status: 'fail', message: t.incomplete(s), notes: [] };
      }
    }
    if (!choice.concat.length) return { status: 'fail', message: t.noConcat, notes: [] };
    const answer = { rows: data.answer, concat: data.concatenated };
    const want = outputKey(answer.rows, answer.concat, data.inputs);
    const key = (c) => outputKey(c.rows, c.concat, data.inputs);
    if (key(choice) === want) {
      const reordered = sums.some(
        (s) => canonical(s, choice.rows, data.inputs) !== canonical(s, answer.rows, data.inputs),
      );
      return { status: 'pass', message: t.pass, notes: reordered ? [t.reordered] : [] };
    }
    for (const [name, change] of Object.entries(SWAPS)) {
      if (key(transformed(choice, change)) === want) {
        return { status: 'fail', message: t[name], notes: [] };
      }
    }
    const problems = differences(data, choice, answer, t);
    const more = problems.length - 1;
    return { status: 'fail', message: problems[0], notes: more > 0 ? [t.more(more)] : [] };
  }

  function differences(data, choice, answer, t) {
    const inputs = data.inputs;
    const expected = {};
    for (const s of data.sums) expected[s] = canonical(s, answer.rows, inputs);
    // Rows that equal one of the cell's sums take that sum's name (same letter first).
    const names = {};
    const taken = new Set();
    for (const s of data.sums) {
      const mine = canonical(s, choice.rows, inputs);
      const match = [s, ...data.sums].find((e) => !taken.has(e) && expected[e] === mine);
      if (match) {
        names[s] = match;
        taken.add(match);
      }
    }
    const nameOf = (state) => (inputs.includes(state) ? state : names[state] || state);
    const problems = [];
    for (const s of data.sums) {
      if (names[s]) continue;
      const target = !taken.has(s) ? s : data.sums.find((e) => !taken.has(e));
      taken.add(target);
      problems.push(...rowProblems(data, target, answer.rows[target], choice.rows[s], nameOf, t));
    }
    problems.push(...concatProblems(data, choice.concat.map(nameOf), t));
    return problems;
  }

  function opLabel(data, id, t) {
    const op = data.operations.find((o) => o.id === id);
    const word = t.words[op.kind];
    return op.k === null ? word : `${word} ${op.k}x${op.k}`;
  }

  // The inputs as the diagram writes them, with subscripts: hᵢ and hᵢ₋₁.
  const INPUT_LABELS = { h_i: 'hᵢ', 'h_{i-1}': 'hᵢ₋₁' };

  function stateLabel(state, t) {
    return INPUT_LABELS[state] || t.sum(state);
  }

  function rowProblems(data, sum, wanted, mine, nameOf, t) {
    const label = t.sumLabel(sum, wanted.map(([op]) => opLabel(data, op, t)).join(' + '));
    const score = (w, m) => (w[0] === m[0]) + (w[1] === nameOf(m[1]));
    const orders = [
      [mine[0], mine[1]],
      [mine[1], mine[0]],
    ];
    const best = orders.reduce((a, b) =>
      score(wanted[0], b[0]) + score(wanted[1], b[1]) >
      score(wanted[0], a[0]) + score(wanted[1], a[1])
        ? b
        : a,
    );
    const found = [];
    wanted.forEach((w, i) => {
      const m = best[i];
      const [wantOp, wantSource] = w;
      const [gotOp, gotSource] = [m[0], nameOf(m[1])];
      const src = stateLabel(gotSource, t);
      const want = opLabel(data, wantOp, t);
      const got = opLabel(data, gotOp, t);
      if (wantOp !== gotOp && wantSource === gotSource) {
        if (wantOp === 'identity') found.push(t.wantIdentity(label, src, t.a(got)));
        else if (gotOp === 'identity') found.push(t.gotIdentity(label, src, t.a(want)));
        else found.push(t.opWrong(label, src, t.a(want), t.a(got)));
      } else if (wantOp === gotOp && wantSource !== gotSource) {
        const what = wantOp === 'identity' ? t.identityBranch : want;
        found.push(t.sourceWrong(label, what, stateLabel(wantSource, t), src));
      } else if (wantOp !== gotOp) {
        const text = (op, s) =>
          t.branchText(op === 'identity' ? null : opLabel(data, op, t), stateLabel(s, t));
        found.push(t.bothWrong(label, text(wantOp, wantSource), text(gotOp, gotSource)));
      }
    });
    return found;
  }

  function concatProblems(data, got, t) {
    const expected = data.concatenated;
    const missing = expected.filter((s) => !got.includes(s));
    const extra = got.filter((s) => !expected.includes(s));
    if (!missing.length && !extra.length) return [];
    // Like the Python check, the sentences never list the states the cell stacks.
    const labels = (list) => t.and(list.map((s) => stateLabel(s, t)));
    const count = t.concatCount(got.length, expected.length);
    if (!extra.length) {
      if (missing.length === 1 && missing[0] === 'h_{i-1}') return [`${count}, ${t.untouched}`];
      return [t.missingOnly(count, t.misses(missing.length))];
    }
    const reasons = [...new Set(extra)]
      .map((s) => {
        const users = data.sums.filter((p) => data.answer[p].some(([, src]) => src === s));
        return users.length
          ? t.leaveOutUsed(stateLabel(s, t), labels(users), users.length)
          : t.leaveOut(stateLabel(s, t));
      })
      .join(t === TEXT.zh ? '' : ' ');
    if (!missing.length) return [t.extraOnly(count, reasons)];
    return [t.instead(reasons, t.misses(missing.length))];
  }

  // --- the form -------------------------------------------------------------------------------

  let counter = 0;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children || []) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function select(label, options, t, data) {
    const id = `amoeba-attempt-${++counter}`;
    const box = element('select', { id, 'aria-label': label, ...data });
    box.append(element('option', { value: '' }, [t.choose]));
    for (const [value, text] of options) box.append(element('option', { value }, [text]));
    return box;
  }

  function build(root, data) {
    const t = text();
    const form = element('form', { class: 'amoeba-attempt-form', novalidate: '' });
    form.append(element('p', { class: 'amoeba-attempt-intro' }, [t.intro]));
    const ops = data.operations.map((o) => [o.id, opLabel(data, o.id, t)]);
    const fields = {};
    data.sums.forEach((s, index) => {
      const states = [...data.inputs, ...data.sums.slice(0, index)];
      const fieldset = element('fieldset', { class: 'amoeba-attempt-sum' }, [
        element('legend', {}, [t.sum(s)]),
      ]);
      fields[s] = [1, 2].map((n) => {
        const where = { 'data-sum': s, 'data-branch': String(n) };
        const op = select(t.branch(s, n, t.operation), ops, t, { ...where, 'data-part': 'op' });
        const input = select(
          t.branch(s, n, t.input),
          states.map((x) => [x, stateLabel(x, t)]),
          t,
          { ...where, 'data-part': 'input' },
        );
        const branch = element('span', { class: 'amoeba-attempt-branch' }, [
          op,
          element('span', { class: 'amoeba-attempt-of' }, [t.of]),
          input,
        ]);
        if (n === 2) {
          fieldset.append(
            element('span', { class: 'amoeba-attempt-plus', 'aria-hidden': 'true' }, ['+']),
          );
        }
        fieldset.append(branch);
        return [op, input];
      });
      form.append(fieldset);
    });
    const concat = element('fieldset', { class: 'amoeba-attempt-concat' }, [
      element('legend', {}, [t.concatLegend]),
    ]);
    const boxes = [...data.inputs, ...data.sums].map((s) => {
      const box = element('input', {
        type: 'checkbox',
        value: s,
        id: `amoeba-attempt-${++counter}`,
      });
      concat.append(element('label', {}, [box, ' ' + stateLabel(s, t)]));
      return box;
    });
    form.append(concat);
    const button = element('button', { type: 'submit', class: 'amoeba-attempt-check' }, [t.check]);
    const verdict = element('div', {
      class: 'amoeba-attempt-verdict',
      role: 'status',
      'aria-live': 'polite',
    });
    form.append(button, verdict);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const rows = {};
      for (const s of data.sums) {
        rows[s] = fields[s].map(([op, input]) => [op.value, input.value]);
      }
      const choice = { rows, concat: boxes.filter((b) => b.checked).map((b) => b.value) };
      show(verdict, judge(data, choice, t), t);
    });
    root.append(form);
  }

  function show(verdict, result, t) {
    verdict.className = `amoeba-attempt-verdict amoeba-attempt-${result.status}`;
    verdict.replaceChildren();
    const title = result.status === 'pass' ? t.correct : t.notYet;
    verdict.append(element('p', {}, [element('strong', {}, [title + t.colon]), result.message]));
    const notes = result.status === 'pass' ? [...result.notes, t.next] : result.notes;
    for (const note of notes) verdict.append(element('p', {}, [note]));
  }

  function start() {
    for (const root of document.querySelectorAll('.amoeba-attempt:not([data-ready])')) {
      const source = root.querySelector('.amoeba-attempt-data');
      if (!source) continue;
      root.setAttribute('data-ready', '');
      build(root, JSON.parse(source.textContent));
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
