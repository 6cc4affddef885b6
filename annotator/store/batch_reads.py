"""Reads of many documents at once, for passes over a whole project (the agreement report): one
query per batch of documents instead of one or two per document, with statements built once at import
(SQLAlchemy caches their compiled form; building a ``select()`` per call costs more than running it).
Portable SQLAlchemy Core: ``IN`` with an expanding parameter."""

from __future__ import annotations

from typing import Sequence

from sqlalchemy import Connection, bindparam, select

from annotator.store.models import DocumentRow, SpanRow
from annotator.store.row_values import packed_parameters, packed_spans_sql, unpack_spans

_TEXTS = select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(bindparam("ids", expanding=True)))
_SPANS = (select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end)
          .where(SpanRow.document_id.in_(bindparam("ids", expanding=True))))
_SPANS_OF = _SPANS.where(SpanRow.coder_id.in_(bindparam("coders", expanding=True)))


def document_texts(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The texts of these documents, by id (ids that do not exist are absent)."""
    if not ids:
        return {}
    return dict(conn.execute(_TEXTS, {"ids": list(ids)}).all())


def span_table(conn: Connection, ids: Sequence[int], coder_ids: Sequence[int] | None = None) -> list[Sequence[int]]:
    """The spans of these documents as rows ``(document_id, coder_id, label_id, start, end)`` (tuple-like
    SQLAlchemy rows: no tuple is built per span), in no particular order; only ``coder_ids``' when given."""
    if not ids:
        return []
    if coder_ids is None:
        return conn.execute(_SPANS, {"ids": list(ids)}).all()
    return conn.execute(_SPANS_OF, {"ids": list(ids), "coders": list(coder_ids)}).all()


def span_table_packed(conn: Connection, ids: Sequence[int], coder_ids: Sequence[int]) -> bytes | None:
    """``span_table``'s rows packed: five little-endian unsigned 32-bit numbers per span, each one more
    than the stored number (document_id, coder_id, label_id, start, end), in no particular order
    (``row_values.packed_spans_sql``). None when the database cannot pack them (not SQLite) or a
    number does not fit: the caller reads ``span_table`` instead."""
    if conn.dialect.name != "sqlite":
        return None
    if not ids or not coder_ids:
        return b""
    count, packed = conn.exec_driver_sql(packed_spans_sql(len(ids), len(coder_ids)),
                                         packed_parameters(ids, coder_ids)).one()
    return unpack_spans(count, packed)
