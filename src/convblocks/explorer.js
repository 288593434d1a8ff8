// The explorer's readout and graph (see explorer.py).
// With a kernel, Python sets `readout` and `graph` after each move. Without one (the static
// book), the sliders are linked in the browser to the i_<knob> indices, and the new
// setting's readout is looked up in `table`, which Python filled when the notebook ran.

function render({ model, el }) {
  el.classList.add("cb-explorer");
  const readout = document.createElement("div");
  readout.className = "cb-readout";
  readout.setAttribute("aria-live", "polite");
  const figure = document.createElement("figure");
  figure.className = "cb-graph";
  const drawing = document.createElement("div");
  drawing.className = "cb-drawing";
  const caption = document.createElement("figcaption");
  figure.append(drawing, caption);
  el.append(readout, figure);

  let shownGraph = null;
  function show(html, graphKey) {
    if (readout.innerHTML !== html) readout.innerHTML = html;
    const graphs = model.get("svgs");
    // An impossible setting has no graph key: the previous graph stays.
    if (graphKey && graphKey !== shownGraph && graphs[graphKey]) {
      drawing.innerHTML = graphs[graphKey][0];
      caption.textContent = graphs[graphKey][1];
      shownGraph = graphKey;
    }
    figure.hidden = shownGraph === null;
  }

  function fromTable() {
    const key = model.get("knobs").map((k) => model.get("i_" + k)).join(",");
    const row = model.get("table")[key];
    if (row) show(row[0], row[1]);
  }

  function fromKernel() {
    show(model.get("readout"), model.get("graph"));
  }

  for (const knob of model.get("knobs")) model.on("change:i_" + knob, fromTable);
  model.on("change:readout", fromKernel);
  model.on("change:graph", fromKernel);
  fromKernel();
}

export default { render };
