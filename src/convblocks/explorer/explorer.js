// The explorer: a slider and a value box per knob, the readout and the graph (explorer.py).
// One module for JupyterLab (anywidget) and the static book, where
// book/_vendor/explorer-loader.js calls render() with the state stored in the page.
// Rows (the numbers at each setting) come from `rows` (the table Python stored) or, without
// a table, from `row` (what the kernel computed for the current `index`).
// Every text comes from `strings` (English or Chinese, chosen by <html lang>).

const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;
let counter = 0;

function fill(template, values, zh) {
  return template.replace(PLACEHOLDER, (_, key, noun) => {
    const value = values[key];
    if (!noun || zh) return String(value);
    return `${value} ${noun}${value === 1 ? "" : "s"}`;
  });
}

function exact(n) {
  return n.toLocaleString("en-US");
}

function short(n) {
  for (const [scale, unit] of [[1e9, "G"], [1e6, "M"], [1e3, "k"]]) {
    if (n >= scale) return `${Number((n / scale).toPrecision(3))} ${unit}`;
  }
  return String(n);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render({ model, el }) {
  const zh = (document.documentElement.lang || "").startsWith("zh");
  const S = model.get("strings")[zh ? "zh" : "en"];
  const block = model.get("block");
  const knobs = model.get("knobs");
  const id = `cb-explorer-${++counter}`;

  // The lines of a graph box, as drawing.lines() writes them in English.
  function lines([title, count, unit, extras, activation, shape]) {
    let head = title;
    for (const [word, value] of extras) {
      head += zh ? `，${S[word]} ${value}` : `, ${word} ${value}`;
    }
    const middle = count === null ? []
      : [zh ? `${count} ${S[unit]}` : fill(`{n|${unit}}`, { n: count })];
    return [head, ...middle, activation === null ? shape : `${activation} → ${shape}`];
  }

  el.classList.add("cb-explorer");
  const controls = element("div", "cb-controls");
  // A slider per knob: a div with role="slider", because Chromium reads a native range
  // input's position, not its aria-valuetext, to screen readers.
  const sliders = knobs.map(([knob, values], k) => {
    const row = element("div", "cb-knob");
    const label = element("span", "cb-knob-label", S[knob] || knob);
    label.id = `${id}-${knob}-label`;
    const slider = element("div", "cb-slider");
    slider.append(element("div", "cb-thumb"));
    slider.tabIndex = 0;
    slider.dataset.knob = knob;
    const attributes = { role: "slider", "aria-labelledby": label.id,
                         "aria-valuemin": values[0], "aria-valuemax": values[values.length - 1] };
    for (const [name, value] of Object.entries(attributes)) slider.setAttribute(name, value);
    const box = element("input", "cb-box");
    Object.assign(box, { type: "number", inputMode: "numeric" });
    box.setAttribute("aria-label", fill(S.box, { label: S[knob] || knob }));
    const note = element("span", "cb-note");
    note.setAttribute("aria-live", "polite");
    row.append(label, slider, box, note);
    controls.append(row);
    const last = values.length - 1;
    slider.addEventListener("keydown", (event) => {
      const at = model.get("index")[k];
      const to = { ArrowRight: at + 1, ArrowUp: at + 1, PageUp: at + 1, ArrowLeft: at - 1,
                   ArrowDown: at - 1, PageDown: at - 1, Home: 0, End: last }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      event.stopPropagation(); // JupyterLab would move between cells
      move(k, Math.max(0, Math.min(last, to)));
    });
    const fromPointer = (event) => {
      const track = slider.getBoundingClientRect();
      const where = Math.max(0, Math.min(1, (event.clientX - track.left) / track.width));
      move(k, Math.round(where * last));
    };
    slider.addEventListener("pointerdown", (event) => {
      slider.setPointerCapture(event.pointerId);
      slider.focus();
      fromPointer(event);
    });
    slider.addEventListener("pointermove", (event) => {
      if (slider.hasPointerCapture(event.pointerId)) fromPointer(event);
    });
    box.addEventListener("change", () => typed(k, box.value));
    box.addEventListener("keydown", (event) => {
      event.stopPropagation(); // keys typed here are not JupyterLab's shortcuts
      if (event.key === "Enter") typed(k, box.value);
    });
    return { knob, values, slider, box, note };
  });

  const readout = element("div", "cb-readout");
  readout.setAttribute("aria-live", "polite");
  const figure = element("figure", "cb-graph");
  const drawing = element("div", "cb-drawing");
  const caption = element("figcaption");
  figure.append(drawing, caption);
  el.append(controls, readout, figure);

  function move(k, position) {
    sliders[k].note.textContent = "";
    if (model.get("index")[k] === position) return;
    const index = [...model.get("index")];
    index[k] = position;
    model.set("index", index);
    model.save_changes();
    update();
  }

  function typed(k, text) {
    const { knob, values, box, note } = sliders[k];
    if (text === String(values[model.get("index")[k]])) return; // e.g. the change after Enter
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) {
      note.textContent = fill(S.not_number, { knob, value: values[model.get("index")[k]] });
      box.value = values[model.get("index")[k]];
      return;
    }
    let best = 0;
    values.forEach((v, i) => {
      if (Math.abs(v - value) < Math.abs(values[best] - value)) best = i;
    });
    move(k, best);
    if (values[best] !== value) {
      note.textContent = fill(S.snapped, { knob, typed: text, value: values[best] });
    }
  }

  function currentRow(index) {
    const key = index.join(",");
    const stored = model.get("rows")[key];
    if (stored) return stored;
    const row = model.get("row");
    return row && row.i === key ? row : null;
  }

  function readoutHTML(row) {
    if (row.e) {
      const text = !zh ? row.e : row.ef ? fill(S.error_formula, { block: row.eb, formula: row.ef })
        : fill(S.error, { block, message: row.e });
      return `<p class="cb-error">${escape(text)}</p>`;
    }
    const [template, detail] = row.d;
    const ratio = (row.p / row.c.plain).toFixed(2);
    const stat = (label, n, what) =>
      `<div class="cb-stat"><span class="cb-label">${escape(label)}</span>` +
      `<span class="cb-value" data-${what}="${n}">${exact(n)}</span>` +
      `<span class="cb-short">${short(n)}</span></div>`;
    return `<div class="cb-stats">${stat(S.params, row.p, "params")}` +
      `${stat(fill(S.macs, { size: model.get("size") }), row.m, "macs")}</div>` +
      `<p class="cb-detail">${escape(fill(S[template], detail, zh))}</p>` +
      `<p class="cb-compare">${escape(fill(S.compare,
        { ...row.c, plain: exact(row.c.plain), ratio }, zh))}</p>`;
  }

  let shownGraph = null;
  let boxes = {};
  function showGraph(row, index) {
    const graphs = model.get("graphs");
    figure.hidden = Object.keys(graphs).length === 0;
    const withdrawn = Boolean(row.e) || !graphs[row.g];
    figure.classList.toggle("cb-withdrawn", withdrawn);
    drawing.hidden = withdrawn;
    if (withdrawn) {
      caption.textContent = S.withdrawn;
      return;
    }
    const graph = graphs[row.g];
    if (shownGraph !== row.g) {
      drawing.innerHTML = graph.svg;
      shownGraph = row.g;
      boxes = {};
      for (const node of drawing.querySelectorAll("g.node")) {
        boxes[node.querySelector("title").textContent] = node.querySelectorAll("text");
      }
    }
    graph.ids.forEach((node, i) => {
      lines(row.l[i]).forEach((line, j) => { boxes[node][j].textContent = line; });
    });
    if (graph.more) {
      const [hidden, total] = graph.more;
      boxes.more[0].textContent = fill(S.more, { hidden });
      boxes.more[1].textContent = fill(S.more_total, { total });
    }
    const setting = knobs.map(([knob, values], k) => `${knob}=${values[index[k]]}`);
    for (const [knob, value] of Object.entries(model.get("fixed"))) {
      setting.push(`${knob}=${value}`);
    }
    caption.textContent = fill(S.caption, { block, setting: setting.join(", ") }) +
      (graph.more ? fill(S.folded, { total: graph.more[1] }) : "");
  }

  function update() {
    const index = model.get("index");
    sliders.forEach(({ values, slider, box }, k) => {
      const value = String(values[index[k]]);
      slider.setAttribute("aria-valuenow", value);
      slider.setAttribute("aria-valuetext", value);
      slider.firstChild.style.left = `${(100 * index[k]) / Math.max(1, values.length - 1)}%`;
      box.value = value;
    });
    const row = currentRow(index);
    if (!row) return; // the kernel has not answered yet: keep what is shown
    const html = readoutHTML(row);
    if (readout.innerHTML !== html) readout.innerHTML = html;
    showGraph(row, index);
  }

  model.on("change:index", update);
  model.on("change:row", update);
  model.on("change:graphs", () => { shownGraph = null; update(); });
  update();
}

function escape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export default { render };
