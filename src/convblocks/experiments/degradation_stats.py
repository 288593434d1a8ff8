"""What the degradation experiment's numbers say: paired differences, intervals, verdicts.

Kept apart from the training code so that the stored results do not go stale when only the
reading of them changes.
"""
import math
import statistics

from convblocks.experiments.degradation import DEPTHS

def losses(results, kind, depth):
    """Final training loss by seed of one kind and depth."""
    return {r['seed']: r['final_loss'] for r in results
            if r['kind'] == kind and r['depth'] == depth}


def _difference(a, b):
    """a minus b seed by seed: mean, 95 % t-interval, seeds, and how often a was higher."""
    differences = [a[s] - b[s] for s in sorted(a) if s in b]
    mean = statistics.fmean(differences)
    half = t_half_width(differences)
    return {'seeds': len(differences), 'mean': mean, 'low': mean - half, 'high': mean + half,
            'higher': sum(d > 0 for d in differences)}


def paired(results, kind, deep, shallow):
    """deep minus shallow final training loss, seed by seed, with its 95 % t-interval and the
    number of seeds on which the deeper network ended with the higher loss."""
    found = _difference(losses(results, kind, deep), losses(results, kind, shallow))
    return {'kind': kind, 'deep': deep, 'shallow': shallow, **found,
            'deeper_worse': found['higher']}


def across(results, depth):
    """residual minus plain final training loss at one depth, seed by seed."""
    return _difference(losses(results, 'residual', depth), losses(results, 'plain', depth))


def t_half_width(values, level=0.95):
    """Half the width of the t-interval for the mean of `values`."""
    from scipy.stats import t
    n = len(values)
    return t.ppf(0.5 + level / 2, n - 1) * statistics.stdev(values) / math.sqrt(n)


def verdicts(results, deep=max(DEPTHS), shallow=min(DEPTHS)):  # noqa: B008 (constants)
    """Which of the page's claims hold: each holds only on >= 4 of 5 seeds with an interval
    that excludes zero.

    plain_degrades: the deep plain network ends with the higher training loss.
    residual_not_worse: the deep residual network ends with the lower training loss.
    shortcut_helps: at the deep end, the residual network ends lower than the plain one.
    """
    plain = paired(results, 'plain', deep, shallow)
    residual = paired(results, 'residual', deep, shallow)
    cross = across(results, deep)
    enough = math.ceil(0.8 * plain['seeds'])
    return {'plain': plain, 'residual': residual, 'cross': cross,
            'plain_degrades': plain['deeper_worse'] >= enough and plain['low'] > 0,
            'residual_not_worse': (residual['seeds'] - residual['deeper_worse'] >= enough
                                   and residual['high'] < 0),
            'shortcut_helps': (cross['seeds'] - cross['higher'] >= enough
                               and cross['high'] < 0)}


# The words each verdict puts into the page, in English and in Chinese (one place for both).
# The English verbs sit between "the deep network" and "the shallow one"; the Chinese
# sentence names both networks first ("与 8 层的相比，32 层的……"), so its words are predicates.
WORDS = {
    ('plain_degrades', True): ('ended with a higher training loss than',
                               '最终的训练损失更高'),
    ('plain_degrades', False): ('did not reliably end with a higher training loss than',
                                '最终的训练损失并未稳定地更高'),
    ('residual_not_worse', True): ('ended with a lower training loss than',
                                   '最终的训练损失更低'),
    ('residual_not_worse', False): ('did not reliably end with a lower training loss than',
                                    '最终的训练损失并未稳定地更低'),
    ('shortcut_helps', True): ('ended with a lower training loss than',
                               '最终的训练损失更低'),
    ('shortcut_helps', False): ('did not reliably end with a lower training loss than',
                                '最终的训练损失并未稳定地更低'),
    ('both', True): ('This is the degradation problem at our scale: depth hurt the plain '
                     'network and helped the residual one.',
                     '这就是我们这个规模上的退化问题：加深让普通网络变差，却让残差网络变好。'),
    ('both', False): ('So the full pattern of He et al. did not show at this scale; the '
                      'numbers above say which part did.',
                      '所以在这个规模上，He 等人的完整现象没有出现；'
                      '上面的数字说明了哪一部分出现了。'),
}


def words(verdict):
    """{glue name: (English, Chinese)} for the verdicts' words on the page."""
    both = verdict['plain_degrades'] and verdict['residual_not_worse']
    return {'deg_plain_verb': WORDS['plain_degrades', verdict['plain_degrades']],
            'deg_res_verb': WORDS['residual_not_worse', verdict['residual_not_worse']],
            'deg_cross_verb': WORDS['shortcut_helps', verdict['shortcut_helps']],
            'deg_summary': WORDS['both', both]}


def interval(pair):
    """'+0.123 [+0.045, +0.201]': the mean paired difference and its 95 % interval."""
    return f"{pair['mean']:+.3f} [{pair['low']:+.3f}, {pair['high']:+.3f}]"
