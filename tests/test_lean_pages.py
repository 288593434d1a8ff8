"""The book's Sphinx extension that ships each page only the theme assets it uses."""
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import tinycss2

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('lean_pages', ROOT / 'book/_theme/lean_pages.py')
lean_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lean_pages)


def purged(css, words):
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return lean_pages.purge(rules, set(words))


def test_purge_keeps_only_selectors_whose_classes_are_used():
    css = ('.used{color:red}.unused{color:blue}.used .unused,.used>p{margin:0}'
           'p{padding:0}[data-theme=dark]{--x:1}')
    assert purged(css, ['used']) == '.used{color:red}.used>p{margin:0}p{padding:0}' \
                                    '[data-theme=dark]{--x:1}'


def test_purge_goes_into_media_queries_and_drops_empty_ones():
    css = '@media (min-width:960px){.used{top:0}.gone{top:1}}@media print{.gone{top:2}}'
    assert purged(css, ['used']) == '@media (min-width:960px){.used{top:0}}'


def test_purge_keeps_font_faces_and_keyframes_and_splits_only_top_level_commas():
    css = ('@font-face{font-family:x;src:url(x.woff2)}@keyframes spin{to{opacity:0}}'
           ':is(.used,.other) a{color:red}')
    assert purged(css, ['used', 'other']) == css


def test_purge_drops_the_icon_font_and_its_glyphs():
    css = ('@font-face{font-family:"Font Awesome 6 Free";src:url(fa.woff2)}'
           '.fa-bars:before{content:"x"}.fa-solid{display:inline-block}')
    assert purged(css, ['fa-bars', 'fa-solid']) == '.fa-solid{display:inline-block}'


def asset(filename='', body=''):
    return SimpleNamespace(filename=filename, attributes={'body': body} if body else {})


def test_thebe_assets_never_ship():
    assert not lean_pages.keep_asset(asset('sphinx-thebe.js'), '<p>x</p>')
    assert not lean_pages.keep_asset(asset(body='const THEBE_JS_URL = "x"'), '<p>x</p>')


def test_page_specific_assets_ship_only_to_pages_that_use_them():
    plain, code = '<p>text</p>', '<div class="highlight"><pre>x</pre></div>'
    assert not lean_pages.keep_asset(asset('_static/copybutton.js'), plain)
    assert lean_pages.keep_asset(asset('_static/copybutton.js'), code)
    assert lean_pages.keep_asset(asset('_static/scripts/bootstrap.js'), plain)


def test_icon_css_draws_only_the_icons_the_pages_use():
    icons = {'bars': ('448', '512', 'M0 96h448'), 'github': ('496', '512', 'M1 1')}
    css = lean_pages.icon_css({'bars', 'magnifying-glass'}, icons)
    assert '.fa-bars{' in css and 'M0 96h448' in css and 'github' not in css


def test_icon_outlines_are_read_from_fontawesome_js():
    script = ('var p={github:[496,512,[],"f09b","M1 1"]};d("fab",p);var p={"bars-x":[448,512,'
              '[10548,"navicon"],"f0c9","M0 96h448"],sun:[512,512,[],"f185","M2 2"]};d("fas",p)')
    assert lean_pages.fontawesome_icons(script) == {'bars-x': ('448', '512', 'M0 96h448'),
                                                    'sun': ('512', '512', 'M2 2')}


def test_the_themes_fontawesome_js_yields_the_solid_icons():
    import pydata_sphinx_theme
    script = (Path(pydata_sphinx_theme.__file__).parent / 'theme/pydata_sphinx_theme/static/'
              'scripts/fontawesome.js').read_text()
    icons = lean_pages.fontawesome_icons(script)
    assert {'bars', 'magnifying-glass', 'sun', 'moon', 'arrow-up'} <= icons.keys()
    assert 'github' not in icons and len(icons) > 1000


def test_defer_makes_a_deferred_copy_and_leaves_the_shared_asset_alone():
    from sphinx.builders.html._assets import _JavaScript
    shared = _JavaScript('copybutton.js', priority=500)
    deferred = lean_pages.defer(shared)
    assert deferred.attributes['defer'] == 'defer' and 'defer' not in shared.attributes
    inline = _JavaScript(None, body='const A = 1;')
    assert lean_pages.defer(inline) is inline


