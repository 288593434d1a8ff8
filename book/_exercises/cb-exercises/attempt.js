// The AmoebaNet exercise on the static page: assemble the cell from the encoding's options
// and check it without a kernel. The cell itself comes from the JSON that attempt.py writes
// from spec.py at build time; this script only compares the reader's choices with it. Every
// text comes from that JSON too (form_strings.py, English and Chinese), picked by cbCommon.
(function () {
  'use strict';

  const { strings, fill, element } = globalThis.cbCommon; // cb-common.js, loaded before

  // A text of the table that is worded for a count: key_one for exactly one, else key.
  function counted(t, key, n) {
    return t[n === 1 && `${key}_one` in t ? `${key}_one` : key];
  }

  // 'x', 'x and y', 'x, y and z' in English; 'x、y、z' in Chinese.
  function listing(items, t) {
    if (items.length < 2) return items.join('');
    return items.slice(0, -1).join(t.list_comma) + t.list_and + items[items.length - 1];
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
    swapped_inputs: (op, source) => [op, { h_i: 'h_{i-1}', 'h_{i-1}': 'h_i' }[source] || source],
    swapped_pools: (op, source) => [
      op.replace(/^(avg|max)pool/, (m, kind) => (kind === 'avg' ? 'max' : 'avg') + 'pool'),
      source,
    ],
  };

  // The verdict: {status, message, notes}; the same kind of sentences as the Python check.
  function judge(data, choice, t) {
    const sums = data.sums;
    for (const s of sums) {
      if (choice.rows[s].some(([op, source]) => !op || !source)) {
        return { status: 'fail', message: fill(t.incomplete, { sum: s }), notes: [] };
      }
    }
    if (!choice.concat.length) return { status: 'fail', message: t.no_concat, notes: [] };
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
    return {
      status: 'fail',
      message: problems[0],
      notes: more > 0 ? [fill(counted(t, 'more', more), { n: more })] : [],
    };
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

  // 'sep 3x3', or with its article 'a sep 3x3' (Chinese has none).
  function opLabel(data, id, t, article = false) {
    const op = data.operations.find((o) => o.id === id);
    const word = (article ? t.with_article : t.words)[op.kind];
    return op.k === null ? word : `${word} ${op.k}x${op.k}`;
  }

  // The inputs as the diagram writes them, with subscripts: hᵢ and hᵢ₋₁.
  const INPUT_LABELS = { h_i: 'hᵢ', 'h_{i-1}': 'hᵢ₋₁' };

  function stateLabel(state, t) {
    return INPUT_LABELS[state] || fill(t.sum, { sum: state });
  }

  // The reader's two branches in the order that matches the wanted ones best.
  function bestOrder(wanted, mine, nameOf) {
    const score = (w, m) => (w[0] === m[0]) + (w[1] === nameOf(m[1]));
    const fit = (order) => score(wanted[0], order[0]) + score(wanted[1], order[1]);
    const swapped = [mine[1], mine[0]];
    return fit(swapped) > fit(mine) ? swapped : mine;
  }

  // What is wrong with one branch of the sum `label` ('' when nothing is).
  function branchProblem(data, label, [wantOp, wantSource], [gotOp, gotSource], t) {
    const src = stateLabel(gotSource, t);
    const op = (id) => opLabel(data, id, t);
    const a = (id) => opLabel(data, id, t, true);
    if (wantOp !== gotOp && wantSource === gotSource) {
      if (wantOp === 'identity') return fill(t.want_identity, { label, src, got: a(gotOp) });
      if (gotOp === 'identity') return fill(t.got_identity, { label, src, want: a(wantOp) });
      return fill(t.op_wrong, { label, src, want: a(wantOp), got: a(gotOp) });
    }
    if (wantOp === gotOp && wantSource !== gotSource) {
      const what = wantOp === 'identity' ? t.identity_branch : op(wantOp);
      return fill(t.source_wrong, { label, what, want: stateLabel(wantSource, t), got: src });
    }
    if (wantOp === gotOp) return '';
    const text = (id, state) =>
      id === 'identity'
        ? fill(t.branch_itself, { src: stateLabel(state, t) })
        : fill(t.branch_text, { op: op(id), src: stateLabel(state, t) });
    return fill(t.both_wrong, {
      label,
      want: text(wantOp, wantSource),
      got: text(gotOp, gotSource),
    });
  }

  function rowProblems(data, sum, wanted, mine, nameOf, t) {
    const ops = wanted.map(([op]) => opLabel(data, op, t)).join(' + ');
    const label = fill(t.sum_label, { sum, ops });
    const best = bestOrder(wanted, mine, nameOf);
    return wanted
      .map((w, i) => branchProblem(data, label, w, [best[i][0], nameOf(best[i][1])], t))
      .filter(Boolean);
  }

  // Why each state the reader added too many is not in the output.
  function leaveOutReasons(data, extra, t) {
    return [...new Set(extra)]
      .map((s) => {
        const name = stateLabel(s, t);
        const users = data.sums.filter((p) => data.answer[p].some(([, src]) => src === s));
        if (!users.length) return fill(t.leave_out, { name });
        const list = listing(
          users.map((u) => stateLabel(u, t)),
          t,
        );
        return fill(counted(t, 'leave_out_used', users.length), { name, users: list });
      })
      .join(t.sentence_gap);
  }

  function concatProblems(data, got, t) {
    const expected = data.concatenated;
    const missing = expected.filter((s) => !got.includes(s));
    const extra = got.filter((s) => !expected.includes(s));
    if (!missing.length && !extra.length) return [];
    // Like the Python check, the sentences never list the states the cell stacks.
    const count = fill(t.concat_count, { n: got.length, m: expected.length });
    const misses = fill(t.misses, { n: missing.length });
    if (!extra.length) {
      if (missing.length === 1 && missing[0] === 'h_{i-1}') return [`${count}, ${t.untouched}`];
      return [fill(t.missing_only, { count, misses })];
    }
    const reasons = leaveOutReasons(data, extra, t);
    if (!missing.length) return [fill(t.extra_only, { count, reasons })];
    return [fill(t.instead, { reasons, misses })];
  }

  // --- the form -------------------------------------------------------------------------------

  let counter = 0;

  function select(label, options, t, data) {
    const id = `amoeba-attempt-${++counter}`;
    const box = element('select', { id, 'aria-label': label, ...data });
    box.append(element('option', { value: '' }, t.choose));
    for (const [value, text] of options) box.append(element('option', { value }, text));
    return box;
  }

  // The fieldset of sum `s`: two branches, each an operation of a state computed before it.
  // Returns the fieldset and its [[operation, input], [operation, input]] selects.
  function sumFieldset(data, s, index, t) {
    const ops = data.operations.map((o) => [o.id, opLabel(data, o.id, t)]);
    const states = [...data.inputs, ...data.sums.slice(0, index)].map((x) => [x, stateLabel(x, t)]);
    const fieldset = element('fieldset', { class: 'amoeba-attempt-sum' }, [
      element('legend', {}, fill(t.sum, { sum: s })),
    ]);
    const selects = [1, 2].map((n) => {
      const where = { 'data-sum': s, 'data-branch': String(n) };
      const label = (part) => fill(t.branch, { sum: s, n, part });
      const op = select(label(t.operation), ops, t, { ...where, 'data-part': 'op' });
      const input = select(label(t.input), states, t, { ...where, 'data-part': 'input' });
      if (n === 2) {
        fieldset.append(
          element('span', { class: 'amoeba-attempt-plus', 'aria-hidden': 'true' }, '+'),
        );
      }
      fieldset.append(
        element('span', { class: 'amoeba-attempt-branch' }, [
          op,
          element('span', { class: 'amoeba-attempt-of' }, t.of),
          input,
        ]),
      );
      return [op, input];
    });
    return [fieldset, selects];
  }

  // The checkboxes of the states the output may concatenate; returns the fieldset and boxes.
  function concatFieldset(data, t) {
    const fieldset = element('fieldset', { class: 'amoeba-attempt-concat' }, [
      element('legend', {}, t.concat_legend),
    ]);
    const boxes = [...data.inputs, ...data.sums].map((s) => {
      const box = element('input', {
        type: 'checkbox',
        value: s,
        id: `amoeba-attempt-${++counter}`,
      });
      fieldset.append(element('label', {}, [box, ' ' + stateLabel(s, t)]));
      return box;
    });
    return [fieldset, boxes];
  }

  function build(root, data) {
    const t = strings(data.strings);
    const form = element('form', { class: 'amoeba-attempt-form', novalidate: true });
    form.append(element('p', { class: 'amoeba-attempt-intro' }, t.intro));
    const fields = {};
    data.sums.forEach((s, index) => {
      const [fieldset, selects] = sumFieldset(data, s, index, t);
      fields[s] = selects;
      form.append(fieldset);
    });
    const [concat, boxes] = concatFieldset(data, t);
    const button = element('button', { type: 'submit', class: 'amoeba-attempt-check' }, t.check);
    const verdict = element('div', {
      class: 'amoeba-attempt-verdict',
      role: 'status',
      'aria-live': 'polite',
    });
    form.append(concat, button, verdict);
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
    const title = result.status === 'pass' ? t.correct : t.not_yet;
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
