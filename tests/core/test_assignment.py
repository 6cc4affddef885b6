"""Handing out documents: each to k coders, loads balanced, pairs overlapping evenly, seeded."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assignment import plan_assignments


def test_every_document_goes_to_k_distinct_coders_and_loads_differ_by_at_most_one():
    plan = plan_assignments(list(range(1, 31)), ["a", "b", "c", "d"], 2, seed=3)
    assert all(len(set(coders)) == 2 for coders in plan.by_document.values())
    assert sorted(plan.by_document) == list(range(1, 31))
    load = plan.load()
    assert sum(load.values()) == 60 and max(load.values()) - min(load.values()) <= 1
    overlap = plan.overlap()
    assert len(overlap) == 6 and sum(overlap.values()) == 30
    assert max(overlap.values()) - min(overlap.values()) <= 1  # every pair shares 5 documents
    assert plan.queue("a") == [d for d, c in plan.by_document.items() if "a" in c]


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    docs, coders = list(range(50)), ["x", "y", "z"]
    assert plan_assignments(docs, coders, 2, seed=1) == plan_assignments(docs, coders, 2, seed=1)
    assert plan_assignments(docs, coders, 2, seed=1).by_document != plan_assignments(docs, coders, 2, seed=2).by_document


@pytest.mark.parametrize("coders, k, message", [
    (["a", "b"], 3, "between 1 and the number of coders"),
    (["a", "b"], 0, "between 1"),
    ([], 1, "at least one coder"),
    (["a", "a"], 1, "named twice"),
])
def test_bad_plans_are_refused(coders, k, message):
    with pytest.raises(ValueError, match=message):
        plan_assignments([1, 2], coders, k)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 60), st.integers(1, 7), st.data())
def test_balance_holds_for_any_size(n_docs, n_coders, data):
    k = data.draw(st.integers(1, n_coders))
    plan = plan_assignments(list(range(n_docs)), [f"c{i}" for i in range(n_coders)], k, seed=data.draw(st.integers(0, 9)))
    load = plan.load()
    assert sum(load.values()) == n_docs * k
    assert max(load.values()) - min(load.values()) <= 1
