"""The document list's reads: every document's row in one query, and span counts of the rows shown.

No text is read. On SQLite the documents come from the covering index ``ix_documents_list``
(schema 5) and the statuses and assignments by their primary keys. The query has no ORDER BY on
purpose: with one, SQLite's planner walked ``ix_documents_position`` and read every document's row,
text and all, to fetch its title (0.11 s instead of 0.06 s on 10,000 documents, 30.8 M characters,
measured); the rows are put in order here, in Python (about 5 ms).

Span counts are not in it: counting one coder's spans of 10,000 documents walks a third of the
spans index (0.11 s of the 0.17 s the query took with them), and the list shows some 30 rows. The
list asks ``span_counts_of`` for the rows it shows (one seek per document), and for every count only
when it is sorted by them."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from annotator.store.models import AssignmentRow, DocumentRow, SpanRow, StatusRow

CHUNK = 500  # ids per IN (...) list


def list_query(coder_id: int):
    return (select(DocumentRow.id, DocumentRow.title, DocumentRow.length, StatusRow.status, AssignmentRow.position,
                   DocumentRow.position)
            .outerjoin(StatusRow, (StatusRow.document_id == DocumentRow.id) & (StatusRow.coder_id == coder_id))
            .outerjoin(AssignmentRow, (AssignmentRow.document_id == DocumentRow.id)
                       & (AssignmentRow.coder_id == coder_id)))


def _order(row) -> tuple:
    queued = row[4]
    return (queued is None, queued or 0, row[5], row[0])


def document_list(conn: Connection, coder_id: int) -> list[tuple]:
    """``(id, title, length, status or None, queue position or None)`` per document, in the list's
    order: this coder's queue first (in queue order), then the others in project order."""
    rows = conn.execute(list_query(coder_id)).all()
    rows.sort(key=_order)
    return [tuple(row[:5]) for row in rows]


def span_counts_of(conn: Connection, coder_id: int, ids) -> dict[int, int]:
    """One coder's span count in each document of ``ids`` (0 for those without spans)."""
    ids = list(ids)
    out = dict.fromkeys(ids, 0)
    for at in range(0, len(ids), CHUNK):
        query = (select(SpanRow.document_id, func.count()).where(SpanRow.coder_id == coder_id,
                                                                 SpanRow.document_id.in_(ids[at:at + CHUNK]))
                 .group_by(SpanRow.document_id))
        out.update(conn.execute(query).all())
    return out
