"""Span measures for many documents at once, in NumPy, with the same values as the per-document
functions (``unitizing_alpha``, ``span_prf``) they replace in the report.

The report computes unitizing alpha and span F1 for every document, label and pair of coders. Calling
the per-document functions costs Python overhead per (document, label, pair), which at 10,000
documents dominated the whole report; here one call handles a batch of documents laid end to end on
one continuum, with the document boundaries as extra segment boundaries, and per-document sums are
``np.bincount`` over the elementary intervals. Every sum is of integers (squared lengths, counts), so
as long as a document's sums stay below 2**53 the values are bit for bit those of the per-document
functions (tests/agreement/test_batched.py checks this on random data).

Spans are given as parallel arrays: ``doc`` (index of the document in the batch), ``coder``,
``label`` (integer codes) and ``start``/``end`` (positions within the document, end exclusive).
"""

from __future__ import annotations

import numpy as np

from annotator.agreement.unitizing import _expected_numerator, _sorted_unique, _summarise

NAN = float("nan")
MAX_ROUNDS = 64  # rounds of locally dominant matching before the rest is matched one pair at a time


# -- merging one coder's overlapping spans of a label (alpha_U's units) --------------------------
def merge_overlapping(group: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Merge spans of the same ``group`` that overlap (start before the running end), keeping abutting
    spans apart: the rule of ``report.data._merged``. Returns (group, start, end) of the merged spans,
    sorted by group then start."""
    group, start, end = (np.asarray(a, dtype=np.int64) for a in (group, start, end))
    if not len(group):
        return group, start, end
    order = np.lexsort((end, start, group))
    group, start, end = group[order], start[order], end[order]
    base = int(max(end.max(), start.max())) + 1
    shifted = group * base + end
    running = np.maximum.accumulate(shifted)
    new = np.ones(len(group), dtype=bool)
    new[1:] = (group[1:] != group[:-1]) | (group[1:] * base + start[1:] >= running[:-1])
    first = np.flatnonzero(new)
    return group[first], start[first], np.maximum.reduceat(end, first)


# -- unitizing alpha -----------------------------------------------------------------------------
def _segments(offsets: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """One coder's partition of the batch continuum into units and gaps, cut at every document
    boundary (``offsets``): (boundaries, is_unit)."""
    bounds = _sorted_unique(np.concatenate((offsets, starts, ends)))  # sorted runs: a fast merge sort
    is_unit = np.zeros(len(bounds) - 1, dtype=bool)
    is_unit[np.searchsorted(bounds, starts)] = True
    return bounds, is_unit


def _pair_observed(seg_a, seg_b, offsets: np.ndarray, n_docs: int) -> np.ndarray:
    """Per document, the sum of delta^2 over overlapping segment pairs of two coders (the per-document
    ``unitizing._pair_distance_sum``)."""
    bounds_a, unit_a = seg_a
    bounds_b, unit_b = seg_b
    points = _sorted_unique(np.concatenate((bounds_a, bounds_b)))[:-1]
    ia = np.searchsorted(bounds_a, points, side="right") - 1
    ib = np.searchsorted(bounds_b, points, side="right") - 1
    ua, ub = unit_a[ia], unit_b[ib]
    keep = ua | ub
    points, ia, ib, ua, ub = points[keep], ia[keep], ib[keep], ua[keep], ub[keep]
    sa, ea, sb, eb = bounds_a[ia], bounds_a[ia + 1], bounds_b[ib], bounds_b[ib + 1]
    both = ua & ub
    a_in_gap = ua & ~ub & (sb <= sa) & (ea <= eb)
    b_in_gap = ub & ~ua & (sa <= sb) & (eb <= ea)
    value = np.zeros(len(points), dtype=np.int64)
    value[both] = (sa[both] - sb[both]) ** 2 + (ea[both] - eb[both]) ** 2
    value[a_in_gap] = (ea[a_in_gap] - sa[a_in_gap]) ** 2
    value[b_in_gap] = (eb[b_in_gap] - sb[b_in_gap]) ** 2
    doc = np.searchsorted(offsets, points, side="right") - 1
    return np.bincount(doc, weights=value, minlength=n_docs)[:n_docs]


def _expected_by_document(unit_doc, unit_len, gap_doc, gap_len, n_docs: int) -> np.ndarray:
    """``unitizing._expected_numerator`` of every document at once."""
    n_units = np.bincount(unit_doc, minlength=n_docs)
    if not len(unit_len):
        return np.zeros(n_docs)
    wide = int(max(gap_len.max(initial=0), unit_len.max())) + 1
    keys = gap_doc * wide + gap_len
    order = np.argsort(keys, kind="stable")
    keys, sorted_len = keys[order], gap_len[order]
    cumulative = np.concatenate(([0], np.cumsum(sorted_len)))
    first = np.searchsorted(keys, unit_doc * wide + unit_len, side="left")
    stop = np.searchsorted(keys, (unit_doc + 1) * wide, side="left")
    fitting = (stop - first).astype(np.float64)
    lengths = unit_len.astype(np.float64)
    placements = (cumulative[stop] - cumulative[first]).astype(np.float64) - (lengths - 1.0) * fitting
    n = n_units[unit_doc].astype(np.float64)
    within = (n - 1.0) * lengths * (lengths - 1.0) * (2.0 * lengths - 1.0) / 3.0
    return np.bincount(unit_doc, weights=within + lengths**2 * placements, minlength=n_docs)


class Unitizing:
    """alpha_U per document (each document its own continuum) and pooled (the documents laid end to
    end, as ``unitizing_alpha_pooled``), fed batch by batch in document order.

    ``add(lengths, doc, coder, label, start, end)`` takes one batch: the documents' lengths in units
    and every coder's spans, already merged per (document, coder, label) so that they do not overlap.
    ``per_document()`` and ``pooled()`` give the results."""

    def __init__(self, n_coders: int, labels: list, statistics=None) -> None:
        self.m = n_coders
        self.statistics = statistics  # report.alpha_u_stats.AlphaUStatistics (the bootstrap), or None
        self.labels = list(labels)
        k = len(self.labels)
        self._alpha: list[np.ndarray] = []          # per batch: overall alpha per document
        self._label_alpha: list[np.ndarray] = []    # per batch: labels x documents
        self._observed = np.zeros(k, dtype=np.int64)
        self._units: list[list[list[np.ndarray]]] = [[[] for _ in range(n_coders)] for _ in range(k)]
        self._gaps: list[list[np.ndarray]] = [[] for _ in range(k)]
        self._last_end = np.zeros((k, n_coders), dtype=np.int64)
        self._offset = 0
        self._count = np.zeros(k, dtype=np.int64)

    def add(self, lengths, doc, coder, label, start, end) -> None:
        lengths = np.asarray(lengths, dtype=np.int64)
        n_docs = len(lengths)
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        doc, coder, label, start, end = (np.asarray(a, dtype=np.int64) for a in (doc, coder, label, start, end))
        keep = end > start  # zero-length spans cover nothing
        doc, coder, label, start, end = doc[keep], coder[keep], label[keep], start[keep] + offsets[doc[keep]], \
            end[keep] + offsets[doc[keep]]
        m, k = self.m, len(self.labels)
        d_o = np.full((k, n_docs), NAN)
        d_e = np.full((k, n_docs), NAN)
        has_spans = np.zeros(n_docs, dtype=bool)
        has_spans[doc] = True
        by_label = np.argsort(label, kind="stable")
        cuts = np.searchsorted(label[by_label], np.arange(k + 1))
        length_f = lengths.astype(np.float64)
        observed_sums = np.zeros((k, n_docs))
        for lab in range(k):
            sel = by_label[cuts[lab]:cuts[lab + 1]]
            sel = sel[np.lexsort((end[sel], start[sel], coder[sel]))]
            c_sel, s_sel, e_sel = coder[sel], start[sel], end[sel]
            self._count[lab] += len(sel)
            per_coder = np.searchsorted(c_sel, np.arange(m + 1))
            segments, gap_doc, gap_len = [], [], []
            for c in range(m):
                s, e = s_sel[per_coder[c]:per_coder[c + 1]], e_sel[per_coder[c]:per_coder[c + 1]]
                bounds, is_unit = _segments(offsets, s, e)
                segments.append((bounds, is_unit))
                gaps = ~is_unit
                gap_len.append(np.diff(bounds)[gaps])
                gap_doc.append(np.searchsorted(offsets, bounds[:-1][gaps], side="right") - 1)
                self._pool_gaps(lab, c, s + self._offset, e + self._offset)
                self._units[lab][c].append((e - s).astype(np.int64))
            observed = np.zeros(n_docs)
            for i in range(m):
                for j in range(i + 1, m):
                    observed += _pair_observed(segments[i], segments[j], offsets, n_docs)
            self._observed[lab] += int(observed.sum())
            observed_sums[lab] = observed
            if m < 2:
                continue
            unit_len = e_sel - s_sel
            unit_doc = np.searchsorted(offsets, s_sel, side="right") - 1
            if self.statistics is not None:
                self.statistics.add_label(lab, unit_doc, unit_len, np.concatenate(gap_doc), np.concatenate(gap_len))
            numerator = _expected_by_document(unit_doc, unit_len, np.concatenate(gap_doc), np.concatenate(gap_len),
                                              n_docs)
            total = float(m) * length_f
            ul = unit_len.astype(np.float64)
            den = total * (total - 1.0) - np.bincount(unit_doc, weights=ul * (ul - 1.0), minlength=n_docs)
            with np.errstate(invalid="ignore", divide="ignore"):
                d_o[lab] = 2.0 * observed / (m * (m - 1) * length_f ** 2)
                d_e[lab] = 2.0 / length_f * numerator / den
        self._offset += int(offsets[-1])
        if self.statistics is not None:
            self.statistics.add_batch(lengths, observed_sums)
            self.statistics.end_batch(n_docs)
        with np.errstate(invalid="ignore", divide="ignore"):
            label_alpha = np.where(d_e > 0.0, 1.0 - d_o / d_e, NAN)      # unitizing._alpha, per element
            # the labels' sums as _summarise makes them: Python's sum (compensated since Python 3.12)
            sum_o = np.array([sum(column) for column in d_o.T.tolist()], dtype=np.float64).reshape(n_docs)
            sum_e = np.array([sum(column) for column in d_e.T.tolist()], dtype=np.float64).reshape(n_docs)
            alpha = np.where(sum_e > 0.0, 1.0 - sum_o / sum_e, NAN)
        undefined = ~(has_spans & (lengths > 0)) | (m < 2)
        alpha[undefined] = NAN
        label_alpha[:, undefined] = NAN
        self._alpha.append(alpha)
        self._label_alpha.append(label_alpha)

    def _pool_gaps(self, lab: int, c: int, s: np.ndarray, e: np.ndarray) -> None:
        """The gaps of coder ``c``'s units of label ``lab`` on the pooled continuum (a gap may run from
        one document into the next)."""
        if not len(s):
            return
        previous = np.concatenate(([self._last_end[lab, c]], e[:-1]))
        gaps = s - previous
        self._gaps[lab].append(gaps[gaps > 0])
        self._last_end[lab, c] = e[-1]

    def per_document(self) -> tuple[np.ndarray, dict]:
        """(overall alpha_U per document, {label: alpha_U per document}); nan where undefined."""
        alpha = np.concatenate(self._alpha) if self._alpha else np.empty(0)
        label_alpha = np.concatenate(self._label_alpha, axis=1) if self._label_alpha else \
            np.empty((len(self.labels), 0))
        return alpha, {label: label_alpha[i] for i, label in enumerate(self.labels)}

    def pooled(self) -> dict:
        """``unitizing_alpha_pooled``'s result for the documents added so far."""
        m, length = self.m, self._offset
        per_label = {}
        for lab, label in enumerate(self.labels):
            units = [np.concatenate(parts) if parts else np.empty(0, np.int64) for parts in self._units[lab]]
            unit_len = np.concatenate(units) if units else np.empty(0, np.int64)
            if m < 2 or length == 0:
                per_label[label] = {"D_O": NAN, "D_E": NAN, "observed_sum": NAN, "expected_numerator": NAN,
                                    "expected_denominator": NAN, "units": len(unit_len)}
                continue
            gaps = list(self._gaps[lab])
            for c in range(m):  # the last gap of each coder, and the whole continuum of a coder with no unit
                end = int(self._last_end[lab, c])
                if length > end:
                    gaps.append(np.array([length - end], dtype=np.int64))
            gap_len = np.concatenate(gaps) if gaps else np.empty(0, np.int64)
            observed = float(self._observed[lab])
            e_num = 2.0 / length * _expected_numerator(unit_len, gap_len)
            ul = unit_len.astype(np.float64)
            total = float(m * length)
            e_den = total * (total - 1.0) - float(np.sum(ul * (ul - 1.0)))
            per_label[label] = {"D_O": 2.0 * observed / (m * (m - 1) * float(length) ** 2), "D_E": e_num / e_den,
                                "observed_sum": observed, "expected_numerator": e_num, "expected_denominator": e_den,
                                "units": len(unit_len)}
        return _summarise(per_label)


