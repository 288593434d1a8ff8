"""Browser fixtures: Debian's Chromium through playwright, and a local static file server."""
import contextlib
import functools
import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']


@pytest.fixture(scope='session')
def chromium():
    """A headless Chromium (the system's; playwright never downloads a browser here)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    """Serve `folder` over HTTP on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}/'
    finally:
        server.shutdown()
        server.server_close()


def outside(urls, base):
    """The requested URLs that leave the site at `base` (blob: and data: stay in the page)."""
    local = (base, f'blob:{base}', 'data:', 'about:')
    return [url for url in urls if not url.startswith(local)]


@pytest.fixture(scope='session')
def served_book(built_book):
    """The built book served on 127.0.0.1; its base URL."""
    with serve(built_book) as base:
        yield base


@pytest.fixture
def requests_leaving():
    """outside(urls, base): the URLs among `urls` that leave the site at `base`."""
    return outside


@pytest.fixture(scope='session')
def serve_folder():
    """serve(folder): a context manager serving `folder` on 127.0.0.1; yields the base URL."""
    return serve
