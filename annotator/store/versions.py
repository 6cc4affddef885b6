"""Versions of shared rows (schema 3): every change of a label, setting, span or assignment adds one
to its ``version``; an edit made against an older version (``expected_version``) is refused with
``StaleEdit`` instead of overwriting what somebody else did meanwhile.

The same statements also catch a change that row-level security filtered out on a server (the
row is visible but not the user's to change): zero rows changed, and the version did not move.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, select, update

from annotator.core.errors import ProjectError, StaleEdit
from annotator.store.models import SpanRow


def _check(conn: Connection, row, where, expected: int | None, what: str, changed: int) -> None:
    if changed:
        return
    current = conn.scalar(select(row.version).where(where))
    if current is None:
        raise ProjectError(f"{what} does not exist (any more); nothing was changed")
    if expected is not None and current != expected:
        raise StaleEdit(f"{what} was changed by someone else since you read it (version {expected}, now {current}); "
                        "your edit was not saved: look at it as it is now and make your change again")
    raise ProjectError(f"the server refused this change: {what} is not yours to change; nothing was changed")


def versioned_update(conn: Connection, row, where, values: dict, expected: int | None, what: str) -> int:
    """Update the row; returns its new version (``expected + 1`` when an expected version was given:
    the statement changed the row only if it still had that version)."""
    statement = update(row).where(where).values(**values, version=row.version + 1)
    if expected is not None:
        statement = statement.where(row.version == expected)
    _check(conn, row, where, expected, what, conn.execute(statement).rowcount)
    if expected is not None:
        return expected + 1
    return conn.scalar(select(row.version).where(where))


def versioned_delete(conn: Connection, row, where, expected: int | None, what: str) -> None:
    statement = delete(row).where(where)
    if expected is not None:
        statement = statement.where(row.version == expected)
    _check(conn, row, where, expected, what, conn.execute(statement).rowcount)


# Built once: a span's removal is the commonest delete (a key press), and composing the statement
# cost more than running it.
_DELETE_SPAN: dict = {}


def delete_span(conn: Connection, span_id: int, expected: int | None) -> None:
    """``versioned_delete`` of one span by id."""
    statement = _DELETE_SPAN.get(expected is None)
    if statement is None:
        statement = delete(SpanRow).where(SpanRow.id == bindparam("id"))
        if expected is not None:
            statement = statement.where(SpanRow.version == bindparam("expected"))
        _DELETE_SPAN[expected is None] = statement
    changed = conn.execute(statement, {"id": span_id} if expected is None else {"id": span_id, "expected": expected})
    _check(conn, SpanRow, SpanRow.id == span_id, expected, f"the span {span_id}", changed.rowcount)
