"""The article's blocks against keras.applications: exact where the structures agree,
and the parts the article leaves out counted where they differ."""
from convblocks import blocks, counting
from convblocks.experiments import real_networks as rn


def rows(article, real):
    return {row['']: row for row in rn.compare(article, real)}


def test_resnet50_conv2_block2_is_the_residual_block():
    real = rn.resnet50_block(2)
    article = rn.article_layers(blocks.residual_block, f=256, r=4)
    table = rows(article, real)
    assert table['weights']['keras'] == table['weights']['article'] == 69_632
    assert table['weights']['keras'] + table['biases']['keras'] == 70_016
    assert counting.params(blocks.residual_block, f=256, r=4) == 70_016
    assert all(row['difference'] == 0 for kind, row in table.items() if kind != 'batch norm')
    assert table['batch norm']['keras'] == 4 * (64 + 64 + 256)


def test_resnet50_conv2_block2_branch_is_the_bottleneck():
    assert rn.weights(rn.resnet50_branch(2)) == counting.params(
        blocks.bottleneck, f=256, r=4, bias=False) == 69_632


def test_resnet50_conv2_block1_adds_a_projection_and_reads_64_channels():
    real = rn.resnet50_block(1)
    assert rn.channels_in(real) == 64
    table = rows(rn.article_layers(blocks.residual_block, f=256, r=4), real)
    projection, narrower_input = 64 * 256, (256 - 64) * 64
    assert table['conv 1x1']['difference'] == projection - narrower_input == 4_096


def test_mobilenetv2_block_2_is_the_inverted_residual():
    table = rows(rn.article_layers(blocks.inv_residual_block, f=24, r=6),
                 rn.mobilenetv2_block(2))
    assert table['weights']['keras'] == table['weights']['article'] == 8_208
    assert table['conv 1x1']['difference'] == table['depthwise 3x3']['difference'] == 0
    assert table['biases']['keras'] == 0


def test_densenet121_first_block_adds_a_1x1_bottleneck_to_4k():
    real = rn.densenet121_block()
    table = rows(rn.article_layers(blocks.dense_block, channels=64, f=32, d=6), real)
    assert table['conv 1x1']['keras'] == sum((64 + 32 * i) * 128 for i in range(6))
    assert table['conv 3x3']['keras'] == 6 * 9 * 128 * 32
    assert table['conv 3x3']['article'] == sum(9 * (64 + 32 * i) * 32 for i in range(6))


def test_inceptionv3_mixed0_widths_per_branch():
    real = rn.inceptionv3_mixed0()
    assert rn.channels_in(real) == 192
    table = rows(rn.article_layers(blocks.inception_module, channels=192, f=64, r=4), real)
    assert table['conv 1x1']['keras'] == 192 * (64 + 48 + 64 + 32)
    assert table['conv 3x3']['keras'] == 9 * (64 * 96 + 96 * 96)
    assert table['conv 5x5']['keras'] == 25 * 48 * 64


def test_nasnetmobile_doubles_the_separable_ops_and_adjusts_its_inputs():
    real = rn.nasnetmobile_normal_cell(1)
    table = rows(rn.article_layers(blocks.normal_cell, f=44), real)
    for kind in ('depthwise 3x3', 'depthwise 5x5'):
        assert table[kind]['keras'] == 2 * table[kind]['article']
    adjustments = (88 + 264) * 44
    assert table['conv 1x1']['keras'] == 2 * table['conv 1x1']['article'] + adjustments


def test_efficientnetb0_se_is_the_se_block_with_1x1_convs():
    table = rows(rn.article_layers(blocks.se_block, f=144, rate=24), rn.efficientnetb0_se())
    assert table['weights']['keras'] == table['weights']['article'] == 2 * 144 * 6
    assert table['biases']['keras'] == table['biases']['article'] == 6 + 144


def test_between_stops_at_the_first_layer():
    layers = rn.between('ResNet50', 'conv2_block1_out', 'conv2_block2_out')
    assert {layer.name for layer in layers} == {l.name for l in rn.resnet50_block(2)}


def test_conv_rows_split_a_separable_conv():
    rows = rn.conv_rows(rn.article_layers(blocks.inv_residual_block, f=24, r=6))
    assert rows == [{'layer': 'conv 1x1', 'in': 24, 'out': 144, 'weights': 3_456},
                    {'layer': 'depthwise 3x3', 'in': 144, 'out': 144, 'weights': 1_296},
                    {'layer': 'conv 1x1', 'in': 144, 'out': 24, 'weights': 3_456}]


def test_agree_ignores_batch_norm_only():
    rows = rn.compare(rn.article_layers(blocks.residual_block, f=256, r=4),
                      rn.resnet50_block(2))
    assert rn.agree(rows)
    assert not rn.agree(rows, rows_to_compare=('batch norm',))
