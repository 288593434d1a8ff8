"""The browser module the book's scripts share (cb-common.js): its path and its text."""
from pathlib import Path

COMMON = Path(__file__).with_name('cb-common.js')


def common_js():
    """cb-common.js's text, for a script that cannot load it to start with (an anywidget's)."""
    return COMMON.read_text()
