import pytest

from annotator.core.adjudication import Candidate, candidates, parse_strategy, propose, threshold


def keys(cands):
    return [(c.start, c.end, c.label) for c in cands]


THREE = {
    "a": [(0, 5, "entity"), (10, 20, "claim"), (30, 35, "figure")],
    "b": [(0, 5, "entity"), (10, 18, "claim"), (30, 35, "figure")],
    "c": [(0, 5, "entity"), (10, 18, "claim"), (40, 44, "entity")],
}


def test_candidates_count_identical_spans():
    cands = candidates(THREE)
    assert Candidate(0, 5, "entity", frozenset("abc")) in cands
    assert Candidate(10, 18, "claim", frozenset("bc")) in cands


def test_majority_takes_spans_most_coders_made_identically():
    p = propose(THREE, "majority")
    assert keys(p.accepted) == [(0, 5, "entity"), (10, 18, "claim"), (30, 35, "figure")]
    assert keys(p.open) == [(10, 20, "claim"), (40, 44, "entity")]
    assert p.ties == []


def test_unanimous():
    p = propose(THREE, "unanimous")
    assert keys(p.accepted) == [(0, 5, "entity")]


def test_min_agree_one_keeps_competitors_apart_by_votes():
    p = propose(THREE, "majority", min_agree=1)
    # (10,18) has two votes against (10,20)'s one: it wins; the lone (40,44) has no rival
    assert keys(p.accepted) == [(0, 5, "entity"), (10, 18, "claim"), (30, 35, "figure"), (40, 44, "entity")]
    assert keys(p.open) == [(10, 20, "claim")]


def test_tie_is_left_open():
    coders = {"a": [(0, 4, "entity")], "b": [(0, 6, "entity")], "c": [], "d": [(0, 4, "entity")], "e": [(0, 6, "entity")]}
    p = propose(coders, "majority", min_agree=2)
    assert p.accepted == [] and keys(p.ties) == [(0, 4, "entity"), (0, 6, "entity")]


def test_same_range_different_labels_compete():
    coders = {"a": [(0, 4, "entity")], "b": [(0, 4, "claim")]}
    p = propose(coders, "majority", min_agree=1)
    assert p.accepted == [] and len(p.ties) == 2


def test_nested_spans_with_different_labels_do_not_compete():
    coders = {"a": [(0, 20, "entity"), (5, 9, "figure")], "b": [(0, 20, "entity"), (5, 9, "figure")]}
    assert keys(propose(coders).accepted) == [(0, 20, "entity"), (5, 9, "figure")]


def test_prefer_breaks_ties_and_fills_disagreements():
    coders = {"a": [(0, 4, "entity"), (10, 15, "claim")], "b": [(0, 6, "entity")]}
    p = propose(coders, "prefer:a")
    assert keys(p.accepted) == [(0, 4, "entity"), (10, 15, "claim")]
    assert keys(p.open) == [(0, 6, "entity")]
    with pytest.raises(ValueError, match="not one of the compared coders"):
        propose(coders, "prefer:zed")


def test_existing_gold_makes_it_idempotent_and_is_never_overridden():
    first = propose(THREE)
    again = propose(THREE, existing_gold=keys(first.accepted))
    assert again.accepted == []
    # hand-made gold (10, 19) competes with the coders' claim: the coders' versions stay open
    hand = propose(THREE, existing_gold=[(10, 19, "claim")])
    assert (10, 18, "claim") not in keys(hand.accepted)


def test_order_of_coders_does_not_matter():
    reversed_ = dict(reversed(list(THREE.items())))
    assert keys(propose(THREE).accepted) == keys(propose(reversed_).accepted)


def test_bad_arguments():
    with pytest.raises(ValueError):
        parse_strategy("random")
    with pytest.raises(ValueError):
        threshold("majority", 3, 5)
    with pytest.raises(ValueError):
        threshold("unanimous", 3, 2)
    assert threshold("majority", 4, None) == 3 and threshold("majority", 3, None) == 2
