"""Relation agreement: F1 between two coders over relations whose both ends match.

A relation is ``(head, child, label)`` between two spans of the same coder. The two coders' spans
are matched one to one first (``span_matching``, ``exact`` or ``overlap``, the rules of span F1);
a relation of the reference coder counts as agreed when the candidate coder has a relation of the
same label from the span matched to its head to the span matched to its child (direction counts;
each relation is matched at most once). Precision, recall and F1 as in ``span_prf``; F1 is
symmetric. This is the usual evaluation of relation extraction (a relation is correct when its
type and both arguments are: Uzuner et al. 2011, the 2010 i2b2/VA relations task) used as an
agreement measure: F1 between coders is positive specific agreement (Hripcsak & Rothschild 2005),
the measure of choice when there are no countable negatives (docs/agreement.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from .matching import check_mode, span_matching

__all__ = ["relation_prf", "prf"]

NAN = float("nan")


def prf(tp: int, n_reference: int, n_candidate: int) -> dict[str, Any]:
    """``span_prf``'s result from the counts."""
    fp, fn = n_candidate - tp, n_reference - tp
    return {"precision": tp / n_candidate if n_candidate else NAN, "recall": tp / n_reference if n_reference else NAN,
            "f1": 2 * tp / (n_reference + n_candidate) if n_reference + n_candidate else NAN,
            "tp": tp, "fp": fp, "fn": fn}


def _spans(spans: Mapping | Iterable, name: str) -> tuple[list, list]:
    """(ids, spans) in a fixed order: a mapping id -> (start, end, label), or a sequence (ids = indices)."""
    if isinstance(spans, Mapping):
        items = list(spans.items())
    else:
        items = list(enumerate(spans))
    return [k for k, _ in items], [v for _, v in items]


def _relations(relations: Iterable, ids: set, name: str) -> list[tuple]:
    out = []
    for rel in relations:
        try:
            head, child, label = rel
        except (TypeError, ValueError):
            raise ValueError(f"each {name} relation must be a (head, child, label) tuple, got {rel!r}") from None
        for end in (head, child):
            try:
                known = end in ids
            except TypeError:
                known = False
            if not known:
                raise ValueError(f"{name} relation {rel!r}: no {name} span id {end!r}")
        out.append((head, child, label))
    return out


def relation_counts(reference_spans, reference_relations, candidate_spans, candidate_relations,
                    match: str = "exact") -> tuple[int, int, int]:
    """(agreed relations, reference relations, candidate relations)."""
    check_mode(match)
    ref_ids, ref = _spans(reference_spans, "reference")
    cand_ids, cand = _spans(candidate_spans, "candidate")
    ref_rel = _relations(reference_relations, set(ref_ids), "reference")
    cand_rel = _relations(candidate_relations, set(cand_ids), "candidate")
    to_cand = {ref_ids[i]: cand_ids[j] for i, j in span_matching(ref, cand, match)}
    mapped = Counter((to_cand[h], to_cand[c], lab) for h, c, lab in ref_rel if h in to_cand and c in to_cand)
    agreed = sum((mapped & Counter(cand_rel)).values())
    return agreed, len(ref_rel), len(cand_rel)


def relation_prf(reference_spans, reference_relations, candidate_spans, candidate_relations,
                 match: str = "exact") -> dict[str, Any]:
    """Precision, recall and F1 of the candidate coder's relations against the reference coder's.

    ``*_spans``: ``{id: (start, end, label)}`` (or a sequence, ids = positions); ``*_relations``:
    ``(head id, child id, label)``. A relation to an unknown span id raises ``ValueError``.
    Returns ``{"precision", "recall", "f1", "tp", "fp", "fn"}``; 0/0 is ``nan``.
    """
    return prf(*relation_counts(reference_spans, reference_relations, candidate_spans, candidate_relations, match))