def test_unused_custom_properties_go_including_those_only_dropped_ones_read():
    css = (':root{--used:1;--chain:var(--deep);--deep:2;--alone:3}'
           '.a{color:var(--used)}.b{--icon:url("data:x;y")}')
    kept = lean_pages.unused_properties(css, elsewhere='')
    assert kept == ':root{--used:1;}.a{color:var(--used)}'
    assert '--icon' in lean_pages.unused_properties(css, elsewhere='mask:var(--icon)')


def test_the_widget_state_moves_into_a_script_the_tag_names(tmp_path):
    from sphinx.builders.html._assets import _JavaScript
    inline = _JavaScript(None, type=lean_pages.WIDGET_STATE, body='{"state": {"m": {}}}')
    app = SimpleNamespace(outdir=str(tmp_path))
    context = {'pathto': lambda name, resource: '../' + name}
    tag = lean_pages.move_widget_state(app, 'book/resnext', context, inline)
    assert tag.attributes == {'type': lean_pages.WIDGET_STATE,
                              'data-src': '../_static/widget-state/book/resnext.js'}
    written = (tmp_path / '_static/widget-state/book/resnext.js').read_text()
    assert written == 'window.convblocksWidgetState = {"state": {"m": {}}};\n'


def test_own_files_leave_out_another_build_in_a_subfolder(tmp_path):
    """The zh edition is written into zh/ of the English output, even while it builds."""
    for name in ('index.html', 'searchindex.js', 'book/intro.html', '_static/book-theme.css',
                 '_static/widget-state/book/intro.js', 'zh/book/intro.html',
                 'zh/_static/book-theme.css', '_images/graph.svg'):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text('x')
    app = SimpleNamespace(outdir=str(tmp_path),
                          builder=SimpleNamespace(get_target_uri=lambda doc: doc + '.html'),
                          env=SimpleNamespace(found_docs={'book/intro'}))
    assert [str(p.relative_to(tmp_path)) for p in lean_pages.own_files(app)] == [
        '_static/book-theme.css', '_static/widget-state/book/intro.js', 'book/intro.html',
        'index.html', 'searchindex.js']


# --- patch points: each falls back to the theme's own asset, with one warning ---------------

def real_theme_dirs():
    import pydata_sphinx_theme
    import sphinx_book_theme
    return [Path(sphinx_book_theme.__file__).parent / 'theme/sphinx_book_theme',
            Path(pydata_sphinx_theme.__file__).parent / 'theme/pydata_sphinx_theme']


def builder_app(theme_dirs, **builder):
    """A stand-in for the Sphinx app as check_patch_points and trim_page see it."""
    theme = SimpleNamespace(get_theme_dirs=lambda: [str(d) for d in theme_dirs])
    return SimpleNamespace(builder=SimpleNamespace(format='html', theme=theme, **builder))


def changed_theme(tmp_path, layout=None, fontawesome=None):
    """A copy of pydata-sphinx-theme's layout.html and fontawesome.js, optionally changed."""
    pydata = real_theme_dirs()[1]
    folder = tmp_path / 'theme'
    (folder / 'static/scripts').mkdir(parents=True)
    original = (pydata / 'layout.html').read_text()
    (folder / 'layout.html').write_text(layout(original) if layout else original)
    bundle = (pydata / 'static/scripts/fontawesome.js').read_text()
    (folder / 'static/scripts/fontawesome.js').write_text(
        fontawesome(bundle) if fontawesome else bundle)
    return [folder]


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(lean_pages, 'LOG', SimpleNamespace(
        warning=lambda message, **kind: said.append((kind['subtype'], message))))
    return said


def render_layout(**context):
    """templates/layout.html over a stand-in theme layout whose blocks say THEME-..."""
    import jinja2
    ours = (ROOT / 'book/_theme/templates/layout.html').read_text()
    theme = '{% block css %}THEME-CSS{% endblock %}{% block extrahead %}THEME-HEAD{% endblock %}'
    env = jinja2.Environment(loader=jinja2.DictLoader({'layout.html': ours, '!layout.html': theme}))
    return env.get_template('layout.html').render(
        pathto=lambda name, resource: name, css=lambda: '<CSS()>', default_mode='auto',
        language='en', **context)


def test_the_pinned_theme_and_sphinx_pass_every_check(warnings):
    app = builder_app(real_theme_dirs(), _css_files=[])
    lean_pages.check_patch_points(app)
    assert warnings == [] and app.lean_fallbacks == set()
    assert lean_pages.lean_parts(app) == {'lean_css': True, 'lean_icons': True, 'lean_head': True}
    page = render_layout(**lean_pages.lean_parts(app))
    assert '_static/book.css' in page and 'fontawesome.js' not in page and 'THEME' not in page


