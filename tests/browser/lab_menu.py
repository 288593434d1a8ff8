"""Driving a real JupyterLab's menus from Playwright."""
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def choose(page, menu, item):
    """Click `menu` in Lab's menu bar, then its `item` (e.g. 'Run', 'Run All Cells')."""
    page.locator('.lm-MenuBar-itemLabel', has_text=menu).first.click()
    page.locator('.lm-Menu-itemLabel', has_text=item).first.click()


def dismiss_dialogs(page):
    """Close any dialog Lab shows (e.g. over a tab restored from an earlier test), printing
    its text."""
    dialogs = page.locator('.jp-Dialog')
    while dialogs.count():
        print('JupyterLab showed a dialog:', dialogs.first.inner_text())
        page.keyboard.press('Escape')
        page.wait_for_timeout(500)


def close_and_shut_down(page):
    """File > Close and Shut Down Notebook, accepting the confirmation if Lab asks."""
    dismiss_dialogs(page)
    choose(page, 'File', 'Close and Shut Down Notebook')
    confirm = page.locator('.jp-Dialog-button.jp-mod-accept')
    try:
        confirm.first.wait_for(timeout=10000)
    except PlaywrightTimeout:
        return
    confirm.first.click()
