"""What a reader sees on the pages: no book-building code, and drawings readable on a phone.

- No page of either edition shows code that only serves the build: glue(...), glue_words,
  glue_both, glue_blocks, page.glue_degradation and measured(...) sit in cells tagged
  remove-input.
- At 390 px, the smallest text of every drawing is at least 9 px on screen. For the SVG
  drawings (block graphs, the AmoebaNet diagram) it is measured: the smallest font size in the
  SVG times the scale at which the page shows it. The charts are PNGs from matplotlib: their
  smallest text is the smallest font size convblocks.drawing.charts sets, at the PNG's dpi,
  times the scale at which the page shows the image.
"""
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOC = yaml.safe_load((ROOT / '_toc.yml').read_text())
PAGES = [TOC['root']] + [entry['file'] for entry in TOC['chapters']]
EDITIONS = {'en': '', 'zh': 'zh/'}
# Calls that only serve the build: glue(...), glue_words, glue_both, glue_blocks,
# page.glue_degradation, measured(...).
BUILD_ONLY = re.compile(r'\bglue\w*\(|\w+\.glue\w*\(|\bmeasured\(')
SMALLEST_PX = 9
CHARTS = ROOT / 'src' / 'convblocks' / 'drawing' / 'charts.py'

# For each <img> showing an SVG: the smallest font size in the SVG's own units and the scale
# from those units to CSS pixels on the page (width shown / viewBox width).
SVG_TEXT = '''async img => {
  const text = await (await fetch(img.src)).text();
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const box = (svg.getAttribute('viewBox') || '').split(/[ ,]+/).map(Number);
  const sizes = [...svg.querySelectorAll('text, tspan')]
    .map(t => parseFloat(t.getAttribute('font-size') || (t.getAttribute('style') || '')
                         .replace(/.*font-size:\\s*([\\d.]+).*/, '$1')))
    .filter(n => n > 0);
  return {src: img.src, smallest: Math.min(...sizes), texts: sizes.length,
          scale: img.getBoundingClientRect().width / box[2]};
}'''
INLINE_SVG_TEXT = '''svg => {
  const sizes = [...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  }).filter(n => n > 0);
  return {smallest: Math.min(...sizes), texts: sizes.length};
}'''
# The pages load their images lazily: load them all now, so that each has its size.
LOAD_IMAGES = '''() => Promise.all([...document.images].map(img => {
  img.loading = 'eager';
  return img.decode().catch(() => null);
}))'''
# A PNG's pixels per metre (pHYs chunk) as dots per inch, and its shown / natural width.
PNG_SCALE = '''async img => {
  const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  let dpi = null;
  for (let i = 8; i < bytes.length - 12;) {
    const length = (bytes[i] << 24 | bytes[i + 1] << 16 | bytes[i + 2] << 8 | bytes[i + 3]) >>> 0;
    const type = String.fromCharCode(...bytes.slice(i + 4, i + 8));
    if (type === 'pHYs') {
      const ppm = (bytes[i + 8] << 24 | bytes[i + 9] << 16 | bytes[i + 10] << 8
                   | bytes[i + 11]) >>> 0;
      dpi = ppm * 0.0254;
      break;
    }
    i += 12 + length;
  }
  return {src: img.src, dpi, scale: img.getBoundingClientRect().width / img.naturalWidth};
}'''


def pages(base):
    return [(edition, name, base + prefix + name + '.html')
            for edition, prefix in EDITIONS.items() for name in PAGES]


def test_no_page_shows_code_that_only_serves_the_build(chromium, served_book):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    shown = {}
    try:
        for edition, name, url in pages(served_book):
            page.goto(url)
            code = '\n'.join(page.locator('div.cell_input').all_inner_texts())
            lines = [line for line in code.splitlines() if BUILD_ONLY.search(line)]
            if lines:
                shown[f'{edition} {name}'] = lines
    finally:
        page.close()
    assert shown == {}


def smallest_chart_points():
    """The smallest font size (points) convblocks.drawing.charts gives any text."""
    from convblocks.drawing import charts
    return charts.SMALLEST


@pytest.mark.parametrize('edition', list(EDITIONS))
def test_the_smallest_text_of_every_drawing_is_at_least_9_px_at_390_px(chromium, served_book,
                                                                         edition):
    page = chromium.new_page(viewport={'width': 390, 'height': 900})
    small, seen = [], 0
    try:
        for name in PAGES:
            page.goto(served_book + EDITIONS[edition] + name + '.html')
            page.wait_for_load_state('load')
            page.evaluate(LOAD_IMAGES)
            for img in page.locator('main img[src$=".svg"]').all():
                found = img.evaluate(SVG_TEXT)
                if found['texts'] and img.is_visible():
                    seen += 1
                    px = found['smallest'] * found['scale']
                    if px < SMALLEST_PX:
                        small.append(f"{name}: {found['src'].rsplit('/', 1)[-1]} {px:.1f} px")
            for svg in page.locator('main .cell_output svg').all():
                found = svg.evaluate(INLINE_SVG_TEXT)
                if found['texts'] and svg.is_visible():
                    seen += 1
                    if found['smallest'] < SMALLEST_PX:
                        small.append(f"{name}: inline SVG {found['smallest']:.1f} px")
            for img in page.locator('main .cell_output img[src$=".png"]').all():
                found = img.evaluate(PNG_SCALE)
                seen += 1
                px = smallest_chart_points() * found['dpi'] / 72 * found['scale']
                if px < SMALLEST_PX:
                    small.append(f"{name}: chart {found['src'].rsplit('/', 1)[-1]} {px:.1f} px")
    finally:
        page.close()
    assert seen > 0, 'no drawing found'
    assert small == []
