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
from annotator.store.driver import mark
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

    # -- issue 16's layers, for exporters ----------------------------------------------------
    def layer_spans(self, document_ids: Iterable[int], coder_ids: Iterable[int]) -> list[tuple]:
        """``(document_id, coder_id, span_id, label_id, start, end, note, provenance JSON, attrs dict
        or None, value, value_by)`` for those documents and coders, ordered by document, coder and
        start (``value`` parsed only when ``value_by`` is set: a figure span never written since
        schema 5 has ``value_by`` None). Plain tuples from the driver, in a list: exporters read a
        million spans, and SQLAlchemy's result rows cost more than the read itself; only the rows
        that hold attributes or a value are rebuilt."""
        docs, coders = list(document_ids), list(coder_ids)
        if not docs or not coders:
            return []
        m = mark(self._conn)
        sql = ("SELECT document_id, coder_id, id, label_id, start_offset, end_offset, note, provenance, attrs_json, "
               f"value_json, value_by FROM spans WHERE document_id IN ({', '.join([m] * len(docs))}) "
               f"AND coder_id IN ({', '.join([m] * len(coders))}) ORDER BY document_id, coder_id, start_offset")
        result = self._conn.exec_driver_sql(sql, tuple(docs + coders))
        try:
            rows = result.cursor.fetchall()
        finally:
            result.close()
        rich = [i for i, row in enumerate(rows) if row[8] is not None or row[10] is not None]
        for i in rich:
            row = rows[i]
            attrs, value, by = row[8], row[9], row[10]
            rows[i] = row[:8] + (load_json(attrs, None, "a span's attributes") or None if attrs else None,
                                 load_json(value, None, "a span's figure value") if by else None, by)
        return rows

    def relation_tuples(self, document_ids: Iterable[int], coder_ids: Iterable[int]) -> Iterator[tuple]:
        """``(document_id, coder_id, type_id, head_id, child_id)`` for those documents and coders."""
        from annotator.store.models import RelationRow as R

        yield from self._conn.execute(select(R.document_id, R.coder_id, R.type_id, R.head_id, R.child_id)
                                      .where(R.document_id.in_(list(document_ids)), R.coder_id.in_(list(coder_ids)))
                                      .order_by(R.id))

    def doc_label_map(self, document_ids: Iterable[int], coder_ids: Iterable[int]) -> dict:
        """``{(document_id, coder_id): DocLabels}`` for the pairs that have any."""
        from annotator.store.models import DocLabelRow as D
        from annotator.store.rich_rows import doc_labels_from

        rows = self._conn.execute(select(D.document_id, D.coder_id, D.labels_json, D.flags_json, D.comment, D.version)
                                  .where(D.document_id.in_(list(document_ids)), D.coder_id.in_(list(coder_ids))))
        return {(row[0], row[1]): doc_labels_from(*row) for row in rows}

    def layer_counts(self, coder_ids: Iterable[int]) -> dict[str, int]:
        """How much of issue 16's layers those coders have: relations, spans with attributes, spans
        of labels with figure values, documents with labels/flags/comment. A writer whose plain
        form cannot carry them picks its richer form from these (doccano)."""
        from annotator.store.models import DocLabelRow as D, LabelRow as L, RelationRow as R, SpanRow as S

        ids = list(coder_ids)
        count = lambda query: self._conn.scalar(query) or 0  # noqa: E731
        return {
            "relations": count(select(func.count(R.id)).where(R.coder_id.in_(ids))),
            "attrs": count(select(func.count(S.id)).where(S.coder_id.in_(ids), S.attrs_json.is_not(None))),
            "values": count(select(func.count(S.id)).join(L, L.id == S.label_id)
                            .where(S.coder_id.in_(ids), L.figure_values.is_(True))),
            "doc_labels": count(select(func.count()).select_from(D).where(D.coder_id.in_(ids))),
        }
