"""The two sides of a merge. A source file (opened read-only) is read in two parts: its small tables
(labels, coders, documents without their text, statuses) at once, and its spans a batch of
documents at a time (``Source.span_batches``), so that memory stays bounded by the batch, not the
corpus. The target's state inside the merge transaction is the same small part (which coder has
work on which document, the statuses), kept current as the merge writes; the target's spans are
read only for the pairs that have work on both sides (``TargetState.spans_of``)."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy import bindparam, select, update

from annotator.store.driver import db_value, insert_rows, mark, read_rows
from annotator.store.models import CoderRow, DocumentRow, LabelRow, StatusRow, utcnow
from annotator.core.errors import ProjectError
from annotator.store.project import Project

# A span as merge compares them: (start, end, label id in the target, note or None).
Key = tuple[int, int, int, str | None]
Pair = tuple[int, int]  # (document id, coder id)

# A team's copies hold a handful of coders each; a received file with tens of thousands is refused
# before it makes a merge take hours.
MAX_SOURCE_CODERS = 1000
BATCH_DOCUMENTS = 500  # source documents whose spans are read (and written) together


@dataclass
class Source:
    """The small tables of one source file; its spans come by batches from ``span_batches``."""

    path: str
    labels: dict[int, tuple[str, str, str | None]]   # id -> (name, colour, hotkey)
    coders: dict[int, tuple[str, bool]]               # id -> (name, is_gold)
    documents: dict[int, tuple[str, str, str | None, str]]  # id -> (sha256, title, external_id, meta_json), in order
    statuses: dict[Pair, str]
    used_labels: set[int]                             # label ids its spans use
    conn: object = field(repr=False, default=None)    # its connection (read-only), held until close()
    _worked: dict[int, list[int]] | None = field(repr=False, default=None)

    @property
    def raw(self):
        return self.conn.connection.driver_connection  # sqlite3: a source is always a file

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def span_batches(self) -> Iterator[tuple[list[int], dict[Pair, list[tuple[int, int, int, str | None]]]]]:
        """``(document ids, {(document, coder): [(start, end, source label id, note)]})`` for each
        batch of ``BATCH_DOCUMENTS`` documents, in document id order."""
        ids = sorted(self.documents)
        for at in range(0, len(ids), BATCH_DOCUMENTS):
            chunk = ids[at:at + BATCH_DOCUMENTS]
            spans: dict[Pair, list] = defaultdict(list)
            for doc, coder, label, start, end, note in self.raw.execute(
                    "SELECT document_id, coder_id, label_id, start_offset, end_offset, note FROM spans "
                    "WHERE document_id BETWEEN ? AND ? ORDER BY document_id, coder_id, id", (chunk[0], chunk[-1])):
                spans[(doc, coder)].append((start, end, label, note or None))
            yield chunk, spans

    def worked(self, documents: list[int]) -> set[Pair]:
        """The pairs of ``documents`` whose status is other than new."""
        if self._worked is None:
            self._worked = defaultdict(list)
            for (doc, coder), status in self.statuses.items():
                if status != "new":
                    self._worked[doc].append(coder)
        return {(doc, coder) for doc in documents for coder in self._worked.get(doc, ())}

    def text_of(self, ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for at in range(0, len(ids), BATCH_DOCUMENTS):
            chunk = ids[at:at + BATCH_DOCUMENTS]
            marks = ", ".join("?" * len(chunk))
            out.update(self.raw.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk))
        return out


def open_source(path: str | os.PathLike) -> tuple[Source, Project]:
    """Open a source read-only (its schema and rows checked as every open does) and read its small
    tables. The caller closes the project."""
    project = Project.open(path, readonly=True)
    conn = None
    try:
        conn = project._engine.connect()
        raw = conn.connection.driver_connection
        labels = {row[0]: (row[1], row[2], row[3]) for row in
                  raw.execute("SELECT id, name, color, hotkey FROM labels")}
        coders = {row[0]: (row[1], bool(row[2])) for row in
                  raw.execute("SELECT id, name, is_gold FROM coders LIMIT ?", (MAX_SOURCE_CODERS + 1,))}
        if len(coders) > MAX_SOURCE_CODERS:
            raise ProjectError(f"{path}: holds more than {MAX_SOURCE_CODERS:,} coders; a coder's copy holds a "
                               "few. Refused (nothing was merged)")
        documents = {row[0]: (row[1], row[2], row[3], row[4]) for row in raw.execute(
            "SELECT id, sha256, title, external_id, meta_json FROM documents ORDER BY position, id")}
        statuses = {(doc, coder): status for doc, coder, status in
                    raw.execute("SELECT document_id, coder_id, status FROM doc_status")}
        used = {label for (label,) in raw.execute("SELECT DISTINCT label_id FROM spans")}
    except BaseException:
        if conn is not None:
            conn.close()
        project.close()
        raise
    return Source(str(path), labels, coders, documents, statuses, used, conn), project


class TargetState:
    """The target's labels, coders, documents, who has work where and the statuses, kept current
    during the merge. Spans are read when a comparison needs them."""

    def __init__(self, tx) -> None:
        conn = self.conn = tx.conn
        self.labels = {name: label_id for label_id, name in conn.execute(select(LabelRow.id, LabelRow.name))}
        self.hotkeys = {key for key in conn.scalars(select(LabelRow.hotkey)) if key}
        self.coders = {name: coder_id for coder_id, name in conn.execute(select(CoderRow.id, CoderRow.name))}
        self.documents = {sha: (doc_id, title) for doc_id, sha, title in
                          conn.execute(select(DocumentRow.id, DocumentRow.sha256, DocumentRow.title))}
        self.external_ids = {ext: sha for ext, sha in
                             conn.execute(select(DocumentRow.external_id, DocumentRow.sha256))
                             if ext is not None}
        # the index on (document, coder, start) answers this without reading a span row
        self.with_spans: set[Pair] = {(doc, coder) for doc, coder in conn.exec_driver_sql(
            "SELECT DISTINCT document_id, coder_id FROM spans")}
        self.statuses = {(doc, coder): status for doc, coder, status in
                         conn.execute(select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status))}
        self.status_inserts: dict[Pair, str] = {}  # pending writes (see write_statuses)
        self.status_updates: dict[Pair, str] = {}
        # every document's length at once: the span checks would ask for them one document at a time
        tx.lengths.update(conn.execute(select(DocumentRow.id, DocumentRow.length)).all())

    def has_work(self, key: Pair) -> bool:
        return key in self.with_spans or self.statuses.get(key, "new") != "new"

    def spans_of(self, pairs: set[Pair]) -> dict[Pair, list[Key]]:
        """The target's spans of ``pairs``: one query per 500 documents (their coders only)."""
        out: dict[Pair, list[Key]] = {pair: [] for pair in pairs}
        documents = sorted({doc for doc, _coder in pairs})
        coders = sorted({coder for _doc, coder in pairs})
        m = mark(self.conn)
        for at in range(0, len(documents), BATCH_DOCUMENTS):
            chunk = documents[at:at + BATCH_DOCUMENTS]
            sql = ("SELECT document_id, coder_id, start_offset, end_offset, label_id, note FROM spans "
                   f"WHERE document_id IN ({', '.join([m] * len(chunk))}) "
                   f"AND coder_id IN ({', '.join([m] * len(coders))}) ORDER BY id")
            for doc, coder, start, end, label, note in read_rows(self.conn, sql, (*chunk, *coders)):
                found = out.get((doc, coder))
                if found is not None:
                    found.append((start, end, label, note or None))
        return out

    def write_statuses(self, conn) -> None:
        """Write the pending status changes: one executemany for new rows, one for changed rows."""
        now = utcnow()
        if self.status_inserts:
            stamp = db_value(conn, StatusRow.__table__.c.updated_at, now)
            insert_rows(conn, StatusRow.__table__, ("document_id", "coder_id", "status", "updated_at"),
                        [(d, c, status, stamp) for (d, c), status in self.status_inserts.items()])
        if self.status_updates:
            conn.execute(update(StatusRow.__table__)
                         .where(StatusRow.document_id == bindparam("d"), StatusRow.coder_id == bindparam("c"))
                         .values(status=bindparam("s"), updated_at=bindparam("u")),
                         [dict(d=d, c=c, s=status, u=now) for (d, c), status in self.status_updates.items()])
        self.status_inserts.clear()
        self.status_updates.clear()


__all__ = ["BATCH_DOCUMENTS", "Key", "Pair", "Source", "TargetState", "open_source"]
