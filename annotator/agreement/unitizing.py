"""Krippendorff's unitizing alpha (alpha_U) for spans on a continuum.

Implements the per-category observed and expected disagreement of
Krippendorff (2004, *Content Analysis*, 2nd ed., sec. 12.4, pp. 251-256), the
formulation also implemented by DKPro Statistics'
``KrippendorffAlphaUnitizingAgreement`` (used by INCEpTION):

* Each label ``c`` is a separate unitizing task: for every coder the
  continuum is partitioned into that coder's units of ``c`` and the gaps
  between them ("non-units").
* Overall ``alpha_U = 1 - sum_c D_O(c) / sum_c D_E(c)`` (identical to
  DKPro's ratio of the category means of D_O and D_E).

The observed disagreement is computed by merging the segment boundaries of
each pair of coders (every overlapping pair of segments meets in exactly one
elementary interval), so the cost is O(number of segment boundaries), never
O(length^2).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np

from ._unitizing_input import as_int, check_coders, parse_spans

__all__ = ["unitizing_alpha", "unitizing_alpha_pooled", "unitizing_disagreement"]

NAN = float("nan")


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based; faster than np.unique's hashing here, and on a few sorted
    runs laid end to end the stable sort (timsort) is a linear merge: 30x np.unique at 10^4 values)."""
    values = np.sort(values, kind="stable")
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _segments(starts: np.ndarray, ends: np.ndarray, begin: int, end: int):
    """Partition [begin, end) into one coder's units and gaps.

    Returns (boundaries, is_unit): segment ``s`` is
    ``[boundaries[s], boundaries[s+1])``.  Abutting units stay separate units;
    zero-length gaps do not exist.
    """
    boundaries = _sorted_unique(np.concatenate((np.array([begin, end], dtype=np.int64), starts, ends)))
    is_unit = np.zeros(len(boundaries) - 1, dtype=bool)
    is_unit[np.searchsorted(boundaries, starts)] = True
    return boundaries, is_unit


def _pair_distance_sum(seg_a, seg_b) -> float:
    """Sum of Krippendorff's delta^2 over all overlapping segment pairs."""
    bounds_a, unit_a = seg_a
    bounds_b, unit_b = seg_b
    points = _sorted_unique(np.concatenate((bounds_a, bounds_b)))[:-1]  # left ends of elementary intervals
    ia = np.searchsorted(bounds_a, points, side="right") - 1
    ib = np.searchsorted(bounds_b, points, side="right") - 1
    ua, ub = unit_a[ia], unit_b[ib]
    interesting = ua | ub  # gap-gap pairs have distance 0
    ia, ib, ua, ub = ia[interesting], ib[interesting], ua[interesting], ub[interesting]
    sa = bounds_a[ia].astype(np.float64)
    ea = bounds_a[ia + 1].astype(np.float64)
    sb = bounds_b[ib].astype(np.float64)
    eb = bounds_b[ib + 1].astype(np.float64)
    total = 0.0
    both = ua & ub  # two overlapping units: squared differences of both ends
    if both.any():
        total += float(np.sum((sa[both] - sb[both]) ** 2 + (ea[both] - eb[both]) ** 2))
    a_in_gap = ua & ~ub & (sb <= sa) & (ea <= eb)  # unit of a entirely inside a gap of b
    if a_in_gap.any():
        total += float(np.sum((ea[a_in_gap] - sa[a_in_gap]) ** 2))
    b_in_gap = ub & ~ua & (sa <= sb) & (eb <= ea)
    if b_in_gap.any():
        total += float(np.sum((eb[b_in_gap] - sb[b_in_gap]) ** 2))
    return total


def _expected_numerator(unit_lengths: np.ndarray, gap_lengths: np.ndarray) -> float:
    """sum_units [ (N_c - 1)(2l^3 - 3l^2 + l)/3 + l^2 * sum_{gaps G >= l} (G - l + 1) ]."""
    lengths = unit_lengths.astype(np.float64)
    n_units = len(lengths)
    gaps = np.sort(gap_lengths).astype(np.float64)
    suffix = np.concatenate((np.cumsum(gaps[::-1])[::-1], [0.0]))
    first = np.searchsorted(gaps, lengths, side="left")
    fitting_gaps = len(gaps) - first
    placements = suffix[first] - (lengths - 1.0) * fitting_gaps
    within = (n_units - 1.0) * lengths * (lengths - 1.0) * (2.0 * lengths - 1.0) / 3.0
    return float(np.sum(within + lengths**2 * placements))


