"""Sphinx extension: each page of the book gets only the theme assets it uses.

- The header bar with a second search field is hidden (static/book-theme.css).
- The theme's 1.5 MB fontawesome.js is not loaded (templates/layout.html); the few icons the
  pages show become CSS masks in `_static/icons.css`, their outlines taken from that same file.
- The theme's 0.4 MB stylesheet (and the other stylesheets every page loads) keep only the
  rules whose classes occur in the built pages or the scripts they load (`purge`).
- Script files are deferred, so the text paints before they run.
- Search scripts load on the search page only (the search box sends readers there).
- Nothing of sphinx-thebe is loaded: the book has no "run code" button (launch_buttons.thebe
  is off), yet Jupyter Book always adds the extension, whose inline script was added twice.
- Per-page assets of sphinx-togglebutton, sphinx-design, sphinx-exercise and copybutton are
  dropped from pages that have nothing for them to act on.
"""
import hashlib
import re
from pathlib import Path

import tinycss2

HERE = Path(__file__).parent
# The theme's and extensions' stylesheets that every page loads, purged of unused rules.
PURGED = ['styles/pydata-sphinx-theme.css', 'styles/sphinx-book-theme.css', 'basic.css',
          'mystnb.*.css']
CLASSES = re.compile(r'class="([^"]*)"')
ICON_ENTRY = re.compile(r'(?:"([a-z0-9-]+)"|([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*",'
                        r'"(M[^"]+)"\]')
# (asset file name, a marker in the page's HTML without which the asset has nothing to do)
# (a part of the asset's file name or inline script, a marker in the page's HTML without which
# the asset has nothing to do)
PAGE_ASSETS = [('toggle', 'toggle'), ('design-tabs.js', 'sd-tab'), ('sphinx-design', 'sd-'),
               ('exercise', 'exercise'), ('copybutton', 'highlight'),
               ('clipboard.min.js', 'highlight')]


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
    """Load a script file without holding up the page's first paint (scripts keep their order).

    documentation_options.js stays as it is (inline scripts extend what it defines), and so do
    the widget scripts (the explorer's part).
    """
    name = getattr(script, 'filename', None) or ''
    attributes = getattr(script, 'attributes', None)
    if (name and attributes is not None and '//' not in name
            and 'documentation_options' not in name and 'widgets/' not in name
            and not {'async', 'defer'} & attributes.keys()):
        # a new asset: the theme's objects are shared by every page
        return type(script)(name, priority=script.priority, **attributes, defer='defer')
    return script


def trim_page(app, pagename, templatename, context, doctree):
    """html-page-context: drop the scripts and stylesheets this page does not use.

    Also: each bibliography entry is a list item of its `role="list"` (Sphinx writes the
    deprecated DPUB role doc-biblioentry, which Lighthouse's accessibility audit rejects).
    """
    body = context.get('body', '').replace(' role="doc-biblioentry"', ' role="listitem"')
    if 'body' in context:
        context['body'] = body
    for key in ('script_files', 'css_files'):
        if key in context:
            context[key] = [a for a in context[key] if keep_asset(a, body)]
    scripts = context.get('script_files', [])
    # Not deferred: the search page (its search scripts, inline in the theme's template, need
    # doctools.js first) and pages with require.js (UMD libraries such as clipboard.js would
    # register with it instead of as globals when they run after it).
    if pagename != 'search' and not any('require' in (getattr(s, 'filename', '') or '')
                                        for s in scripts):
        context['script_files'] = [defer(s) for s in scripts]


def used_words(folder):
    """Every word (letters, digits, - and _) in the built pages and the scripts they load.

    Left out: fontawesome.js (not loaded; 2,000 icon names) and the widget manager's bundle
    (3.6 MB; it styles its widgets with stylesheets of its own, not the theme's).
    """
    words = set()
    for path in list(folder.rglob('*.html')) + list(folder.rglob('*.js')):
        if not path.is_file() or path.name == 'fontawesome.js' or 'widgets' in path.parts:
            continue
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
    """The CSS text of `rules` without the selectors whose classes occur nowhere in `words`."""
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


def finish(app, exception):
    """build-finished: purge the theme's stylesheet and write the icons the pages use."""
    if exception or app.builder.format != 'html':
        return
    out = Path(app.outdir)
    static = out / '_static'
    words = used_words(out)
    for pattern in PURGED:
        for sheet in static.glob(pattern):
            rules = tinycss2.parse_stylesheet(sheet.read_text(), skip_whitespace=True,
                                              skip_comments=True)
            sheet.write_text(purge(rules, words))
    names = set()
    for page in out.rglob('*.html'):
        for classes in CLASSES.findall(page.read_text(errors='replace')):
            names.update(c[3:] for c in classes.split() if c.startswith('fa-'))
    script = (static / 'scripts' / 'fontawesome.js').read_text()
    (static / 'icons.css').write_text(icon_css(names, fontawesome_icons(script)))


def add_templates(app, config):
    """config-inited: our layout.html comes before the theme's; book-theme.css is shipped."""
    config.templates_path.insert(0, str(HERE / 'templates'))
    config.html_static_path.append(str(HERE / 'static'))


def setup(app):
    app.connect('config-inited', add_templates)
    app.connect('html-page-context', trim_page, priority=900)
    app.connect('build-finished', finish)
    app.add_css_file('icons.css')
    app.add_css_file('book-theme.css')
    # A change in this file must rewrite every page: a new env_version makes Sphinx start afresh.
    version = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8], 16)
    return {'env_version': version, 'parallel_read_safe': True, 'parallel_write_safe': True}
