"""Precision, recall and F1 of candidate spans against reference spans."""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np

__all__ = ["MATCH_MODES", "span_prf"]

MATCH_MODES = ("exact", "overlap")

NAN = float("nan")


def _checked(spans: Iterable[Any], name: str) -> list[tuple[int, int, Hashable]]:
    out = []
    for span in spans:
        try:
            start, end, label = span
        except (TypeError, ValueError):
            raise ValueError(f"each {name} span must be a (start, end, label) tuple, got {span!r}") from None
        try:
            if isinstance(start, bool) or isinstance(end, bool):
                raise TypeError
            start, end = operator.index(start), operator.index(end)
        except TypeError:
            raise ValueError(f"{name} span {span!r}: start and end must be integers") from None
        if end < start:
            raise ValueError(f"{name} span {span!r} ends before it starts")
        try:
            hash(label)
        except TypeError:
            raise ValueError(f"{name} span {span!r} has an unhashable label") from None
        out.append((start, end, label))
    return out


def _overlap_matches(refs: list[tuple[int, int]], cands: list[tuple[int, int]]) -> int:
    """One-to-one greedy matching of same-label spans by largest overlap.

    Candidate pairs are those whose ranges share at least one position
    (identical spans, including empty ones, also count).  Pairs are taken in
    order of decreasing overlap length, then increasing boundary mismatch
    |start difference| + |end difference|, then by position; a pair is
    accepted if neither span is matched yet.  The order depends only on the
    spans themselves, so the result is invariant to input order.
    """
    r = np.array(sorted(refs), dtype=np.int64).reshape(-1, 2)
    c = np.array(sorted(cands), dtype=np.int64).reshape(-1, 2)
    ri_all, ci_all = [], []
    max_len = int((r[:, 1] - r[:, 0]).max())
    chunk = max(1, 2_000_000 // max(1, len(r)))
    for lo_c in range(0, len(c), chunk):
        cs, ce = c[lo_c:lo_c + chunk, 0], c[lo_c:lo_c + chunk, 1]
        lo = int(np.searchsorted(r[:, 0], cs.min() - max_len, side="left"))
        hi = int(np.searchsorted(r[:, 0], ce.max(), side="right"))
        rs, re_ = r[lo:hi, 0], r[lo:hi, 1]
        overlap = np.minimum(re_[:, None], ce[None, :]) - np.maximum(rs[:, None], cs[None, :])
        identical = (rs[:, None] == cs[None, :]) & (re_[:, None] == ce[None, :])
        ri, ci = np.nonzero((overlap > 0) | identical)
        ri_all.append(ri + lo)
        ci_all.append(ci + lo_c)
    ri = np.concatenate(ri_all)
    ci = np.concatenate(ci_all)
    if ri.size == 0:
        return 0
    overlap = np.minimum(r[ri, 1], c[ci, 1]) - np.maximum(r[ri, 0], c[ci, 0])
    mismatch = np.abs(r[ri, 0] - c[ci, 0]) + np.abs(r[ri, 1] - c[ci, 1])
    order = np.lexsort((ci, ri, mismatch, -overlap))
    ref_used = np.zeros(len(r), dtype=bool)
    cand_used = np.zeros(len(c), dtype=bool)
    matched = 0
    for k in order.tolist():
        a, b = ri[k], ci[k]
        if not ref_used[a] and not cand_used[b]:
            ref_used[a] = cand_used[b] = True
            matched += 1
    return matched


def span_prf(reference: Iterable[Any], candidate: Iterable[Any], match: str = "exact") -> dict[str, Any]:
    """Precision, recall and F1 of ``candidate`` spans against ``reference``.

    Spans are ``(start, end, label)`` with integer offsets, ``end`` exclusive.
    ``match="exact"``: same start, end and label.  ``match="overlap"``: same
    label and overlapping ranges, matched one-to-one (greedy by largest
    overlap, see ``docs/agreement.md``).  Duplicate spans are counted as many
    times as they occur and each can be matched once.

    Returns ``{"precision", "recall", "f1", "tp", "fp", "fn"}`` with
    ``precision = tp/(tp+fp)``, ``recall = tp/(tp+fn)``,
    ``f1 = 2tp/(2tp+fp+fn)``.  A ratio whose denominator is 0 is ``nan``:
    precision without candidate spans, recall without reference spans, and all
    three when both are empty.
    """
    if match not in MATCH_MODES:
        raise ValueError(f"unknown match mode {match!r}; expected one of {', '.join(MATCH_MODES)}")
    ref = _checked(reference, "reference")
    cand = _checked(candidate, "candidate")
    if match == "exact":
        tp = sum((Counter(ref) & Counter(cand)).values())
    else:
        by_label_ref: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
        by_label_cand: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
        for s, e, lab in ref:
            by_label_ref[lab].append((s, e))
        for s, e, lab in cand:
            by_label_cand[lab].append((s, e))
        tp = sum(
            _overlap_matches(by_label_ref[lab], spans)
            for lab, spans in by_label_cand.items()
            if lab in by_label_ref
        )
    fp = len(cand) - tp
    fn = len(ref) - tp
    return {
        "precision": tp / (tp + fp) if tp + fp else NAN,
        "recall": tp / (tp + fn) if tp + fn else NAN,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else NAN,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }
