"""The span side of the report: unitizing alpha, span F1 per pair, and the list of disagreements."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from annotator.agreement.report.coded import category_name
from annotator.agreement.report.data import ReportInput, Units
from annotator.agreement.spans import _overlap_matches
from annotator.agreement.unitizing import unitizing_alpha, unitizing_alpha_pooled

NAN = float("nan")
CONTEXT = 40  # characters of context on each side of a listed disagreement


@dataclass
class AlphaU:
    pooled: float
    per_document: np.ndarray
    per_label: dict[str, float]
    per_label_documents: dict[str, np.ndarray]
    any_spans: dict = field(default_factory=dict)  # None (any label) or label -> bool


def unitizing(units: Units, data: ReportInput) -> AlphaU:
    """alpha_U on the unit continuum (characters or tokens), pooled and per document."""
    coders, labels = data.coders, data.labels
    documents = []
    per_document = np.full(len(data.documents), NAN)
    per_label_documents = {label: np.full(len(data.documents), NAN) for label in labels}
    for d in range(len(data.documents)):
        spans = [(c, s, e, lab) for c in coders for s, e, lab in units.spans[d][c]]
        length = int(units.offsets[d + 1] - units.offsets[d])
        documents.append((spans, length))
        if spans:
            result = unitizing_alpha(spans, coders, length, labels=labels)
            per_document[d] = result["alpha"]
            for label in labels:
                per_label_documents[label][d] = result["labels"][label]["alpha"]
    pooled = unitizing_alpha_pooled(documents, coders, labels=labels)
    seen = {lab for spans, _ in documents for *_rest, lab in spans}
    any_spans = {None: bool(seen), **{label: label in seen for label in labels}}
    return AlphaU(pooled["alpha"], per_document, {label: pooled["labels"][label]["alpha"] for label in labels},
                  per_label_documents, any_spans)


class SpanF1:
    """True positives and span counts per mode, pair, document and label."""

    def __init__(self, n_docs: int) -> None:
        self.n_docs = n_docs
        # (mode, pair, label) -> arrays over documents of tp, spans of the first coder, of the second
        self.counts: dict[tuple, np.ndarray] = defaultdict(lambda: np.zeros((3, n_docs), dtype=np.int64))
        self._by_document: dict[tuple, list] = {}  # (mode, pair) -> per document [tp, a, b], once counted

    def _totals(self, mode: str, pair, label: str | None) -> np.ndarray:
        if label is not None:
            return self.counts[(mode, pair, label)]
        out = np.zeros((3, self.n_docs), dtype=np.int64)
        for (m, p, _label), arr in self.counts.items():
            if m == mode and p == pair:
                out += arr
        return out

    def overall(self, mode: str, pair, label: str | None = None) -> dict:
        tp, a, b = self._totals(mode, pair, label)
        total_tp, total_a, total_b = int(tp.sum()), int(a.sum()), int(b.sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            per_doc = np.where(a + b > 0, 2.0 * tp / np.where(a + b > 0, a + b, 1), NAN)
        defined = per_doc[~np.isnan(per_doc)]
        return {
            "pooled": {"precision": total_tp / total_b if total_b else NAN,
                       "recall": total_tp / total_a if total_a else NAN,
                       "f1": 2 * total_tp / (total_a + total_b) if total_a + total_b else NAN,
                       "tp": total_tp, "fp": total_b - total_tp, "fn": total_a - total_tp},
            "mean_of_documents": float(defined.mean()) if len(defined) else NAN,
            "documents": self.n_docs, "documents_undefined": int(self.n_docs - len(defined)),
        }

    def per_document(self, mode: str, pair, label: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per document: true positives, spans of the first coder (reference), of the second (candidate)."""
        tp, a, b = self._totals(mode, pair, label)
        return tp, a, b

    def per_document_f1(self, mode: str, pair) -> np.ndarray:
        """F1 of each document over all labels (nan where neither coder of the pair marked a span)."""
        tp, a, b = self._totals(mode, pair, None)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(a + b > 0, 2.0 * tp / np.where(a + b > 0, a + b, 1), NAN)

    def document(self, mode: str, pair, d: int) -> float:
        key = (mode, pair)
        if key not in self._by_document:  # summed over labels once, not once per document
            self._by_document[key] = self._totals(mode, pair, None).T.tolist()
        tp, a, b = self._by_document[key][d]
        return 2.0 * tp / (a + b) if a + b else NAN


def span_f1(data: ReportInput, pairs) -> SpanF1:
    """Span F1 of each pair (first coder = reference) with exact and overlap matching, per label.

    The true positives are those of ``span_prf`` (its docstring and docs/agreement.md): exact = the
    size of the multiset intersection of (start, end) per label; overlap = ``span_prf``'s own
    one-to-one greedy matching, called per label without re-validating spans that come from a
    project (the tests compare with ``span_prf`` itself)."""
    out = SpanF1(len(data.documents))
    for d, doc in enumerate(data.documents):
        grouped = {c: defaultdict(list) for c in data.coders}
        for c in data.coders:
            for start, end, label in doc.spans[c]:
                grouped[c][label].append((start, end))
        for i, j in pairs:
            a, b = grouped[data.coders[i]], grouped[data.coders[j]]
            for label in set(a) | set(b):
                ref, cand = a.get(label, []), b.get(label, [])
                exact = sum((Counter(ref) & Counter(cand)).values()) if ref and cand else 0
                overlap = _overlap_matches(ref, cand) if ref and cand else 0
                out.counts[("exact", (i, j), label)][:, d] = (exact, len(ref), len(cand))
                out.counts[("overlap", (i, j), label)][:, d] = (overlap, len(ref), len(cand))
    return out


def disagreements(units: Units, data: ReportInput, limit: int):
    """Stretches of consecutive units (within a document) where the coders' values differ.

    Returns (the first ``limit`` stretches with their text in context, the count per document,
    the total count)."""
    values = units.values
    n_docs = len(data.documents)
    if units.total == 0:
        return [], np.zeros(n_docs, dtype=np.int64), 0
    differ = np.any(values != values[0], axis=0)
    at = np.flatnonzero(differ)
    if len(at) == 0:
        return [], np.zeros(n_docs, dtype=np.int64), 0
    document = units.document_of_unit()
    breaks = np.flatnonzero((np.diff(at) != 1) | (np.diff(document[at]) != 0)) + 1
    run_starts = at[np.concatenate(([0], breaks))]
    run_ends = at[np.concatenate((breaks - 1, [len(at) - 1]))] + 1
    run_docs = document[run_starts]
    per_doc = np.bincount(run_docs, minlength=n_docs)
    listed = []
    coders, labels = data.coders, data.labels
    for u0, u1, d in zip(run_starts[:limit], run_ends[:limit], run_docs[:limit]):
        doc = data.documents[int(d)]
        start, end = int(units.starts[u0]), int(units.ends[u1 - 1])
        block = values[:, u0:u1]
        found = {c: category_name(np.bitwise_or.reduce(block[i]), labels) for i, c in enumerate(coders)}
        pair = next((coders[i], coders[j]) for i in range(len(coders)) for j in range(i + 1, len(coders))
                    if np.any(block[i] != block[j]))
        listed.append({"document_id": doc.id, "title": doc.title, "start": start, "end": end,
                       "coder_a": pair[0], "coder_b": pair[1], "labels": found,
                       "before": doc.text[max(0, start - CONTEXT):start], "text": doc.text[start:end],
                       "after": doc.text[end:end + CONTEXT]})
    return listed, per_doc, int(len(run_starts))
