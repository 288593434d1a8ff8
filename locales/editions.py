"""Sphinx extension for the two editions: a link on every page to the same page in the other
language, the zh pages' fonts and typography, the zh search's words, the zh citation style,
the theme's hard-coded English in Chinese, and a place of its own for the zh notebook files.
(The zh pages' text is Chinese in their sources already: scripts/zh_edition.py builds the zh
edition from the Chinese notebooks, whose image descriptions are Chinese too.)

The English edition is built at _build/html/ and the Chinese one at _build/html/zh/, so the
other edition's root is `zh/` (from English) or `../` (from Chinese). Links are relative, so
they work from file:// and under any base path; a small inline script carries the #anchor
along (section ids are the same in both editions), and without JavaScript the link still
opens the page. Every page has the switch, search.html and genindex.html too (templates/).
A page that exists in one edition only (the zh glossary) links to the other edition's first
page and says so. The extension also adds lang-switch.css to both editions: the switch's
style, the zh pages' CJK font stack and their emphasis (no faux italics on Chinese).

Search: Sphinx splits zh text with jieba; `GlossarySearch` loads the glossary's words as
jieba's user dictionary and indexes every glossary word a text contains, so that each
term (and its stem, e.g. 深度可分离) finds every page that uses it (locales/terms.py).

Citations: the zh edition cites as "He 等人（2016）" and "（He 等人，2016）" (a bibtex
referencing style registered here as `author_year_zh`).

Theme strings that the themes hard-code in English in their templates (tooltips,
aria-labels) are translated after the pages are written, from zh_CN/LC_MESSAGES/sphinx.po.
"""
import hashlib
import html
import json
import logging
import re
from pathlib import Path

from docutils import nodes

HERE = Path(__file__).parent
STATIC = HERE / 'static'
TEMPLATES = HERE / 'templates'
THEME_ZH = HERE / 'zh_CN' / 'LC_MESSAGES' / 'sphinx.po'
BOOKTHEME_ZH = HERE / 'zh_CN' / 'LC_MESSAGES' / 'booktheme.po'   # in front of the theme's
SPECIAL_PAGES = ('search', 'genindex')   # pages without a document; the switch goes there too
OTHER = {  # this edition is zh? -> (other edition's root, its html lang, the link's text)
    True: ('../', 'en', 'English'),
    False: ('zh/', 'zh-CN', '中文'),
}


def is_chinese(config):
    return (config.language or 'en').startswith('zh')


def counterpart(pagename, root_doc, only_here, chinese):
    """The relative URL of `pagename`'s page in the other edition, from `pagename`'s page."""
    other_root, _, _ = OTHER[chinese]
    up = '../' * pagename.count('/')
    target = root_doc if pagename in only_here else pagename
    return f'{up}{other_root}{target}.html'


# On click, the link takes the page's #anchor along (the editions share section ids).
KEEP_ANCHOR = "this.hash=location.hash"


def switch_html(href, chinese, only_here=False):
    """The switch: a small nav with one link, written in the other edition's language.

    `only_here`: the page has no counterpart; the link goes to the other edition's first page
    and its text says so."""
    _, lang, text = OTHER[chinese]
    label = 'Read this page in English' if chinese else '阅读本页的中文版'
    if only_here:
        label = ('The English edition has no glossary: go to its first page' if chinese
                 else '本页没有中文版：前往中文版首页')
        text = 'English (no glossary)' if chinese else '中文（首页）'
    script = '' if only_here else f' onclick="{KEEP_ANCHOR}"'
    return (f'<nav class="lang-switch" lang="{lang}" aria-label="{label}">'
            f'<a href="{href}" hreflang="{lang}" lang="{lang}" title="{label}"{script}>{text}</a>'
            '</nav>\n')