# -- span matching -------------------------------------------------------------------------------
def exact_matches(group_a, start_a, end_a, group_b, start_b, end_b, n_groups: int) -> np.ndarray:
    """Per group, the size of the multiset intersection of the two sides' (start, end): the true
    positives of ``span_prf(match="exact")`` when a group is one (document, label)."""
    group = np.concatenate((group_a, group_b)).astype(np.int64)
    start = np.concatenate((start_a, start_b)).astype(np.int64)
    end = np.concatenate((end_a, end_b)).astype(np.int64)
    if not len(group):
        return np.zeros(n_groups, dtype=np.int64)
    side = np.zeros(len(group), dtype=np.int64)
    side[len(group_a):] = 1
    order = np.lexsort((end, start, group))
    group, start, end, side = group[order], start[order], end[order], side[order]
    new = np.ones(len(group), dtype=bool)
    new[1:] = (group[1:] != group[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    first = np.flatnonzero(new)
    in_b = np.add.reduceat(side, first)
    in_a = np.diff(np.append(first, len(group))) - in_b
    return np.bincount(group[first], weights=np.minimum(in_a, in_b), minlength=n_groups).astype(np.int64)[:n_groups]


def overlap_matches(group_r, start_r, end_r, group_c, start_c, end_c, n_groups: int) -> np.ndarray:
    """Per group, the number of pairs ``spans._overlap_matches`` matches between the reference spans
    and the candidate spans of that group (one-to-one, greedy by largest overlap, then smallest
    boundary mismatch, then position).

    The greedy matching over a strict total order of the pairs is the same as taking, round after
    round, every pair that comes first both among the remaining pairs of its reference span and among
    those of its candidate span (a locally dominant pair: the greedy run would take it too, since no
    pair before it touches either span), which vectorises; after ``MAX_ROUNDS`` rounds the few pairs
    left are matched one at a time in the greedy order."""
    group_r, start_r, end_r, group_c, start_c, end_c = (np.asarray(a, dtype=np.int64) for a in
                                                        (group_r, start_r, end_r, group_c, start_c, end_c))
    if not len(group_r) or not len(group_c):
        return np.zeros(n_groups, dtype=np.int64)
    # each side sorted by (group, start, end): a span's rank within its group is its index in the
    # sorted list ``_overlap_matches`` builds (ties between identical spans do not matter)
    ro = np.lexsort((end_r, start_r, group_r))
    co = np.lexsort((end_c, start_c, group_c))
    group_r, start_r, end_r = group_r[ro], start_r[ro], end_r[ro]
    group_c, start_c, end_c = group_c[co], start_c[co], end_c[co]
    ri, ci = _overlapping_pairs(group_r, start_r, end_r, group_c, start_c, end_c)
    if not len(ri):
        return np.zeros(n_groups, dtype=np.int64)
    overlap = np.minimum(end_r[ri], end_c[ci]) - np.maximum(start_r[ri], start_c[ci])
    mismatch = np.abs(start_r[ri] - start_c[ci]) + np.abs(end_r[ri] - end_c[ci])
    order = np.lexsort((ci, ri, mismatch, -overlap, group_r[ri]))
    ri, ci = ri[order], ci[order]
    ref_used = np.zeros(len(group_r), dtype=bool)
    cand_used = np.zeros(len(group_c), dtype=bool)
    alive = np.arange(len(ri))
    for _round in range(MAX_ROUNDS):
        if not len(alive):
            break
        r, c = ri[alive], ci[alive]
        # pairs are in greedy order, so the first alive pair of a span is its best remaining one
        first_r = np.zeros(len(alive), dtype=bool)
        _u, at = np.unique(r, return_index=True)
        first_r[at] = True
        first_c = np.zeros(len(alive), dtype=bool)
        _u, at = np.unique(c, return_index=True)
        first_c[at] = True
        take = first_r & first_c
        ref_used[r[take]] = True
        cand_used[c[take]] = True
        alive = alive[~ref_used[r] & ~cand_used[c]]
    for k in alive.tolist():
        a, b = ri[k], ci[k]
        if not ref_used[a] and not cand_used[b]:
            ref_used[a] = cand_used[b] = True
    return np.bincount(group_r[ref_used], minlength=n_groups).astype(np.int64)[:n_groups]


def _overlapping_pairs(group_r, start_r, end_r, group_c, start_c, end_c):
    """Index pairs (reference, candidate) of the same group that share a position, or are identical
    (identical empty spans count, as in ``_overlap_matches``); both sides sorted by (group, start)."""
    max_len = int((end_r - start_r).max())
    wide = int(max(end_r.max(), end_c.max(), start_r.max(), start_c.max())) + max_len + 2
    ref_key = group_r * wide + start_r
    lo = np.searchsorted(ref_key, group_c * wide + np.maximum(start_c - max_len, 0), side="left")
    hi = np.searchsorted(ref_key, group_c * wide + end_c, side="right")
    counts = hi - lo
    ci = np.repeat(np.arange(len(group_c)), counts)
    ri = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)
    overlap = np.minimum(end_r[ri], end_c[ci]) - np.maximum(start_r[ri], start_c[ci])
    identical = (start_r[ri] == start_c[ci]) & (end_r[ri] == end_c[ci])
    keep = (overlap > 0) | identical
    return ri[keep], ci[keep]
