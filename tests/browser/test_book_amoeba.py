"""The AmoebaNet page of the built book, with no kernel: hints fold, the attempt form checks a
cell in the page, and it agrees with the Python checker on the same attempts."""
import copy
import json

import pytest
from amoeba_form import ATTEMPT

from convblocks.exercises.amoeba import attempt, check

PAGE = 'book/amoebanet.html'
DATA = attempt.attempt_data()
SCREENSHOTS = '/tmp/amoeba-shots'


def answer():
    return {'sums': copy.deepcopy(DATA['answer']), 'concat': list(DATA['concatenated'])}


def changed(change):
    choices = answer()
    change(choices)
    return choices


def states_before(name):
    index = DATA['sums'].index(name)
    return DATA['inputs'] + DATA['sums'][:index]


def attempts():
    """(description, choices) pairs: equal cells written otherwise, and single mistakes."""
    found = [('the cell itself', answer()),
             ('every add with its branches in the other order',
              changed(lambda c: [b.reverse() for b in c['sums'].values()])),
             ('add a with its branches in the other order',
              changed(lambda c: c['sums']['a'].reverse())),
             ('rows b and c exchanged', changed(lambda c: c['sums'].update(
                 b=c['sums']['c'], c=c['sums']['b'])))]
    op_ids = [o['id'] for o in DATA['operations']]
    for name in DATA['sums']:
        for n in range(2):
            op, source = DATA['answer'][name][n]
            other_op = op_ids[(op_ids.index(op) + 1) % len(op_ids)]
            other_source = next(s for s in states_before(name) if s != source)

            def set_op(c, name=name, n=n, value=other_op):
                c['sums'][name][n][0] = value

            def set_source(c, name=name, n=n, value=other_source):
                c['sums'][name][n][1] = value
            found.append((f'add {name}, branch {n + 1}: {other_op}', changed(set_op)))
            found.append((f'add {name}, branch {n + 1}: of {other_source}', changed(set_source)))
    swap = {'h_i': 'h_{i-1}', 'h_{i-1}': 'h_i'}
    pools = {'avgpool3': 'maxpool3', 'maxpool3': 'avgpool3'}
    found += [
        ('h_{i-1} left out of the output', changed(lambda c: c['concat'].remove('h_{i-1}'))),
        ('add a in the output too', changed(lambda c: c['concat'].append('a'))),
        ('h_i in the output too', changed(lambda c: c['concat'].append('h_i'))),
        ('add d instead of add e', changed(lambda c: c['concat'].__setitem__(3, 'd'))),
        ('inputs swapped everywhere', changed(lambda c: [
            b.__setitem__(1, swap.get(b[1], b[1])) for bs in c['sums'].values() for b in bs])),
        ('pools swapped everywhere', changed(lambda c: [
            b.__setitem__(0, pools.get(b[0], b[0])) for bs in c['sums'].values() for b in bs])),
        ('rows b and c exchanged, and add e left out', changed(lambda c: (c['sums'].update(
            b=c['sums']['c'], c=c['sums']['b']), c['concat'].remove('e')))),
    ]
    return found


@pytest.fixture(scope='module')
def page(chromium, served_book):
    page = chromium.new_page(viewport={'width': 1280, 'height': 900})
    page.goto(served_book + PAGE)
    page.wait_for_selector('.amoeba-attempt-form')
    yield page
    page.close()


def fill(page, choices, *, keyboard=False):
    """Set the form to `choices` and press Check; return the verdict's status and text."""
    form = page.locator('.amoeba-attempt-form')
    if keyboard:
        for name, branches in choices['sums'].items():
            for n, (op, source) in enumerate(branches, 1):
                where = f'[data-sum="{name}"][data-branch="{n}"]'
                form.locator(f'select{where}[data-part="op"]').select_option(op)
                form.locator(f'select{where}[data-part="input"]').select_option(source)
        for box in form.locator('input[type=checkbox]').all():
            box.set_checked(box.get_attribute('value') in choices['concat'])
        form.locator('.amoeba-attempt-check').focus()
        page.keyboard.press('Enter')
    else:
        form.evaluate(ATTEMPT, choices)
    verdict = page.locator('.amoeba-attempt-verdict')
    status = 'pass' if 'amoeba-attempt-pass' in verdict.get_attribute('class') else 'fail'
    return status, verdict.inner_text()


def test_page_carries_the_data_written_from_spec(page):
    embedded = json.loads(page.locator('.amoeba-attempt-data').text_content())
    assert embedded == json.loads(json.dumps(DATA))


def test_page_checker_agrees_with_the_python_checker(page):
    cases = attempts()
    assert len(cases) >= 30
    disagree, in_page = [], []
    for description, choices in cases:
        status, text = fill(page, choices)
        python = check(attempt.build(choices))
        in_page.append(status)
        if (status == 'pass') != python.passed:
            disagree.append(f'{description}: page says {text!r}; Python says {python}')
    assert not disagree, '\n'.join(disagree)
    assert in_page.count('pass') == 4 and in_page.count('fail') == len(cases) - 4


