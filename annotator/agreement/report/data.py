"""What the agreement report is computed from: the documents every compared coder marked done, their
spans, and the units (characters or tokens) that each coder's labels are turned into.

No database here (the agreement layer imports only ``core`` and NumPy): ``collect.collect`` reads any
object with the ``Project`` read methods (``coders()``, ``labels()``, ``documents()``,
``document(id)``, ``statuses(coder_id)``, ``spans(document_id, coder_id)``; ``span_rows(document_id)``
is used when present because it is faster), and ``ReportInput`` can also be built from plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex

from annotator.core.errors import AnnotatorError

UNITS = ("char", "token")
MAX_LABELS = 64  # a unit's labels are a bit mask in an unsigned integer

# A token: a run of word characters with their combining marks (harakat, shadda, ... stay with
# their letter), or one other non-space character (punctuation, symbol) with its marks.
# Invisible format characters (category Cf: RLM, LRM, ALM, ZWJ, ZWNJ, BOM, ...) never make a
# token of their own: they belong to the token they touch (the one before them when they touch
# two), and to none when they stand between spaces.
TOKEN = regex.compile(r"\p{Cf}*[\w\p{M}][\w\p{M}\p{Cf}]*|\p{Cf}*[^\w\s\p{Cf}][\p{M}\p{Cf}]*")


class ReportError(AnnotatorError):
    """The report cannot be made as asked (unknown coder, fewer than two coders, ...)."""


@dataclass
class DocumentData:
    id: int
    title: str
    text: str
    spans: dict[str, list[tuple[int, int, str]]]  # coder name -> (start, end, label name), code points
    meta: dict = field(default_factory=dict)
    # issue 16's layers (optional): coder -> [((start, end, label), (start, end, label), relation type)],
    # coder -> {(start, end, label): {attribute: value}}
    relations: dict[str, list[tuple]] = field(default_factory=dict)
    attributes: dict[str, dict[tuple, dict]] = field(default_factory=dict)


@dataclass
class ReportInput:
    coders: list[str]
    labels: list[str]
    documents: list[DocumentData]                       # done by every coder, in project order
    excluded: list[dict] = field(default_factory=list)  # {"id", "title", "not_done_by": [...]}
    gold: Any = None  # gold.GoldInput: the adjudicated documents, or None (not read)
    layers: Any = None  # layers.LayerSchema: relations, attributes, document labels to compare (None: none)


@dataclass
class Batch:
    """Some documents with their spans as parallel arrays (no Python object per span)."""

    ids: list[int]
    titles: list[str]
    texts: list[str]
    doc: np.ndarray      # per span: index of its document in the batch
    coder: np.ndarray    # per span: index of its coder in the report's coders
    label: np.ndarray    # per span: index of its label in the report's labels
    start: np.ndarray
    end: np.ndarray
    # issue 16's layers, when the report compares them (None: not read):
    # [(doc, coder, relation type, (start, end, label index), (start, end, label index))] and
    # [(doc, coder, label index, start, end, {attribute: value})]
    relations: list | None = None
    attributes: list | None = None

    @classmethod
    def of(cls, documents, coders: list[str], labels: list[str]) -> "Batch":
        label_bit = {name: i for i, name in enumerate(labels)}
        rows = [(d, c, label_bit[lab], s, e) for d, doc in enumerate(documents)
                for c, coder in enumerate(coders) for s, e, lab in doc.spans[coder]]
        cols = np.array(rows, dtype=np.int64).reshape(-1, 5).T
        batch = cls([d.id for d in documents], [d.title for d in documents], [d.text for d in documents], *cols)

        def end(e):
            return (e[0], e[1], label_bit[e[2]])
        if any(doc.relations for doc in documents):
            batch.relations = [(d, c, rtype, end(head), end(child)) for d, doc in enumerate(documents)
                               for c, coder in enumerate(coders) for head, child, rtype in doc.relations.get(coder, ())]
        if any(doc.attributes for doc in documents):
            batch.attributes = [(d, c, label_bit[lab], s, e, doc.attributes.get(coder, {}).get((s, e, lab), {}))
                                for d, doc in enumerate(documents) for c, coder in enumerate(coders)
                                for s, e, lab in doc.spans[coder]]
        return batch

    def documents(self, coders: list[str], labels: list[str]) -> list[DocumentData]:
        out = [DocumentData(i, t, x, {c: [] for c in coders}) for i, t, x in zip(self.ids, self.titles, self.texts)]
        for d, c, lab, s, e in zip(*(a.tolist() for a in (self.doc, self.coder, self.label, self.start, self.end))):
            out[d].spans[coders[c]].append((s, e, labels[lab]))
        for doc in out:
            for spans in doc.spans.values():
                spans.sort()
        return out


def is_reserved(name: str) -> bool:
    """Names starting with "@" belong to the app (the gold layer "@gold"), never to an ordinary coder."""
    return str(name).startswith("@")


def ordinary_coders(project) -> list:
    """The project's coders without the gold layer: the gold layer is the reference of the report's
    ``gold`` section and never one of the coders compared with each other."""
    try:
        known = project.coders(include_gold=False)
    except TypeError:  # a read-only stand-in for Project without the keyword
        known = project.coders()
    return [c for c in known if not is_reserved(c.name) and not getattr(c, "is_gold", False)]


def check_names(names: list[str], by_name: dict) -> None:
    reserved = [n for n in names if is_reserved(n)]
    if reserved:
        raise ReportError(f"{', '.join(map(repr, reserved))} is not a coder: names starting with @ are reserved "
                          "(@gold is the gold layer, compared with every coder in the report's gold section)")
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ReportError(f"no coder named {', '.join(map(repr, unknown))} in the project "
                          f"(coders: {', '.join(by_name) or 'none'})")


def status_value(status) -> str | None:
    return getattr(status, "value", status)


@dataclass
class Units:
    """Every compared document cut into units; ``values[c]`` holds coder ``c``'s label bit mask per unit
    (bit ``i`` = label ``i`` covers the unit; 0 = "none")."""

    kind: str
    offsets: np.ndarray        # documents' first unit; offsets[-1] = number of units
    starts: np.ndarray         # each unit's first character (in its document)
    ends: np.ndarray           # each unit's end character (exclusive)
    values: np.ndarray         # coders x units, unsigned bit masks
    spans: list[dict[str, list[tuple[int, int, str]]]]  # per document: spans in unit positions, for alpha_U

    @property
    def total(self) -> int:
        return int(self.offsets[-1])

    def document_of_unit(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.offsets) - 1), np.diff(self.offsets))


def tokens(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Token boundaries (start and end code point indices) of ``text``; see ``TOKEN``."""
    bounds = [m.span() for m in TOKEN.finditer(text)]
    if not bounds:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    arr = np.array(bounds, dtype=np.int64)
    return arr[:, 0], arr[:, 1]


