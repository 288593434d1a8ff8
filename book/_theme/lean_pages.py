"""Sphinx extension: each page of the book gets only the theme assets it uses.

- The header bar with a second search field is hidden (static/book-theme.css).
- The theme's 1.5 MB fontawesome.js is not loaded (templates/layout.html); the few icons the
  pages show become CSS masks in `_static/icons.css`, their outlines taken from that same file.
- All stylesheets become one file, `_static/book.css` (one request instead of ten before the
  first paint), which keeps only the rules whose classes occur in the built pages or the
  scripts they load (`purge`) and the custom properties something reads.
- documentation_options.js is written inline, so no script holds up the first paint.
- A notebook's stored widget state (up to 150 KB) moves out of the page's head into
  `_static/widget-state/`; the explorer loader loads it after the text has painted.
- Script files are deferred, so the text paints before they run; images load as the reader
  scrolls near them (`loading="lazy"`), so charts further down do not share the first
  paint's bandwidth.
- Search scripts load on the search page only (the search box sends readers there).
- Nothing of sphinx-thebe is loaded: the book has no "run code" button (launch_buttons.thebe
  is off), yet Jupyter Book always adds the extension, whose inline script was added twice.
- Scripts of sphinx-togglebutton, sphinx-design, sphinx-exercise and copybutton are dropped
  from pages that have nothing for them to act on.

Four of these lean on what Sphinx and the theme happen to do today (their versions are pinned
exactly in requirements.txt): the builder's private list of stylesheets, the theme's layout
blocks that templates/layout.html copies, the shape of the minified fontawesome.js and the
path of Sphinx's documentation_options template. `check_patch_points` looks at each when the
builder starts; where one has changed it warns once, naming it, and that part falls back to the
theme's own asset (its stylesheets, fontawesome.js or the script file), so a new version of
Sphinx or the theme makes pages heavier, never broken.
"""
import hashlib
import json
import re
from pathlib import Path

import sphinx
import tinycss2
from sphinx.util import logging

HERE = Path(__file__).parent
LOG = logging.getLogger(__name__)
COMBINED = 'book.css'
# Linked by the theme's template itself, before the stylesheets Sphinx lists.
TEMPLATE_SHEETS = ['_static/basic.css', '_static/styles/pydata-sphinx-theme.css']
WIDGET_STATE = 'application/vnd.jupyter.widget-state+json'
# Classes that bootstrap.js gives the elements it creates (the theme's tooltips); the rest of
# the 2,000 words in bootstrap.js name components the book does not use (modals, carousels).
BOOTSTRAP_RUNTIME = {'tooltip-inner', 'tooltip-arrow', 'collapsing'}
CLASSES = re.compile(r'class="([^"]*)"')
ICON_ENTRY = re.compile(r'(?:"([a-z0-9-]+)"|([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*",'
                        r'"(M[^"]+)"\]')
# The theme's layout blocks that templates/layout.html replaces: sha256 (first 16 digits) of
# each block's text in pydata-sphinx-theme 0.17.1's layout.html. Any other text: the theme's.
COPIED_BLOCKS = {'css': '1436267ac153f48c', 'extrahead': 'e607f7742f3bd264'}
BLOCK = r'\{{%-? block {0} %\}}(.*?)\{{%-? endblock {0} %\}}'
OPTIONS_TEMPLATE = (Path(sphinx.__file__).parent
                    / 'themes/basic/static/documentation_options.js.jinja')
# (a part of the asset's file name or inline script, a marker in the page's HTML without which
# the asset has nothing to do)
PAGE_ASSETS = [('toggle', 'toggle'), ('design-tabs.js', 'sd-tab'), ('sphinx-design', 'sd-'),
               ('exercise', 'exercise'), ('copybutton', 'highlight'),
               ('clipboard.min.js', 'highlight')]