def _label_disagreement(coder_codes, starts, ends, n_coders, begin, end, label, coder_names):
    """(observed sum, expected numerator, expected denominator) for one label."""
    length = end - begin
    keep = ends > starts  # zero-length spans cover no part of the continuum
    coder_codes, starts, ends = coder_codes[keep], starts[keep], ends[keep]
    order = np.lexsort((ends, starts, coder_codes))
    coder_codes, starts, ends = coder_codes[order], starts[order], ends[order]
    same = coder_codes[1:] == coder_codes[:-1]
    clash = np.flatnonzero(same & (starts[1:] < ends[:-1]))
    if clash.size:
        k = clash[0]
        raise ValueError(
            f"coder {coder_names[coder_codes[k]]!r} has overlapping spans for label {label!r}: "
            f"[{starts[k]}, {ends[k]}) and [{starts[k + 1]}, {ends[k + 1]}); alpha_U needs "
            "non-overlapping units per coder and label (merge or drop them first)"
        )
    per_coder = np.searchsorted(coder_codes, np.arange(n_coders + 1))
    segmentations, gap_lengths = [], []
    for c in range(n_coders):
        s, e = starts[per_coder[c]:per_coder[c + 1]], ends[per_coder[c]:per_coder[c + 1]]
        bounds, is_unit = _segments(s, e, begin, end)
        segmentations.append((bounds, is_unit))
        gap_lengths.append(np.diff(bounds)[~is_unit])
    observed = 0.0
    for i in range(n_coders):
        for j in range(i + 1, n_coders):
            observed += _pair_distance_sum(segmentations[i], segmentations[j])
    expected_num = 2.0 / length * _expected_numerator(ends - starts, np.concatenate(gap_lengths))
    unit_len = (ends - starts).astype(np.float64)
    total = float(n_coders * length)
    expected_den = total * (total - 1.0) - float(np.sum(unit_len * (unit_len - 1.0)))
    return observed, expected_num, expected_den


def _disagreement(coder_arr, start_arr, end_arr, span_labels, coder_names, begin, length, labels):
    try:
        wanted = list(dict.fromkeys(span_labels if labels is None else labels))
        label_code = {label: i for i, label in enumerate(wanted)}
        codes = np.fromiter((label_code.get(lab, -1) for lab in span_labels), dtype=np.int64,
                            count=len(span_labels))
    except TypeError:
        raise ValueError("span labels must be hashable") from None
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(wanted) + 1))
    m = len(coder_names)
    end = begin + length
    result: dict[Hashable, dict[str, float]] = {}
    for i, label in enumerate(wanted):
        sel = order[bounds[i]:bounds[i + 1]]
        n_units = int(np.count_nonzero(end_arr[sel] > start_arr[sel]))
        if m < 2 or length == 0:
            result[label] = {"D_O": NAN, "D_E": NAN, "observed_sum": NAN, "expected_numerator": NAN,
                             "expected_denominator": NAN, "units": n_units}
            continue
        obs, e_num, e_den = _label_disagreement(
            coder_arr[sel], start_arr[sel], end_arr[sel], m, begin, end, label, coder_names
        )
        result[label] = {
            "D_O": 2.0 * obs / (m * (m - 1) * float(length) ** 2),
            "D_E": e_num / e_den,
            "observed_sum": obs,
            "expected_numerator": e_num,
            "expected_denominator": e_den,
            "units": n_units,
        }
    return result


def unitizing_disagreement(
    spans: Iterable[tuple[Hashable, int, int, Hashable]],
    coders: Sequence[Hashable],
    length: int,
    begin: int = 0,
    labels: Iterable[Hashable] | None = None,
) -> dict[Hashable, dict[str, float]]:
    """Per-label disagreement components of alpha_U (the lower-level function).

    Returns ``{label: {"D_O", "D_E", "observed_sum", "expected_numerator",
    "expected_denominator", "units"}}`` where
    ``D_O = 2 * observed_sum / (m (m-1) L^2)`` and
    ``D_E = expected_numerator / expected_denominator`` (see docs/agreement.md).
    Labels default to the labels used in ``spans`` (first-seen order); a label
    listed in ``labels`` but never used gets ``D_O = D_E = 0``.  Spans whose
    label is not in ``labels`` are ignored.  With fewer than two coders or
    ``length == 0`` the values are ``nan``.
    """
    length = as_int(length, "length")
    begin = as_int(begin, "begin")
    if length < 0:
        raise ValueError(f"length must be >= 0, got {length}")
    coder_index = check_coders(coders)
    parsed = parse_spans(spans, coder_index, begin, begin + length)
    return _disagreement(*parsed, list(coder_index), begin, length, labels)