def make_units(data: ReportInput, kind: str = "char") -> Units:
    if kind not in UNITS:
        raise ReportError(f"unknown unit {kind!r}: choose char or token")
    label_bit = {name: i for i, name in enumerate(data.labels)}
    lengths = np.array([len(d.text) for d in data.documents], dtype=np.int64)
    char_offsets = np.concatenate(([0], np.cumsum(lengths)))
    total_chars = int(char_offsets[-1])
    dtype = mask_dtype(len(data.labels))
    char_values = np.zeros((len(data.coders), total_chars), dtype=dtype)
    for c, coder in enumerate(data.coders):
        by_label: dict[int, list[tuple[int, int]]] = {}
        for d, doc in enumerate(data.documents):
            base = int(char_offsets[d])
            for s, e, lab in doc.spans[coder]:
                by_label.setdefault(label_bit[lab], []).append((base + s, base + e))
        for bit, intervals in by_label.items():
            char_values[c, covered_positions(intervals)] |= dtype(1 << bit)
    if kind == "char":
        starts = np.concatenate([np.arange(n, dtype=np.int64) for n in lengths]) if len(lengths) else np.empty(0, np.int64)
        spans = [{coder: _merged([(s, e, lab) for s, e, lab in doc.spans[coder]]) for coder in data.coders}
                 for doc in data.documents]
        return Units("char", char_offsets, starts, starts + 1, char_values, spans)
    return _token_units(data, char_offsets, char_values)


