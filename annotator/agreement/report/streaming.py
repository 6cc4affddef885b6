"""The report's one pass over the documents, a batch at a time: every count the coefficients need
(per-document contingency tables, alpha_U's disagreements, span F1's true positives, the
disagreement stretches) is taken from one batch of documents and the batch is dropped, so memory
holds one batch of units (a byte or two per unit and coder), never the whole corpus.

A batch is parallel NumPy arrays of the spans (``doc`` index in the batch, ``coder``, ``label`` index,
``start``, ``end``, in characters) with the batch's texts, ids and titles: ``Batch.of(documents, ...)``
makes one from ``DocumentData``; a project reader (``collect.ProjectDocuments``) makes them
straight from its query rows without a Python object per span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterator

import numpy as np

from annotator.agreement.batched import Unitizing, exact_matches, merge_overlapping, overlap_matches
from annotator.agreement.report.coded import category_name, pair_tables
from annotator.agreement.report.data import TOKEN, Batch, ReportInput, mask_dtype
from annotator.agreement.report.spans import CONTEXT, AlphaU, SpanF1

BATCH_CHARACTERS = 1_000_000


def batches(data: ReportInput, size: int = BATCH_CHARACTERS) -> Iterator[Batch]:
    """The report's documents in batches of about ``size`` characters (at least one document)."""
    documents = data.documents
    if hasattr(documents, "batches"):  # read from a project, batch by batch
        yield from documents.batches(size)
        return
    chunk: list = []
    length = 0
    for doc in documents:
        chunk.append(doc)
        length += len(doc.text)
        if length >= size:
            yield Batch.of(chunk, data.coders, data.labels)
            chunk, length = [], 0
    if chunk or not documents:
        yield Batch.of(chunk, data.coders, data.labels)


@dataclass
class Pass:
    """Everything the report reads from the units and spans of all documents."""

    ids: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    units: list[int] = field(default_factory=list)              # units per document
    spans: list[np.ndarray] = field(default_factory=list)       # per batch: coders x documents span counts
    label_spans: np.ndarray | None = None                       # labels x coders
    tables: dict = field(default_factory=dict)                   # pair -> documents x K x K counts
    masks: np.ndarray | None = None
    alpha_u: AlphaU | None = None
    f1: SpanF1 | None = None
    listed: list[dict] = field(default_factory=list)
    per_doc_disagreements: np.ndarray | None = None
    total_disagreements: int = 0
    merged_away: int = 0            # spans merged into another by alpha_U's overlap rule, in the units used
    unmapped: int = 0               # spans that cover no unit (token units: a span over spaces only)
    joint: dict | None = None       # (coder masks...) -> units, for resampling units (--ci-unit unit)

    @property
    def total(self) -> int:
        return int(sum(self.units))

    def span_counts(self) -> np.ndarray:
        """Coders x documents: spans of each coder in each document."""
        return np.concatenate(self.spans, axis=1) if self.spans else np.zeros((0, 0), dtype=np.int64)