def shared_sheets(app):
    """Every stylesheet Sphinx registers, in the order pages link them (paths in the site).

    All go into book.css, also those only some pages use: a page waits for each stylesheet
    before it paints, and one more request costs a phone more than a few unused rules.
    """
    registered = sorted(app.builder._css_files, key=lambda css: css.priority)
    return TEMPLATE_SHEETS + [css.filename for css in registered]


def inline_options(app, context, script):
    """documentation_options.js as an inline script: the one script a page waited for."""
    body = app.builder.templates.render_string(OPTIONS_TEMPLATE.read_text(), context)
    return type(script)(None, priority=script.priority, body=body)


def move_widget_state(app, pagename, context, asset):
    """A tag naming a script that holds the widget state `asset` had inline; writes the script.

    A script, not a JSON file: a page opened from the disk (file://) may not fetch() files.
    """
    target = Path(app.outdir, '_static', 'widget-state', f'{pagename}.js')
    target.parent.mkdir(parents=True, exist_ok=True)
    state = asset.attributes['body']
    json.loads(state)   # fail the build rather than ship a state the loader cannot read
    target.write_text(f'window.convblocksWidgetState = {state};\n')
    src = context['pathto'](f'_static/widget-state/{pagename}.js', 1)
    return type(asset)('', priority=asset.priority, type=WIDGET_STATE, **{'data-src': src})


def placed(app, pagename, context, script):
    """The script, or what the page loads instead: the widget state in a file of its own,
    documentation_options.js inline."""
    attributes = getattr(script, 'attributes', {})
    if attributes.get('type') == WIDGET_STATE and attributes.get('body'):
        return move_widget_state(app, pagename, context, script)
    if ('documentation_options' in (getattr(script, 'filename', None) or '')
            and 'documentation-options' not in app.lean_fallbacks):
        return inline_options(app, context, script)
    return script


def keep_asset(asset, body):
    """False for an asset this page's HTML body does not need."""
    name = getattr(asset, 'filename', None) or ''
    attributes = getattr(asset, 'attributes', {})
    if 'jupyter.widget' in attributes.get('type', ''):
        return True   # the widgets' stored state, which the explorer is drawn from
    inline = attributes.get('body', '')
    if 'thebe' in name or 'THEBE' in inline:
        return False
    return all(marker in body for part, marker in PAGE_ASSETS if part in name + inline)


def defer(script):
    """Load a script file without holding up the page's first paint (scripts keep their order)."""
    name = getattr(script, 'filename', None) or ''
    attributes = getattr(script, 'attributes', None)
    if (name and attributes is not None and '//' not in name
            and not {'async', 'defer'} & attributes.keys()):
        # a new asset: the theme's objects are shared by every page
        return type(script)(name, priority=script.priority, **attributes, defer='defer')
    return script


# A wide drawing's output scrolls sideways on a phone (book-theme.css): a scrolling region is
# reachable by keyboard and named (axe: scrollable-region-focusable).
WIDE_OUTPUT = re.compile(r'(<div class="cell tag_wide-drawing docutils container">'
                         r'(?:(?!<div class="cell ).)*?'
                         r'<div class="cell_output docutils container")', re.S)
SCROLLS = {'en': 'drawing {n} (scrolls sideways)', 'zh': '示意图 {n}（可左右滚动）'}


def focusable_wide_outputs(body, language):
    """The body with each wide drawing's scrolling output focusable and named (numbered, as
    landmarks on one page need names of their own)."""
    name = SCROLLS['zh' if (language or '').startswith('zh') else 'en']
    count = iter(range(1, 1000))
    return WIDE_OUTPUT.sub(lambda m: f'{m.group(1)} tabindex="0" role="region" '
                                     f'aria-label="{name.format(n=next(count))}"', body)


