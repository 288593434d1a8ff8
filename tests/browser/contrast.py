"""WCAG contrast of the text a reader sees, measured in the browser.

For each visible text node under an element: its colour (SVG text: its fill), blended over its
background, against that background. The background of HTML text is the first opaque one among
its ancestors; that of SVG text the last filled shape of its group drawn under it (a coloured
cell of a Graphviz label), else that of the <svg> element. WCAG 2 AA asks 4.5:1,
or 3:1 for large text (24 px, or 18.66 px bold). Ancestors' opacity is not taken into account.
"""

CONTRAST = """root => {
  const rgba = text => {
    const parts = (text.match(/rgba?\\(([^)]*)\\)/) || [])[1];
    if (!parts) return null;
    const [r, g, b, a = 1] = parts.split(/[\\s,/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour && colour.a === 1) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const shapeUnder = text => {
    const box = text.getBBox(), x = box.x + box.width / 2, y = box.y + box.height / 2;
    const group = text.closest('g');
    const shapes = [...group.querySelectorAll('polygon, rect, ellipse, path')].filter(shape => {
      const fill = rgba(getComputedStyle(shape).fill), b = shape.getBBox();
      return fill && fill.a === 1 && (shape.compareDocumentPosition(text) & 4) &&
             b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height;
    });
    return shapes.length ? rgba(getComputedStyle(shapes.at(-1)).fill) : null;
  };
  const blend = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a),
                              g: fg.g * fg.a + bg.g * (1 - fg.a),
                              b: fg.b * fg.a + bg.b * (1 - fg.a)});
  const luminance = c => ['r', 'g', 'b'].map(k => c[k] / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const rows = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const style = getComputedStyle(element);
    if (!node.textContent.trim() || style.visibility === 'hidden' ||
        !element.getClientRects().length) continue;
    const svg = element instanceof SVGElement;
    const bg = (svg && shapeUnder(element)) || background(svg ? element.closest('svg') : element);
    const fg = blend(rgba(svg ? style.fill : style.color) || {r: 0, g: 0, b: 0, a: 1}, bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    rows.push({text: node.textContent.trim().slice(0, 40), ratio: (light + 0.05) / (dark + 0.05),
               needed: size >= 24 || (bold && size >= 18.66) ? 3 : 4.5});
  }
  return rows;
}"""


def contrast_rows(locator):
    """[{text, ratio, needed}] for every visible text node under `locator`."""
    return locator.evaluate(CONTRAST)


def too_faint(locator):
    """The texts under `locator` whose contrast is below WCAG AA, with their ratios."""
    return [f"{row['text']!r}: {row['ratio']:.2f}:1 < {row['needed']}:1"
            for row in contrast_rows(locator) if row['ratio'] < row['needed']]
