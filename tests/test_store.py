"""The one store of experiment results: provenance, refusal when stale, a verified re-stamp,
and a rerun bit for bit."""
import ast
import json

import pytest

from convblocks.experiments import comparison_runs, fair, store, training


def test_a_docstring_does_not_change_the_fingerprint_but_code_does():
    def tree(source):
        return ast.dump(store._without_docstrings(ast.parse(source)))
    plain = 'def f(x):\n    return x + 1\n'
    documented = 'def f(x):\n    """Add one."""\n    return x + 1\n'
    assert tree(plain) == tree(documented)
    assert tree(plain) != tree('def f(x):\n    return x + 2\n')
    assert tree('def f():\n    """Only a docstring."""\n') == tree('def f():\n    pass\n')


def test_the_fingerprint_covers_the_experiments_code_and_not_the_store():
    for name, experiment in store.EXPERIMENTS.items():
        assert 'convblocks.experiments.store' not in experiment.code, name
        assert all((store.SRC / store.source_path(m)).exists() for m in experiment.code), name
        assert all(root.split(':')[0] in experiment.code for root in store.roots(name)), name
    assert 'convblocks.experiments.training' in store.EXPERIMENTS['fair'].code


RUNNER = """from convblocks import helpers, shapes
from convblocks.helpers import scale
import math

SAY = {'en': 'trained {n}'}


def run():
    print(SAY['en'].format(n=1))
    return [helpers.step(x) for x in range(3)] + [scale(1)]


def main():
    return run()
"""
HELPERS = """SIZE = 3


def step(x):
    return x * SIZE


def scale(x):
    return x / 2


def chart(x):
    return f'{x} networks'
"""
SHAPES = """def square(x):
    return x * x
"""


def digest(runner=RUNNER, helpers=HELPERS, shapes=SHAPES):
    files = {'convblocks/runner.py': runner, 'convblocks/helpers.py': helpers,
             'convblocks/shapes.py': shapes}
    return store.code_digest(['convblocks.runner', 'convblocks.helpers', 'convblocks.shapes'],
                             ['convblocks.runner:run'], lambda path: files[str(path)])


def test_the_fingerprint_counts_the_code_the_run_reaches():
    assert digest(helpers=HELPERS.replace('x * SIZE', 'x + SIZE')) != digest()
    assert digest(helpers=HELPERS.replace('SIZE = 3', 'SIZE = 4')) != digest()
    assert digest(helpers=HELPERS.replace('x / 2', 'x / 3')) != digest()
    assert digest(runner=RUNNER.replace("'trained {n}'", "'{n}'")) != digest()
    assert digest(runner=RUNNER + '\nprint(run())\n') != digest()


def test_the_fingerprint_leaves_out_code_the_run_does_not_reach():
    assert digest(helpers=HELPERS.replace("f'{x} networks'", "f'{x} 个网络'")) == digest()
    assert digest(runner=RUNNER.replace('return run()', 'return None')) == digest()
    unused = RUNNER.replace('import helpers, shapes', 'import helpers, language, shapes')
    assert digest(runner=unused) == digest()
    documented = RUNNER.replace('def run():\n', 'def run():\n    """Run."""\n')
    assert documented != RUNNER and digest(runner=documented) == digest()
    assert digest(shapes=SHAPES.replace('x * x', 'x ** 2')) == digest()


def test_a_main_block_counts_only_for_a_module_the_run_starts_as_a_program():
    main = RUNNER + "\nif __name__ == '__main__':\n    print(main())\n"
    other = main.replace('print(main())', 'main()')
    assert digest(runner=other) == digest(runner=main)
    files = {'convblocks/runner.py': main, 'convblocks/helpers.py': HELPERS,
             'convblocks/shapes.py': SHAPES}
    as_program = ['convblocks.runner:run', 'convblocks.runner:__main__']

    def started(runner):
        files['convblocks/runner.py'] = runner
        return store.code_digest(['convblocks.runner', 'convblocks.helpers',
                                  'convblocks.shapes'], as_program, lambda p: files[str(p)])
    assert started(other) != started(main)
    assert 'convblocks.experiments.train_memory:__main__' in store.roots('train_memory')


def test_a_module_used_other_than_as_module_name_counts_whole():
    bare = RUNNER.replace('return [', 'getattr(shapes, "square")\n    return [')
    assert digest(bare, shapes=SHAPES.replace('x * x', 'x ** 2')) != digest(bare)