def trim_page(app, pagename, templatename, context, doctree):
    """html-page-context: drop the scripts and stylesheets this page does not use.

    Also: each bibliography entry is a list item of its `role="list"` (Sphinx writes the
    deprecated DPUB role doc-biblioentry, which Lighthouse's accessibility audit rejects);
    images load lazily.
    """
    body = context.get('body', '').replace(' role="doc-biblioentry"', ' role="listitem"')
    body = body.replace('<img ', '<img loading="lazy" ')
    body = focusable_wide_outputs(body, getattr(getattr(app, 'config', None), 'language', ''))
    if 'body' in context:
        context['body'] = body
    for key in ('script_files', 'css_files'):
        if key in context:
            context[key] = [a for a in context[key] if keep_asset(a, body)]
    context.update(lean_parts(app))   # which of templates/layout.html's blocks apply
    if context['lean_css']:
        shared = set(shared_sheets(app))
        context['css_files'] = [a for a in context.get('css_files', [])
                                if a.filename not in shared]
    scripts = [placed(app, pagename, context, s) for s in context.get('script_files', [])]
    # Not deferred on the search page: its search scripts, inline in the theme's template,
    # need doctools.js first.
    context['script_files'] = scripts if pagename == 'search' else [defer(s) for s in scripts]


def own_files(app):
    """The files this build wrote: its documents' pages, its top-level files and _static.

    Another build can write into a folder of the same output (the zh edition's zh/), even
    while this one runs; its files are left out.
    """
    out = Path(app.outdir)
    pages = {out / app.builder.get_target_uri(doc) for doc in app.env.found_docs}
    top = {path for path in out.iterdir() if path.is_file()}
    static = {path for path in (out / '_static').rglob('*') if path.is_file()}
    return sorted(pages | top | static)


def used_words(files):
    """Every word (letters, digits, - and _) in the pages, their scripts and widget states.

    Left out: fontawesome.js (not loaded; 2,000 icon names) and bootstrap.js (it names every
    Bootstrap component; BOOTSTRAP_RUNTIME has the classes it gives the book's elements).
    """
    words = set(BOOTSTRAP_RUNTIME)
    for path in files:
        if (path.suffix in ('.html', '.js', '.json')
                and path.name not in ('fontawesome.js', 'bootstrap.js')):
            words.update(re.findall(r'[A-Za-z0-9_-]+', path.read_text(errors='replace')))
    return words


def split_selectors(prelude):
    """The comma-separated selectors of a rule's prelude (commas inside brackets stay)."""
    selectors, depth, current = [], 0, ''
    for char in prelude:
        depth += char in '([' and 1 or char in ')]' and -1 or 0
        if char == ',' and depth == 0:
            selectors.append(current)
            current = ''
        else:
            current += char
    return selectors + [current]


def used(selector, words):
    """True when every class of `selector` occurs in `words` and it is no Font Awesome glyph.

    The glyphs (`.fa-bars:before{content:"\\f0c9"}`) need the 157 KB icon font; icons.css
    draws the icons instead.
    """
    if '.fa-' in selector and ':before' in selector:
        return False
    return set(re.findall(r'\.([A-Za-z0-9_-]+)', selector)) <= words


def purge(rules, words):
    """The CSS text of `rules` without the selectors whose classes occur nowhere in `words`.

    Not PurgeCSS (8.0.0, tried on the same sheets and pages with variables, fontFace and
    keyframes on): 121,118 bytes against this purge's 112,371; it keeps the .fa-*:before
    glyphs and the icon font's @font-face (every page then loads the 156 KB fa-solid-900.woff2
    and draws each icon twice), and drops rules for attributes that scripts set, which its
    word list cannot see (answers.js' data-status colours, [data-bs-theme], :focus-visible).
    """
    kept = []
    for rule in rules:
        if rule.type == 'qualified-rule':
            selectors = [s for s in split_selectors(tinycss2.serialize(rule.prelude))
                         if used(s, words)]
            if selectors:
                kept.append(','.join(s.strip() for s in selectors)
                            + '{' + tinycss2.serialize(rule.content) + '}')
        elif rule.type == 'at-rule' and rule.content is not None and rule.lower_at_keyword in (
                'media', 'supports', 'container', 'layer'):
            inner = purge(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True,
                                                         skip_comments=True), words)
            if inner:
                kept.append('@' + rule.at_keyword + tinycss2.serialize(rule.prelude)
                            + '{' + inner + '}')
        elif rule.type == 'at-rule' and 'Font Awesome' not in tinycss2.serialize([rule]):
            kept.append(tinycss2.serialize([rule]))
    return ''.join(kept)


