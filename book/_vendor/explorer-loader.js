// Draws the explorers of a static book page without a kernel or a widget manager.
// MyST-NB stores the notebook's widget state in a <script type="...widget-state+json"> tag
// and puts a <script type="...widget-view+json"> tag where each widget was shown. For each
// view whose model carries an anywidget module (_esm), this loads that module (from the
// state, through a blob: URL, so nothing is fetched) and calls its render() with a small
// stand-in for the widget model. Loaded as a module: deferred, never blocks the page's text.
const STATE = "application/vnd.jupyter.widget-state+json";
const VIEW = "application/vnd.jupyter.widget-view+json";

function standIn(state) {
  const handlers = {};
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      for (const handler of handlers[`change:${name}`] || []) handler();
    },
    on(event, handler) { (handlers[event] ||= []).push(handler); },
    off(event) { delete handlers[event]; },
    save_changes() {},
  };
}

const modules = new Map();
function load(esm) {
  if (!modules.has(esm)) {
    const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
    modules.set(esm, import(url).then((module) => module.default));
  }
  return modules.get(esm);
}

const styled = new Set();
function style(css) {
  if (!css || styled.has(css)) return;
  styled.add(css);
  const tag = document.createElement("style");
  tag.textContent = css;
  document.head.append(tag);
}

async function main() {
  const stateTag = document.querySelector(`script[type="${STATE}"]`);
  if (!stateTag) return;
  const models = JSON.parse(stateTag.textContent).state;
  for (const view of document.querySelectorAll(`script[type="${VIEW}"]`)) {
    const entry = models[JSON.parse(view.textContent).model_id];
    if (!entry || typeof entry.state._esm !== "string") continue;
    style(entry.state._css);
    const widget = await load(entry.state._esm);
    const el = document.createElement("div");
    view.after(el);
    widget.render({ model: standIn(entry.state), el });
  }
}

main();
