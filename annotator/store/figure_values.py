"""Figure values of spans written in bulk (imports, merges): ``core.figure_value.span_value`` as the
store keeps it (JSON, ``value_by`` "core"), cached by the few characters it reads around the span
(figures repeat: "ألف", "مليون دولار"), with the texts read once per batch of documents."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection, select

from annotator.core.figure_value import AFTER, BEFORE, span_value
from annotator.store.models import DocumentRow, LabelRow
from annotator.store.rich_rows import dumps

_CHUNK = 500  # documents whose text is read per query


@lru_cache(maxsize=1 << 16)
def _window_value(window: str, start: int, end: int) -> str:
    return dumps(span_value(window, start, end))


def computed_value(text: str, start: int, end: int) -> str:
    """The stored JSON of the value ``core`` computes for ``text[start:end]``. ``span_value`` reads
    only ``BEFORE`` characters before the span and ``AFTER`` after it, so that window (with the
    span's place in it) is the cache key: the same value for the same characters."""
    lo = max(0, start - BEFORE)
    return _window_value(text[lo:min(len(text), end + AFTER)], start - lo, end - lo)


def valued_labels(conn: Connection) -> set[int]:
    return set(conn.scalars(select(LabelRow.id).where(LabelRow.figure_values.is_(True))))


def valued_rows(conn: Connection, rows: list[tuple]) -> list[tuple] | None:
    """``rows`` (``(document, coder, label, start, end, note)``) with ``(attrs_json, value_json,
    value_by)`` added, the value computed for spans of a label with figure values; None when no
    row is of such a label (nothing to add: the common case costs one small query)."""
    valued = valued_labels(conn)
    if not valued:
        return None
    documents = {row[0] for row in rows if row[2] in valued}
    if not documents:
        return None
    texts: dict[int, str] = {}
    ordered = sorted(documents)
    for at in range(0, len(ordered), _CHUNK):
        texts.update(conn.execute(select(DocumentRow.id, DocumentRow.text)
                                  .where(DocumentRow.id.in_(ordered[at:at + _CHUNK]))).all())
    out = []
    for row in rows:
        if row[2] in valued:
            out.append((*row, None, computed_value(texts[row[0]], row[3], row[4]), "core"))
        else:
            out.append((*row, None, None, None))
    return out