def fontawesome_icons(script):
    """{icon name: (width, height, path)} of the solid icons defined in fontawesome.js.

    The packs are object literals of `name:[width,height,[aliases],"unicode","path"]`, each
    followed by its registration ("fab", "far", "fas"); the solid ones come before "fas".
    """
    end = script.index('("fas",')
    begin = max(script.rfind('("fa', 0, end), 0)
    return {quoted or bare: (width, height, path)
            for quoted, bare, width, height, path in ICON_ENTRY.findall(script, begin, end)}


def icon_css(names, icons):
    """CSS that draws each solid icon of `names` as a mask of the text colour."""
    rules = ['.fa-solid,.fas{display:inline-block;width:1em;height:1em;'
             'vertical-align:-.125em;background-color:currentColor;'
             '-webkit-mask:var(--icon) center/contain no-repeat;mask:var(--icon) center/contain '
             'no-repeat}']
    for name in sorted(names & icons.keys()):
        width, height, path = icons[name]
        svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
               f"<path d='{path}'/></svg>")
        rules.append(f'.fa-{name}{{--icon:url("data:image/svg+xml;utf8,{svg}")}}')
    return '/* Icons: Font Awesome Free 6 (CC BY 4.0), outlines from the theme. */\n' + \
        '\n'.join(rules) + '\n'


def unused_properties(css, elsewhere):
    """Drop the custom properties (`--name: value`) that neither `css` nor `elsewhere` reads.

    Repeated until nothing changes: a property read only by dropped ones goes too.
    """
    declaration = re.compile(r'(?<=[{;])\s*(--[A-Za-z0-9_-]+)\s*:'
                             r'(?:"[^"]*"|\'[^\']*\'|[^;{}"\'])*(;|(?=}))')
    while True:
        read = set(re.findall(r'var\(\s*(--[A-Za-z0-9_-]+)', css + elsewhere))
        trimmed = declaration.sub(lambda m, read=read: m.group(0) if m.group(1) in read else '',
                                  css)
        trimmed = re.sub(r'[^{};]+\{\s*\}', '', trimmed)   # rules left empty
        if trimmed == css:
            return css
        css = trimmed


def combine_sheets(app, static, files):
    """Write book.css: the shared stylesheets in page order, purged of what `files` don't use."""
    sheets = [static.parent / name for name in shared_sheets(app)]
    text = '\n'.join(sheet.read_text() for sheet in sheets)
    rules = tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True)
    words = used_words(files)
    elsewhere = ''.join(path.read_text(errors='replace') for path in files
                        if path.suffix in ('.html', '.js', '.json', '.css')
                        and path not in sheets and path.name != COMBINED)
    (static / COMBINED).write_text(unused_properties(purge(rules, words), elsewhere))


def finish(app, exception):
    """build-finished: write the icons the pages use, then the one stylesheet they share."""
    if exception or app.builder.format != 'html':
        return
    static = Path(app.outdir, '_static')
    pages = [path for path in own_files(app) if path.suffix == '.html']
    names = set()
    for page in pages:
        for classes in CLASSES.findall(page.read_text(errors='replace')):
            names.update(c[3:] for c in classes.split() if c.startswith('fa-'))
    lean = lean_parts(app)
    icons = (icon_css(names, app.lean_icons) if lean['lean_icons']
             else '/* fontawesome.js draws the icons (lean_pages fell back) */\n')
    (static / 'icons.css').write_text(icons)
    if lean['lean_css']:
        combine_sheets(app, static, own_files(app))   # icons.css included