def run(data: ReportInput, unit: str, max_disagreements: int, batch_size: int = BATCH_CHARACTERS, *,
        statistics=None, gamma=None, joint: bool = False, layers=None) -> Pass:
    """The pass. Optional sinks, fed from the same batches (nothing is read twice): ``statistics``
    (``alpha_u_stats.AlphaUStatistics``: alpha_U's per-document sufficient statistics, for the
    bootstrap), ``gamma`` (``measures.GammaCollector``), ``joint`` (count the units by the coders'
    joint values, for resampling units) and ``layers`` (``layers.LayerCollector``: relations and
    attributes)."""
    coders, labels = data.coders, data.labels
    m, k = len(coders), len(labels)
    pairs = list(combinations(range(m), 2))
    dtype = mask_dtype(k)
    out = Pass()
    out.label_spans = np.zeros((k, m), dtype=np.int64)
    unitizing = Unitizing(m, labels, statistics)
    if joint:
        out.joint = {}
    tables = _Tables(pairs)
    f1_parts: list[dict] = []
    disagreements: list[np.ndarray] = []
    seen = np.zeros(k, dtype=bool)
    for batch in batches(data, batch_size):
        n = len(batch.ids)
        out.ids += batch.ids
        out.titles += batch.titles
        lengths = np.fromiter((len(t) for t in batch.texts), dtype=np.int64, count=n)
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        per_coder = np.zeros((m, n), dtype=np.int64)
        np.add.at(per_coder, (batch.coder, batch.doc), 1)
        out.spans.append(per_coder)
        np.add.at(out.label_spans, (batch.label, batch.coder), 1)
        values = _char_values(batch, offsets, m, dtype)
        if unit == "char":
            unit_offsets, u_start, u_end = offsets, batch.start, batch.end
            unit_values = values
            positions = None
        else:
            unit_offsets, positions, unit_values, u_start, u_end, keep = _token_units(batch, offsets, values)
        n_units = np.diff(unit_offsets)
        out.units += n_units.tolist()
        # kappa and alpha: one contingency table per document and pair
        tables.add(unit_values, np.repeat(np.arange(n, dtype=np.int32), n_units), n)
        # alpha_U: one coder's overlapping spans of a label merged, on the unit continuum
        if unit == "char":
            doc, coder, label, s, e = batch.doc, batch.coder, batch.label, u_start, u_end
        else:
            doc, coder, label, s, e = (a[keep] for a in (batch.doc, batch.coder, batch.label, u_start, u_end))
        group = (doc * m + coder) * max(k, 1) + label
        merged_group, merged_start, merged_end = merge_overlapping(group, s, e)
        out.merged_away += len(group) - len(merged_group)
        out.unmapped += len(batch.doc) - len(group)
        if len(merged_group):
            seen |= np.bincount(merged_group % max(k, 1), minlength=k)[:k] > 0
        unitizing.add(n_units, merged_group // (m * max(k, 1)), (merged_group // max(k, 1)) % m,
                      merged_group % max(k, 1), merged_start, merged_end)
        # span F1: spans as marked, in characters
        f1_parts.append(_f1_counts(batch, pairs, n, k))
        if gamma is not None:
            gamma.add(batch)
        if layers is not None:
            layers.add(batch)
        if joint:
            _joint_counts(out.joint, unit_values)
        # the stretches where coders differ
        runs = _differences(unit_values, unit_offsets)
        disagreements.append(np.bincount(runs[2], minlength=n) if len(runs[0]) else np.zeros(n, dtype=np.int64))
        out.total_disagreements += len(runs[0])
        room = max_disagreements - len(out.listed)
        if room > 0 and len(runs[0]):
            out.listed += _listed(batch, runs, room, unit_values, offsets, unit_offsets, positions, coders, labels)
    n_docs = len(out.ids)
    out.tables, out.masks = tables.result(n_docs)
    out.per_doc_disagreements = np.concatenate(disagreements) if disagreements else np.zeros(0, dtype=np.int64)
    out.alpha_u = _alpha_u(unitizing, labels, seen)
    out.f1 = _f1(f1_parts, pairs, labels, n_docs)
    return out


def _joint_counts(counts: dict, values: np.ndarray) -> None:
    """Add the batch's units to ``counts``: (coder 1's mask, coder 2's, ...) -> units."""
    m, bits = values.shape[0], 8 * values.dtype.itemsize
    if not values.shape[1]:
        return
    if m * bits <= 63:
        key = np.zeros(values.shape[1], dtype=np.uint64)
        for c in range(m):
            key = (key << np.uint64(bits)) | values[c].astype(np.uint64)
        cells, found = np.unique(key, return_counts=True)
        mask = (1 << bits) - 1
        for cell, n in zip(cells.tolist(), found.tolist()):
            row = tuple((cell >> (bits * (m - 1 - c))) & mask for c in range(m))
            counts[row] = counts.get(row, 0) + n
        return
    rows, found = np.unique(values.T, axis=0, return_counts=True)
    for row, n in zip(map(tuple, rows.tolist()), found.tolist()):
        counts[row] = counts.get(row, 0) + n


