"""explore() on three reader-written blocks, in a static page built by Sphinx and MyST-NB.

The fixture notebook (tests/fixtures/reader_blocks.ipynb) is executed and rendered with the
book's own widget settings from _config.yml (the deferred loader, no widget manager); the
page then works without a kernel.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from convblocks.aliases import conv
from convblocks.models import block_model

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / 'tests' / 'fixtures' / 'reader_blocks.ipynb'


@pytest.fixture(scope='module')
def reader_page(tmp_path_factory):
    """The fixture notebook built into a one-page Sphinx site; the site's folder."""
    folder = tmp_path_factory.mktemp('readers')
    shutil.copy(FIXTURE, folder / 'index.ipynb')
    book = yaml.safe_load((ROOT / '_config.yml').read_text())['sphinx']['config']
    (folder / 'conf.py').write_text(
        "extensions = ['myst_nb']\n"
        "nb_execution_mode = 'force'\n"
        "exclude_patterns = ['_build']\n"
        f"html_static_path = [{str(ROOT / book['html_static_path'][0])!r}]\n"
        f"nb_ipywidgets_js = {book['nb_ipywidgets_js']!r}\n")
    build = subprocess.run([sys.executable, '-m', 'sphinx', '-q', '-b', 'html', str(folder),
                            str(folder / '_build')], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return folder / '_build'


def params_shown(box):
    return int(box.locator('.cb-value[data-params]').get_attribute('data-params'))


def my_bottleneck(x, f=32, r=4, k=3):  # as in the fixture notebook
    m = conv(x, f // r, k=1)
    m = conv(m, f // r, k=k)
    return conv(m, f, k=1)


def test_readers_blocks_work_in_a_static_page(chromium, reader_page, serve_folder,
                                              requests_leaving):
    with serve_folder(reader_page) as base:
        page = chromium.new_page(viewport={'width': 1280, 'height': 900})
        requests = []
        page.on('request', lambda request: requests.append(request.url))
        try:
            page.goto(base + 'index.html')
            page.wait_for_selector('.cb-explorer .cb-value', timeout=30000)
            boxes = page.locator('.cb-explorer')
            assert boxes.count() == 3
            k_box, stacked_box, residual_box = boxes.nth(0), boxes.nth(1), boxes.nth(2)

            k_box.get_by_role('slider', name='k').press('ArrowRight')  # k = 3 -> 5
            assert params_shown(k_box) == block_model(my_bottleneck, k=5).count_params()
            assert k_box.locator('.cb-drawing text', has_text='conv 5x5').count() == 1
            assert 'Graph of my_bottleneck at f=32, k=5, r=4.' in k_box.inner_text()

            stacked_box.get_by_role('slider', name='n').press('End')  # n = 6: refused
            assert 'stacked: n = 6 layers; use n <= 4.' in stacked_box.inner_text()
            assert not stacked_box.locator('.cb-drawing').is_visible()
            stacked_box.get_by_role('slider', name='n').press('Home')  # n = 1
            assert stacked_box.locator('.cb-drawing text', has_text='conv 3x3').count() == 1
            stacked_box.get_by_role('slider', name='n').press('End')
            stacked_box.get_by_role('slider', name='n').press('ArrowLeft')
            stacked_box.get_by_role('slider', name='n').press('ArrowLeft')  # n = 4: folded
            assert stacked_box.locator('.cb-drawing text', has_text='conv 3x3').count() == 2
            assert stacked_box.locator('.cb-drawing text', has_text='2 more').count() == 1

            residual_box.get_by_role('slider', name='filters f').press('Home')  # f = 16
            assert 'incompatible shapes' in residual_box.locator('.cb-readout').inner_text()
            assert requests_leaving(requests, base) == []
        finally:
            page.close()
