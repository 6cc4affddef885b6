"""Every change to a project, done inside one transaction (``Project.transaction()``).

A ``Transaction`` wraps one database connection in an open transaction; it commits when the
``with`` block ends without an error and rolls everything back otherwise. Imports and merges
put many changes in one transaction so that they are all-or-nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import (
    GOLD_CODER,
    Coder,
    DocStatus,
    DocumentInfo,
    Label,
    Span,
    check_color,
    check_hotkey,
    check_label_name,
    text_sha256,
    PALETTE,
)
from annotator.store import rich_rows
from annotator.store.bulk import BulkWrites, db_reason
from annotator.store.layer_writes import LayerWrites
from annotator.store.schema_writes import SchemaWrites
from annotator.store.versions import delete_span, versioned_update
from annotator.store.models import CoderRow, DocumentRow, LabelRow, SpanRow, StatusRow, utcnow
from annotator.store.rows import document_length, next_position, put_meta, refuse_duplicate, span_by_id, span_from_row
from annotator.store.suggestions import SuggestionWrites


# Built once: composing an insert costs more than running it (the add of a span is a key press).
_INSERT_SPAN = insert(SpanRow)
_COLUMN_OF = {prop.key: prop.columns[0].key for prop in SpanRow.__mapper__.column_attrs}


def _span_columns(values: dict) -> dict:
    """The parameters of ``_INSERT_SPAN``: keyed by column (``start_offset``), not by attribute (``start``)."""
    return {_COLUMN_OF[key]: value for key, value in values.items()}


class Transaction(BulkWrites, SuggestionWrites, LayerWrites, SchemaWrites):
    def __init__(self, conn: Connection, lengths: dict[int, int]) -> None:
        """``lengths``: the project's cache of document lengths (kept current by these writes)."""
        self.conn = conn
        self.lengths = lengths
        self.changes: list[Change] = []

    # -- labels ---------------------------------------------------------------------------
    def add_label(self, name: str, color: str | None = None, hotkey: str | None = None, *,
                  label_id: int | None = None) -> Label:
        """A new label, last in the order. ``label_id`` re-creates a removed label under its old id
        (undo, redo: spans and commands that name it stay valid)."""
        name = _checked(check_label_name, name)
        hotkey = _checked(check_hotkey, hotkey)
        if self.conn.scalar(select(LabelRow.id).where(LabelRow.name == name)) is not None:
            raise ProjectError(f"a label named {name!r} already exists")
        if hotkey and self.conn.scalar(select(LabelRow.name).where(LabelRow.hotkey == hotkey)):
            raise ProjectError(f"hotkey {hotkey!r} is already used by another label")
        position = (self.conn.scalar(select(func.max(LabelRow.position))) or 0) + 1
        count = self.conn.scalar(select(func.count(LabelRow.id))) or 0
        color = _checked(check_color, color) if color else PALETTE[count % len(PALETTE)]
        values = {"name": name, "color": color, "hotkey": hotkey, "position": position}
        if label_id is not None:
            if self.conn.scalar(select(LabelRow.id).where(LabelRow.id == label_id)) is not None:
                raise ProjectError(f"a label with id {label_id} already exists")
            values["id"] = label_id
        label_id = self.conn.execute(insert(LabelRow).values(**values)).inserted_primary_key[0]
        self.changes.append(Change("label"))
        return Label(label_id, name, color, hotkey, position)

    def update_label(self, label_id: int, *, name: str | None = None, color: str | None = None,
                     hotkey: str | None | bool = False, expected_version: int | None = None, **schema) -> None:
        """Rename, recolour or re-key a label. ``hotkey=None`` clears it; ``False`` keeps it.
        ``expected_version``: the version the edit was made against (``StaleEdit`` if it moved on).
        ``attributes=``, ``guide=``, ``figure_values=``, ``drop_invalid=``: see ``update_label_schema``.
        A rename also renames the label in the relation types' allowed pairs."""
        self._require(LabelRow, label_id, "label")
        if schema:
            self.update_label_schema(label_id, expected_version=expected_version, **schema)
            if name is None and color is None and hotkey is False:
                return
            expected_version = None if expected_version is None else expected_version + 1
        values: dict[str, Any] = {}
        if name is not None:
            name = _checked(check_label_name, name)
            other = self.conn.scalar(select(LabelRow.id).where(LabelRow.name == name))
            if other is not None and other != label_id:
                raise ProjectError(f"a label named {name!r} already exists")
            values["name"] = name
            old_name = self.conn.scalar(select(LabelRow.name).where(LabelRow.id == label_id))
            if old_name != name:
                rich_rows.rename_in_pairs(self.conn, self.changes, old_name, name)
        if color is not None:
            values["color"] = _checked(check_color, color)
        if hotkey is not False:
            key = _checked(check_hotkey, hotkey)
            if key:
                other = self.conn.scalar(select(LabelRow.name).where(LabelRow.hotkey == key, LabelRow.id != label_id))
                if other:
                    raise ProjectError(f"hotkey {key!r} is already used by label {other!r}")
            values["hotkey"] = key
        if values:
            versioned_update(self.conn, LabelRow, LabelRow.id == label_id, values, expected_version,
                             f"the label {label_id}")
            self.changes.append(Change("label"))

    def reorder_labels(self, label_ids: list[int]) -> None:
        existing = set(self.conn.scalars(select(LabelRow.id)))
        if set(label_ids) != existing or len(label_ids) != len(existing):
            raise ProjectError("reordering must list every label exactly once")
        for position, label_id in enumerate(label_ids, start=1):
            self.conn.execute(update(LabelRow).where(LabelRow.id == label_id)
                              .values(position=position, version=LabelRow.version + 1))
        self.changes.append(Change("label"))

    def remove_label(self, label_id: int, *, force: bool = False) -> int:
        """Delete a label. If spans use it, refuse unless ``force`` (which deletes those spans)."""
        self._require(LabelRow, label_id, "label")
        used = self.conn.scalar(select(func.count(SpanRow.id)).where(SpanRow.label_id == label_id)) or 0
        if used and not force:
            raise ProjectError(f"the label is used by {used} span(s); delete them too to remove it")
        self.conn.execute(delete(SpanRow).where(SpanRow.label_id == label_id))
        self.conn.execute(delete(LabelRow).where(LabelRow.id == label_id))
        self.changes.append(Change("label"))
        return used

    # -- coders ---------------------------------------------------------------------------
    def ensure_coder(self, name: str, *, is_gold: bool = False) -> Coder:
        name = name.strip()
        if not name or len(name) > 128 or any(ch in name for ch in "\n\r\t"):
            raise ProjectError(f"invalid coder name {name!r}: it must be 1-128 characters on one line")
        if name.startswith("@") and not (is_gold and name == GOLD_CODER):
            raise ProjectError(f"invalid coder name {name!r}: names starting with @ are reserved "
                               f"({GOLD_CODER} is the adjudicated gold layer)")
        existing = self.conn.scalar(select(CoderRow.id).where(CoderRow.name == name))
        if existing is not None:
            return Coder(existing, name)
        coder_id = self.conn.execute(insert(CoderRow).values(name=name, is_gold=is_gold)).inserted_primary_key[0]
        self.changes.append(Change("coder"))
        return Coder(coder_id, name)

    # -- documents ------------------------------------------------------------------------
    def add_document(self, title: str, text: str, *, meta: dict | None = None,
                     external_id: str | None = None) -> DocumentInfo | None:
        """Add a document; ``None`` when a document with the same text is already there."""
        if not isinstance(text, str):
            raise ProjectError("document text must be a string")
        sha = text_sha256(text)
        if self.conn.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha)) is not None:
            return None
        if external_id is not None and self.conn.scalar(
            select(DocumentRow.id).where(DocumentRow.external_id == external_id)
        ) is not None:
            raise ProjectError(f"a document with id {external_id!r} is already in the project")
        position = next_position(self.conn)
        doc_id = self.conn.execute(
            insert(DocumentRow).values(
                title=title, text=text, length=len(text), sha256=sha, position=position,
                external_id=external_id, meta_json=json.dumps(meta or {}, ensure_ascii=False),
            )
        ).inserted_primary_key[0]
        self.lengths[doc_id] = len(text)
        self.changes.append(Change("document", doc_id))
        return DocumentInfo(doc_id, title, len(text), sha, position, external_id)

    def remove_document(self, document_id: int) -> None:
        self._require(DocumentRow, document_id, "document")
        self.conn.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
        self.lengths.pop(document_id, None)
        self.changes.append(Change("document", document_id))

    # -- spans ----------------------------------------------------------------------------
    def ensure_gold_coder(self) -> Coder:
        return self.ensure_coder(GOLD_CODER, is_gold=True)

    def add_span(self, document_id: int, coder_id: int, label_id: int, start: int, end: int,
                 note: str | None = None, *, span_id: int | None = None,
                 provenance: dict | None = None, attrs: dict | None = None, value: Any = rich_rows.COMPUTE,
                 value_by: str | None = None) -> Span:
        """Add a span. ``span_id`` re-creates a removed span under its old id (redo/undo). An exact
        duplicate (this coder, document, label, start and end) is refused, as in every write.

        ``attrs``: attribute values, checked against the label's definitions. For a label with
        figure values, the value is computed from the text (``value_by`` "core"), unless ``value``
        is given (a dict or None, kept as given: ``value_by`` "coder" unless said). To undo a
        removal, pass the old span's ``attrs``, ``value`` and ``value_by``."""
        self._check_range(document_id, start, end)
        refuse_duplicate(self.conn, document_id, coder_id, label_id, start, end)
        now = utcnow()
        layer = rich_rows.span_layer_values(self.conn, label_id, document_id, start, end, attrs, value, value_by)
        values = dict(document_id=document_id, coder_id=coder_id, label_id=label_id, start=start,
                      end=end, note=note, created_at=now, updated_at=now,
                      provenance=json.dumps(provenance, ensure_ascii=False) if provenance else None, **layer)
        if span_id is not None:
            values["id"] = span_id
        try:
            new_id = self.conn.execute(_INSERT_SPAN, _span_columns(values)).inserted_primary_key[0]
        except Exception as exc:  # foreign key or id clash: say which
            raise ProjectError(f"cannot add the span: {db_reason(exc)}") from None
        self.changes.append(Change("span", document_id, coder_id, ((start, end),)))
        # The span as written (no read back: the values are the row's, in the columns' order)
        return span_from_row((new_id, document_id, coder_id, label_id, start, end, note, now, now,
                              values["provenance"], layer["attrs_json"], layer["value_json"], layer["value_by"]))

    def set_provenance(self, span_id: int, provenance: dict | None, expected_version: int | None = None) -> Span:
        span = span_by_id(self.conn, span_id)
        value = json.dumps(provenance, ensure_ascii=False) if provenance else None
        self._update_span(span_id, {"provenance": value}, expected_version)
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def remove_span(self, span_id: int, expected_version: int | None = None) -> Span:
        """Remove a span and its relations (read ``span_relations`` first to undo them too)."""
        span = span_by_id(self.conn, span_id)
        for doc_id, relation_coder, ranges in rich_rows.span_relation_ranges(self.conn, span_id):
            self.changes.append(Change("relation", doc_id, relation_coder, ranges))
        delete_span(self.conn, span_id, expected_version)
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def relabel_span(self, span_id: int, label_id: int, expected_version: int | None = None) -> Span:
        """Give a span another label. Attribute values the new label does not define are dropped;
        the figure value is computed (or cleared) for the new label. Returns the old span (undo:
        ``restore_span``). Relations keep their ends (their types were checked when drawn)."""
        span = span_by_id(self.conn, span_id)
        self._require(LabelRow, label_id, "label")
        refuse_duplicate(self.conn, span.document_id, span.coder_id, label_id, span.start, span.end, other_than=span_id)
        layer = rich_rows.relabelled(self.conn, span, label_id)
        self._update_span(span_id, {"label_id": label_id, "updated_at": utcnow(), **layer}, expected_version)
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def resize_span(self, span_id: int, start: int, end: int, expected_version: int | None = None) -> Span:
        span = span_by_id(self.conn, span_id)
        self._check_range(span.document_id, start, end)
        refuse_duplicate(self.conn, span.document_id, span.coder_id, span.label_id, start, end, other_than=span_id)
        values = {"start": start, "end": end, "updated_at": utcnow()}
        if span.value_by == "core":  # a computed value follows the text; a coder's stays
            values["value_json"] = rich_rows.dumps(rich_rows.compute_value(self.conn, span.document_id, start, end))
        self._update_span(span_id, values, expected_version)
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end), (start, end))))
        return span

    def set_note(self, span_id: int, note: str | None, expected_version: int | None = None) -> Span:
        span = span_by_id(self.conn, span_id)
        self._update_span(span_id, {"note": note or None, "updated_at": utcnow()}, expected_version)
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def change_span(self, span_id: int, *, label_id: int | None = None, start: int | None = None,
                    end: int | None = None, note: "str | None | bool" = False,
                    expected_version: int | None = None) -> int:
        """Relabel, resize and re-note one span in one versioned update (what the window's undo
        commands do); ``note=False`` keeps the note. Returns the span's new version."""
        span = span_by_id(self.conn, span_id)
        values: dict[str, Any] = {"updated_at": utcnow()}
        ranges = [(span.start, span.end)]
        if label_id is not None and label_id != span.label_id:
            self._require(LabelRow, label_id, "label")
            values["label_id"] = label_id
        if start is not None or end is not None:
            start = span.start if start is None else start
            end = span.end if end is None else end
            self._check_range(span.document_id, start, end)
            values.update(start=start, end=end)
            ranges.append((start, end))
        if note is not False:
            values["note"] = note or None
        if "label_id" in values or "start" in values:  # the rule of every write: no twin of a span
            refuse_duplicate(self.conn, span.document_id, span.coder_id, values.get("label_id", span.label_id),
                             values.get("start", span.start), values.get("end", span.end), other_than=span_id)
            values.update(rich_rows.changed_layer(self.conn, span, values))  # attributes and figure value follow
        version = versioned_update(self.conn, SpanRow, SpanRow.id == span_id, values, expected_version,
                                   f"the span {span_id}")
        self.changes.append(Change("span", span.document_id, span.coder_id, tuple(ranges)))
        return version

    # -- status ---------------------------------------------------------------------------
    def set_status(self, document_id: int, coder_id: int, status: DocStatus | str) -> DocStatus:
        """Set a coder's status for a document; returns the previous status."""
        status = DocStatus.parse(status)
        self._require(DocumentRow, document_id, "document")
        self._require(CoderRow, coder_id, "coder")
        old = self.conn.scalar(select(StatusRow.status).where(
            StatusRow.document_id == document_id, StatusRow.coder_id == coder_id))
        if old is None:
            self.conn.execute(insert(StatusRow).values(document_id=document_id, coder_id=coder_id,
                                                       status=status.value, updated_at=utcnow()))
        elif old != status.value:
            self.conn.execute(update(StatusRow).where(
                StatusRow.document_id == document_id, StatusRow.coder_id == coder_id
            ).values(status=status.value, updated_at=utcnow()))
        self.changes.append(Change("status", document_id, coder_id))
        return DocStatus(old) if old else DocStatus.NEW

    # -- settings -------------------------------------------------------------------------
    def set_setting(self, key: str, value: Any, expected_version: int | None = None) -> None:
        put_meta(self.conn, f"setting:{key}", json.dumps(value, ensure_ascii=False), expected_version)
        self.changes.append(Change("settings"))

    # -- assignments ----------------------------------------------------------------------
    def assign(self, plan) -> int:
        """Replace every assignment with ``plan`` (``core.assignment.Plan``); coders are added."""
        from annotator.store.assignments import store_plan
        return store_plan(self, plan)

    # -- helpers --------------------------------------------------------------------------
    def _update_span(self, span_id: int, values: dict, expected_version: int | None) -> None:
        versioned_update(self.conn, SpanRow, SpanRow.id == span_id, values, expected_version, f"the span {span_id}")

    def _require(self, row, row_id: int, what: str) -> None:
        if self.conn.scalar(select(row.id).where(row.id == row_id)) is None:
            raise ProjectError(f"there is no {what} with id {row_id}")

    def _check_range(self, document_id: int, start: int, end: int) -> None:
        length = document_length(self.conn, self.lengths, document_id)
        if not (isinstance(start, int) and isinstance(end, int)):
            raise ProjectError(f"span offsets must be integers, got {start!r}, {end!r}")
        if start < 0 or end > length:
            raise ProjectError(f"span [{start}, {end}) is outside the document (length {length})")
        if start >= end:
            what = "empty" if start == end else "reversed"
            raise ProjectError(f"span [{start}, {end}) is {what}")


def _checked(check, value):
    try:
        return check(value)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
