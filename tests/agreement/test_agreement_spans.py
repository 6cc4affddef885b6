"""span_prf: exact vs overlap matching, one-to-one matching, empty inputs."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement import span_prf


def test_exact_match():
    ref = [(0, 5, "PER"), (10, 20, "LOC"), (30, 35, "ORG")]
    cand = [(0, 5, "PER"), (10, 19, "LOC"), (30, 35, "PER")]
    r = span_prf(ref, cand)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 2, 2)
    assert r["precision"] == pytest.approx(1 / 3) and r["recall"] == pytest.approx(1 / 3)
    assert r["f1"] == pytest.approx(1 / 3)


def test_overlap_match_needs_same_label_and_shared_positions():
    ref = [(0, 5, "PER"), (10, 20, "LOC"), (30, 35, "ORG")]
    cand = [(0, 5, "PER"), (10, 19, "LOC"), (30, 35, "PER"), (20, 25, "LOC")]
    r = span_prf(ref, cand, match="overlap")
    # (20, 25) only touches (10, 20) at its end boundary: no shared position.
    assert (r["tp"], r["fp"], r["fn"]) == (2, 2, 1)


def test_overlap_matching_is_one_to_one():
    ref = [(0, 10, "A")]
    cand = [(0, 4, "A"), (5, 10, "A")]
    r = span_prf(ref, cand, match="overlap")
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 0)
    r = span_prf(cand, ref, match="overlap")
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)


def test_overlap_greedy_prefers_largest_overlap():
    ref = [(0, 10, "A"), (8, 30, "A")]
    cand = [(7, 28, "A")]
    r = span_prf(ref, cand, match="overlap")
    assert r["tp"] == 1
    # The documented limitation of greedy matching: it takes the largest
    # overlap first, which can leave fewer matches than the maximum.
    ref = [(0, 10, "A"), (10, 12, "A")]
    cand = [(4, 11, "A"), (0, 5, "A")]
    assert span_prf(ref, cand, match="overlap")["tp"] == 1


def test_overlap_ties_prefer_exact_boundaries():
    ref = [(0, 4, "A"), (0, 8, "A")]
    cand = [(0, 4, "A"), (0, 6, "A")]
    # Both candidates overlap (0, 8) by >= 4; (0, 4)-(0, 4) has overlap 4 and no mismatch.
    assert span_prf(ref, cand, match="overlap")["tp"] == 2


def test_duplicates_are_matched_once_each():
    r = span_prf([(0, 5, "A"), (0, 5, "A")], [(0, 5, "A")])
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)
    r = span_prf([(0, 5, "A"), (0, 5, "A")], [(0, 5, "A")], match="overlap")
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)


def test_empty_spans_match_only_identical_ones():
    assert span_prf([(3, 3, "A")], [(3, 3, "A")], match="overlap")["tp"] == 1
    assert span_prf([(0, 5, "A")], [(3, 3, "A")], match="overlap")["tp"] == 0


def test_empty_inputs():
    r = span_prf([], [])
    assert (r["tp"], r["fp"], r["fn"]) == (0, 0, 0)
    assert math.isnan(r["precision"]) and math.isnan(r["recall"]) and math.isnan(r["f1"])
    r = span_prf([(0, 1, "A")], [], match="overlap")
    assert math.isnan(r["precision"]) and r["recall"] == 0.0 and r["f1"] == 0.0
    r = span_prf([], [(0, 1, "A")])
    assert r["precision"] == 0.0 and math.isnan(r["recall"]) and r["f1"] == 0.0


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from("AB")), max_size=10).map(
    lambda xs: [(s, s + n, lab) for s, n, lab in xs]
)


@given(spans, spans, st.sampled_from(["exact", "overlap"]), st.randoms())
@settings(deadline=None, database=None)
def test_counts_consistent_and_order_invariant(ref, cand, mode, rnd):
    r = span_prf(ref, cand, match=mode)
    assert r["tp"] + r["fp"] == len(cand) and r["tp"] + r["fn"] == len(ref)
    if ref and cand and r["tp"]:
        p, q = r["precision"], r["recall"]
        assert r["f1"] == pytest.approx(2 * p * q / (p + q))
    rnd.shuffle(ref)
    rnd.shuffle(cand)
    shuffled = span_prf(ref, cand, match=mode)
    for key, v in r.items():
        assert shuffled[key] == v or (math.isnan(v) and math.isnan(shuffled[key]))


@given(spans, spans)
@settings(deadline=None, database=None)
def test_exact_swaps_precision_and_recall(ref, cand):
    a, b = span_prf(ref, cand), span_prf(cand, ref)
    assert a["tp"] == b["tp"]
    assert (a["precision"] == b["recall"]) or (math.isnan(a["precision"]) and math.isnan(b["recall"]))


@given(spans)
@settings(deadline=None, database=None)
def test_identical_sets_are_perfect(ref):
    for mode in ("exact", "overlap"):
        r = span_prf(ref, list(ref), match=mode)
        if ref:
            assert r["precision"] == r["recall"] == r["f1"] == 1.0


@pytest.mark.parametrize(
    "ref, cand, match, message",
    [
        ([], [], "fuzzy", "unknown match mode"),
        ([(5, 3, "A")], [], "exact", "ends before it starts"),
        ([(0, 3)], [], "exact", "tuple"),
        ([(0.5, 3, "A")], [], "exact", "integers"),
        ([], [(0, 3, ["A"])], "overlap", "unhashable"),
    ],
)
def test_invalid_input(ref, cand, match, message):
    with pytest.raises(ValueError, match=message):
        span_prf(ref, cand, match=match)


def test_overlap_f1_is_symmetric_in_the_coders():
    import random as _random
    for seed in range(400):
        rng = _random.Random(seed)
        a = [(s, s + rng.randint(1, 6), rng.choice("XY")) for s in (rng.randint(0, 20) for _ in range(rng.randint(0, 7)))]
        b = [(s, s + rng.randint(1, 6), rng.choice("XY")) for s in (rng.randint(0, 20) for _ in range(rng.randint(0, 7)))]
        for mode in ("exact", "overlap"):
            ab, ba = span_prf(a, b, mode), span_prf(b, a, mode)
            assert ab["tp"] == ba["tp"]
            assert ab["f1"] == ba["f1"] or (ab["f1"] != ab["f1"] and ba["f1"] != ba["f1"])
