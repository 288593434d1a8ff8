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


@pytest.fixture(scope='module')
def start_lab():
    """start_lab(folder, root=None): a JupyterLab on 127.0.0.1 at a free port; its base URL.

    By default it serves `folder`, with its config, runtime and data dirs inside it. With
    root=ROOT it is started as the README says, `jupyter lab book/` from the repository root
    (the user's data dir, so the set-up's notebook trust applies); `folder` then holds only
    the config, runtime dir, workspaces and log. Every server is stopped after the module.
    """
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    servers = []

    def start(folder, root=None):
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        env = {**os.environ, 'JUPYTER_CONFIG_DIR': str(folder / '.config'),
               'JUPYTER_RUNTIME_DIR': str(folder / '.runtime')}
        env.pop('CONVBLOCKS_BOOK', None)  # a reader's JupyterLab, not the book build
        jupyter = str(Path(sys.executable).with_name('jupyter'))
        if root is None:
            env['JUPYTER_DATA_DIR'] = str(folder / '.data')
            command = [jupyter, 'lab', f'--ServerApp.root_dir={folder}']
        else:
            command = [jupyter, 'lab', 'book/']
        command += ['--no-browser', '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
                    '--IdentityProvider.token=', '--ServerApp.password=',
                    f'--LabApp.workspaces_dir={folder / ".ws"}',
                    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
                    '--LabApp.extension_manager=readonly', '--allow-root']
        log = open(folder / 'lab.log', 'w')
        server = subprocess.Popen(command, cwd=root or folder, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
        servers.append((server, log))
        base = f'http://127.0.0.1:{port}/'
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + 'api/status', timeout=2)
                return base
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f'JupyterLab did not start:\n'
                                f'{(folder / "lab.log").read_text()[-3000:]}')
                time.sleep(0.5)

    yield start
    for server, log in servers:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope='session')
def serve_folder():
    """serve(folder): a context manager serving `folder` on 127.0.0.1; yields the base URL."""
    return serve
