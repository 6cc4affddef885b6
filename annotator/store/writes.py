"""Every change to a project, done inside one transaction (``Project.transaction()``).

A ``Transaction`` wraps one database connection in an open transaction; it commits when the
``with`` block ends without an error and rolls everything back otherwise. Imports and merges
put many changes in one transaction so that they are all-or-nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

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
from annotator.store.models import CoderRow, DocumentRow, LabelRow, SpanRow, StatusRow, utcnow

if TYPE_CHECKING:
    from annotator.store.project import Project


class Transaction:
    def __init__(self, project: "Project", conn: Connection) -> None:
        self.project = project
        self.conn = conn
        self.changes: list[Change] = []

    # -- labels ---------------------------------------------------------------------------
    def add_label(self, name: str, color: str | None = None, hotkey: str | None = None) -> Label:
        name = _checked(check_label_name, name)
        hotkey = _checked(check_hotkey, hotkey)
        if self.conn.scalar(select(LabelRow.id).where(LabelRow.name == name)) is not None:
            raise ProjectError(f"a label named {name!r} already exists")
        if hotkey and self.conn.scalar(select(LabelRow.name).where(LabelRow.hotkey == hotkey)):
            raise ProjectError(f"hotkey {hotkey!r} is already used by another label")
        position = (self.conn.scalar(select(func.max(LabelRow.position))) or 0) + 1
        count = self.conn.scalar(select(func.count(LabelRow.id))) or 0
        color = _checked(check_color, color) if color else PALETTE[count % len(PALETTE)]
        label_id = self.conn.execute(
            insert(LabelRow).values(name=name, color=color, hotkey=hotkey, position=position)
        ).inserted_primary_key[0]
        self.changes.append(Change("label"))
        return Label(label_id, name, color, hotkey, position)

    def update_label(self, label_id: int, *, name: str | None = None, color: str | None = None,
                     hotkey: str | None | bool = False) -> None:
        """Rename, recolour or re-key a label. ``hotkey=None`` clears it; ``False`` keeps it."""
        self._require(LabelRow, label_id, "label")
        values: dict[str, Any] = {}
        if name is not None:
            name = _checked(check_label_name, name)
            other = self.conn.scalar(select(LabelRow.id).where(LabelRow.name == name))
            if other is not None and other != label_id:
                raise ProjectError(f"a label named {name!r} already exists")
            values["name"] = name
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
            self.conn.execute(update(LabelRow).where(LabelRow.id == label_id).values(**values))
            self.changes.append(Change("label"))

    def reorder_labels(self, label_ids: list[int]) -> None:
        existing = set(self.conn.scalars(select(LabelRow.id)))
        if set(label_ids) != existing or len(label_ids) != len(existing):
            raise ProjectError("reordering must list every label exactly once")
        for position, label_id in enumerate(label_ids, start=1):
            self.conn.execute(update(LabelRow).where(LabelRow.id == label_id).values(position=position))
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
        position = self.project._next_position(self.conn)
        doc_id = self.conn.execute(
            insert(DocumentRow).values(
                title=title, text=text, length=len(text), sha256=sha, position=position,
                external_id=external_id, meta_json=json.dumps(meta or {}, ensure_ascii=False),
            )
        ).inserted_primary_key[0]
        self.project._lengths[doc_id] = len(text)
        self.changes.append(Change("document", doc_id))
        return DocumentInfo(doc_id, title, len(text), sha, position, external_id)

    def add_documents(self, docs: list[tuple[str, str, dict | None, str | None]]) -> list[DocumentInfo | None]:
        """Add many documents at once (imports): ``(title, text, meta, external_id)`` each.

        Same rules as ``add_document``: ``None`` for a text already in the project (or earlier in
        ``docs``); an id already used raises ``ProjectError``. A handful of queries per call.
        """
        if not docs:
            return []
        shas = [text_sha256(text) for _title, text, _meta, _id in docs]
        existing = set(self.conn.scalars(select(DocumentRow.sha256).where(DocumentRow.sha256.in_(set(shas)))))
        ids = [external_id for *_rest, external_id in docs if external_id is not None]
        if ids:
            taken = self.conn.scalars(select(DocumentRow.external_id).where(DocumentRow.external_id.in_(set(ids)))).first()
            if taken is not None:
                raise ProjectError(f"a document with id {taken!r} is already in the project")
        position = self.project._next_position(self.conn)
        rows, keep = [], []
        for (title, text, meta, external_id), sha in zip(docs, shas):
            if sha in existing:
                keep.append(None)
                continue
            existing.add(sha)
            rows.append(dict(title=title, text=text, length=len(text), sha256=sha, position=position,
                             external_id=external_id, meta_json=json.dumps(meta or {}, ensure_ascii=False)))
            keep.append(position)
            position += 1
        if rows:
            try:
                self.conn.execute(insert(DocumentRow.__table__), rows)
            except Exception as exc:
                raise ProjectError(f"cannot add the documents: {_db_reason(exc)}") from None
        by_position: dict[int, int] = {}
        if rows:
            found = self.conn.execute(select(DocumentRow.position, DocumentRow.id)
                                      .where(DocumentRow.position >= rows[0]["position"])).all()
            by_position = {position: doc_id for position, doc_id in found}
        out: list[DocumentInfo | None] = []
        row_at = iter(rows)
        for at in keep:
            if at is None:
                out.append(None)
                continue
            row = next(row_at)
            doc_id = by_position[at]
            self.project._lengths[doc_id] = row["length"]
            self.changes.append(Change("document", doc_id))
            out.append(DocumentInfo(doc_id, row["title"], row["length"], row["sha256"], at, row["external_id"]))
        return out

    def add_statuses(self, pairs: list[tuple[int, int]], status: DocStatus | str) -> None:
        """Give new documents (no status yet) a status for a coder: ``(document_id, coder_id)`` pairs."""
        status = DocStatus.parse(status)
        if not pairs:
            return
        now = utcnow()
        self.conn.execute(insert(StatusRow.__table__), [dict(document_id=d, coder_id=c, status=status.value,
                                                             updated_at=now) for d, c in pairs])
        self.changes.extend(Change("status", d, c) for d, c in pairs)

    def remove_document(self, document_id: int) -> None:
        self._require(DocumentRow, document_id, "document")
        self.conn.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
        self.project._lengths.pop(document_id, None)
        self.changes.append(Change("document", document_id))

    # -- spans ----------------------------------------------------------------------------
    def ensure_gold_coder(self) -> Coder:
        return self.ensure_coder(GOLD_CODER, is_gold=True)

    def add_span(self, document_id: int, coder_id: int, label_id: int, start: int, end: int,
                 note: str | None = None, *, span_id: int | None = None,
                 provenance: dict | None = None) -> Span:
        """Add a span. ``span_id`` re-creates a removed span under its old id (redo/undo)."""
        self._check_range(document_id, start, end)
        now = utcnow()
        values = dict(document_id=document_id, coder_id=coder_id, label_id=label_id, start=start,
                      end=end, note=note, created_at=now, updated_at=now,
                      provenance=json.dumps(provenance, ensure_ascii=False) if provenance else None)
        if span_id is not None:
            values["id"] = span_id
        try:
            new_id = self.conn.execute(insert(SpanRow).values(**values)).inserted_primary_key[0]
        except Exception as exc:  # foreign key or id clash: say which
            raise ProjectError(f"cannot add the span: {_db_reason(exc)}") from None
        self.changes.append(Change("span", document_id, coder_id, ((start, end),)))
        return Span(new_id, document_id, coder_id, label_id, start, end, note, now, now, provenance)

    def set_provenance(self, span_id: int, provenance: dict | None) -> Span:
        span = self.project._span(self.conn, span_id)
        value = json.dumps(provenance, ensure_ascii=False) if provenance else None
        self.conn.execute(update(SpanRow).where(SpanRow.id == span_id).values(provenance=value))
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def add_spans(self, rows: list[tuple[int, int, int, int, int, str | None]]) -> int:
        """Add many spans at once (imports): ``(document_id, coder_id, label_id, start, end, note)``.

        Every range is checked as in ``add_span``; the rows go in with one executemany. One change
        per document and coder is recorded (its ranges left empty: the whole document changed).
        """
        if not rows:
            return 0
        now = utcnow()
        values = []
        touched: dict[tuple[int, int], None] = {}
        for document_id, coder_id, label_id, start, end, note in rows:
            self._check_range(document_id, start, end)
            values.append(dict(document_id=document_id, coder_id=coder_id, label_id=label_id, start_offset=start,
                               end_offset=end, note=note, created_at=now, updated_at=now))
            touched[(document_id, coder_id)] = None
        try:
            self.conn.execute(insert(SpanRow.__table__), values)  # Core executemany: column names
        except Exception as exc:  # foreign key: say which
            raise ProjectError(f"cannot add the spans: {_db_reason(exc)}") from None
        self.changes.extend(Change("span", doc, coder) for doc, coder in touched)
        return len(values)

    def remove_span(self, span_id: int) -> Span:
        span = self.project._span(self.conn, span_id)
        self.conn.execute(delete(SpanRow).where(SpanRow.id == span_id))
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def relabel_span(self, span_id: int, label_id: int) -> Span:
        span = self.project._span(self.conn, span_id)
        self._require(LabelRow, label_id, "label")
        self.conn.execute(update(SpanRow).where(SpanRow.id == span_id).values(label_id=label_id, updated_at=utcnow()))
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

    def resize_span(self, span_id: int, start: int, end: int) -> Span:
        span = self.project._span(self.conn, span_id)
        self._check_range(span.document_id, start, end)
        self.conn.execute(update(SpanRow).where(SpanRow.id == span_id).values(start=start, end=end, updated_at=utcnow()))
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end), (start, end))))
        return span

    def set_note(self, span_id: int, note: str | None) -> Span:
        span = self.project._span(self.conn, span_id)
        self.conn.execute(update(SpanRow).where(SpanRow.id == span_id).values(note=note or None, updated_at=utcnow()))
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))
        return span

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
    def set_setting(self, key: str, value: Any) -> None:
        self.project._put_meta(self.conn, f"setting:{key}", json.dumps(value, ensure_ascii=False))
        self.changes.append(Change("settings"))

    # -- helpers --------------------------------------------------------------------------
    def _require(self, row, row_id: int, what: str) -> None:
        if self.conn.scalar(select(row.id).where(row.id == row_id)) is None:
            raise ProjectError(f"there is no {what} with id {row_id}")

    def _check_range(self, document_id: int, start: int, end: int) -> None:
        length = self.project._length(self.conn, document_id)
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


def _db_reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc))
    if "FOREIGN KEY" in text:
        return "its document, coder or label does not exist"
    if "UNIQUE" in text:
        return "a span with that id already exists"
    return text
