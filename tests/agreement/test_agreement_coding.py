"""Cohen's kappa, Fleiss' kappa and Krippendorff's alpha: properties,
degenerate (undefined) cases and input validation."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.agreement import LEVELS, cohen_kappa, fleiss_kappa, krippendorff_alpha


def same(x, y):
    return (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, rel=1e-12, abs=1e-12)


labels = st.sampled_from(["ا", "ب", "ت", "none"])

# ---------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------
pairs = st.lists(st.tuples(labels, labels), min_size=1, max_size=60)


@given(pairs, st.randoms())
@settings(max_examples=200, deadline=None, database=None)
def test_cohen_symmetric_and_order_invariant(items, rnd):
    a, b = [x for x, _ in items], [y for _, y in items]
    k = cohen_kappa(a, b)
    assert same(k, cohen_kappa(b, a))
    rnd.shuffle(items)
    assert same(k, cohen_kappa([x for x, _ in items], [y for _, y in items]))


@given(st.lists(labels, min_size=1, max_size=60))
@settings(deadline=None, database=None)
def test_cohen_identical_is_one_when_defined(a):
    k = cohen_kappa(a, list(a))
    if len(set(a)) >= 2:
        assert k == 1.0
    else:
        assert math.isnan(k)  # one category only: p_e = 1, kappa = 0/0


def test_cohen_degenerate_cases():
    assert math.isnan(cohen_kappa([], []))
    assert math.isnan(cohen_kappa(["x"] * 5, ["x"] * 5))
    # Each coder uses one (different) category: p_o = 0, p_e = 0 -> kappa = 0, defined.
    assert cohen_kappa(["x"] * 5, ["y"] * 5) == 0.0


def test_cohen_labels_are_compared_by_equality_not_type_coercion():
    # 1 and "1" are different labels (no silent str conversion).
    assert cohen_kappa([1, "1", 1, "1"], [1, "1", "1", 1]) == 0.0
    assert cohen_kappa([(1, 2), (3,), (1, 2)], [(1, 2), (3,), (3,)]) == pytest.approx(0.4)


@pytest.mark.parametrize(
    "a, b, message",
    [
        ([1, 2, 3], [1, 2], "equal length"),
        ([1, None], [1, 2], "missing"),
        ([1.0, float("nan")], [1.0, 2.0], "missing"),
        (np.zeros((2, 2)), np.zeros((2, 2)), "one-dimensional"),
        ([[1], 2], [1, 2], "unhashable"),
    ],
)
def test_cohen_invalid_input(a, b, message):
    with pytest.raises(ValueError, match=message):
        cohen_kappa(a, b)


# ---------------------------------------------------------------------------
# Fleiss' kappa
# ---------------------------------------------------------------------------
count_tables = st.integers(2, 6).flatmap(
    lambda raters: st.lists(
        st.lists(st.integers(0, 3), min_size=3, max_size=3), min_size=1, max_size=15
    ).map(lambda rows: [[r[0], r[1], raters - r[0] - r[1]] if r[0] + r[1] <= raters else [raters, 0, 0]
                        for r in rows])
)


@given(count_tables, st.randoms())
@settings(max_examples=200, deadline=None, database=None)
def test_fleiss_invariant_to_subject_and_category_order(table, rnd):
    k = fleiss_kappa(table)
    rows = [list(r) for r in table]
    rnd.shuffle(rows)
    perm = [2, 0, 1]
    assert same(k, fleiss_kappa([[r[p] for p in perm] for r in rows]))


@given(st.lists(st.integers(0, 2), min_size=1, max_size=20), st.integers(2, 8))
@settings(deadline=None, database=None)
def test_fleiss_full_agreement_is_one_when_defined(categories, raters):
    table = [[raters if c == j else 0 for j in range(3)] for c in categories]
    k = fleiss_kappa(table)
    if len(set(categories)) >= 2:
        assert k == 1.0
    else:
        assert math.isnan(k)  # everything in one category: P_e = 1


def test_fleiss_degenerate_cases():
    assert math.isnan(fleiss_kappa(np.zeros((0, 3))))  # no subjects
    assert math.isnan(fleiss_kappa([[1, 0], [0, 1]]))  # one rater per subject
    assert math.isnan(fleiss_kappa([[0, 0], [0, 0]]))  # no raters
    assert math.isnan(fleiss_kappa([[4, 0], [4, 0]]))  # one category used


@pytest.mark.parametrize(
    "counts, message",
    [
        ([[1, 2], [3]], "ragged"),
        ([[1, -1], [0, 0]], "negative"),
        ([[1, 2], [2, 2]], "same number of raters"),
        ([[1.5, 1.5], [2, 1]], "whole numbers"),
        ([[float("nan"), 1], [1, 1]], "finite"),
        ([1, 2, 3], "2-D|two-dimensional"),
        ([["a", "b"]], "numbers"),
        ([["1", "2"], ["2", "1"]], "numbers"),
        ([[1, None], [1, 1]], "numbers"),
    ],
)
def test_fleiss_invalid_input(counts, message):
    with pytest.raises(ValueError, match=message):
        fleiss_kappa(counts)


# ---------------------------------------------------------------------------
# Krippendorff's alpha
# ---------------------------------------------------------------------------
value = st.one_of(st.none(), st.integers(0, 4))
matrices = st.integers(2, 4).flatmap(
    lambda m: st.integers(1, 12).flatmap(
        lambda n: st.lists(st.lists(value, min_size=n, max_size=n), min_size=m, max_size=m)
    )
)


@given(matrices, st.randoms(), st.sampled_from(LEVELS))
@settings(max_examples=200, deadline=None, database=None)
def test_alpha_invariant_to_coder_and_unit_order(data, rnd, level):
    a = krippendorff_alpha(data, level)
    rows = [list(r) for r in data]
    rnd.shuffle(rows)
    order = list(range(len(rows[0])))
    rnd.shuffle(order)
    assert same(a, krippendorff_alpha([[r[i] for i in order] for r in rows], level))


@given(matrices)
@settings(max_examples=100, deadline=None, database=None)
def test_alpha_nominal_invariant_to_relabelling(data):
    names = {0: "ا", 1: "ب", 2: "ت", 3: "ث", 4: "ج"}
    relabelled = [[None if v is None else names[v] for v in row] for row in data]
    assert same(krippendorff_alpha(data), krippendorff_alpha(relabelled))


@given(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=15), st.sampled_from(LEVELS))
@settings(deadline=None, database=None)
def test_alpha_identical_coders_is_one_when_defined(row, level):
    a = krippendorff_alpha([row, list(row), list(row)], level)
    if len({v for v in row if v is not None}) >= 2:
        assert a == pytest.approx(1.0, abs=1e-15)
    else:
        assert math.isnan(a)


@given(matrices, st.integers(0, 4), st.sampled_from(LEVELS))
@settings(max_examples=100, deadline=None, database=None)
def test_alpha_ignores_units_with_a_single_value(data, extra, level):
    assume(len(data) >= 2)
    with_lonely_unit = [row + [extra if i == 0 else None] for i, row in enumerate(data)]
    assert same(krippendorff_alpha(data, level), krippendorff_alpha(with_lonely_unit, level))


def test_alpha_interval_depends_on_values_not_just_order():
    a = krippendorff_alpha([[1, 2, 3, 4], [1, 2, 3, 5]], "interval")
    b = krippendorff_alpha([[1, 2, 3, 4], [1, 2, 3, 50]], "interval")
    assert a != b
    assert krippendorff_alpha([[1, 2, 3, 4], [1, 2, 3, 5]], "ordinal") == krippendorff_alpha(
        [[1, 2, 3, 4], [1, 2, 3, 50]], "ordinal"
    )


@pytest.mark.parametrize(
    "data",
    [
        [[1, None], [None, 2]],  # no unit with two values: nothing pairable
        [[1, 1, 1], [1, 1, 1]],  # one value only: expected disagreement 0
        [[None, None], [None, None]],  # everything missing
        [[1, 2, 3]],  # a single coder
        np.empty((2, 0)),  # no units
        np.empty((0, 0)),  # no coders
    ],
)
@pytest.mark.parametrize("level", LEVELS)
def test_alpha_undefined_cases_are_nan(data, level):
    assert math.isnan(krippendorff_alpha(data, level))


@pytest.mark.parametrize(
    "data, level, message",
    [
        ([[1, 2], [1, 2]], "cardinal", "unknown level"),
        ([[1, 2], [1]], "nominal", "ragged"),
        ([1, 2, 3], "nominal", "2-D|two-dimensional"),
        (np.zeros(3), "nominal", "two-dimensional"),
        ([["a", "b"], ["a", "a"]], "interval", "non-numeric"),
        ([["a", "b"], ["a", "a"]], "ordinal", "non-numeric"),
        ([[-1, 2], [1, 2]], "ratio", "non-negative"),
        ([[1, float("inf")], [1, 2]], "interval", "infinite"),
        ([[1, [2]], [1, 2]], "nominal", "unhashable"),
    ],
)
def test_alpha_invalid_input(data, level, message):
    with pytest.raises(ValueError, match=message):
        krippendorff_alpha(data, level)


def test_alpha_level_is_checked_before_data():
    with pytest.raises(ValueError, match="unknown level"):
        krippendorff_alpha("not even data", level="bogus")


def test_character_level_scale_is_fast():
    # 3 coders x 12 million characters, integer label codes: the report's scale.
    import time

    rng = np.random.default_rng(0)
    n = 12_000_000
    truth = rng.integers(0, 6, n)
    data = np.where(rng.random((3, n)) < 0.9, truth, rng.integers(0, 6, (3, n)))
    start = time.perf_counter()
    alpha = krippendorff_alpha(data)
    kappa = cohen_kappa(data[0], data[1])
    elapsed = time.perf_counter() - start
    assert 0.7 < alpha < 0.95 and 0.7 < kappa < 0.95
    assert elapsed < 10  # typically well under a second; generous for loaded CI machines
