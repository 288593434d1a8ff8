"""Run Lighthouse over every page of the built book, with the mobile and the desktop preset.

Serves _build/html on 127.0.0.1, runs the Lighthouse CLI installed by `make audit` (in
.venv/lighthouse/) with Debian's Chromium, and prints one row per page and preset:
bytes transferred, first and largest contentful paint, performance and accessibility scores.
Lighthouse simulates a slow phone from measurements on this machine, so the scores move with
the machine's load; the load average is printed with the table.

Usage: python scripts/audit.py [--site=FOLDER] [page.html ...]
       (default: _build/html, every chapter page of both editions)
"""
import contextlib
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / '_build' / 'html'
LIGHTHOUSE = ROOT / '.venv' / 'lighthouse' / 'node_modules' / '.bin' / 'lighthouse'
CHROMIUM = '/usr/bin/chromium'
PRESETS = ('mobile', 'desktop')



def book_pages():
    """The chapter pages of both editions in reading order, as paths relative to _build/html."""
    toc = yaml.safe_load((ROOT / '_toc.yml').read_text())
    english = [f'{name}.html' for name in [toc['root']] + [c['file'] for c in toc['chapters']]]
    return english + [f'zh/{page}' for page in english]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    """Serve `folder` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f'http://127.0.0.1:{server.server_address[1]}/'
        finally:
            server.shutdown()


def lighthouse(url, preset, report, attempts=2):
    """Run Lighthouse on `url` with `preset`; its JSON report as a dict, or its error text.

    Under heavy load Lighthouse sometimes gives up waiting for Chromium; it is tried again.
    """
    command = [str(LIGHTHOUSE), url, '--quiet', '--output=json', f'--output-path={report}',
               '--only-categories=performance,accessibility',
               '--chrome-flags=--headless=new --no-sandbox --disable-gpu']
    if preset == 'desktop':
        command.append('--preset=desktop')
    env = {**os.environ, 'CHROME_PATH': CHROMIUM}
    for _ in range(attempts):
        run = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
        if run.returncode == 0:
            return json.loads(Path(report).read_text())
    return (run.stderr.strip().splitlines() or ['Lighthouse failed'])[0][:100]


def row(page, preset, report):
    """The table's figures for one report."""
    audits, categories = report['audits'], report['categories']
    return (page, preset, audits['total-byte-weight']['numericValue'] / 1000,
            audits['first-contentful-paint']['numericValue'] / 1000,
            audits['largest-contentful-paint']['numericValue'] / 1000,
            round(100 * categories['performance']['score']),
            round(100 * categories['accessibility']['score']))


def main(argv):
    site = Path(next((a.split('=', 1)[1] for a in argv if a.startswith('--site=')), HTML))
    argv = [a for a in argv if not a.startswith('--site=')]
    if not LIGHTHOUSE.exists():
        print('Lighthouse is not installed; run `make audit`, which installs it.', file=sys.stderr)
        return 1
    if not (site / 'index.html').exists():
        print(f'No built book in {site}; run `make book` first.', file=sys.stderr)
        return 1
    pages = argv or book_pages()
    print(f'load average before: {os.getloadavg()[0]:.2f} (2 cores); '
          f'Lighthouse 12.2.3, {CHROMIUM}, local server')
    print(f'{"page":32} {"preset":8} {"KB":>7} {"FCP s":>6} {"LCP s":>6} {"perf":>5} {"a11y":>5}')
    with serve(site) as base, tempfile.TemporaryDirectory() as scratch:
        for page in pages:
            for preset in PRESETS:
                report = lighthouse(base + page, preset, Path(scratch) / 'report.json')
                if isinstance(report, str):
                    print(f'{page:32} {preset:8} failed: {report}', flush=True)
                    continue
                name, preset, kb, fcp, lcp, perf, a11y = row(page, preset, report)
                print(f'{name:32} {preset:8} {kb:7.0f} {fcp:6.1f} {lcp:6.1f} {perf:5} {a11y:5}',
                      flush=True)
    print(f'load average after: {os.getloadavg()[0]:.2f}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
