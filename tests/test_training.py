"""The tiny-network training comparison, run briefly on a small slice of the digits."""
import numpy as np
import pytest

from convblocks.experiments import training


@pytest.fixture(scope='module')
def small_data():
    x_train, y_train, x_test, y_test = training.digits_data()
    return x_train[:128], y_train[:128], x_test[:64], y_test[:64]


def test_digits_are_scaled_8x8_images_with_all_classes():
    x_train, y_train, x_test, y_test = training.digits_data()
    assert x_train.shape[1:] == (8, 8, 1) and x_test.shape[1:] == (8, 8, 1)
    assert len(x_train) + len(x_test) == 1797
    assert 0.0 <= x_train.min() and x_train.max() <= 1.0
    assert set(y_test) == set(range(10))


def test_digits_enlarged_to_16x16_keep_their_range_and_split():
    small, large = training.digits_data(), training.digits_data(size=16)
    assert large[0].shape[1:] == (16, 16, 1) and len(large[0]) == len(small[0])
    assert 0.0 <= large[0].min() and large[0].max() <= 1.0
    assert (large[1] == small[1]).all()


def test_without_the_pool_the_block_sees_the_whole_input():
    model = training.tiny_network('bottleneck', width=8, size=16, pool=False)
    assert model.input.shape[1:] == (16, 16, 1)
    assert all(layer.output.shape[1:3] == (16, 16) for layer in model.layers
               if len(layer.output.shape) == 4)


@pytest.mark.parametrize('block', [None, 'residual_block', 'normal_cell'])
def test_tiny_network_maps_a_digit_to_ten_probabilities(block):
    model = training.tiny_network(block, width=8)
    assert model.input.shape[1:] == (8, 8, 1)
    assert model.output.shape[1:] == (10,)


def test_compare_returns_one_result_per_block_and_seed(small_data):
    results = training.compare([None, 'bottleneck'], seeds=(0, 1), epochs=1,
                               data=small_data, width=8)
    assert [(r['block'], r['seed']) for r in results] == [
        ('stem only', 0), ('stem only', 1), ('bottleneck', 0), ('bottleneck', 1)]
    for r in results:
        assert 0.0 <= r['test_accuracy'] <= 1.0 and r['params'] > 0


def test_same_seed_gives_the_same_accuracy(small_data):
    first = training.train_block('bottleneck', 3, small_data, epochs=1, width=8)
    second = training.train_block('bottleneck', 3, small_data, epochs=1, width=8)
    assert first['weights'] == second['weights']
    assert first['test_accuracy'] == second['test_accuracy']
    assert first['train_accuracy'] == second['train_accuracy']


def test_a_seed_gives_the_same_result_on_a_reused_network_as_on_a_new_one(small_data):
    """Later seeds reuse the network compiled (and its training step traced) for the first."""
    training._compiled.clear()
    alone = training.train_block('residual_block', 4, small_data, epochs=2, width=8)
    assert len(training._compiled) == 1
    other = training.train_block('residual_block', 2, small_data, epochs=2, width=8)
    again = training.train_block('residual_block', 4, small_data, epochs=2, width=8)
    assert len(training._compiled) == 1
    assert again == {**alone, 'seconds': again['seconds'], 'cpu_seconds': again['cpu_seconds']}
    assert (other['train_accuracy'], other['test_accuracy']) != \
        (alone['train_accuracy'], alone['test_accuracy'])


def test_a_seed_fixes_the_data_order_of_every_epoch(small_data):
    """The comparison prose: the same seed gives every network the same data order."""
    def order(batches):
        return np.concatenate([y.numpy() for _, y in batches])
    x, y = small_data[:2]
    first, second = (training.shuffled_batches(x, y, 32, seed=5) for _ in range(2))
    epochs = [order(first) for _ in range(3)]
    assert all((epoch == order(second)).all() for epoch in epochs)
    assert not (epochs[0] == epochs[1]).all()   # shuffled again for every epoch
    assert sorted(epochs[0]) == sorted(y)
    other_seed = order(training.shuffled_batches(x, y, 32, seed=6))
    assert not (other_seed == epochs[0]).all()


def _trained_weights(block, seed, data):
    """The weights of tiny_network(block) after training from `seed` in a fresh cache."""
    training._compiled.clear()
    training.train_block(block, seed, data, epochs=2, width=8)
    [(model, _)] = training._compiled.values()
    return model.get_weights()


def test_what_the_process_built_before_does_not_change_a_training_run(small_data):
    """Layer names enter the traced graph (its order of adding gradients), so the network is
    named as in a new process: training ends at the same weights, bit for bit."""
    from convblocks.quiet import keras

    first = _trained_weights('resnext_block', 0, small_data)
    for _ in range(7):   # other layers move Keras' automatic names on (conv2d_7, add_7, ...)
        keras.layers.Conv2D(4, 1), keras.layers.Add(), keras.layers.BatchNormalization()
    second = _trained_weights('resnext_block', 0, small_data)
    assert all((a == b).all() for a, b in zip(first, second, strict=True))


def test_a_block_redefined_under_the_same_name_trains_its_own_network(small_data):
    from convblocks.quiet import keras

    def my_block(x, f=8):
        return keras.layers.Conv2D(f, 1)(x)
    first = training.train_block(my_block, 0, small_data, epochs=1, width=8)

    def my_block(x, f=8):   # the reader edits the cell and runs it again  # noqa: F811
        return keras.layers.Conv2D(f, 3, padding='same')(x)
    second = training.train_block(my_block, 0, small_data, epochs=1, width=8)
    assert second['params'] - first['params'] == 8 * 8 * 8   # 3x3 kernels instead of 1x1


def test_unknown_block_is_named_in_the_message():
    with pytest.raises(ValueError, match="unknown block 'resnet'"):
        training.tiny_network('resnet')


def test_zero_epochs_are_refused(small_data):
    with pytest.raises(ValueError, match='epochs = 0'):
        training.train_block(None, 0, small_data, epochs=0)


def test_progress_ends_with_a_sentence_that_does_not_depend_on_the_run(small_data, capsys):
    training.compare([None], seeds=(0, 1), epochs=1, data=small_data, width=8, progress=True)
    summary = '2 networks: 1 block × 2 seeds, trained one after another.'
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == lines[-1] == summary