def test_a_progress_sentence_is_code_of_the_article_run_but_not_of_the_fair_run():
    def read(path):
        text = (store.SRC / path).read_text()
        return text.replace('trained one after another', 'trained in turn') \
            if str(path).endswith('training.py') else text

    for name, changes in (('fair', False), ('article', True)):
        code, roots = store.EXPERIMENTS[name].code, store.roots(name)
        assert (store.code_digest(code, roots, read) != store.code_digest(code, roots)) is changes


def test_missing_results_are_refused_with_the_command_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(store, 'DATA', tmp_path)
    with pytest.raises(store.StaleResults, match='make experiments'):
        store.load('fair')


def test_results_from_other_code_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(store, 'DATA', tmp_path)
    record = store.save('article', [], seeds=(0,), started_cpu=0.0, started_wall=0.0)
    assert store.load('article')['fingerprint'] == record['fingerprint']
    assert set(record['versions']) >= {'tensorflow', 'keras', 'numpy'}
    monkeypatch.setattr(store, 'fingerprint', lambda name: 'changed')
    with pytest.raises(store.StaleResults, match='have changed since'):
        store.load('article')


def test_the_stored_results_are_current():
    """make book refuses stale results; so does make test, before anything is rebuilt."""
    for name in store.EXPERIMENTS:
        record = store.load(name)
        assert record['cpu_seconds'] > 0 and record['stored']


def test_a_restamp_needs_results_current_at_the_revision(monkeypatch, tmp_path):
    monkeypatch.setattr(store, 'DATA', tmp_path)
    (tmp_path / 'timing.json').write_text(json.dumps({'results': []}))
    with pytest.raises(store.StaleResults, match='not current for the code at HEAD'):
        store.restamp('timing', 'HEAD')
    assert json.loads((tmp_path / 'timing.json').read_text()) == {'results': []}


@pytest.fixture
def an_old_record(monkeypatch, tmp_path):
    """A record of timing that an older store wrote, current at the revision (checked apart)."""
    monkeypatch.setattr(store, 'DATA', tmp_path)
    monkeypatch.setattr(store, '_current_at', lambda name, revision: None)
    old = {'provenance': {'versions': store.versions(), 'seeds': [], 'cpu_seconds': 1.0,
                          'stored': 'then', 'files': {}}, 'results': {'roof': 1}}
    (tmp_path / 'timing.json').write_text(json.dumps(old))
    return tmp_path / 'timing.json'


def test_a_restamp_refuses_results_whose_code_changed(an_old_record, monkeypatch):
    source = store._source_at
    monkeypatch.setattr(store, '_source_at',
                        lambda revision, path: source(revision, path) + 'x = 1\n')
    with pytest.raises(store.StaleResults, match='has changed since HEAD'):
        store.restamp('timing', 'HEAD')
    assert 'fingerprint' not in json.loads(an_old_record.read_text())


def test_a_restamp_of_unchanged_code_keeps_the_results_and_says_so(an_old_record, monkeypatch):
    monkeypatch.setattr(store, '_source_at',
                        lambda revision, path: (store.SRC / path).read_text())
    record = store.restamp('timing', 'HEAD')
    assert record['results'] == {'roof': 1} and record['stored'] == 'then'
    assert record['fingerprint'] == store.fingerprint('timing')
    assert 'unchanged since HEAD' in record['restamped']


def same_run(stored, again):
    keys = ('weights', 'test_accuracy', 'train_accuracy', 'params')
    return {k: stored[k] for k in keys} == {k: again[k] for k in keys}


def test_one_seed_of_the_fair_run_again_bit_for_bit():
    record = store.load('fair')
    label, width, knobs = fair.networks(record['results']['plan'])[1]
    seed = record['seeds'][0]
    [stored] = [r for r in record['results']['runs'] if (r['block'], r['width'], r['knobs'],
                r['seed']) == (label, width, knobs, seed)]
    assert same_run(stored, fair.train(label, width, knobs, seed, fair.digits()))


def test_one_seed_of_the_article_run_again_bit_for_bit():
    record = store.load('article')
    assert record['seeds'] == list(comparison_runs.ARTICLE_SEEDS)
    seed = record['seeds'][0]
    [stored] = [r for r in record['results'] if (r['block'], r['seed']) == ('bottleneck', seed)]
    again = training.train_block('bottleneck', seed, training.digits_data(), epochs=8)
    assert same_run(stored, again)
