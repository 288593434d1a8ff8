// The explorer: a slider and a value box per numeric knob, a row of buttons per other knob,
// the readout and the graph (explorer/widget.py).
// One module for JupyterLab (anywidget) and the static book, where
// book/_vendor/explorer-loader.js calls render() with the state stored in the page.
// Rows (the numbers at each setting) come from `rows` (the table Python stored) or, without
// a table, from `row` (what the kernel computed for the current `index`).
// Every text comes from `strings` (English or Chinese, chosen by <html lang>).
// render() reads top to bottom: the page's language, the knobs (sliders, buttons, fixed
// values), the readout, the graph, and update(), which shows the row at the sliders' index.

// cbCommon (convblocks/book/cb-common.js) comes first in the widget's module (widget.py).
const { pageLanguage, strings, fill, element } = globalThis.cbCommon;
let counter = 0;

function exact(n) {
  return n.toLocaleString('en-US');
}

function short(n) {
  for (const [scale, unit] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]) {
    if (n >= scale) return `${Number((n / scale).toPrecision(3))} ${unit}`;
  }
  return String(n);
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// --- the page's language and texts ---------------------------------------------------------

// The page's texts, with the block's own knob names (per_block) over the common ones.
function texts(model) {
  const zh = pageLanguage() === 'zh';
  const S = strings(model.get('strings'));
  return { zh, S: { ...S, ...((S.per_block || {})[model.get('block')] || {}) } };
}

// A box's title in the page's language, as drawing/labels.py's title() writes it: the
// operation's word translated (S.ops, the longest that fits) after its kernel size
// (on a Chinese page: the kernel size, then the word), a layer's own name kept.
function titleText(title, { S, zh }) {
  const ops = S.ops || {};
  if (!zh || !Object.keys(ops).length) return title;
  const cut = title.lastIndexOf(': ');
  const name = cut < 0 ? '' : `${title.slice(0, cut)}：`;
  const op = cut < 0 ? title : title.slice(cut + 2);
  const sum = /^add ([a-z])$/.exec(op);
  if (sum) return `${name}${ops.sum} ${sum[1]}`;
  const key = Object.keys(ops)
    .sort((a, b) => b.length - a.length)
    .find((k) => op === k || op.startsWith(`${k} `));
  if (!key) return name + op;
  const rest = op.slice(key.length);
  const kernel = /^ (\d+x\d+)/.exec(rest);
  return kernel
    ? `${name}${kernel[1]} ${ops[key]}${rest.slice(kernel[0].length)}`
    : name + ops[key] + rest;
}

// The lines of a graph box, as drawing.lines() writes them.
function boxLines([title, count, unit, extras, activation, shape], language) {
  const { S, zh } = language;
  let head = titleText(title, language);
  for (const [word, value] of extras) {
    head += zh ? `，${S[word] || word} ${value}` : `, ${word} ${value}`;
  }
  const middle =
    count === null ? [] : [zh ? `${count} ${S[unit]}` : fill(`{n|${unit}}`, { n: count })];
  return [head, ...middle, activation === null ? shape : `${activation} → ${shape}`];
}

// --- the knobs ------------------------------------------------------------------------------

// The position a key moves a slider to from `at` (undefined for other keys).
const KEY_STEPS = {
  ArrowRight: 1,
  ArrowUp: 1,
  PageUp: 1,
  ArrowLeft: -1,
  ArrowDown: -1,
  PageDown: -1,
};
function keyTarget(key, at, last) {
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return key in KEY_STEPS ? at + KEY_STEPS[key] : undefined;
}

// Pressing or dragging on the track moves the slider to the nearest position.
function followPointer(slider, last, move) {
  const fromPointer = (event) => {
    const track = slider.getBoundingClientRect();
    const where = Math.max(0, Math.min(1, (event.clientX - track.left) / track.width));
    move(Math.round(where * last));
  };
  slider.addEventListener('pointerdown', (event) => {
    slider.setPointerCapture(event.pointerId);
    slider.focus();
    fromPointer(event);
  });
  slider.addEventListener('pointermove', (event) => {
    if (slider.hasPointerCapture(event.pointerId)) fromPointer(event);
  });
}

// A slider: a div with role="slider", because Chromium reads a native range input's
// position, not its aria-valuetext, to screen readers. Keys and the pointer move it.
function sliderControl(knob, values, labelId, move) {
  const last = values.length - 1;
  const attributes = {
    class: 'cb-slider',
    tabindex: 0,
    'data-knob': knob,
    role: 'slider',
    'aria-labelledby': labelId,
    'aria-valuemin': values[0],
    'aria-valuemax': values[last],
  };
  const slider = element('div', attributes, element('div', { class: 'cb-thumb' }));
  slider.addEventListener('keydown', (event) => {
    const to = keyTarget(event.key, Number(slider.dataset.position), last);
    if (to === undefined) return;
    event.preventDefault();
    event.stopPropagation(); // JupyterLab would move between cells
    move(Math.max(0, Math.min(last, to)));
  });
  followPointer(slider, last, move);
  return slider;
}