class _Tables:
    """The per-document contingency tables of every pair of coders, batch by batch. A batch's tables
    keep only the categories (label bit masks) used in it; ``result`` lays them out over every
    category used anywhere, in the order of the masks ("none" = 0 first), as ``dense_codes`` and
    ``compact`` order them."""

    DIRECT = 64  # masks below this are their own codes (no lookup pass over the units)

    def __init__(self, pairs) -> None:
        self.pairs = pairs
        self.parts: list[tuple[dict, np.ndarray]] = []

    def add(self, values: np.ndarray, document: np.ndarray, n_docs: int) -> None:
        top = int(values.max(initial=0))
        if values.dtype.itemsize == 1 and top < self.DIRECT:
            codes, masks = values, np.arange(1 << top.bit_length(), dtype=np.uint64)
        else:
            masks = np.unique(np.concatenate(([0], values.ravel()))).astype(np.uint64)
            codes = np.searchsorted(masks, values.astype(np.uint64)).astype(np.int32)
        tables = pair_tables(codes, document, n_docs, len(masks))
        used = np.zeros(len(masks), dtype=bool)
        used[0] = True
        for t in tables.values():
            pooled = t.sum(axis=0)
            used |= (pooled.sum(axis=0) > 0) | (pooled.sum(axis=1) > 0)
        keep = np.flatnonzero(used)
        self.parts.append(({p: t[:, keep][:, :, keep] for p, t in tables.items()}, masks[keep]))

    def result(self, n_docs: int):
        masks = np.unique(np.concatenate([m for _t, m in self.parts] + [np.zeros(1, np.uint64)]))
        k = len(masks)
        out = {}
        for pair in self.pairs:
            full = np.zeros((n_docs, k, k), dtype=np.int64)
            at = 0
            for tables, part_masks in self.parts:
                t = tables[pair]
                where = np.searchsorted(masks, part_masks)
                full[at:at + len(t)][:, where[:, None], where[None, :]] = t
                at += len(t)
            out[pair] = full
        return out, masks


