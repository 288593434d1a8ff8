"""Stored experiment results: provenance, refusal when stale, and a rerun bit for bit."""
import ast

import pytest

from convblocks.experiments import fair, saved_runs, training


def test_a_docstring_does_not_change_the_fingerprint_but_code_does():
    def tree(source):
        return ast.dump(saved_runs._without_docstrings(ast.parse(source)))
    plain = 'def f(x):\n    return x + 1\n'
    documented = 'def f(x):\n    """Add one."""\n    return x + 1\n'
    assert tree(plain) == tree(documented)
    assert tree(plain) != tree('def f(x):\n    return x + 2\n')
    assert tree('def f():\n    """Only a docstring."""\n') == tree('def f():\n    pass\n')


def test_missing_results_are_refused_with_the_command_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(saved_runs, 'DATA', tmp_path)
    with pytest.raises(saved_runs.StaleResults, match='make experiments'):
        saved_runs.load('fair')


def test_results_from_other_code_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(saved_runs, 'DATA', tmp_path)
    record = saved_runs.save('article', [], seeds=(0,), started_cpu=0.0, started_wall=0.0)
    assert saved_runs.load('article')['fingerprint'] == record['fingerprint']
    assert set(record['versions']) >= {'tensorflow', 'keras', 'numpy'}
    monkeypatch.setattr(saved_runs, 'fingerprint', lambda name: 'changed')
    with pytest.raises(saved_runs.StaleResults, match='have changed since'):
        saved_runs.load('article')


def test_the_stored_results_are_current():
    """make book refuses stale results; so does make test, before anything is rebuilt."""
    for name in saved_runs.CODE:
        record = saved_runs.load(name)
        assert record['cpu_seconds'] > 0 and record['stored']


def same_run(stored, again):
    keys = ('weights', 'test_accuracy', 'train_accuracy', 'params')
    return {k: stored[k] for k in keys} == {k: again[k] for k in keys}


def test_one_seed_of_the_fair_run_again_bit_for_bit():
    record = saved_runs.load('fair')
    label, width, knobs = fair.networks(record['results']['plan'])[1]
    seed = record['seeds'][0]
    [stored] = [r for r in record['results']['runs'] if (r['block'], r['width'], r['knobs'],
                r['seed']) == (label, width, knobs, seed)]
    assert same_run(stored, fair.train(label, width, knobs, seed, fair.digits()))


def test_one_seed_of_the_article_run_again_bit_for_bit():
    record = saved_runs.load('article')
    seed = record['seeds'][0]
    [stored] = [r for r in record['results'] if (r['block'], r['seed']) == ('bottleneck', seed)]
    again = training.train_block('bottleneck', seed, training.digits_data(), epochs=8)
    assert same_run(stored, again)
