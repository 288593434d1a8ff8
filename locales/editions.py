"""Sphinx extension for the two editions: a link on every page to the same page in the other
language, the zh pages' fonts, and a place of its own for the zh build's notebook files.

The English edition is built at _build/html/ and the Chinese one at _build/html/zh/, so the
other edition's root is `zh/` (from English) or `../` (from Chinese). Links are relative, so
they work from file:// and under any base path. A page that exists in one edition only
(the zh glossary) links to the other edition's first page. The extension also adds
lang-switch.css to both editions: the switch's style and the zh pages' CJK font stack.

Images: a code cell's image output carries its description (alt text) in the cell's metadata,
`mystnb.image.alt`, in English; the zh edition takes the Chinese from zh_CN/image_alt.json.

In the zh edition Sphinx parses each translated paragraph as a small document of its own,
which lacks the notebook's glue data, so myst-nb could not fill {glue:text} roles there;
`glue_in_translations` lets such a paragraph read the glue data of the page it belongs to.
"""
import hashlib
import json
import logging
from pathlib import Path

from docutils import nodes

STATIC = Path(__file__).parent / 'static'
IMAGE_ALT_ZH = Path(__file__).parent / 'zh_CN' / 'image_alt.json'   # English alt -> Chinese
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


def switch_html(href, chinese):
    """The switch: a small nav with one link, written in the other edition's language."""
    _, lang, text = OTHER[chinese]
    label = 'Read this page in English' if chinese else '阅读本页的中文版'
    return (f'<nav class="lang-switch" aria-label="{label}">'
            f'<a href="{href}" hreflang="{lang}" lang="{lang}" title="{label}">{text}</a>'
            '</nav>\n')


def add_switch(app, pagename, templatename, context, doctree):
    """Put the switch at the top of every document page and an alternate link in its head."""
    if doctree is None or 'body' not in context:
        return
    chinese = is_chinese(app.config)
    href = counterpart(pagename, app.config.root_doc, app.config.lang_switch_only_here, chinese)
    context['body'] = switch_html(href, chinese) + context['body']
    if pagename not in app.config.lang_switch_only_here:   # a translation of this very page
        lang = OTHER[chinese][1]
        context['metatags'] = (context.get('metatags', '')
                               + f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />')


def own_output_folder(app):
    """Keep myst-nb's executed-notebook files out of the English site (zh config only).

    myst-nb writes them beside the output folder, which for _build/html/zh/ would be inside
    the English edition (_build/html/jupyter_execute)."""
    folder = app.config.editions_nb_output_folder
    if folder and hasattr(app.env, 'mystnb_config'):
        app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=folder)


def glue_in_translations(app, config):
    """zh edition: glue roles in translated paragraphs read the glue data of their page.

    Sphinx parses a page's English text first (its glue roles find the page's notebook
    renderer, which holds the glue data) and then each translated paragraph on its own; the
    renderer seen first is lent to the page's translated paragraphs.
    """
    if not is_chinese(config):
        return
    from myst_nb.ext.glue import directives, roles, utils

    renderers = {}   # docname -> the page's notebook renderer
    retrieve = utils.retrieve_glue_data

    def retrieve_from_page(document, key):
        docname = document.settings.env.docname
        if '<translated>' not in str(document.get('source', '')) or docname not in renderers:
            if 'nb_renderer' in document:
                renderers[docname] = document['nb_renderer']
            return retrieve(document, key)
        document['nb_renderer'] = renderers[docname]   # lent for this lookup only: the
        try:                                           # doctree must stay picklable
            return retrieve(document, key)
        finally:
            del document['nb_renderer']

    for module in (utils, roles, directives):
        module.retrieve_glue_data = retrieve_from_page


def add_static(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def chinese_image_alt(app, doctree):
    """doctree-read, zh edition: each image's English description replaced by its Chinese."""
    if not is_chinese(app.config):
        return
    chinese = json.loads(IMAGE_ALT_ZH.read_text())
    for image in doctree.findall(nodes.image):
        if image.get('alt') in chinese:
            image['alt'] = chinese[image['alt']]


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
    app.connect('builder-inited', own_output_folder, priority=900)
    app.connect('config-inited', add_static)
    app.connect('config-inited', glue_in_translations)
    app.add_css_file('lang-switch.css')
    app.connect('html-page-context', add_switch)
    app.connect('doctree-read', chinese_image_alt)
    # A change in this file or the image descriptions must rewrite every page: a new
    # env_version makes Sphinx start afresh.
    sources = Path(__file__).read_bytes() + IMAGE_ALT_ZH.read_bytes()
    version = int(hashlib.sha256(sources).hexdigest()[:8], 16)
    return {'env_version': version, 'parallel_read_safe': True, 'parallel_write_safe': True}
