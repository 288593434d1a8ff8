"""The browser module the book's scripts share (cb-common.js): its path, its text, and the
script tags that load it before a page script."""
from pathlib import Path

COMMON = Path(__file__).with_name('cb-common.js')
# Where the book serves them, seen from a chapter page (pages live in book/, one level below
# the root): cb-common.js through html_static_path, the exercises' scripts from book/_exercises.
STATIC = '../_static/'
EXERCISES = STATIC + 'cb-exercises/'


def common_js():
    """cb-common.js's text, for a script that cannot load it to start with (an anywidget's)."""
    return COMMON.read_text()


def script_tags(*scripts):
    """Deferred <script> tags for cb-common.js and then the exercise `scripts` ('why.js', ...)."""
    urls = [STATIC + COMMON.name] + [EXERCISES + name for name in scripts]
    return ''.join(f'<script src="{url}" defer></script>' for url in urls)