def test_a_changed_fontawesome_bundle_loads_fontawesome_js(tmp_path, warnings):
    dirs = changed_theme(tmp_path, fontawesome=lambda js: js.replace('("fas",', '("fa-solid",'))
    app = builder_app(dirs, _css_files=[])
    lean_pages.check_patch_points(app)
    assert [point for point, _ in warnings] == ['fontawesome']
    assert 'fontawesome.js' in warnings[0][1]
    parts = lean_pages.lean_parts(app)
    assert parts == {'lean_css': True, 'lean_icons': False, 'lean_head': True}
    page = render_layout(**parts)
    assert '<script defer src="_static/scripts/fontawesome.js"></script>' in page
    assert '_static/book.css' in page


def test_a_builder_without_css_files_keeps_the_themes_stylesheets(tmp_path, warnings):
    app = builder_app(real_theme_dirs())   # no _css_files
    lean_pages.check_patch_points(app)
    assert [point for point, _ in warnings] == ['stylesheets']
    parts = lean_pages.lean_parts(app)
    assert parts == {'lean_css': False, 'lean_icons': False, 'lean_head': True}
    page = render_layout(**parts)
    assert 'THEME-CSS' in page and 'book.css' not in page
    sheet = SimpleNamespace(filename='_static/styles/pydata-sphinx-theme.css', attributes={})
    context = {'body': '<p>x</p>', 'css_files': [sheet], 'script_files': []}
    lean_pages.trim_page(app, 'index', 'page.html', context, None)
    assert context['css_files'] == [sheet] and context['lean_css'] is False


@pytest.mark.parametrize('block', ['css', 'extrahead'])
def test_a_changed_layout_block_uses_the_themes_block(tmp_path, warnings, block):
    def edit(layout):
        return re.sub(r'(\{%-? endblock ' + block + r' %\})', r'<!-- new -->\1', layout)
    app = builder_app(changed_theme(tmp_path, layout=edit), _css_files=[])
    lean_pages.check_patch_points(app)
    assert [point for point, _ in warnings] == [f'block-{block}']
    page = render_layout(**lean_pages.lean_parts(app))
    assert ('THEME-CSS' in page) == (block == 'css')
    assert ('THEME-HEAD' in page) == (block == 'extrahead')


def test_a_missing_options_template_leaves_the_script_a_file(monkeypatch, warnings):
    monkeypatch.setattr(lean_pages, 'OPTIONS_TEMPLATE', Path('/nowhere/options.js.jinja'))
    app = builder_app(real_theme_dirs(), _css_files=[])
    lean_pages.check_patch_points(app)
    assert [point for point, _ in warnings] == ['documentation-options']
    script = SimpleNamespace(filename='_static/documentation_options.js', attributes={})
    assert lean_pages.placed(app, 'index', {}, script) is script


def test_each_fall_back_warns_once(warnings):
    app = SimpleNamespace(lean_fallbacks=set())
    for _ in range(3):
        lean_pages.fall_back(app, 'fontawesome', 'changed')
    assert warnings == [('fontawesome', 'lean_pages: changed')]


def test_a_wide_drawings_scrolling_output_is_focusable_and_named_in_the_pages_language():
    cell = ('<div class="cell tag_wide-drawing docutils container">\n'
            '<div class="cell_input docutils container">draw(x)</div>\n'
            '<div class="cell_output docutils container">\n<img src="a.svg"></div></div>\n'
            '<div class="cell docutils container">\n'
            '<div class="cell_output docutils container">plain</div></div>')
    en = lean_pages.focusable_wide_outputs(cell, 'en')
    assert en.count('tabindex="0" role="region" aria-label="drawing 1 (scrolls sideways)"') == 1
    assert '<div class="cell_output docutils container">plain' in en   # other cells untouched
    assert 'aria-label="示意图 1（可左右滚动）"' in lean_pages.focusable_wide_outputs(cell, 'zh_CN')
    both_wide = cell.replace('<div class="cell docutils',
                             '<div class="cell tag_wide-drawing docutils')
    two = lean_pages.focusable_wide_outputs(both_wide, 'en')
    assert 'drawing 1 (' in two and 'drawing 2 (' in two   # landmarks need names of their own
