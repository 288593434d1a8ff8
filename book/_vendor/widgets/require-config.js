// Point require.js at the vendored widget code, so the static book's widget manager loads
// everything from this site and never falls back to a CDN. Loaded after require.js and
// before @jupyter-widgets/html-manager (see nb_ipywidgets_js in _config.yml).
// - anywidget: its AMD front end, loaded on demand for the explorer's readout.
// - @jupyter-widgets/*: defined inline by embed-amd.js; mapping them here only sets the
//   folder their bundled CSS resolves fonts against (html-manager/*.woff2).
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  var paths = { anywidget: here + "anywidget/index" };
  ["base", "base7", "controls", "controls7", "output", "html-manager",
   "html-manager/dist/libembed-amd"].forEach(function (name) {
    paths["@jupyter-widgets/" + name] = here + "html-manager/" + name.replace(/.*\//, "");
  });
  window.requirejs.config({ paths: paths });
})();