def _alpha(d_o: float, d_e: float) -> float:
    if not d_e > 0.0:  # 0 or nan: nothing to be expected, alpha undefined
        return NAN
    return 1.0 - d_o / d_e


def _summarise(per_label: dict[Hashable, dict[str, float]]) -> dict[str, Any]:
    labels = {
        label: {"alpha": _alpha(v["D_O"], v["D_E"]), "D_O": v["D_O"], "D_E": v["D_E"]}
        for label, v in per_label.items()
    }
    sum_o = sum(v["D_O"] for v in per_label.values())
    sum_e = sum(v["D_E"] for v in per_label.values())
    return {"alpha": _alpha(sum_o, sum_e), "labels": labels}


def unitizing_alpha(
    spans: Iterable[tuple[Hashable, int, int, Hashable]],
    coders: Sequence[Hashable],
    length: int,
    begin: int = 0,
    labels: Iterable[Hashable] | None = None,
) -> dict[str, Any]:
    """Krippendorff's (2004) unitizing alpha alpha_U for one continuum.

    ``spans`` are ``(coder, start, end, label)`` with ``end`` exclusive on the
    continuum ``[begin, begin + length)``; ``coders`` lists every coder,
    including coders who made no spans (they count as having marked nothing).
    Integer positions (characters or tokens) are required.

    Returns ``{"alpha": overall, "labels": {label: {"alpha", "D_O", "D_E"}}}``
    with overall ``alpha = 1 - sum_c D_O(c) / sum_c D_E(c)``.  ``nan`` where
    undefined (no units at all, fewer than two coders, empty continuum, or
    expected disagreement 0).  Spans of one coder with the same label must not
    overlap (ValueError); zero-length spans are ignored.
    """
    return _summarise(unitizing_disagreement(spans, coders, length, begin, labels))


def unitizing_alpha_pooled(
    documents: Iterable[tuple],
    coders: Sequence[Hashable],
    labels: Iterable[Hashable] | None = None,
) -> dict[str, Any]:
    """alpha_U over several documents pooled by concatenation.

    ``documents`` is an iterable of ``(spans, length)`` or
    ``(spans, length, begin)`` (same span format as ``unitizing_alpha``).  The
    documents are laid end to end on one continuum (document ``d`` is shifted
    so that it starts where document ``d-1`` ends) and alpha_U is computed on
    that single continuum - exactly what DKPro gives for the concatenated
    study.  Consequence (documented in docs/agreement.md): the non-unit
    stretch at the end of one document and at the start of the next form one
    gap.  Every coder in ``coders`` is taken to have annotated every document.
    """
    coder_index = check_coders(coders)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    pooled_labels: list[Hashable] = []
    offset = 0
    for d, doc in enumerate(documents):
        if not isinstance(doc, tuple) or len(doc) not in (2, 3):
            raise ValueError(f"document {d} must be (spans, length) or (spans, length, begin)")
        length = as_int(doc[1], f"length of document {d}")
        begin = as_int(doc[2], f"begin of document {d}") if len(doc) == 3 else 0
        if length < 0:
            raise ValueError(f"length of document {d} must be >= 0, got {length}")
        cc, ss, ee, ll = parse_spans(doc[0], coder_index, begin, begin + length, f" (document {d})")
        shift = offset - begin
        parts.append((cc, ss + shift, ee + shift))
        pooled_labels.extend(ll)
        offset += length
    if parts:
        arrays = [np.concatenate(column) for column in zip(*parts)]
    else:
        arrays = [np.empty(0, dtype=np.int64)] * 3
    return _summarise(_disagreement(*arrays, pooled_labels, list(coder_index), 0, offset, labels))