// The position of the value nearest to what was typed.
function nearest(values, value) {
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - value) < Math.abs(values[best] - value)) best = i;
  });
  return best;
}

// The value box next to a slider: a typed value moves the slider to the nearest value, and
// the box then shows the slider's value, whatever was typed.
function valueBox(knob, values, name, { S }, control) {
  const box = element('input', { class: 'cb-box' });
  Object.assign(box, { type: 'number', inputMode: 'decimal', step: 'any' });
  box.setAttribute('aria-label', fill(S.box, { label: name }));
  const typed = () => {
    const text = box.value;
    const at = values[control.position()];
    if (text === String(at)) return; // e.g. the change after Enter
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      control.say(fill(S.not_number, { knob, value: at }));
    } else {
      const best = nearest(values, value);
      control.move(best);
      if (values[best] !== value) {
        control.say(fill(S.snapped, { knob, typed: text, value: values[best] }));
      }
    }
    box.value = String(values[control.position()]);
  };
  box.addEventListener('change', typed);
  box.addEventListener('keydown', (event) => {
    event.stopPropagation(); // keys typed here are not JupyterLab's shortcuts
    if (event.key === 'Enter') typed();
  });
  return box;
}

// A slider with its value box; show(position) draws it at a position.
function sliderKnob(row, knob, values, name, labelId, control, language) {
  const slider = sliderControl(knob, values, labelId, control.move);
  const box = valueBox(knob, values, name, language, control);
  row.append(slider, box);
  return (position) => {
    const value = String(values[position]);
    slider.dataset.position = position;
    slider.setAttribute('aria-valuenow', value);
    slider.setAttribute('aria-valuetext', value);
    slider.firstChild.style.left = `${(100 * position) / Math.max(1, values.length - 1)}%`;
    box.value = value;
  };
}

// A row of toggle buttons for knobs whose values are not numbers ('relu', True, None).
function choiceKnob(row, values, labelId, control) {
  const group = element('div', { class: 'cb-choices' });
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', labelId);
  const buttons = values.map((value, i) => {
    const button = element('button', { class: 'cb-choice' }, String(value));
    button.type = 'button';
    button.addEventListener('click', () => control.move(i));
    button.addEventListener('keydown', (event) => event.stopPropagation());
    group.append(button);
    return button;
  });
  row.append(group);
  return (position) =>
    buttons.forEach((button, i) => {
      button.setAttribute('aria-pressed', String(i === position));
    });
}

// One knob's row: its label, its control and a note; returns { show, say }.
function knobRow(controls, [knob, values, kind], k, id, language, move, position) {
  const { S } = language;
  const row = element('div', { class: 'cb-knob' });
  const name = S[knob] || knob;
  const label = element('span', { class: 'cb-knob-label' }, name);
  label.id = `${id}-${knob}-label`;
  const note = element('span', { class: 'cb-note' });
  note.setAttribute('aria-live', 'polite');
  row.append(label);
  const control = {
    move: (to) => {
      note.textContent = '';
      move(k, to);
    },
    position: () => position(k),
    say: (text) => {
      note.textContent = text;
    },
  };
  const show =
    kind === 'choice'
      ? choiceKnob(row, values, label.id, control)
      : sliderKnob(row, knob, values, name, label.id, control, language);
  row.append(note);
  controls.append(row);
  return show;
}

// Knobs with one value, as text: "act: relu".
function fixedKnobs(controls, fixed, { S }) {
  for (const [knob, value] of Object.entries(fixed)) {
    controls.append(element('p', { class: 'cb-fixed' }, `${S[knob] || knob}: ${value}`));
  }
}

// --- the readout ----------------------------------------------------------------------------

function errorHTML(row, block, { S, zh }) {
  const text = !zh
    ? row.e
    : row.ef
      ? fill(S.error_formula, { block: row.eb, formula: row.ef })
      : fill(S.error, { block, message: row.e });
  return `<p class="cb-error">${escape(text)}</p>`;
}

function statHTML(label, n, what) {
  return (
    `<div class="cb-stat"><span class="cb-label">${escape(label)}</span>` +
    `<span class="cb-value" data-${what}="${n}">${exact(n)}</span>` +
    `<span class="cb-short">${short(n)}</span></div>`
  );
}

function readoutHTML(row, block, size, language) {
  if (row.e) return errorHTML(row, block, language);
  const { S } = language;
  const [template, detail] = row.d;
  const ratio = (row.p / row.c.plain).toFixed(2);
  return (
    `<div class="cb-stats">${statHTML(S.params, row.p, 'params')}` +
    `${statHTML(fill(S.macs, { size }), row.m, 'macs')}</div>` +
    `<p class="cb-detail">${escape(fill(S[template], detail))}</p>` +
    `<p class="cb-compare">${escape(
      fill(S.compare, { ...row.c, plain: exact(row.c.plain), ratio }),
    )}</p>`
  );
}

