"""Sliders over a block's knobs with live counts and graph (`widget`), in en and zh (`strings`);
`ranges` turns explore()'s keywords into knobs within budget.

    from convblocks.explorer import explore
"""
from convblocks.explorer.widget import Explorer, explore

__all__ = ['Explorer', 'explore']