def add_switch(app, pagename, templatename, context, doctree):
    """Put the switch at the top of every page and an alternate link in its head.

    Document pages get it at the top of their body; search.html and genindex.html, which have
    no document, through `lang_switch` in their templates (templates/)."""
    if doctree is None and pagename not in SPECIAL_PAGES:
        return
    chinese = is_chinese(app.config)
    only_here = pagename in app.config.lang_switch_only_here
    href = counterpart(pagename, app.config.root_doc, app.config.lang_switch_only_here, chinese)
    switch = switch_html(href, chinese, only_here)
    context['lang_switch'] = switch
    if doctree is not None and 'body' in context:
        context['body'] = switch + context['body']
    if not only_here:   # a translation of this very page
        lang = OTHER[chinese][1]
        context['metatags'] = (context.get('metatags', '')
                               + f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />')


def english_section_ids(app, doctree):
    """doctree-read, zh edition: each section's id is the English page's, so the switch's
    #anchor lands on the same section (the Chinese heading's id stays as a second one).

    `editions_english_headings` is a JSON file (scripts/zh_edition.py writes it) with each
    page's English headings in order; the zh page has the same headings in the same order,
    its titles in Chinese. Runs before Sphinx reads the page's table of contents."""
    path = app.config.editions_english_headings
    if not path or not is_chinese(app.config):
        return
    headings = json.loads(Path(path).read_text(encoding='utf-8')).get(app.env.docname)
    if headings is None:
        return
    sections = list(doctree.findall(nodes.section))
    if len(sections) != len(headings):
        logging.getLogger('sphinx.editions').warning(
            '%s: %d sections but %d English headings; its section ids stay Chinese',
            app.env.docname, len(sections), len(headings))
        return
    for section, english in zip(sections, headings):
        wanted = nodes.make_id(english)
        if wanted and wanted not in doctree.ids:
            section['ids'].insert(0, wanted)
            doctree.ids[wanted] = section


def own_output_folder(app):
    """Keep myst-nb's executed-notebook files out of the English site (zh config only).

    myst-nb writes them beside the output folder, which for _build/html/zh/ would be inside
    the English edition (_build/html/jupyter_execute)."""
    folder = app.config.editions_nb_output_folder
    if folder and hasattr(app.env, 'mystnb_config'):
        app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=folder)


def add_static(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def register_search(app, config):
    """zh edition: index text with `GlossarySearch` (jieba with the glossary's words)."""
    if is_chinese(config):
        from sphinx.search import languages
        languages[config.language] = glossary_search_class()


def glossary_search_class():
    """Sphinx's Chinese search, which also indexes every glossary word a text contains.

    jieba's cut_for_search gives a long word's 2- and 3-character parts, but not a longer
    part such as 深度可分离 in 深度可分离卷积; the dictionary's words are looked for as
    substrings instead. `html_search_options['dict']` is the jieba user dictionary
    (scripts/zh_edition.py writes it from book/glossary.md, locales/terms.py)."""
    from sphinx.search.zh import SearchChinese

    class GlossarySearch(SearchChinese):
        words = []

        def init(self, options):
            super().init(options)
            path = options.get('dict')
            if path and Path(path).is_file():
                self.words = [line.split()[0]
                              for line in Path(path).read_text(encoding='utf-8').splitlines()
                              if line.strip()]

        def split(self, input):
            return super().split(input) + [word for word in self.words if word in input]

    return GlossarySearch


def register_citation_style(app, config):
    """zh edition: the citation style `author_year_zh`: He 等人（2016）, （He 等人，2016）."""
    if not is_chinese(config):
        return
    try:
        from sphinxcontrib.bibtex.plugin import register_plugin
        from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
        from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
    except ImportError:
        return
    from dataclasses import dataclass, field

    def brackets():
        return BracketStyle(left='（', right='）', sep='；', sep2='；', last_sep='；')

    @dataclass
    class ChineseAuthorYear(AuthorYearReferenceStyle):
        bracket_textual: BracketStyle = field(default_factory=brackets)
        bracket_parenthetical: BracketStyle = field(default_factory=brackets)
        bracket_author: BracketStyle = field(default_factory=brackets)
        bracket_label: BracketStyle = field(default_factory=brackets)
        bracket_year: BracketStyle = field(default_factory=brackets)
        person: PersonStyle = field(default_factory=lambda: PersonStyle(
            sep='、', sep2=' 和 ', last_sep=' 和 ', other=' 等人'))
        author_year_sep: str = '，'
        text_reference_sep: str = ''
        pre_text_sep: str = ' '
        post_text_sep: str = '，'

    register_plugin('sphinxcontrib.bibtex.style.referencing', 'author_year_zh',
                    ChineseAuthorYear, force=True)


ATTRIBUTE = re.compile(r'\b(title|aria-label|data-bs-title|placeholder)="([^"<>]*[A-Za-z][^"<>]*)"')


def theme_catalog():
    """{English: Chinese} of zh_CN/LC_MESSAGES/sphinx.po."""
    from babel.messages.pofile import read_po
    with THEME_ZH.open('rb') as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string}


