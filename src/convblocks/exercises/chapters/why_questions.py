# ruff: noqa: E501  (Chinese characters count double: the zh lines are wrapped by meaning)
"""The "why" questions of the block chapters as data, in English and Chinese: one per chapter.

Each question asks about a block's behaviour and offers statements to choose from; each
statement carries its own explanation (why it is right, or which misconception it reflects).
`observe` names the chapters whose notebook then runs the computation that shows the answer
(`why_observe`). `UI` holds every other text the form and the notebook write, in both
languages. Text in backticks is code.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    en: str
    zh: str
    why_en: str
    why_zh: str
    right: bool = False


@dataclass(frozen=True)
class Question:
    chapter: str
    en: str
    zh: str
    options: tuple
    observe: bool = False

    @property
    def letters(self):
        return 'abcd'[:len(self.options)]

    def option(self, letter):
        return self.options[self.letters.index(letter)]

    @property
    def right_letter(self):
        return next(x for x, o in zip(self.letters, self.options) if o.right)


UI = {
    'en': {'check': 'Check', 'choose': 'Choose one of the statements first.',
           'right': 'Right ({letter}).', 'wrong': 'Not this one ({letter}).',
           'observe': 'What the computation shows (open it once you have chosen)',
           'ask': 'Run {call} with the letter of your choice.',
           'todo': 'Replace None with the letter you choose: {call}.'},
    'zh': {'check': '检查', 'choose': '请先选择一个选项。',
           'right': '正确（{letter}）。', 'wrong': '不是这个（{letter}）。',
           'observe': '计算结果（做出选择之后再展开）',
           'ask': '用你选的字母运行 {call}。',
           'todo': '把 None 换成你选的字母：{call}。'},
}

BOTTLENECK = Question(
    'bottleneck',
    'The bottleneck runs its 3×3 convolution on f // r channels instead of f. Why does that '
    'make the block cheap?',
    '瓶颈模块让 3×3 卷积在 f // r 个通道上运行，而不是 f 个通道。为什么这样能让模块变便宜？',
    (Option('With fewer channels, the 3×3 convolution sees a larger part of the image.',
            '通道变少后，3×3 卷积能看到图像中更大的区域。',
            'What a convolution sees (its receptive field) is set by kernel sizes and strides, '
            'not by channels: the 3×3 sees a 3×3 window at any width.',
            '卷积能看到的范围（感受野）由卷积核大小和步幅决定，与通道数无关：无论多宽，3×3 卷积看到的都是 '
            '3×3 的窗口。'),
     Option("A 3×3 convolution's weights grow with input channels × output channels × 9; "
            'narrowing both sides by r divides them by r², and the 1x1 convolutions that change '
            'the width carry no factor 9.',
            '3×3 卷积的权重数等于输入通道数 × 输出通道数 × 9；两侧都缩小 r 倍，权重就减少到 1/r²，'
            '而负责改变宽度的 1x1 卷积没有这个 9 倍因子。',
            'The block pays for the change of width in the two 1x1 layers, f·f/r weights each, '
            'and runs its one layer with a 3×3 window where the block is narrow: at r = 4 that '
            'layer holds 16 times fewer weights than at full width. He et al. used this design '
            'to make ResNet-50 and its deeper siblings affordable.',
            '模块用两个 1x1 层（各 f·f/r 个权重）来改变宽度，而把唯一带 3×3 窗口的层放在最窄处：r = 4 '
            '时，这一层的权重只有全宽时的 1/16。He 等人正是用这种设计让 ResNet-50 及更深的网络负担得起。',
            right=True),
     Option('The 1x1 convolutions blur the input, so the 3×3 convolution has less detail to '
            'process.',
            '1x1 卷积会把输入模糊化，于是 3×3 卷积要处理的细节更少。',
            'A 1x1 convolution looks at one position at a time: it mixes the channels of that '
            'position and never touches its neighbours, so it cannot blur. What it changes is '
            'the number of channels.',
            '1x1 卷积每次只看一个位置：它混合该位置的各个通道，从不涉及相邻位置，因此不会产生模糊。'
            '它改变的是通道数。'),
     Option('It does not: three layers always hold more weights than one full-width 3×3 '
            'convolution.',
            '并不会：三层的权重总是比一个全宽的 3×3 卷积多。',
            'Count them: without biases the three layers hold 2·f²/r + 9·f²/r² weights, one '
            '3×3 from f to f channels holds 9·f². For any r ≥ 2 the three hold fewer (at r = 2, '
            '3.25·f² against 9·f²); only at r = 1 do they hold more.',
            '数一数：不计偏置，三层共有 2·f²/r + 9·f²/r² 个权重，而一个从 f 到 f 个通道的 3×3 卷积有 '
            '9·f² 个。只要 r ≥ 2，三层就更少（r = 2 时是 3.25·f² 对 9·f²）；只有 r = 1 时才更多。')))

INCEPTION = Question(
    'inception',
    'The module with reductions puts a 1x1 convolution in front of the 3×3 and the 5×5, and '
    'another after the max pool. What do these 1x1 convolutions buy?',
    '带降维的 Inception 模块在 3×3 和 5×5 卷积之前各加了一个 1x1 卷积，又在最大池化之后加了一个。'
    '这些 1x1 卷积带来了什么？',
    (Option('They let the branches see further, since stacking convolutions enlarges the '
            'receptive field.',
            '它们让各分支看得更远，因为叠加卷积会扩大感受野。',
            'A 1x1 convolution adds nothing to the reach: it reads a single position. With or '
            'without it, the branches see 1×1, 3×3, 5×5 and, through the pool, 3×3 windows.',
            '1x1 卷积不会扩大视野：它只读取一个位置。无论有没有它，各分支看到的窗口都是 1×1、3×3、5×5 '
            '和（经池化的）3×3。'),
     Option('They give the branches the same height and width, which the concatenation needs.',
            '它们让各分支的高和宽一致，这是拼接所必需的。',
            "Padding 'same' already keeps every branch at the input's height and width, and a "
            '1x1 convolution with stride 1 never changes them: the naive module concatenates its '
            'branches just as well.',
            "'same' 填充已经让每个分支保持输入的高和宽，步幅为 1 的 1x1 卷积也从不改变它们：朴素模块"
            '同样可以拼接各分支。'),
     Option('A max pool with stride 1 changes nothing, so the 1x1 convolution after it is what '
            'gives that branch any effect.',
            '步幅为 1 的最大池化什么也不改变，所以该分支的作用全靠它后面的 1x1 卷积。',
            'A 3×3 max pool with stride 1 does change the values: each becomes the largest in '
            'its neighbourhood. The 1x1 after it sets how many channels the branch adds to the '
            'output.',
            '步幅为 1 的 3×3 最大池化确实会改变数值：每个值都变成其邻域中的最大值。它后面的 1x1 卷积'
            '决定的是这个分支向输出贡献多少个通道。'),
     Option("They cut the channels the 3×3 and the 5×5 read, and give the pool branch f "
            "outputs instead of all the input's channels, so neither the cost nor the output's "
            "width grows with the input's width.",
            '它们减少了 3×3 和 5×5 卷积读取的通道数，并让池化分支输出 f 个通道而不是输入的全部通道，'
            '于是计算量和输出宽度都不再随输入宽度增长。',
            'In the naive module the 5×5 reads every input channel, 25 weights per pair of '
            "channels, and the pool passes the whole input on, so each module's output is wider "
            'than its input and the next module costs more still. Szegedy et al. added the 1x1 '
            'reductions to keep both in check; that is what let GoogLeNet stack nine such '
            'modules.',
            '在朴素模块中，5×5 卷积读取全部输入通道，每对通道 25 个权重，而池化分支把整个输入原样传下去，'
            '于是每个模块的输出都比输入宽，下一个模块的代价就更高。Szegedy 等人加入 1x1 降维，正是为了'
            '同时控制这两点；GoogLeNet 因此才能堆叠九个这样的模块。',
            right=True)))

RESIDUAL = Question(
    'residual',
    "In the article's `residual_block` the path's last 1x1 convolution ends in a ReLU, so "
    'F(x) ≥ 0. Predict: six of these blocks in a row, with random weights, get a random '
    'input. What happens to the mean value from block to block?',
    '文中的 `residual_block` 里，路径最后的 1x1 卷积以 ReLU 结尾，所以 F(x) ≥ 0。请预测：把六个这样的'
    '模块（随机权重）串起来，输入一个随机张量，均值从一个模块到下一个模块会怎样变化？',
    (Option('It stays about the same: the random weights are as often positive as negative.',
            '基本不变：随机权重正负各半。',
            'The weights are, but F(x) leaves the path through a ReLU, so what each block adds '
            'is never negative. The mean could only stay put if F(x) were zero everywhere.',
            '权重确实正负各半，但 F(x) 经过 ReLU 才离开路径，所以每个模块加上的量从不为负。只有 F(x) '
            '处处为零时，均值才会不变。'),
     Option('It falls towards zero, as a signal fades through many layers.',
            '逐渐降到零，就像信号在多层中逐渐衰减一样。',
            'Fading is what long plain stacks do. Here the shortcut carries x through every '
            'block unchanged, and the path can only add to it.',
            '衰减发生在很深的普通堆叠中。这里捷径把 x 原样带过每个模块，而路径只能往上加。'),
     Option('It rises at every block, whatever the weights.',
            '每经过一个模块都会上升，与权重无关。',
            'Each block returns x + F(x) with F(x) ≥ 0, so no value can go down and the mean '
            "keeps rising. He et al. leave the path's last convolution linear and put the ReLU "
            'after the add, so the path can push values down as well as up. In a follow-up paper '
            "they tried the article's order, a ReLU before the add, found a higher error, and "
            'pointed to this one-way signal as the likely cause. The computation below runs '
            'both orders.',
            '每个模块返回 x + F(x)，而 F(x) ≥ 0，所以没有哪个值会下降，均值只会不断上升。He 等人让路径'
            '最后的卷积保持线性、把 ReLU 放在相加之后，这样路径既能把数值往上推，也能往下推。在后续的论文中，'
            '他们试过文中的这种顺序（ReLU 在相加之前），得到的误差更高，并认为这种只增不减的信号可能是原因。'
            '下面的计算运行了两种顺序。',
            right=True),
     Option('It goes up or down, depending on the random weights.',
            '可能上升也可能下降，取决于随机权重。',
            'Not in this block: whatever the weights, F(x) is the output of a ReLU, so '
            "x + F(x) ≥ x at every value. With a linear last convolution (ResNet's order) the "
            'direction would depend on the weights.',
            '在这个模块中不会：无论权重如何，F(x) 都是 ReLU 的输出，所以每个值都满足 x + F(x) ≥ x。'
            '如果最后的卷积是线性的（ResNet 的顺序），方向才取决于权重。')),
    observe=True)

RESNEXT = Question(
    'resnext',
    "ResNeXt's c paths are one grouped convolution. Predict: a 3×3 convolution from 128 to "
    '128 channels is split into g groups (`groups=g` in Keras). What happens to its weights, '
    'and to what each output channel reads?',
    'ResNeXt 的 c 条路径就是一个分组卷积。请预测：把一个从 128 到 128 个通道的 3×3 卷积分成 g 组'
    '（Keras 中的 `groups=g`），它的权重数会怎样变化？每个输出通道读取的又是什么？',
    (Option('The weights stay the same; the groups only let the work run in parallel.',
            '权重数不变；分组只是让计算可以并行。',
            'Grouping is more than a schedule: each output channel gets fewer inputs, so the '
            "layer has fewer weights. AlexNet's two groups halved the weights of the layers they "
            'split.',
            '分组不只是安排计算的方式：每个输出通道的输入变少了，所以这一层的权重也变少了。AlexNet '
            '把层分成两组，这些层的权重就减半了。'),
     Option('The weights fall to 1/g, and each output channel reads only the 128/g channels of '
            'its own group.',
            '权重降到原来的 1/g，每个输出通道只读取本组的 128/g 个通道。',
            'Each group is a small convolution from 128/g to 128/g channels, so g groups hold '
            'g·9·(128/g)² = 9·128²/g weights. The price is that channels of different groups '
            'never meet in this layer; in ResNeXt the 1x1 convolutions around the grouped 3×3 '
            'mix them again. Xie et al. spend the saving on more paths, and at equal cost more '
            'paths gave better accuracy than more width.',
            '每组是一个从 128/g 到 128/g 个通道的小卷积，所以 g 组共有 g·9·(128/g)² = 9·128²/g 个权重。'
            '代价是不同组的通道在这一层中互不相见；在 ResNeXt 中，分组 3×3 卷积前后的 1x1 卷积会再把'
            '它们混合起来。Xie 等人把省下的代价用于增加路径数：在同等代价下，增加路径比增加宽度更能提高'
            '准确率。',
            right=True),
     Option('The weights fall to 1/g, and each output channel still reads all 128 input '
            'channels.',
            '权重降到原来的 1/g，而每个输出通道仍然读取全部 128 个输入通道。',
            'That would be a free lunch: an output channel that reads 128 channels through a '
            '3×3 window needs 128·9 weights. The weights fall precisely because each output '
            "reads only its group's 128/g channels.",
            '那就是免费的午餐了：一个输出通道要通过 3×3 窗口读取 128 个通道，就需要 128·9 个权重。权重'
            '之所以减少，恰恰是因为每个输出只读取本组的 128/g 个通道。'),
     Option('The weights grow g times, since each group has its own filters.',
            '权重增加到 g 倍，因为每组都有自己的滤波器。',
            'Each group does have its own filters, but each is g times narrower on both sides, '
            "so it holds 1/g² of the full layer's weights; g of them hold 1/g.",
            '每组确实有自己的滤波器，但每组的输入和输出都窄了 g 倍，所以只有整层权重的 1/g²；g 组合起来'
            '是 1/g。')),
    observe=True)

DENSE = Question(
    'dense',
    'DenseNet-B puts a 1x1 convolution with 4·k filters in front of every 3×3 convolution of '
    "a dense block (k is the growth rate, the article's f). Predict: how does what that 1x1 "
    'saves change along the block?',
    'DenseNet-B 在密集模块的每个 3×3 卷积前加一个有 4·k 个滤波器的 1x1 卷积（k 是增长率，即文中的 '
    'f）。请预测：这个 1x1 卷积节省的参数沿着模块如何变化？',
    (Option('It saves the same in every layer.',
            '每一层节省的一样多。',
            'It would if every layer read the same width. In a dense block each layer reads k '
            'more channels than the one before, and the 3×3 that the 1x1 relieves grows with '
            'that width.',
            '如果每层读取的宽度相同，确实如此。但在密集模块中，每层比上一层多读 k 个通道，而 1x1 卷积'
            '所减轻的 3×3 层随这个宽度增长。'),
     Option('It saves in every layer, the first included, since a 1x1 convolution is cheaper '
            'than a 3×3.',
            '每一层都节省，包括第一层，因为 1x1 卷积比 3×3 卷积便宜。',
            'A 1x1 is cheaper per pair of channels, but here it is added, not swapped in: on a '
            'narrow stack the 1x1 plus a 3×3 on 4·k channels cost more than the 3×3 alone.',
            '1x1 卷积每对通道确实更便宜，但这里它是新增的，而不是替换：在较窄的堆叠上，1x1 加上作用于 '
            '4·k 个通道的 3×3，比单独一个 3×3 更贵。'),
     Option('It never saves: it adds a layer, so it adds weights.',
            '永远不会节省：它多了一层，所以多了权重。',
            'An added layer can remove weights when it narrows what the expensive layer reads: '
            'with it, each 3×3 reads 4·k channels instead of the whole, growing stack.',
            '当新增的层缩小了昂贵层的输入时，反而能减少权重：有了它，每个 3×3 读取的是 4·k 个通道，'
            '而不是整个不断增长的堆叠。'),
     Option('The first layers cost more with it, later ones less, and the saving per layer '
            'grows with depth.',
            '前几层加了它反而更贵，后面的层更省，而且每层节省的量随深度增长。',
            "A layer's 3×3 reads the whole stack, which widens by k channels per layer, so "
            'without the 1x1 its weights grow without end. With it, the 3×3 always reads 4·k '
            'channels and only the 1x1, with no factor 9, reads the stack. Once the stack of C '
            'channels is more than 1.8 times as wide as 4·k (9·k·C > 4·k·C + 36·k², so '
            'C > 7.2·k) the 1x1 pays for itself, and from there each layer saves more than the '
            'one before. Huang et al. use this in DenseNet-121 and its larger siblings.',
            '每层的 3×3 读取整个堆叠，而堆叠每层加宽 k 个通道，所以没有 1x1 时它的权重会一直增长。有了 '
            '1x1，3×3 始终只读 4·k 个通道，只有不带 9 倍因子的 1x1 去读整个堆叠。一旦 C 个通道的堆叠宽度'
            '超过 4·k 的 1.8 倍（9·k·C > 4·k·C + 36·k²，即 C > 7.2·k），1x1 就能收回自己的代价，此后'
            '每一层都比上一层节省得更多。Huang 等人在 DenseNet-121 及更大的版本中用了这个设计。',
            right=True)),
    observe=True)

SQUEEZE_EXCITATION = Question(
    'squeeze_excitation',
    'Predict: `se_block` gets an input, then the same input with its positions shuffled (the '
    'same shuffle in every channel). How do the two outputs compare?',
    '请预测：先给 `se_block` 一个输入，再给它同一个输入、但把各位置打乱（每个通道按同一种方式打乱）。'
    '两个输出有什么关系？',
    (Option('The second is the first, shuffled the same way: the gains do not change.',
            '第二个输出就是第一个输出按同样方式打乱的结果：增益不变。',
            'The squeeze averages each channel over all positions, and an average ignores '
            'order, so the gains (one per channel, between 0 and 1) stay the same and every '
            'value is scaled as before. SE decides which channels matter for this input from '
            'the whole image; where things are is left to the convolutions around it. Hu et al. '
            'call this recalibrating the channels.',
            '挤压步骤对每个通道在所有位置上求平均，而平均与顺序无关，所以增益（每个通道一个，介于 0 和 1 '
            '之间）保持不变，每个值按原样缩放。SE 根据整幅图像决定哪些通道对这个输入重要；至于东西在哪里，'
            '则交给它周围的卷积。Hu 等人称之为对通道的重新校准。',
            right=True),
     Option('The gains change, since the image now looks different.',
            '增益会变，因为图像看起来不一样了。',
            "To us it does. The squeeze reads only each channel's mean over the whole map, and "
            'shuffling leaves every mean as it was.',
            '对我们来说确实不一样。但挤压只读取每个通道在整张特征图上的均值，打乱位置不会改变任何一个均值。'),
     Option("Both outputs equal their inputs, since the sigmoid's gains are close to 1.",
            '两个输出都等于各自的输入，因为 sigmoid 给出的增益接近 1。',
            'The gains lie strictly between 0 and 1 and differ from channel to channel: the '
            'block scales its input, it does not pass it through.',
            '增益严格介于 0 和 1 之间，而且各通道不同：模块是在缩放输入，而不是原样传递。'),
     Option('Each position gets its own gain, so the outputs differ everywhere.',
            '每个位置都有自己的增益，所以两个输出处处不同。',
            "There is one gain per channel, shared by every position of that channel: the "
            "excitation's output is a vector of f numbers, not a map.",
            '每个通道只有一个增益，由该通道的所有位置共享：激励步骤的输出是 f 个数组成的向量，而不是一张图。')),
    observe=True)

NASNET = Question(
    'nasnet',
    'Zoph et al. searched for a cell, a small block, rather than for a whole network. Why?',
    'Zoph 等人搜索的是一个单元（一个小模块），而不是整个网络。为什么？',
    (Option('Cells run faster than hand-designed blocks, and speed was what the search '
            'optimized.',
            '单元比人工设计的模块运行得更快，而搜索优化的正是速度。',
            'The search rewarded accuracy: each proposed cell was scored by the validation '
            'accuracy of a small network built from it. The reason to search for a cell lies in '
            'what the search costs and what carries over.',
            '搜索奖励的是准确率：每个候选单元都用由它搭成的小网络的验证准确率来打分。搜索单元的原因在于'
            '搜索的代价以及结果能否迁移。'),
     Option('The operations are picked at random, and a small unit averages out the bad picks.',
            '运算是随机挑选的，小单元可以把坏的选择平均掉。',
            'The operations are chosen by a controller, a recurrent network trained with '
            'reinforcement learning to propose cells whose networks score well; the final cell '
            'is the best one found, not an average.',
            '运算由一个控制器选出：它是一个用强化学习训练的循环神经网络，学会提出能让网络得分高的单元；'
            '最终的单元是找到的最好的一个，而不是平均。'),
     Option('A cell is small enough to search on CIFAR-10, and since networks are built by '
            'repeating it, the cell found there builds ImageNet networks of any size.',
            '单元足够小，可以在 CIFAR-10 上搜索；而网络由重复的单元搭成，所以在那里找到的单元可以搭出任意'
            '规模的 ImageNet 网络。',
            "The search trained thousands of small networks on CIFAR-10's 32×32 images; "
            'searching the repeated unit instead of the whole network made that affordable. The '
            'same cell, stacked more times and with more filters, then gave NASNet for ImageNet: '
            "what the paper's title calls transferable and scalable.",
            '搜索在 CIFAR-10 的 32×32 图像上训练了成千上万个小网络；只搜索重复的单元而不是整个网络，才让'
            '这件事负担得起。把同一个单元堆叠更多次、配上更多滤波器，就得到了用于 ImageNet 的 NASNet：'
            '这正是论文标题所说的“可迁移”与“可扩展”。',
            right=True),
     Option("A cell keeps its input's height and width, which a whole network cannot do.",
            '单元保持输入的高和宽，而整个网络做不到这一点。',
            'Normal cells do keep height and width (reduction cells halve them), but that says '
            'how cells are stacked, not why one searches for them. A network has to shrink its '
            'maps somewhere, and NASNet does it with searched reduction cells.',
            '普通单元确实保持高和宽（缩减单元则把它们减半），但这说的是单元如何堆叠，而不是为什么要搜索'
            '单元。网络总要在某处缩小特征图，NASNet 用搜索得到的缩减单元来做这件事。')))

INVERTED_RESIDUAL = Question(
    'inverted_residual',
    'In `inv_residual_block` the separable convolution that projects back to f channels is '
    "linear (`a='linear'`). Predict: what would a ReLU there do?",
    "在 `inv_residual_block` 中，投影回 f 个通道的可分离卷积是线性的（`a='linear'`）。请预测："
    '如果在那里加一个 ReLU，会怎样？',
    (Option('Little: a ReLU changes only a few values.',
            '影响很小：ReLU 只改变少数几个值。',
            'With random weights the projected values are about as often negative as positive, '
            'so a ReLU would set close to half of them to 0: a large share, not a few.',
            '在随机权重下，投影出的值正负大致各半，所以 ReLU 会把将近一半的值设为 0：这是很大的比例，'
            '而不是少数。'),
     Option('It would set a large share of the projected values to 0, and what is zeroed in '
            'those few channels is lost to every later layer.',
            '它会把投影值中很大一部分设为 0，而这些少数通道中被置零的信息，后面的任何层都无法找回。',
            'The projection has only f channels, so there is little room to spare: every '
            'negative value becomes 0 and nothing downstream can tell what it was. Sandler et '
            'al. keep these narrow layers linear, the linear bottleneck, and use the ReLU only '
            'in the expanded part, f·r channels wide; in their experiments a ReLU after the '
            'projection lowered accuracy.',
            '投影只有 f 个通道，没有多少余量：每个负值都变成 0，后面的层无从知道它原来是多少。Sandler '
            '等人让这些窄层保持线性，即线性瓶颈，只在宽度为 f·r 个通道的扩展部分使用 ReLU；在他们的'
            '实验中，在投影之后加 ReLU 会降低准确率。',
            right=True),
     Option('It would make the block more expressive, as every added nonlinearity does.',
            '它会让模块表达能力更强，正如每增加一个非线性都会做的那样。',
            'Sandler et al. found the opposite for narrow layers: there a nonlinearity destroys '
            'information faster than it adds expressiveness, and their networks were more '
            'accurate with a linear projection.',
            'Sandler 等人发现，对窄层来说恰恰相反：非线性在这里破坏信息的速度比增加表达能力更快，'
            '他们的网络在投影保持线性时更准确。'),
     Option("The block's output would have a different shape, so the add with x would fail.",
            '模块输出的形状会改变，于是与 x 相加会失败。',
            'A ReLU keeps the shape: every value stays where it is, only negative ones become 0. '
            'The add would work; the information would be gone.',
            'ReLU 不改变形状：每个值都留在原位，只有负值变成 0。相加照样能进行，只是信息丢了。')),
    observe=True)

QUESTIONS = {q.chapter: q for q in (BOTTLENECK, INCEPTION, RESIDUAL, RESNEXT, DENSE,
                                    SQUEEZE_EXCITATION, NASNET, INVERTED_RESIDUAL)}
