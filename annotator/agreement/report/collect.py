"""Read the report's input from a project: the documents every compared coder marked done, with
those coders' spans, and (for the gold section) the adjudicated documents.

No database here: ``collect`` reads any object with the ``Project`` read methods (see ``data``);
with ``document_texts(ids)`` and ``span_table(ids, coder_ids)`` (``Project`` has them) a batch of
documents costs two queries, without them two or more per document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain

import numpy as np

from annotator.agreement.report.data import (
    MAX_LABELS,
    Batch,
    DocumentData,
    ReportError,
    ReportInput,
    check_names,
    ordinary_coders,
    status_value,
)
from annotator.agreement.report.gold import collect_gold
from annotator.agreement.report.layers import LayerSchema, schema_of
from annotator.core.adjudication import MAX_COMPARED_CODERS

# A batch's ids are bound one parameter each, and SQLite takes 32,766 in a statement (999 before 3.32):
# a million characters of 30-character documents would be 33,000 ids.
MAX_BATCH_DOCUMENTS = 900


def collect(project, coders: list[str] | None = None, *, gold: bool = True) -> ReportInput:
    """The documents that every compared coder marked done, with those coders' spans; with ``gold``,
    also the adjudicated documents for the report's gold section (``report.gold``).

    The documents are read lazily, a batch at a time, while the report is built (``ProjectDocuments``):
    keep the project open until ``build_report`` has returned (``list(data.documents)`` reads them all)."""
    known = ordinary_coders(project)
    by_name = {c.name: c for c in known}
    if coders is None:
        names = [c.name for c in known]
    else:
        names = list(dict.fromkeys(coders))
        check_names(names, by_name)
    if len(names) < 2:
        raise ReportError(f"agreement needs at least two coders; the project has {len(names)} "
                          f"({', '.join(names) or 'none'}); to compare coders with the gold layer only, "
                          "use --gold-only")
    if len(names) > MAX_COMPARED_CODERS:
        raise ReportError(f"agreement compares at most {MAX_COMPARED_CODERS} coders at once; this would be "
                          f"{len(names):,}: name the coders with --coders")
    labels = {label.id: label.name for label in project.labels()}
    if len(labels) > MAX_LABELS:
        raise ReportError(f"the report handles at most {MAX_LABELS} labels; the project has {len(labels)}")
    statuses = {n: project.statuses(by_name[n].id) for n in names}
    chosen, excluded = [], []
    for info in project.documents():
        missing = [n for n in names if status_value(statuses[n].get(info.id)) != "done"]
        if missing:
            excluded.append({"id": info.id, "title": info.title, "not_done_by": missing})
        else:
            chosen.append(info)
    coder_ids = [by_name[n].id for n in names]
    layers = schema_of(project, coder_ids, names)
    documents = ProjectDocuments(project, chosen, coder_ids, names, labels, layers)
    result = ReportInput(names, list(labels.values()), documents, excluded, layers=layers)
    if gold:
        result.gold = collect_gold(project, names)
    return result


class ProjectDocuments(Sequence):
    """The report's documents, read from the project a batch at a time: one query for the texts and
    one for the spans of each batch (``Project.document_texts``/``span_table``; one or two queries per
    document with a stand-in that lacks them). A sequence of ``DocumentData`` for callers that want
    documents one by one; ``batches(characters)`` is what the report reads."""

    def __init__(self, project, infos: list, coder_ids: list[int], coders: list[str], labels: dict[int, str],
                 layers: LayerSchema | None = None) -> None:
        self.project = project
        self.infos = infos
        self.coder_ids = coder_ids
        self.coders = coders
        self.labels = labels
        self.layers = layers
        self._types: dict[int, str] | None = None

    def __len__(self) -> int:
        return len(self.infos)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._read(self.infos[index]).documents(self.coders, list(self.labels.values()))
        return self._read([self.infos[index]]).documents(self.coders, list(self.labels.values()))[0]

    def __iter__(self) -> Iterator[DocumentData]:
        for batch in self.batches():
            yield from batch.documents(self.coders, list(self.labels.values()))

    def batches(self, characters: int = 1_000_000) -> Iterator[Batch]:
        chunk, length = [], 0
        for info in self.infos:
            chunk.append(info)
            length += info.length
            if length >= characters or len(chunk) >= MAX_BATCH_DOCUMENTS:
                yield self._read(chunk)
                chunk, length = [], 0
        if chunk or not self.infos:
            yield self._read(chunk)

    def _read(self, infos: list) -> Batch:
        ids = [info.id for info in infos]
        project = self.project
        coder_index = np.full(max(self.coder_ids, default=0) + 1, -1, dtype=np.int64)
        coder_index[self.coder_ids] = np.arange(len(self.coder_ids))
        label_ids = list(self.labels)
        label_index = np.full(max(label_ids, default=0) + 1, -1, dtype=np.int64)
        label_index[label_ids] = np.arange(len(label_ids))
        packed = None
        if hasattr(project, "span_table_packed") and hasattr(project, "document_texts"):
            packed = project.span_table_packed(ids, self.coder_ids)  # five little-endian uint32 a span, each + 1
        if packed is not None:
            texts = project.document_texts(ids)
            table = (np.frombuffer(packed, dtype="<u4").astype(np.int64) - 1).reshape(-1, 5)
        elif hasattr(project, "span_table") and hasattr(project, "document_texts"):
            texts = project.document_texts(ids)
            rows = project.span_table(ids, self.coder_ids)
            table = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=5 * len(rows)).reshape(-1, 5)
        else:
            texts = {doc_id: project.document(doc_id).text for doc_id in ids}
            found = []
            for doc_id in ids:
                for coder_id in self.coder_ids:
                    found += [(doc_id, coder_id, s.label_id, s.start, s.end) for s in project.spans(doc_id, coder_id)]
            table = np.array(found, dtype=np.int64).reshape(-1, 5)
        by_id = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
        doc = by_id[np.searchsorted(np.array(ids, dtype=np.int64)[by_id], table[:, 0])] if len(ids) else table[:, 0]
        order = np.lexsort((table[:, 4], table[:, 3], table[:, 2], table[:, 1], doc))
        table, doc = table[order], doc[order]
        batch = Batch(ids, [info.title for info in infos], [texts[i] for i in ids], doc, coder_index[table[:, 1]],
                      label_index[table[:, 2]], table[:, 3], table[:, 4])
        if self.layers is not None:
            self._read_layers(batch, ids, coder_index, label_index)
        return batch

    def _read_layers(self, batch: Batch, ids: list[int], coder_index, label_index) -> None:
        """The batch's relations and attribute values, when the project has them (one query each)."""
        layers, project = self.layers, self.project
        position = {doc_id: d for d, doc_id in enumerate(ids)}
        if layers.relations:
            if self._types is None:
                self._types = {t.id: t.name for t in project.relation_types()}
            types = self._types
            batch.relations = [
                (position[doc], int(coder_index[coder]), types[type_id], (hs, he, int(label_index[hl])),
                 (cs, ce, int(label_index[cl])))
                for doc, coder, type_id, hl, hs, he, cl, cs, ce in project.relation_table(ids, self.coder_ids)]
        if layers.attribute_values:
            wanted = [label_id for label_id, name in self.labels.items() if name in layers.attributes]
            batch.attributes = [(position[doc], int(coder_index[coder]), int(label_index[label]), start, end, attrs)
                                for doc, coder, label, start, end, attrs in
                                project.attribute_table(ids, self.coder_ids, wanted)]