def fall_back(app, point, message):
    """Warn once that the patch point `point` has changed; `lean_parts` then leaves it out."""
    if point not in app.lean_fallbacks:
        app.lean_fallbacks.add(point)
        LOG.warning(f'lean_pages: {message}', type='lean_pages', subtype=point)


def theme_file(theme_dirs, name):
    """The text of file `name` in the first of `theme_dirs` (the theme's, then its parents')."""
    for folder in theme_dirs:
        path = Path(folder, name)
        if path.is_file():
            return path.read_text()
    return None


def theme_block(theme_dirs, name):
    """The text of layout block `name` in the theme, or in the nearest parent that defines it."""
    for folder in theme_dirs:
        path = Path(folder, 'layout.html')
        found = path.is_file() and re.search(BLOCK.format(name), path.read_text(), re.S)
        if found:
            return found.group(1)
    return None


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_patch_points(app):
    """builder-inited: check what each patch relies on; warn and fall back where it changed."""
    app.lean_fallbacks, app.lean_icons = set(), {}
    if app.builder.format != 'html':
        return
    if not isinstance(getattr(app.builder, '_css_files', None), list):
        fall_back(app, 'stylesheets', "Sphinx's HTML builder has no `_css_files` list (private "
                  'state read to know the stylesheets): pages link the theme\'s stylesheets one '
                  'by one instead of book.css')
    theme = getattr(app.builder, 'theme', None)
    dirs = theme.get_theme_dirs() if hasattr(theme, 'get_theme_dirs') else []
    for name, expected in COPIED_BLOCKS.items():
        block = theme_block(dirs, name)
        if block is None or digest(block) != expected:
            fall_back(app, f'block-{name}', f"the theme's layout block `{name}` is not the one "
                      'templates/layout.html copies (pydata-sphinx-theme 0.17.1): pages use the '
                      "theme's block; compare the two, update the copy and COPIED_BLOCKS")
    script = theme_file(dirs, 'static/scripts/fontawesome.js') or ''
    try:
        app.lean_icons = fontawesome_icons(script)
    except ValueError:
        app.lean_icons = {}
    if not app.lean_icons:
        fall_back(app, 'fontawesome', "the theme's static/scripts/fontawesome.js has no solid "
                  'icons registered with ("fas", ...) to draw icons.css from: pages load '
                  'fontawesome.js (1.5 MB)')
    if not OPTIONS_TEMPLATE.is_file():
        fall_back(app, 'documentation-options', f'Sphinx has no {OPTIONS_TEMPLATE}: pages load '
                  'documentation_options.js as a file instead of inline')


def lean_parts(app):
    """Which parts of templates/layout.html apply (False: the theme's own block or asset)."""
    fallbacks = app.lean_fallbacks
    lean_css = not {'stylesheets', 'block-css'} & fallbacks
    return {'lean_css': lean_css, 'lean_icons': lean_css and bool(app.lean_icons),
            'lean_head': 'block-extrahead' not in fallbacks}


def add_templates(app, config):
    """config-inited: our layout.html comes before the theme's; book-theme.css is shipped."""
    config.templates_path.insert(0, str(HERE / 'templates'))
    config.html_static_path.append(str(HERE / 'static'))


def setup(app):
    app.connect('config-inited', add_templates)
    app.connect('builder-inited', check_patch_points)
    app.connect('html-page-context', trim_page, priority=900)
    app.connect('build-finished', finish, priority=900)   # after the theme writes pygments.css
    app.add_css_file('icons.css')
    app.add_css_file('book-theme.css')
    # A change in this file must rewrite every page: a new env_version makes Sphinx start afresh.
    version = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8], 16)
    return {'env_version': version, 'parallel_read_safe': True, 'parallel_write_safe': True}
