"""The many-rows-at-once writes of imports and merges: documents, statuses and spans with one executemany
each, inside the caller's transaction (``Transaction`` inherits them)."""

from __future__ import annotations

import json

from collections import Counter

from sqlalchemy import Connection, insert, select, tuple_

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import DocStatus, DocumentInfo, text_sha256
from annotator.store import figure_values
from annotator.store.models import DocumentRow, SpanRow, StatusRow, utcnow
from annotator.store.driver import db_value, insert_rows, timestamp
from annotator.store.rows import duplicate_message, next_position

_CHUNK = 500  # document ids per query (SQLite's limit on bound variables is far above)

SPAN_INSERT = ("document_id", "coder_id", "label_id", "start_offset", "end_offset", "note")
SPAN_LAYERS = SPAN_INSERT + ("attrs_json", "value_json", "value_by")


class BulkWrites:
    """Needs ``conn``, ``changes``, ``lengths`` and ``_check_range`` (``Transaction`` has them)."""

    conn: Connection
    changes: list[Change]
    lengths: dict[int, int]

    def add_documents(self, docs: list[tuple[str, str, dict | None, str | None]],
                      shas: list[str] | None = None) -> list[DocumentInfo | None]:
        """Add many documents at once (imports): ``(title, text, meta, external_id)`` each.

        Same rules as ``add_document``: ``None`` for a text already in the project (or earlier in
        ``docs``); an id already used raises ``ProjectError``. A handful of queries per call.
        ``shas``: the texts' ``text_sha256``, when the caller has them already.
        """
        if not docs:
            return []
        if shas is None or len(shas) != len(docs):
            shas = [text_sha256(text) for _title, text, _meta, _id in docs]
        existing = set(self.conn.scalars(select(DocumentRow.sha256).where(DocumentRow.sha256.in_(set(shas)))))
        ids = [external_id for *_rest, external_id in docs if external_id is not None]
        if ids:
            taken = self.conn.scalars(select(DocumentRow.external_id).where(DocumentRow.external_id.in_(set(ids)))).first()
            if taken is not None:
                raise ProjectError(f"a document with id {taken!r} is already in the project")
        position = next_position(self.conn)
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
                raise ProjectError(f"cannot add the documents: {db_reason(exc)}") from None
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
            self.lengths[doc_id] = row["length"]
            self.changes.append(Change("document", doc_id))
            out.append(DocumentInfo(doc_id, row["title"], row["length"], row["sha256"], at, row["external_id"]))
        return out

    def add_statuses(self, pairs: list[tuple[int, int]], status: DocStatus | str) -> None:
        """Give new documents (no status yet) a status for a coder: ``(document_id, coder_id)`` pairs."""
        status = DocStatus.parse(status)
        if not pairs:
            return
        now = db_value(self.conn, StatusRow.__table__.c.updated_at, utcnow())
        try:
            insert_rows(self.conn, StatusRow.__table__, ("document_id", "coder_id", "status", "updated_at"),
                        [(d, c, status.value, now) for d, c in pairs])
        except Exception as exc:
            raise ProjectError(f"cannot set the statuses: {db_reason(exc)}") from None
        self.changes.extend(Change("status", d, c) for d, c in pairs)

    def add_spans(self, rows: list[tuple], *, layers: bool = False, computed: bool = True) -> int:
        """Add many spans at once (imports, merges): ``(document_id, coder_id, label_id, start, end, note)``.

        Every range is checked as in ``add_span``, and so is the rule that a coder never holds the
        same span twice (within ``rows`` and against the spans already there, one query per 500
        documents); the rows go to the driver as tuples (``driver.insert_rows``). One change per
        document and coder is recorded (its ranges left empty: the whole document changed). A span
        of a label with figure values gets the value ``core`` computes from the text, as ``add_span``
        gives it. With ``layers`` (merges), each row also carries ``(attrs_json, value_json,
        value_by)`` as they are stored, checked by the caller; ``computed=False``: the caller knows
        no row is of a label with figure values. The checks are whole-list passes (comprehensions
        and sets, the documents' lengths fetched first): a Python call per span cost more than the
        insert; a row that fails the quick test goes through ``_check_range``, which says what is wrong.
        """
        if not rows:
            return 0
        now = timestamp(utcnow())
        lengths = self.lengths
        unknown = {row[0] for row in rows} - lengths.keys()
        if unknown:
            self._cache_lengths(unknown)
        suspects = [row for row in rows if row[3].__class__ is not int or row[4].__class__ is not int
                    or not 0 <= row[3] < row[4] <= lengths.get(row[0], -1)]
        for row in suspects:
            self._check_range(row[0], row[3], row[4])  # says what is wrong (or passes an int subclass)
        keys = {row[:5] for row in rows}  # (document, coder, label, start, end)
        existing = self._existing_keys({row[0] for row in rows}, {row[1] for row in rows})
        if len(keys) != len(rows) or not existing.isdisjoint(keys):
            seen = existing
            for row in rows:  # the first repeat, to name it
                if row[:5] in seen:
                    raise ProjectError(duplicate_message(row[3], row[4]))
                seen.add(row[:5])
        touched = dict.fromkeys([row[:2] for row in rows])  # (document, coder), in order
        columns = SPAN_LAYERS if layers else SPAN_INSERT
        if not layers and computed:
            valued = figure_values.valued_rows(self.conn, rows)
            if valued is not None:
                rows, columns = valued, SPAN_LAYERS
        try:
            insert_rows(self.conn, SpanRow.__table__, columns, rows, {"created_at": now, "updated_at": now})
        except Exception as exc:  # foreign key: say which
            raise ProjectError(f"cannot add the spans: {db_reason(exc)}") from None
        self.changes.extend(Change("span", doc, coder) for doc, coder in touched)
        return len(rows)

    def _cache_lengths(self, documents: set[int]) -> None:
        """Put the lengths of ``documents`` in the cache, one query per 500 (ids with no document,
        or that are not ints, stay out: the range check then names them)."""
        ids = sorted(d for d in documents if d.__class__ is int)
        for at in range(0, len(ids), _CHUNK):
            self.lengths.update(self.conn.execute(select(DocumentRow.id, DocumentRow.length)
                                                  .where(DocumentRow.id.in_(ids[at:at + _CHUNK]))).all())

    # -- reads an import needs to attach a coder's spans to documents already in the project --------
    def documents_by_sha(self, shas: set[str]) -> dict[str, tuple[int, str]]:
        """``{sha256: (document id, title)}`` for the texts already in the project."""
        if not shas:
            return {}
        rows = self.conn.execute(select(DocumentRow.sha256, DocumentRow.id, DocumentRow.title)
                                 .where(DocumentRow.sha256.in_(shas)))
        return {sha: (doc_id, title) for sha, doc_id, title in rows}

    def coder_work(self, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[Counter, str | None]]:
        """``{(document id, coder id): (spans as a multiset of (start, end, label id, note), status or
        None)}`` for each pair asked: what merge compares to tell "nothing there", "the same" and a conflict."""
        out: dict[tuple[int, int], tuple[Counter, str | None]] = {pair: (Counter(), None) for pair in pairs}
        keys = list(pairs)
        for chunk in (keys[i:i + 400] for i in range(0, len(keys), 400)):
            for doc, coder, start, end, label, note in self.conn.execute(
                    select(SpanRow.document_id, SpanRow.coder_id, SpanRow.start, SpanRow.end, SpanRow.label_id,
                           SpanRow.note).where(tuple_(SpanRow.document_id, SpanRow.coder_id).in_(chunk))):
                out[(doc, coder)][0][(start, end, label, note or None)] += 1
            for doc, coder, status in self.conn.execute(
                    select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status)
                    .where(tuple_(StatusRow.document_id, StatusRow.coder_id).in_(chunk))):
                out[(doc, coder)] = (out[(doc, coder)][0], status)
        return out

    def _existing_keys(self, documents: set[int], coders: set[int]) -> set[tuple[int, int, int, int, int]]:
        """(document, coder, label, start, end) of the spans already in ``documents`` by ``coders``."""
        out: set[tuple[int, int, int, int, int]] = set()
        ordered = sorted(documents)
        for at in range(0, len(ordered), _CHUNK):
            query = select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end).where(
                SpanRow.document_id.in_(ordered[at:at + _CHUNK]), SpanRow.coder_id.in_(sorted(coders)))
            out.update(tuple(row) for row in self.conn.execute(query))
        return out


def db_reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc))
    lower = text.lower()  # SQLite: "FOREIGN KEY constraint failed"; PostgreSQL: "violates foreign key constraint"
    if "foreign key" in lower:
        return "its document, coder or label does not exist"
    if "unique" in lower or "duplicate key" in lower:
        return "a span with that id already exists"
    return text.splitlines()[0] if text else type(exc).__name__
