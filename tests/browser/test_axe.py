"""axe-core 4.14.1 (WCAG 2.2 A/AA and best practice) finds nothing on any page of either edition.

Every page of the toc, in English and Chinese, in the light and the dark theme, at 390 and
1280 px, with every folded hint and solution opened; and the AmoebaNet page again after a
wrong and a right attempt in its form. axe-core is installed from npm (pinned, into
.venv/axe) the first time; it is injected into Debian's Chromium with playwright.
"""
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from amoeba_form import ATTEMPT

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = '4.14.1'
AXE = ROOT / '.venv' / 'axe' / 'node_modules' / 'axe-core' / 'axe.min.js'
TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
TOC = yaml.safe_load((ROOT / '_toc.yml').read_text())
PAGES = [TOC['root']] + [entry['file'] for entry in TOC['chapters']]
EDITIONS = {'en': '', 'zh': 'zh/'}
AMOEBA = 'book/amoebanet'


@pytest.fixture(scope='session')
def axe_source():
    if not AXE.exists():
        subprocess.run(['npm', 'i', '-E', '--silent', '--no-fund', '--no-audit', '--prefix',
                        str(AXE.parents[2]), f'axe-core@{AXE_VERSION}'], check=True)
    version = json.loads((AXE.parent / 'package.json').read_text())['version']
    assert version == AXE_VERSION
    return AXE.read_text()


WIDTHS = (1280, 390)
RESIZE_SETTLES_MS = 700
THEMES = ('light', 'dark')


def settled(page):
    """Wait until the page's colour transitions have ended (axe would read mid-way colours)."""
    page.evaluate('() => Promise.all(document.getAnimations().map(a => a.finished))')


def set_theme(page, theme):
    """Switch the page to `theme` as the theme's button does (no reload)."""
    page.evaluate('theme => { document.documentElement.dataset.theme = theme;'
                  ' document.documentElement.dataset.mode = theme; }', theme)
    page.wait_for_timeout(50)
    settled(page)


def violations(page, axe_source):
    """axe's violations on the page as it is now: 'rule: target (summary)' lines."""
    if not page.evaluate('typeof axe !== "undefined"'):
        page.evaluate(axe_source)
    result = page.evaluate('tags => axe.run(document, {runOnly: {type: "tag", values: tags},'
                           ' resultTypes: ["violations"]})', TAGS)
    return [f"{v['id']}: {node['target']} ({node.get('failureSummary', '')[:160]})"
            for v in result['violations'] for node in v['nodes']]


def every_view(page, axe_source):
    """Violations in each width and theme, the page loaded once: {'390 dark': [...], ...}."""
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({'width': width, 'height': 900})
        # The theme makes scrolled code focusable 300 ms after a resize (debounced).
        page.wait_for_timeout(RESIZE_SETTLES_MS)
        for theme in THEMES:
            set_theme(page, theme)
            found[f'{width} {theme}'] = violations(page, axe_source)
    return found


def open_everything(page):
    page.evaluate('() => document.querySelectorAll("details").forEach(d => d.open = true)')
    page.wait_for_timeout(100)


@pytest.mark.parametrize('edition', list(EDITIONS))
def test_no_axe_violations_on_any_page(chromium, served_book, axe_source, edition):
    page = chromium.new_page(viewport={'width': WIDTHS[0], 'height': 900})
    found = {}
    try:
        for name in PAGES:
            page.goto(served_book + EDITIONS[edition] + name + '.html')
            page.wait_for_load_state('load')
            open_everything(page)
            for view, lines in every_view(page, axe_source).items():
                if lines:
                    found[f'{name} {view}'] = lines
    finally:
        page.close()
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def attempt(page, right):
    """Submit the AmoebaNet form: as it starts (wrong) or with the reference answer."""
    from convblocks.exercises.amoeba import attempt as amoeba
    data = amoeba.attempt_data()
    choices = {'sums': data['answer'], 'concat': list(data['concatenated'])} if right else None
    page.locator('.amoeba-attempt-form').evaluate(ATTEMPT, choices)
    verdict = page.locator('.amoeba-attempt-verdict')
    verdict.wait_for()
    return 'amoeba-attempt-pass' in verdict.get_attribute('class')


@pytest.mark.parametrize('edition', list(EDITIONS))
def test_no_axe_violations_after_amoebanet_attempts(chromium, served_book, axe_source, edition):
    page = chromium.new_page(viewport={'width': WIDTHS[0], 'height': 900})
    try:
        page.goto(served_book + EDITIONS[edition] + AMOEBA + '.html')
        page.wait_for_selector('.amoeba-attempt-form')
        open_everything(page)
        assert attempt(page, right=False) is False
        wrong = {view: lines for view, lines in every_view(page, axe_source).items() if lines}
        assert attempt(page, right=True) is True
        right = {view: lines for view, lines in every_view(page, axe_source).items() if lines}
    finally:
        page.close()
    assert (wrong, right) == ({}, {})
