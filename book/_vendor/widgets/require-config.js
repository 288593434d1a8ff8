// Point require.js at the vendored anywidget front end, so the static book's widget manager
// loads it from this site instead of falling back to a CDN. Loaded after require.js and
// before @jupyter-widgets/html-manager (see nb_ipywidgets_js in _config.yml).
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.requirejs.config({ paths: { anywidget: here + "anywidget/index" } });
})();