def test_page_feedback_names_the_sum_the_branch_and_the_fix(page):
    wrong = changed(lambda c: c['sums']['d'][1].__setitem__(1, 'c'))
    status, text = fill(page, wrong, keyboard=True)
    assert status == 'fail'
    assert text.startswith('Not yet: In add d (sep 3x3 + sep 5x5), the sep 5x5 should take '
                           'add a, not add c.')
    wrong = changed(lambda c: c['concat'].append('a'))
    assert fill(page, wrong)[1] == (
        'Not yet: The output concatenates 5 states; the cell concatenates 4. Leave out add a: '
        'add d uses it, and the output only takes the sums no add uses, plus hᵢ₋₁.')
    every_sum = changed(lambda c: c.update(concat=['a', 'b', 'c', 'd', 'e']))
    text = fill(page, every_sum)[1]   # ticking all five sums must not print the answer
    assert 'add b, add c and add e' not in text and 'should concatenate' not in text
    assert text.endswith('The output also misses 1 of the states the cell stacks (the '
                         'untouched hᵢ₋₁ and every sum that no add uses).')
    status, text = fill(page, answer(), keyboard=True)
    assert status == 'pass' and 'Now write it in Keras' in text
    incomplete = changed(lambda c: c['sums']['c'][0].__setitem__(0, ''))
    assert fill(page, incomplete)[1] == ('Not yet: Choose an operation and an input for both '
                                         'branches of add c.')


def test_form_is_labelled_and_announces_its_verdict(page):
    form = page.locator('.amoeba-attempt-form')
    selects = form.locator('select')
    assert selects.count() == 20
    for i in range(selects.count()):
        assert selects.nth(i).get_attribute('aria-label').startswith('Add ')
    assert form.locator('fieldset legend').count() == 6
    verdict = form.locator('.amoeba-attempt-verdict')
    assert verdict.get_attribute('role') == 'status'
    assert verdict.get_attribute('aria-live') == 'polite'
    page.locator('select[data-sum="a"][data-branch="1"][data-part="op"]').focus()
    page.keyboard.press('Tab')
    assert page.evaluate('document.activeElement.dataset.part') == 'input'


def test_hints_are_closed_dropdowns_that_open_on_click(page):
    details = page.locator('details.cb-folded')
    assert details.count() == 3
    assert details.evaluate_all('ds => ds.filter(d => d.open).length') == 0
    solution = details.nth(2)
    code = solution.locator('.highlight')
    assert not code.is_visible()
    solution.locator('summary').click()
    assert code.is_visible() and 'return concatenate([x1, b, c, e])' in code.inner_text()
    solution.locator('summary').click()


def test_chinese_page_writes_chinese(chromium, served_book):
    page = chromium.new_page(viewport={'width': 390, 'height': 900})

    def as_chinese(route):
        response = route.fetch()
        route.fulfill(response=response,
                      body=response.text().replace('<html lang="en"', '<html lang="zh-CN"', 1))
    page.route('**/amoebanet.html', as_chinese)
    try:
        page.goto(served_book + PAGE)
        page.wait_for_selector('.amoeba-attempt-form')
        assert page.evaluate('document.documentElement.lang') == 'zh-CN'
        assert page.locator('.amoeba-attempt-check').inner_text() == '检查'
        status, text = fill(page, changed(lambda c: c['sums']['a'][1].__setitem__(1, 'h_{i-1}')))
        assert status == 'fail'
        assert text == ('还不对：在求和 a（平均池化 3x3 + 最大池化 3x3）中，'
                        '最大池化 3x3 应作用于 hᵢ，而不是 hᵢ₋₁。')
    finally:
        page.close()


@pytest.mark.parametrize('width', [1280, 390])
def test_form_fits_the_screen_and_screenshots(chromium, served_book, width, requests_leaving):
    import pathlib
    folder = pathlib.Path(SCREENSHOTS)
    folder.mkdir(exist_ok=True)
    page = chromium.new_page(viewport={'width': width, 'height': 1400})
    urls = []
    page.on('request', lambda request: urls.append(request.url))
    try:
        page.goto(served_book + PAGE)
        form = page.locator('.amoeba-attempt')
        form.wait_for()
        form.scroll_into_view_if_needed()
        assert form.evaluate('f => f.scrollWidth <= f.clientWidth')
        box = form.bounding_box()
        assert box['x'] >= 0 and box['x'] + box['width'] <= width
        form.screenshot(path=folder / f'attempt_{width}_empty.png')
        fill(page, changed(lambda c: c['sums']['d'][1].__setitem__(1, 'c')))
        form.screenshot(path=folder / f'attempt_{width}_wrong.png')
        fill(page, answer())
        form.screenshot(path=folder / f'attempt_{width}_right.png')
        assert not requests_leaving(urls, served_book)
    finally:
        page.close()
