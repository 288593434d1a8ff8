// Draws the explorers of a static book page without a kernel or a widget manager.
// MyST-NB stores the notebook's widget state in a <script type="...widget-state+json"> tag;
// the book's theme moves the state into a script of its own, named by the tag's data-src,
// which this loader adds to the page once the page has loaded (so the text and the images
// of the page come first). MyST-NB also puts a
// <script type="...widget-view+json"> tag where each widget was shown. For each view whose
// model carries an anywidget module (_esm), this loads that module (from the state, through a
// blob: URL, so nothing is fetched) and calls its render() with a small stand-in for the
// widget model. A classic deferred script, not a module: pages opened from the disk
// (file://) may load classic scripts only.
(() => {
  const STATE = 'application/vnd.jupyter.widget-state+json';
  const VIEW = 'application/vnd.jupyter.widget-view+json';

  function storedState(tag) {
    if (!tag.dataset.src) return Promise.resolve(JSON.parse(tag.textContent));
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = tag.dataset.src;
      script.onload = () => resolve(window.convblocksWidgetState);
      script.onerror = () => reject(new Error(`explorer: could not load ${tag.dataset.src}`));
      document.head.append(script);
    });
  }

  function standIn(state) {
    const handlers = {};
    return {
      get: (name) => state[name],
      set(name, value) {
        state[name] = value;
        for (const handler of handlers[`change:${name}`] || []) handler();
      },
      on(event, handler) {
        (handlers[event] ||= []).push(handler);
      },
      off(event) {
        delete handlers[event];
      },
      save_changes() {},
    };
  }

  const modules = new Map();
  function load(esm) {
    if (!modules.has(esm)) {
      const url = URL.createObjectURL(new Blob([esm], { type: 'text/javascript' }));
      modules.set(
        esm,
        import(url).then((module) => module.default),
      );
    }
    return modules.get(esm);
  }

  const styled = new Set();
  function style(css) {
    if (!css || styled.has(css)) return;
    styled.add(css);
    const tag = document.createElement('style');
    tag.textContent = css;
    document.head.append(tag);
  }

  async function main() {
    const stateTag = document.querySelector(`script[type="${STATE}"]`);
    if (!stateTag) return;
    const models = (await storedState(stateTag)).state;
    for (const view of document.querySelectorAll(`script[type="${VIEW}"]`)) {
      const entry = models[JSON.parse(view.textContent).model_id];
      if (!entry || typeof entry.state._esm !== 'string') continue;
      style(entry.state._css);
      const widget = await load(entry.state._esm);
      const el = document.createElement('div');
      view.after(el);
      widget.render({ model: standIn(entry.state), el });
    }
  }

  if (document.readyState === 'complete') main();
  else window.addEventListener('load', main, { once: true });
})();
