"""The paragraph height tree behind the view's scrolling (Qt-free)."""

import random

from annotator.ui.annotate.paragraph_heights import ParagraphHeights


def test_tops_and_lookups_match_a_plain_sum_after_updates():
    rng = random.Random(7)
    heights = [float(rng.randrange(1, 60)) for _ in range(1000)]
    tree = ParagraphHeights(heights)
    for _ in range(300):
        i = rng.randrange(1000)
        heights[i] = float(rng.randrange(1, 200))
        tree.set(i, heights[i])
    tops = [0.0]
    for h in heights:
        tops.append(tops[-1] + h)
    assert tree.total == tops[-1]
    for i in range(0, 1000, 37):
        assert tree.top(i) == tops[i]
        assert tree.at(tops[i]) == i
        assert tree.at(tops[i] + heights[i] - 0.5) == i
    assert tree.at(-5) == 0 and tree.at(tops[-1] + 100) == 999


def test_empty_and_single():
    assert ParagraphHeights([]).at(10) == 0
    one = ParagraphHeights([20.0])
    assert one.top(1) == 20.0 and one.at(5) == 0 and one.at(25) == 0