def _token_units(data: ReportInput, char_offsets: np.ndarray, char_values: np.ndarray) -> Units:
    starts, ends, counts, spans = [], [], [], []
    for d, doc in enumerate(data.documents):
        s, e = tokens(doc.text)
        starts.append(s)
        ends.append(e)
        counts.append(len(s))
        doc_spans = {}
        for coder in data.coders:
            # a span covers the tokens it touches: from the token holding its first character to
            # the token holding its last one; a span over spaces only covers no token
            mapped = []
            for start, end, lab in doc.spans[coder]:
                first = int(np.searchsorted(e, start, side="right"))
                last = int(np.searchsorted(s, end, side="left"))
                if first < last:
                    mapped.append((first, last, lab))
            doc_spans[coder] = _merged(mapped)
        spans.append(doc_spans)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    all_starts = np.concatenate(starts) if starts else np.empty(0, np.int64)
    all_ends = np.concatenate(ends) if ends else np.empty(0, np.int64)
    shift = np.repeat(char_offsets[:-1], counts)
    values = np.zeros((len(data.coders), len(all_starts)), dtype=char_values.dtype)
    if len(all_starts):
        padded = np.concatenate((char_values, np.zeros((len(data.coders), 1), char_values.dtype)), axis=1)
        index = np.empty(2 * len(all_starts), dtype=np.int64)
        index[0::2] = all_starts + shift
        index[1::2] = all_ends + shift
        values = np.bitwise_or.reduceat(padded, index, axis=1)[:, 0::2]
    return Units("token", offsets, all_starts, all_ends, values, spans)


def covered_positions(intervals: list[tuple[int, int]]) -> np.ndarray:
    """Every position covered by at least one of the ``[start, end)`` intervals (costs the covered
    length, not the length of the text)."""
    arr = np.array(sorted(intervals), dtype=np.int64).reshape(-1, 2)
    if not len(arr):
        return np.empty(0, np.int64)
    ends = np.maximum.accumulate(arr[:, 1])
    new = np.ones(len(arr), dtype=bool)
    new[1:] = arr[1:, 0] >= ends[:-1]          # starts a new merged run (no overlap with the previous)
    starts = arr[new, 0]
    stops = np.maximum.reduceat(arr[:, 1], np.flatnonzero(new))
    lengths = stops - starts
    total = int(lengths.sum())
    shift = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.arange(total, dtype=np.int64) + shift


def mask_dtype(n_labels: int):
    """The smallest unsigned integer type that holds one bit per label."""
    for dtype in (np.uint8, np.uint16, np.uint32, np.uint64):
        if n_labels <= np.iinfo(dtype).bits:
            return dtype
    raise ReportError(f"the report handles at most 64 labels, not {n_labels}")


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One coder's spans with overlapping spans of the same label merged into one (alpha_U needs
    non-overlapping units of a label; abutting spans stay separate, as in Krippendorff's model)."""
    out: list[tuple[int, int, str]] = []
    last: dict[str, int] = {}
    for start, end, label in sorted(spans, key=lambda s: (s[2], s[0], s[1])):
        at = last.get(label)
        if at is not None and start < out[at][1]:
            out[at] = (out[at][0], max(out[at][1], end), label)
        else:
            last[label] = len(out)
            out.append((start, end, label))
    return out


def merged_overlaps(data: ReportInput) -> int:
    """How many spans the same-coder same-label overlap rule merged away (for the report's notes)."""
    return sum(len(doc.spans[c]) - len(_merged(doc.spans[c])) for doc in data.documents for c in data.coders)
