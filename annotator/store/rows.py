"""Small queries that both the reads and the writes need: a span by id, a document's length, the
next document position, a meta value, the duplicate-span check. Each takes an open connection."""

from __future__ import annotations

from sqlalchemy import Connection, DateTime, bindparam, func, insert, select, type_coerce, update
from sqlalchemy.types import TypeDecorator

from annotator.core.errors import ProjectError
from annotator.core.model import Label, Span
from annotator.store.models import DocumentRow, LabelRow, Meta, SpanRow
# Re-exported: these reads' rows are made into values without SQLAlchemy (shared with ``file_reads``).
from annotator.store.row_values import guide_of, label_from_row, load_json  # noqa: F401


class LenientDateTime(TypeDecorator):
    """A stored date read as ``datetime``, or None when it is not one the app could have written
    (a file from elsewhere): the open check (``trust``) does not parse a million spans' dates, and
    nothing but the store reads them."""

    impl = DateTime
    cache_ok = True

    def result_processor(self, dialect, coltype):
        strict = self.impl_instance.result_processor(dialect, coltype)
        if strict is None:
            return None

        def process(value):
            try:
                return strict(value)
            except (ValueError, TypeError):
                return None
        return process


SPAN_COLUMNS = (SpanRow.id, SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start,
                SpanRow.end, SpanRow.note, type_coerce(SpanRow.created_at, LenientDateTime()).label("created_at"),
                type_coerce(SpanRow.updated_at, LenientDateTime()).label("updated_at"), SpanRow.provenance,
                SpanRow.attrs_json, SpanRow.value_json, SpanRow.value_by)
LABEL_COLUMNS = (LabelRow.id, LabelRow.name, LabelRow.color, LabelRow.hotkey, LabelRow.position,
                 LabelRow.attributes_json, LabelRow.description, LabelRow.examples_json, LabelRow.figure_values)
INFO_COLUMNS = (DocumentRow.id, DocumentRow.title, DocumentRow.length, DocumentRow.sha256,
                DocumentRow.position, DocumentRow.external_id)


def span_from_row(row) -> Span:
    *fields, provenance, attrs, value, value_by = row
    return Span(*fields, provenance=load_json(provenance, None, "a span's provenance"),
                attrs=load_json(attrs, None, "a span's attributes") or {},
                value=load_json(value, None, "a span's figure value") if value_by else None, value_by=value_by)


# Built once (as ``_SAME_SPAN`` below): the single-span writes run these at every key press.
_LABEL_BY_ID = select(*LABEL_COLUMNS).where(LabelRow.id == bindparam("id"))
_SPAN_BY_ID = select(*SPAN_COLUMNS).where(SpanRow.id == bindparam("id"))


def label_by_id(conn: Connection, label_id: int) -> Label:
    row = conn.execute(_LABEL_BY_ID, {"id": label_id}).first()
    if row is None:
        raise ProjectError(f"there is no label with id {label_id}")
    return label_from_row(row)


def span_by_id(conn: Connection, span_id: int) -> Span:
    row = conn.execute(_SPAN_BY_ID, {"id": span_id}).first()
    if row is None:
        raise ProjectError(f"there is no span with id {span_id}")
    return span_from_row(row)


# Built once: composing an ORM expression costs more than running it (1.9 ms against 0.26 ms per call,
# measured on the medium benchmark project). ``other`` is -1 when no span is excluded.
_SAME_SPAN = (select(SpanRow.id).where(SpanRow.document_id == bindparam("document"), SpanRow.coder_id == bindparam("coder"),
                                       SpanRow.start == bindparam("start"), SpanRow.end == bindparam("end"),
                                       SpanRow.label_id == bindparam("label"), SpanRow.id != bindparam("other"))
              .limit(1))


def refuse_duplicate(conn: Connection, document_id: int, coder_id: int, label_id: int, start: int, end: int,
                     *, other_than: int | None = None) -> None:
    """Raise ``ProjectError`` when the coder already has exactly this span (same document, label,
    start and end): one coder never holds a span twice (it would be exported and counted twice).
    ``other_than``: the span being moved or relabelled, which does not count against itself."""
    found = conn.execute(_SAME_SPAN, dict(document=document_id, coder=coder_id, start=start, end=end, label=label_id,
                                          other=-1 if other_than is None else other_than)).first()
    if found is not None:
        raise ProjectError(duplicate_message(start, end))


def duplicate_message(start: int, end: int) -> str:
    return f"the coder already has this span [{start}, {end}) with this label in the document"


def document_length(conn: Connection, lengths: dict[int, int], document_id: int) -> int:
    """A document's length in code points, cached in ``lengths`` (the project's cache)."""
    length = lengths.get(document_id)
    if length is None:
        length = conn.scalar(select(DocumentRow.length).where(DocumentRow.id == document_id))
        if length is None:
            raise ProjectError(f"there is no document with id {document_id}")
        lengths[document_id] = length
    return length


def next_position(conn: Connection) -> int:
    return (conn.scalar(select(func.max(DocumentRow.position))) or 0) + 1


def put_meta(conn: Connection, key: str, value: str, expected_version: int | None = None) -> None:
    """Set a meta row (its version goes up by one); with ``expected_version``, only if nobody changed
    it since (``StaleEdit`` otherwise)."""
    from annotator.store.versions import versioned_update

    if conn.scalar(select(Meta.version).where(Meta.key == key)) is None:
        if expected_version not in (None, 0):
            from annotator.core.errors import StaleEdit
            raise StaleEdit(f"the setting {key.removeprefix('setting:')!r} was removed by someone else meanwhile; "
                            "nothing was changed")
        conn.execute(insert(Meta).values(key=key, value=value, version=1))
        return
    versioned_update(conn, Meta, Meta.key == key, {"value": value}, expected_version,
                     f"the setting {key.removeprefix('setting:')!r}")