def _covered(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every position covered by at least one interval (``data.covered_positions`` on arrays)."""
    if not len(starts):
        return np.empty(0, np.int64)
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] >= reach[:-1]
    run_starts = starts[new]
    stops = np.maximum.reduceat(ends, np.flatnonzero(new))
    lengths = stops - run_starts
    total = int(lengths.sum())
    shift = np.repeat(run_starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.arange(total, dtype=np.int64) + shift


def _char_values(batch: Batch, offsets: np.ndarray, m: int, dtype) -> np.ndarray:
    """Coders x characters of the batch: each character's label bit mask per coder."""
    values = np.zeros((m, int(offsets[-1])), dtype=dtype)
    base = offsets[batch.doc]
    starts, ends = batch.start + base, batch.end + base
    for c in range(m):
        mine = batch.coder == c
        for bit in np.flatnonzero(np.bincount(batch.label[mine])).tolist():
            sel = mine & (batch.label == bit)
            values[c, _covered(starts[sel], ends[sel])] |= dtype(1 << bit)
    return values


def _token_units(batch: Batch, offsets: np.ndarray, values: np.ndarray):
    """Token units of the batch: (offsets, (token starts, ends) in their documents, values, span
    starts and ends in token positions, which spans cover at least one token)."""
    starts, ends, counts = [], [], []
    for text in batch.texts:
        bounds = [m.span() for m in TOKEN.finditer(text)]
        arr = np.array(bounds, dtype=np.int64).reshape(-1, 2)
        starts.append(arr[:, 0])
        ends.append(arr[:, 1])
        counts.append(len(arr))
    counts = np.array(counts, dtype=np.int64)
    unit_offsets = np.concatenate(([0], np.cumsum(counts)))
    local_s = np.concatenate(starts) if starts else np.empty(0, np.int64)
    local_e = np.concatenate(ends) if ends else np.empty(0, np.int64)
    shift = np.repeat(offsets[:-1], counts)
    g_start, g_end = local_s + shift, local_e + shift
    m = values.shape[0]
    token_values = np.zeros((m, len(g_start)), dtype=values.dtype)
    if len(g_start):
        padded = np.concatenate((values, np.zeros((m, 1), values.dtype)), axis=1)
        index = np.empty(2 * len(g_start), dtype=np.int64)
        index[0::2] = g_start
        index[1::2] = g_end
        token_values = np.bitwise_or.reduceat(padded, index, axis=1)[:, 0::2]
    # a span covers the tokens from the one holding its first character to the one holding its last
    base = offsets[batch.doc]
    first = np.searchsorted(g_end, batch.start + base, side="right")
    last = np.searchsorted(g_start, batch.end + base, side="left")
    keep = first < last
    doc_first = unit_offsets[batch.doc]
    return unit_offsets, (local_s, local_e), token_values, first - doc_first, last - doc_first, keep


def _f1_counts(batch: Batch, pairs, n: int, k: int) -> dict:
    """Per pair: (exact tp, overlap tp, reference spans, candidate spans) per (document, label)."""
    kk = max(k, 1)
    group = batch.doc * kk + batch.label
    size = n * kk
    out = {}
    for i, j in pairs:
        a, b = batch.coder == i, batch.coder == j
        ref = (group[a], batch.start[a], batch.end[a])
        cand = (group[b], batch.start[b], batch.end[b])
        out[(i, j)] = np.stack((exact_matches(*ref, *cand, size), overlap_matches(*ref, *cand, size),
                                np.bincount(ref[0], minlength=size), np.bincount(cand[0], minlength=size)))
    return out


def _f1(parts: list[dict], pairs, labels: list[str], n_docs: int) -> SpanF1:
    f1 = SpanF1(n_docs)
    kk = max(len(labels), 1)
    for pair in pairs:
        counts = np.concatenate([p[pair].reshape(4, -1, kk) for p in parts], axis=1) if parts else \
            np.zeros((4, 0, kk), dtype=np.int64)
        for bit, label in enumerate(labels):
            f1.counts[("exact", pair, label)] = np.stack((counts[0, :, bit], counts[2, :, bit], counts[3, :, bit]))
            f1.counts[("overlap", pair, label)] = np.stack((counts[1, :, bit], counts[2, :, bit], counts[3, :, bit]))
    return f1


def _alpha_u(unitizing: Unitizing, labels: list[str], seen: np.ndarray) -> AlphaU:
    per_document, per_label_documents = unitizing.per_document()
    pooled = unitizing.pooled()
    any_spans = {None: bool(seen.any()), **{label: bool(seen[i]) for i, label in enumerate(labels)}}
    return AlphaU(pooled["alpha"], per_document, {label: pooled["labels"][label]["alpha"] for label in labels},
                  per_label_documents, any_spans)


def _differences(values: np.ndarray, unit_offsets: np.ndarray):
    """Stretches of consecutive units of one document where the coders' values differ: (first unit,
    end unit, document) arrays, in batch unit positions."""
    if values.shape[1] == 0:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    differ = np.any(values != values[0], axis=0)
    at = np.flatnonzero(differ)
    if not len(at):
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    document = np.searchsorted(unit_offsets, at, side="right") - 1
    breaks = np.flatnonzero((np.diff(at) != 1) | (np.diff(document) != 0)) + 1
    first = np.concatenate(([0], breaks))
    last = np.concatenate((breaks - 1, [len(at) - 1]))
    return at[first], at[last] + 1, document[first]


def _listed(batch: Batch, runs, limit: int, values, offsets, unit_offsets, positions, coders, labels) -> list[dict]:
    out = []
    for u0, u1, d in zip(*(r[:limit].tolist() for r in runs)):
        text = batch.texts[d]
        if positions is None:
            start, end = u0 - int(offsets[d]), u1 - int(offsets[d])
        else:
            start, end = int(positions[0][u0]), int(positions[1][u1 - 1])
        block = values[:, u0:u1]
        found = {c: category_name(np.bitwise_or.reduce(block[i]), labels) for i, c in enumerate(coders)}
        pair = next((coders[i], coders[j]) for i in range(len(coders)) for j in range(i + 1, len(coders))
                    if np.any(block[i] != block[j]))
        out.append({"document_id": batch.ids[d], "title": batch.titles[d], "start": start, "end": end,
                    "coder_a": pair[0], "coder_b": pair[1], "labels": found,
                    "before": text[max(0, start - CONTEXT):start], "text": text[start:end],
                    "after": text[end:end + CONTEXT]})
    return out

