"""Weighted kappa (Cohen 1968) against published tables, scikit-learn and statsmodels."""

import math
import random

import numpy as np
import pytest

from annotator.agreement import cohen_kappa
from reference_packages import cohen_kappa_score, sm_cohens_kappa


def _pairs_from_table(table, categories):
    a, b = [], []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [categories[i]] * count
            b += [categories[j]] * count
    return a, b


def test_sas_proc_freq_example():
    # SAS/STAT PROC FREQ agreement example (3 x 3 table), printed kappa .4842 and weighted kappa .4701
    # with Cicchetti-Allison (linear) weights; statsmodels tests the same print-out.
    table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
    a, b = _pairs_from_table(table, [1, 2, 3])
    assert round(cohen_kappa(a, b), 4) == 0.4842
    assert round(cohen_kappa(a, b, weights="linear"), 4) == 0.4701


def test_hand_computed_quadratic():
    # 2 x ... table over 3 ordered categories; disagreement weights (i-j)^2.
    # table [[2,1,0],[0,2,1],[1,0,3]], n = 10, rows (3,3,4), cols (3,3,4)
    # observed sum v*n = 1*1 + 1*1 + 4*1 = 6
    # expected sum v*r*c = 1*(3*3 + 3*4 + 3*3 + 4*3) + 4*(3*4 + 4*3) = 42 + 96 = 138
    # kappa_w = 1 - 10*6/138
    a, b = _pairs_from_table([[2, 1, 0], [0, 2, 1], [1, 0, 3]], ["low", "mid", "top"])
    expected = 1 - 60 / 138
    assert cohen_kappa(a, b, "quadratic", categories=["low", "mid", "top"]) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("seed", range(15))
def test_against_scikit_learn_and_statsmodels(seed):
    rng = random.Random(seed)
    k = rng.randint(2, 6)
    labels = list(range(k))
    n = rng.randint(1, 80)
    a = [rng.choice(labels) for _ in range(n)]
    b = [x if rng.random() < 0.5 else rng.choice(labels) for x in a]
    for weights in (None, "linear", "quadratic"):
        ours = cohen_kappa(a, b, weights)
        theirs = cohen_kappa_score(a, b, weights=weights)
        if math.isnan(ours):
            assert len(set(a) | set(b)) == 1
            continue
        assert ours == pytest.approx(theirs, abs=1e-12), weights
    # statsmodels works on the full table over the declared categories (unused ones included)
    table = np.zeros((k, k))
    for x, y in zip(a, b):
        table[x, y] += 1
    for weights, wt in (("linear", "linear"), ("quadratic", "quadratic")):
        ours = cohen_kappa(a, b, weights, categories=labels)
        if math.isnan(ours):
            continue
        theirs = sm_cohens_kappa(table, wt=wt, return_results=False)
        assert ours == pytest.approx(theirs, abs=1e-12)


def test_natural_order_and_categories():
    a = ["item2", "item10", "item1", "item2"]
    b = ["item1", "item10", "item2", "item10"]
    # natural order is item1 < item2 < item10 (not the string order item1 < item10 < item2)
    explicit = cohen_kappa(a, b, "linear", categories=["item1", "item2", "item10"])
    assert cohen_kappa(a, b, "linear") == explicit
    assert cohen_kappa(a, b, "linear", categories=["item1", "item10", "item2"]) != pytest.approx(explicit)
    # an unused category in the middle changes the distances
    assert cohen_kappa([1, 3], [3, 1], "linear", categories=[1, 2, 3]) == cohen_kappa([1, 3], [3, 1], "linear")
    assert cohen_kappa([1, 3, 1], [3, 3, 1], "linear", categories=[1, 2, 3]) == pytest.approx(
        cohen_kappa_score([1, 3, 1], [3, 3, 1], weights="linear", labels=[1, 2, 3]), abs=1e-15)


def test_unweighted_unchanged_and_order_free():
    a = ["x", "y", "z", "x", "y"]
    b = ["y", "y", "z", "x", "x"]
    assert cohen_kappa(a, b) == cohen_kappa(a, b, None) == cohen_kappa(a, b, categories=["z", "y", "x"])
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-15)


def test_undefined_and_invalid():
    assert math.isnan(cohen_kappa([], [], "linear"))
    assert math.isnan(cohen_kappa([1, 1], [1, 1], "quadratic"))
    assert cohen_kappa([1, 1], [2, 2], "linear") == 0.0
    with pytest.raises(ValueError, match="unknown weights"):
        cohen_kappa([1], [1], "cubic")
    with pytest.raises(ValueError, match="natural order"):
        cohen_kappa([1, "a"], ["a", 1], "linear")
    with pytest.raises(ValueError, match="not in categories"):
        cohen_kappa([1, 2], [2, 3], "linear", categories=[1, 2])
    with pytest.raises(ValueError, match="missing"):
        cohen_kappa([1, None], [1, 2], "linear")
