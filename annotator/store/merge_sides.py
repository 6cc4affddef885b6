"""The two sides of a merge. A source file (opened read-only) is read in two parts: its small tables
(labels, coders, documents without their text, statuses) at once, and its spans a batch of
documents at a time (``Source.spans_of``), so that memory stays bounded by the batch, not the
corpus. The target's state inside the merge transaction is the same small part (which coder has
work on which document, the statuses), kept current as the merge writes; the target's spans are
read only for the pairs that have work on both sides (``TargetState.spans_of``)."""

from __future__ import annotations

import os
from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy import bindparam, select, update

from annotator.store.driver import db_value, insert_rows, mark, read_rows
from annotator.store.merge_layers import RelKey, SourceLayers, doc_key
from annotator.store.models import CoderRow, DocumentRow, LabelRow, StatusRow, utcnow
from annotator.core.errors import ProjectError
from annotator.store.project import Project

# A span as merge compares and writes it: (document id, coder id, label id, start, end, note or
# None), and when it carries any, (attributes JSON, figure value JSON, who set the value).
Key = tuple
Pair = tuple[int, int]  # (document id, coder id)

# A team's copies hold a handful of coders each; a received file with tens of thousands is refused
# before it makes a merge take hours.
MAX_SOURCE_CODERS = 1000
BATCH_DOCUMENTS = 500  # source documents whose spans are read (and written) together
_PAIR = itemgetter(0, 1)