def translate_attributes(text, catalog):
    """`text` (a page) with each title/aria-label whose English is in `catalog` in Chinese."""
    def one(match):
        english = html.unescape(match.group(2))
        if english not in catalog:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(catalog[english], quote=True)}"'
    return ATTRIBUTE.sub(one, text)


def translate_theme_attributes(app, exception):
    """build-finished, zh edition: the themes' hard-coded English tooltips and labels."""
    if exception or not is_chinese(app.config) or app.builder.format != 'html':
        return
    catalog = theme_catalog()
    for page in Path(app.outdir).rglob('*.html'):
        text = page.read_text(encoding='utf-8')
        translated = translate_attributes(text, catalog)
        if translated != text:
            page.write_text(translated, encoding='utf-8')


def put_booktheme_catalog_first(app, config):
    """zh edition: our booktheme.po answers before sphinx-book-theme's own zh_CN catalog.

    Sphinx makes the catalog registered first the primary one, and the theme registers its
    own before local extensions load; ours becomes primary with the theme's as fallback."""
    if not is_chinese(config):
        return
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations
    from sphinx import locale

    with BOOKTHEME_ZH.open('rb') as handle:
        catalog = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    ours = Translations(compiled, domain='booktheme')
    theirs = locale.translators.get(('general', 'booktheme'))
    if theirs is not None:
        ours.add_fallback(theirs)
    locale.translators['general', 'booktheme'] = ours


def add_templates(app, config):
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def quiet_jieba():
    """jieba (the zh search's word splitter) logs at DEBUG level from its import on."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def setup(app):
    quiet_jieba()
    app.add_config_value('lang_switch_only_here', [], 'html')
    app.add_config_value('editions_nb_output_folder', '', 'env')
    app.add_config_value('editions_english_headings', '', 'env')
    app.connect('doctree-read', english_section_ids, priority=400)
    app.connect('builder-inited', own_output_folder, priority=900)
    app.connect('config-inited', add_static)
    app.connect('config-inited', register_citation_style)
    app.connect('config-inited', add_templates)
    app.connect('config-inited', register_search)
    app.connect('config-inited', put_booktheme_catalog_first)
    app.connect('build-finished', translate_theme_attributes)
    app.add_css_file('lang-switch.css')
    app.connect('html-page-context', add_switch)
    # A change in this file or the theme's catalogs must rewrite every page: a new
    # env_version makes Sphinx start afresh.
    sources = b''.join(path.read_bytes() for path in
                       (Path(__file__), THEME_ZH, BOOKTHEME_ZH,
                        *sorted(TEMPLATES.glob('*.html'))))
    version = int(hashlib.sha256(sources).hexdigest()[:8], 16)
    return {'env_version': version, 'parallel_read_safe': True, 'parallel_write_safe': True}