// --- the graph ------------------------------------------------------------------------------

// The text elements of each box of a drawn graph, by the box's id (its <title>).
function boxTexts(drawing) {
  const boxes = {};
  for (const node of drawing.querySelectorAll('g.node')) {
    boxes[node.querySelector('title').textContent] = node.querySelectorAll('text');
  }
  return boxes;
}

// Writes one setting's numbers into the boxes, and the folded units' count.
function fillBoxes(boxes, graph, row, language) {
  const { S } = language;
  graph.ids.forEach((node, i) => {
    boxLines(row.l[i], language).forEach((line, j) => {
      boxes[node][j].textContent = line;
    });
  });
  if (graph.more) {
    const [hidden, total] = graph.more;
    boxes.more[0].textContent = fill(S.more, { hidden });
    boxes.more[1].textContent = fill(S.more_total, { total });
  }
}

function captionText(graph, block, setting, { S }) {
  const text = setting.length
    ? fill(S.caption, { block, setting: setting.join(', ') })
    : fill(S.caption_plain, { block });
  return text + (graph.more ? fill(S.folded, { total: graph.more[1] }) : '');
}

// The figure: one drawing per structure, whose boxes get each setting's numbers.
function graphView(figure, model, language) {
  const drawing = element('div', { class: 'cb-drawing' });
  const caption = element('figcaption');
  figure.append(drawing, caption);
  let shown = null;
  let boxes = {};

  return {
    show(row, setting) {
      const graphs = model.get('graphs');
      figure.hidden = Object.keys(graphs).length === 0;
      const withdrawn = Boolean(row.e) || !graphs[row.g];
      figure.classList.toggle('cb-withdrawn', withdrawn);
      drawing.hidden = withdrawn;
      if (withdrawn) {
        caption.textContent = language.S.withdrawn;
        return;
      }
      const graph = graphs[row.g];
      if (shown !== row.g) {
        drawing.innerHTML = graph.svg;
        [shown, boxes] = [row.g, boxTexts(drawing)];
      }
      fillBoxes(boxes, graph, row, language);
      caption.textContent = captionText(graph, model.get('block'), setting, language);
    },
    forget() {
      shown = null;
    },
  };
}

// --- putting it together --------------------------------------------------------------------

function currentRow(model, index) {
  const key = index.join(',');
  const stored = model.get('rows')[key];
  if (stored) return stored;
  const row = model.get('row');
  return row && row.i === key ? row : null;
}

function settingText(knobs, index, fixed) {
  const setting = knobs.map(([knob, values], k) => `${knob}=${values[index[k]]}`);
  for (const [knob, value] of Object.entries(fixed)) setting.push(`${knob}=${value}`);
  return setting;
}

function noteParagraph(model, { S }) {
  const note = model.get('note') || [];
  if (!note.length) return null;
  return element('p', { class: 'cb-explorer-note' }, fill(S[note[0]], note[1]));
}

// A function that moves knob k to position `to` (the kernel, if any, follows), then redraws.
function mover(model, redraw) {
  return (k, to) => {
    if (model.get('index')[k] === to) return;
    const index = [...model.get('index')];
    index[k] = to;
    model.set('index', index);
    model.save_changes();
    redraw();
  };
}

// The knobs' rows, then the fixed knobs; returns the element and each knob's show(position).
function knobControls(model, language, id, redraw) {
  const controls = element('div', { class: 'cb-controls' });
  const position = (k) => model.get('index')[k];
  const move = mover(model, redraw);
  const shows = model
    .get('knobs')
    .map((entry, k) => knobRow(controls, entry, k, id, language, move, position));
  fixedKnobs(controls, model.get('fixed'), language);
  return [controls, shows];
}

function render({ model, el }) {
  const language = texts(model);
  el.classList.add('cb-explorer');
  const [controls, shows] = knobControls(model, language, `cb-explorer-${++counter}`, update);
  const readout = element('div', { class: 'cb-readout', 'aria-live': 'polite' });
  const figure = element('figure', { class: 'cb-graph' });
  const graph = graphView(figure, model, language);
  const note = noteParagraph(model, language);
  el.append(controls, ...(note ? [note] : []), readout, figure);

  function update() {
    const index = model.get('index');
    shows.forEach((show, k) => show(index[k]));
    const row = currentRow(model, index);
    if (!row) return; // the kernel has not answered yet: keep what is shown
    const html = readoutHTML(row, model.get('block'), model.get('size'), language);
    if (readout.innerHTML !== html) readout.innerHTML = html;
    graph.show(row, settingText(model.get('knobs'), index, model.get('fixed')));
  }

  model.on('change:index', update);
  model.on('change:row', update);
  model.on('change:graphs', () => {
    graph.forget();
    update();
  });
  update();
}

export default { render };