@dataclass
class Source:
    """The small tables of one source file; its spans come by batches (``chunks``, ``spans_of``)."""

    path: str
    labels: dict[int, tuple[str, str, str | None]]   # id -> (name, colour, hotkey)
    coders: dict[int, tuple[str, bool]]               # id -> (name, is_gold)
    documents: dict[int, tuple[str, str, str | None, str]]  # id -> (sha256, title, external_id, meta_json), in order
    statuses: dict[Pair, str]
    used_labels: set[int]                             # label ids its spans use
    layers: SourceLayers | None = None                # relations, document labels, the schema they need
    file: str | None = None                           # the file read (an upgraded copy of an older one)
    conn: object = field(repr=False, default=None)    # its connection (read-only), held until close()
    _worked: dict[int, list[int]] | None = field(repr=False, default=None)

    @property
    def raw(self):
        return self.conn.connection.driver_connection  # sqlite3: a source is always a file

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def chunks(self) -> Iterator[list[int]]:
        """The document ids in batches of ``BATCH_DOCUMENTS``, in id order."""
        ids = sorted(self.documents)
        for at in range(0, len(ids), BATCH_DOCUMENTS):
            yield ids[at:at + BATCH_DOCUMENTS]

    def spans_of(self, chunk: list[int]) -> dict[Pair, list[tuple]]:
        """``{(document, coder): [(document, coder, start, end, source label id, note, attrs JSON,
        value JSON, value_by)]}`` of a batch of documents (the rows as the driver gives them: grouped,
        never copied)."""
        rows = self.raw.execute(
            "SELECT document_id, coder_id, start_offset, end_offset, label_id, nullif(note, ''), attrs_json, "
            "value_json, value_by FROM spans WHERE document_id BETWEEN ? AND ? "
            "ORDER BY document_id, coder_id, id", (chunk[0], chunk[-1]))
        return {pair: list(group) for pair, group in groupby(rows, _PAIR)}

    def span_counts(self, chunk: list[int]) -> dict[Pair, int]:
        """``{(document, coder): spans}`` of a batch of documents, from the spans' index alone."""
        return {(doc, coder): n for doc, coder, n in self.raw.execute(
            "SELECT document_id, coder_id, count(*) FROM spans WHERE document_id BETWEEN ? AND ? GROUP BY 1, 2",
            (chunk[0], chunk[-1]))}

    def worked(self, documents: list[int]) -> set[Pair]:
        """The pairs of ``documents`` whose status is other than new, or with document labels, flags
        or a comment."""
        if self._worked is None:
            self._worked = defaultdict(list)
            for (doc, coder), status in self.statuses.items():
                if status != "new":
                    self._worked[doc].append(coder)
            for doc, coder in self.layers.doc_labels:
                if coder not in self._worked[doc]:
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
        layers = SourceLayers.read(raw, path)
    except BaseException:
        if conn is not None:
            conn.close()
        project.close()
        raise
    return Source(str(path), labels, coders, documents, statuses, used, layers, str(project.path), conn), project


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
        # document labels, flags, comments: a row per coder and document at most, all read at once
        self.doc_label_rows: set[Pair] = set()
        self.doc_labels: dict[Pair, tuple] = {}
        for doc, coder, labels_json, flags_json, comment in conn.exec_driver_sql(
                "SELECT document_id, coder_id, labels_json, flags_json, comment FROM doc_labels"):
            self.doc_label_rows.add((doc, coder))
            key = doc_key(labels_json, flags_json, comment)
            if key is not None:
                self.doc_labels[(doc, coder)] = key
        self.has_relations = conn.exec_driver_sql("SELECT 1 FROM relations LIMIT 1").first() is not None
        self.attached: list[str] | None = None  # sources attached to the target's connection (merge.attachments)
        self.status_inserts: dict[Pair, str] = {}  # pending writes (see write_statuses)
        self.status_updates: dict[Pair, str] = {}
        # every document's length at once: the span checks would ask for them one document at a time
        tx.lengths.update(conn.execute(select(DocumentRow.id, DocumentRow.length)).all())

    def has_work(self, key: Pair) -> bool:
        return key in self.with_spans or self.statuses.get(key, "new") != "new" or key in self.doc_labels

    def _rows_of(self, pairs: set[Pair], columns: str, table: str = "spans") -> Iterator[tuple]:
        """``columns`` (after document_id, coder_id) of ``table``'s rows of ``pairs``: one query per
        500 documents (their coders only)."""
        documents = sorted({doc for doc, _coder in pairs})
        coders = sorted({coder for _doc, coder in pairs})
        m = mark(self.conn)
        for at in range(0, len(documents), BATCH_DOCUMENTS):
            chunk = documents[at:at + BATCH_DOCUMENTS]
            sql = (f"SELECT x.document_id, x.coder_id, {columns} FROM {table} "
                   f"WHERE x.document_id IN ({', '.join([m] * len(chunk))}) "
                   f"AND x.coder_id IN ({', '.join([m] * len(coders))}) ORDER BY x.id")
            for row in read_rows(self.conn, sql, (*chunk, *coders)):
                if (row[0], row[1]) in pairs:
                    yield row

    def spans_of(self, pairs: set[Pair]) -> dict[Pair, list[Key]]:
        """The target's spans of ``pairs`` as ``Key`` rows (with their three layer columns)."""
        out: dict[Pair, list[Key]] = {pair: [] for pair in pairs}
        for row in self._rows_of(pairs, "label_id, start_offset, end_offset, nullif(note, ''), attrs_json, value_json, "
                                        "value_by", "spans x"):
            out[(row[0], row[1])].append(row)
        return out

    def relations_of(self, pairs: set[Pair]) -> dict[Pair, set[RelKey]]:
        """The target's relations of ``pairs`` as (type id, head, child), each end (start, end, label id)."""
        out: dict[Pair, set[RelKey]] = {pair: set() for pair in pairs}
        if not self.has_relations or not pairs:
            return out
        for doc, coder, type_id, hs, he, hl, cs, ce, cl in self._rows_of(
                pairs, "x.type_id, h.start_offset, h.end_offset, h.label_id, c.start_offset, c.end_offset, c.label_id",
                "relations x JOIN spans h ON h.id = x.head_id JOIN spans c ON c.id = x.child_id"):
            out[(doc, coder)].add((type_id, (hs, he, hl), (cs, ce, cl)))
        return out

    def span_ids(self, pairs: set[Pair]) -> dict[tuple[int, int, int, int, int], int]:
        """``{(document, coder, label id, start, end): span id}`` of the target's spans of ``pairs``."""
        return {(doc, coder, label, start, end): span_id for doc, coder, span_id, label, start, end in
                self._rows_of(pairs, "x.id, x.label_id, x.start_offset, x.end_offset", "spans x")}

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
