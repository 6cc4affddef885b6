"""Work assignments (schema 3): which documents are in which coder's queue, in what order.

``plan_assignments`` (core) decides; this module stores and reads. File and server projects alike.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from annotator.core.assignment import Plan
from annotator.core.changes import Change
from annotator.core.model import DocumentInfo
from annotator.store.models import AssignmentRow, CoderRow, DocumentRow, utcnow

_INFO = (DocumentRow.id, DocumentRow.title, DocumentRow.length, DocumentRow.sha256, DocumentRow.position,
         DocumentRow.external_id)


def store_plan(tx, plan: Plan) -> int:
    """Replace every assignment with ``plan`` (coders are created when missing). Returns the rows."""
    ids = {name: tx.ensure_coder(name).id for name in plan.coders}
    tx.conn.execute(delete(AssignmentRow))
    rows, next_position = [], {name: 1 for name in plan.coders}
    now = utcnow()
    order = {doc_id: position for doc_id, position in tx.conn.execute(select(DocumentRow.id, DocumentRow.position))}
    for doc_id in sorted(plan.by_document, key=lambda d: (order[d], d)):
        for name in plan.by_document[doc_id]:
            rows.append(dict(document_id=doc_id, coder_id=ids[name], position=next_position[name], created_at=now))
            next_position[name] += 1
    if rows:
        tx.conn.execute(insert(AssignmentRow.__table__), rows)
    tx.changes.append(Change("assignment"))
    return len(rows)


def assignments(conn: Connection) -> dict[int, list[str]]:
    """Document id -> names of the coders it is assigned to (empty dict: nothing assigned)."""
    rows = conn.execute(select(AssignmentRow.document_id, CoderRow.name).join(CoderRow, CoderRow.id == AssignmentRow.coder_id)
                        .order_by(AssignmentRow.document_id, CoderRow.name))
    out: dict[int, list[str]] = {}
    for doc_id, name in rows:
        out.setdefault(doc_id, []).append(name)
    return out


def assignments_for(conn: Connection, coder: str) -> list[DocumentInfo]:
    """The documents assigned to ``coder`` (a name), in their queue order; [] when none."""
    rows = conn.execute(select(*_INFO).join(AssignmentRow, AssignmentRow.document_id == DocumentRow.id)
                        .join(CoderRow, CoderRow.id == AssignmentRow.coder_id).where(CoderRow.name == coder)
                        .order_by(AssignmentRow.position, DocumentRow.id))
    return [DocumentInfo(*row) for row in rows]
