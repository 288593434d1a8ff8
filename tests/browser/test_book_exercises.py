"""The built book's exercises: answer boxes that work offline, hints and solutions folded."""
from convblocks.exercises.chapters.catalog import EXERCISES

CHAPTER = 'bottleneck'
OURS = [e for e in EXERCISES if e.chapter == CHAPTER]


def test_built_chapter_answers_on_the_page(chromium, served_book, requests_leaving):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    requested, failed, errors = [], [], []
    page.on('request', lambda r: requested.append(r.url))
    page.on('response', lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on('pageerror', lambda error: errors.append(f'{error}\n{error.stack}'))
    try:
        page.goto(served_book + f'book/{CHAPTER}.html')
        page.wait_for_load_state('load')
        assert not requests_leaving(requested, served_book)
        assert not [url for url in failed if 'cb-exercises' in url]
        assert sum('cb-exercises/answers.js' in url for url in requested) == 1

        boxes = page.locator('form.cb-answer')
        assert boxes.count() == sum(e.numeric for e in OURS)
        folded = page.locator('details.cb-folded')
        assert folded.count() == 2 * len(OURS)
        assert page.locator('details.cb-folded[open]').count() == 0
        assert not page.get_by_text('The answer:').first.is_visible()

        box = boxes.first
        box.locator('input').fill('2,448')
        box.locator('button').click()
        verdict = box.locator('.cb-answer-verdict[data-status="fail"]')
        verdict.wait_for()
        assert 'You left out the biases: one per filter (12 + 12 + 48 = 72).' in \
            verdict.text_content()
        box.locator('input').fill(str(OURS[0].answer()))
        box.locator('input').press('Enter')
        box.locator('.cb-answer-verdict[data-status="pass"]').wait_for()

        folded.nth(1).locator('summary').click()   # the first solution, opened on purpose
        assert page.get_by_text('The answer:').first.is_visible()
        # uncaught errors of our script (the theme's own are the pages work's)
        assert not [e for e in errors if 'cb-exercises' in e], errors
    finally:
        page.close()
