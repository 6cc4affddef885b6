"""The store's streaming read API: one consistent read transaction (``Project.snapshot()``) that
yields core objects and plain tuples in batches, so that exporters never see SQL or the ORM rows.

    with project.snapshot() as snap:
        for documents in snap.document_batches(500):          # core Document objects, in order
            ids = [d.id for d in documents]
            statuses = snap.statuses(ids, coder_ids)           # {(document_id, coder_id): "done", ...}
            for doc_id, coder_id, label_id, start, end, note, provenance in snap.span_tuples(ids, coder_ids):
                ...
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from sqlalchemy import Connection, func, select, tuple_

from annotator.core.model import Document
from annotator.store.rows import load_json
from annotator.store.models import DocumentRow, SpanRow, StatusRow

SpanTuple = tuple[int, int, int, int, int, "str | None", "dict | None"]


class Snapshot:
    """Reads inside one open read transaction (see ``Project.snapshot``)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def document_count(self) -> int:
        return self._conn.scalar(select(func.count(DocumentRow.id))) or 0

    def document_batches(self, size: int) -> Iterator[list[Document]]:
        """Every document with its text and metadata, in project order, ``size`` at a time (keyset
        paging on (position, id): memory stays flat however large the project)."""
        last: tuple[int, int] | None = None
        while True:
            query = (select(DocumentRow.id, DocumentRow.title, DocumentRow.length, DocumentRow.sha256,
                            DocumentRow.position, DocumentRow.external_id, DocumentRow.text, DocumentRow.meta_json)
                     .order_by(DocumentRow.position, DocumentRow.id).limit(size))
            if last is not None:
                query = query.where(tuple_(DocumentRow.position, DocumentRow.id) > tuple_(*last))
            rows = self._conn.execute(query).all()
            if not rows:
                return
            last = (rows[-1].position, rows[-1].id)
            yield [Document(*row[:6], text=row.text, meta=load_json(row.meta_json, {}, "a document's metadata")) for row in rows]

    def statuses(self, document_ids: Iterable[int], coder_ids: Iterable[int]) -> dict[tuple[int, int], str]:
        """``{(document_id, coder_id): status}`` for the pairs that have a status row."""
        return {(d, c): s for d, c, s in self._conn.execute(
            select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status)
            .where(StatusRow.document_id.in_(list(document_ids)), StatusRow.coder_id.in_(list(coder_ids))))}

    def span_tuples(self, document_ids: Iterable[int], coder_ids: Iterable[int], *,
                    provenance: bool = False) -> Iterator[SpanTuple]:
        """``(document_id, coder_id, label_id, start, end, note, provenance)`` for those documents
        and coders, unordered; ``provenance`` is the span's provenance dict when asked (else None)."""
        query = (select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end,
                        SpanRow.note, SpanRow.provenance)
                 .where(SpanRow.document_id.in_(list(document_ids)), SpanRow.coder_id.in_(list(coder_ids))))
        for doc_id, coder_id, label_id, start, end, note, prov in self._conn.execute(query):
            yield doc_id, coder_id, label_id, start, end, note, (load_json(prov, None, "a span's provenance") if provenance and prov else None)

    # -- whole tables, for ``copy`` (store-internal: rows as column dicts) ---------------------
    def row_count(self, table) -> int:
        return self._conn.scalar(select(func.count()).select_from(table)) or 0

    def table_batches(self, table, size: int) -> Iterator[list[dict]]:
        """Every row of ``table`` in primary-key order, ``size`` at a time, as column dicts."""
        result = self._conn.execution_options(yield_per=size).execute(
            select(table).order_by(*table.primary_key.columns))
        for rows in result.partitions(size):
            yield [dict(row._mapping) for row in rows]
