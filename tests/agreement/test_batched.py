"""The batched span measures (annotator/agreement/batched.py) against the per-document functions
they replace in the report, on random data: the values must be the same, not just close."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest

from annotator.agreement import unitizing_alpha, unitizing_alpha_pooled
from annotator.agreement.batched import Unitizing, exact_matches, merge_overlapping, overlap_matches
from annotator.agreement.report.data import _merged
from annotator.agreement.spans import _overlap_matches

LABELS = ["A", "B", "C"]


def same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or x == y


def random_spans(rng: random.Random, length: int, n: int, *, overlapping: bool, zero_length: bool = False):
    out = []
    for _ in range(n):
        start = rng.randrange(max(1, length))
        size = rng.choice([0, 1, 1, 2, 3, 5, 8, 13]) if zero_length else rng.choice([1, 1, 2, 3, 5, 8, 13, 40])
        end = min(length, start + size)
        if end > start or zero_length:
            out.append((start, end, rng.choice(LABELS)))
    if not overlapping:
        out = _merged(out)
    return out


def random_documents(rng, n_docs, coders):
    docs = []
    for _ in range(n_docs):
        length = rng.choice([0, 1, 2, 5, 30, 200, 1000]) if rng.random() < 0.3 else rng.randint(1, 400)
        spans = {c: (random_spans(rng, length, rng.randint(0, 25), overlapping=False) if length else [])
                 for c in coders}
        if rng.random() < 0.1:  # a coder who marked nothing here
            spans[rng.choice(coders)] = []
        if length and rng.random() < 0.1:  # everyone covers the whole document with one span
            spans = {c: [(0, length, "A")] for c in coders}
        docs.append((length, spans))
    return docs


def test_merge_overlapping_is_the_reports_merge_rule():
    rng = random.Random(1)
    for _ in range(200):
        spans = random_spans(rng, 60, rng.randint(0, 30), overlapping=True)
        group = [LABELS.index(lab) for _s, _e, lab in spans]
        g, s, e = merge_overlapping(group, [sp[0] for sp in spans], [sp[1] for sp in spans])
        got = sorted((int(a), int(b), LABELS[int(x)]) for x, a, b in zip(g, s, e))
        assert got == sorted(_merged(spans))


@pytest.mark.parametrize("seed", range(12))
def test_unitizing_alpha_per_document_and_pooled_are_exactly_the_functions(seed):
    rng = random.Random(seed)
    coders = ["x", "y", "z"][: rng.choice([2, 3, 3])]
    docs = random_documents(rng, rng.randint(1, 40), coders)
    acc = Unitizing(len(coders), LABELS)
    at = 0
    while at < len(docs):  # batches of random sizes, as the report streams them
        batch = docs[at:at + rng.randint(1, 9)]
        rows = [(d, c, LABELS.index(lab), s, e) for d, (_length, spans) in enumerate(batch)
                for c, coder in enumerate(coders) for s, e, lab in spans[coder]]
        cols = [np.array([r[i] for r in rows], dtype=np.int64) for i in range(5)] if rows else \
            [np.empty(0, np.int64)] * 5
        acc.add([length for length, _ in batch], *cols)
        at += len(batch)
    alpha, by_label = acc.per_document()
    for d, (length, spans) in enumerate(docs):
        flat = [(c, s, e, lab) for c in coders for s, e, lab in spans[c]]
        if not flat:
            assert math.isnan(alpha[d]) and all(math.isnan(by_label[lab][d]) for lab in LABELS)
            continue
        want = unitizing_alpha(flat, coders, length, labels=LABELS)
        assert same(alpha[d], want["alpha"]), (d, alpha[d], want["alpha"])
        for lab in LABELS:
            assert same(by_label[lab][d], want["labels"][lab]["alpha"])
    pooled = acc.pooled()
    want = unitizing_alpha_pooled([([(c, s, e, lab) for c in coders for s, e, lab in spans[c]], length)
                                   for length, spans in docs], coders, labels=LABELS)
    assert same(pooled["alpha"], want["alpha"]), (pooled, want)
    for lab in LABELS:
        for key in ("alpha", "D_O", "D_E"):
            assert same(pooled["labels"][lab][key], want["labels"][lab][key]), (lab, key)


@pytest.mark.parametrize("seed", range(20))
def test_span_matches_are_those_of_span_prf(seed):
    rng = random.Random(100 + seed)
    n_groups = rng.randint(1, 30)
    ref, cand = [], []
    for g in range(n_groups):
        length = rng.choice([5, 20, 100, 400])
        dense = rng.random() < 0.5  # crowded groups: many overlapping candidates per span
        for side in (ref, cand):
            spans = random_spans(rng, length, rng.randint(0, 40 if dense else 8), overlapping=True,
                                 zero_length=rng.random() < 0.2)
            if side is cand and ref and rng.random() < 0.5:  # copies and duplicates of reference spans
                spans += [(s, e, lab) for gg, s, e, lab in ref if gg == g and rng.random() < 0.5]
            side.extend((g, s, e, lab) for s, e, lab in spans)
    groups = {lab: i for i, lab in enumerate(LABELS)}

    def columns(spans):
        return [np.array([g * len(LABELS) + groups[lab] for g, _s, _e, lab in spans], dtype=np.int64),
                np.array([s for _g, s, _e, _l in spans], dtype=np.int64),
                np.array([e for _g, _s, e, _l in spans], dtype=np.int64)]

    total = n_groups * len(LABELS)
    exact = exact_matches(*columns(ref), *columns(cand), total)
    overlap = overlap_matches(*columns(ref), *columns(cand), total)
    for g in range(n_groups):
        for lab in LABELS:
            r = [(s, e) for gg, s, e, lb in ref if gg == g and lb == lab]
            c = [(s, e) for gg, s, e, lb in cand if gg == g and lb == lab]
            key = g * len(LABELS) + groups[lab]
            assert exact[key] == sum((Counter(r) & Counter(c)).values())
            assert overlap[key] == (_overlap_matches(r, c) if r and c else 0), (g, lab, r, c)


def test_long_chains_of_matches_finish_one_pair_at_a_time():
    # a staircase where each candidate overlaps the next reference a little more: many rounds
    ref = [(i * 10, i * 10 + 10 + i) for i in range(300)]
    cand = [(i * 10 + 5, i * 10 + 16 + i) for i in range(300)]
    g = np.zeros(300, dtype=np.int64)
    got = overlap_matches(g, *np.array(ref).T, g, *np.array(cand).T, 1)
    assert got[0] == _overlap_matches(ref, cand)
