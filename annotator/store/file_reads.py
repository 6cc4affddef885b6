"""A project file read with sqlite3 alone, for the passes over a whole project that the command line
runs headless (``annotator agreement``): the reads the agreement report makes, with no SQLAlchemy
(importing it and the models costs about 0.9 s of CPU here, a tenth of the report on the large
benchmark project), all in one read transaction, so that the report is of one state of the file
even while a coder saves.

The file is checked exactly as ``Project.open`` checks it (``files.check_sqlite_file``, then
``trust.check_file``: its schema always, its rows unless this app checked it in this state) and read
through ``files.read_only_connection`` under ``trusted_schema=OFF``: nothing is written, a refused
file is left as it was. Each method answers what ``Project``'s method of the same name answers (the
rows are made into values by the same ``row_values`` functions; ``tests/store/test_file_reads.py``
holds the two to the same answers), so the report's code reads either. ``open`` returns None for a
file of an older schema: the caller opens it with ``Project``, which reads an upgraded copy.

    with FileReads.open(path) as project:   # or None: use Project.open(path, readonly=True)
        data = collect(project)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from annotator.core.errors import ProjectError
from annotator.core.model import GOLD_CODER, Coder, DocStatus, Document, DocumentInfo, LabelSchema
from annotator.core.schema import DocLabelGroup, DocLabels, RelationType
from annotator.store import files, trust
from annotator.store.recovery import read_error
from annotator.store.row_values import (doc_label_groups_from, doc_labels_from, label_from_row, load_json,
                                        packed_parameters, packed_spans_sql, relation_type_from_row, unpack_spans)
from annotator.store.schema_state import SCHEMA_VERSION

_INFO = "id, title, length, sha256, position, external_id"
_LABEL = "id, name, color, hotkey, position, attributes_json, description, examples_json, figure_values"
_TYPE = "id, name, color, hotkey, position, pairs_json, description, examples_json, version"


def _marks(values: Sequence) -> str:
    return ", ".join("?" * len(values))


class FileReads:
    """The report's reads of one project file (see the module's note). Close it (``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.where = str(path)  # as ``Project.where`` shows a file
        self.schema_version = SCHEMA_VERSION
        self.is_server = False
        self._conn = conn

    @classmethod
    def open(cls, path: str | Path) -> "FileReads | None":
        """The reader of ``path``, or None when its schema is older than this app's
        (``ProjectError`` for a file that is not a project this app can read)."""
        path = Path(path)
        files.check_sqlite_file(path)
        if trust.check_file(path) != SCHEMA_VERSION:
            return None
        try:
            conn = files.read_only_connection(path)
            conn.execute("BEGIN")  # one read transaction: every read below sees the same state
        except sqlite3.Error as exc:
            raise read_error(path, exc) from None
        return cls(path, conn)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "FileReads":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _all(self, sql: str, params: Sequence = ()) -> list:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None

    def _setting(self, key: str, default):
        rows = self._all("SELECT value FROM meta WHERE key = ?", (f"setting:{key}",))
        return default if not rows else load_json(rows[0][0], default, f"the setting {key!r}")

    # the project's schema and people
    def labels(self) -> LabelSchema:
        return LabelSchema(label_from_row(row) for row in self._all(f"SELECT {_LABEL} FROM labels ORDER BY position, id"))

    def coders(self, *, include_gold: bool = True) -> list[Coder]:
        where = "" if include_gold else " WHERE NOT is_gold"
        return [Coder(*row) for row in self._all(f"SELECT id, name FROM coders{where} ORDER BY id")]

    def coder(self, name: str) -> Coder | None:
        rows = self._all("SELECT id FROM coders WHERE name = ?", (name,))
        return Coder(rows[0][0], name) if rows else None

    def gold_coder(self) -> Coder | None:
        return self.coder(GOLD_CODER)

    def relation_types(self) -> list[RelationType]:
        return [relation_type_from_row(row)
                for row in self._all(f"SELECT {_TYPE} FROM relation_types ORDER BY position, id")]

    def doc_label_groups(self) -> tuple[DocLabelGroup, ...]:
        return doc_label_groups_from(self._setting("doc_label_groups", []))

    # documents and their statuses
    def documents(self) -> list[DocumentInfo]:
        return [DocumentInfo(*row) for row in self._all(f"SELECT {_INFO} FROM documents ORDER BY position, id")]

    def document(self, document_id: int) -> Document:
        rows = self._all(f"SELECT {_INFO}, text, meta_json FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise ProjectError(f"there is no document with id {document_id}")
        *info, text, meta_json = rows[0]
        return Document(*info, text=text, meta=load_json(meta_json, {}, "a document's metadata"))

    def document_texts(self, ids: Sequence[int]) -> dict[int, str]:
        if not ids:
            return {}
        return dict(self._all(f"SELECT id, text FROM documents WHERE id IN ({_marks(ids)})", ids))

    def statuses(self, coder_id: int) -> dict[int, DocStatus]:
        found = {doc_id: DocStatus(status)
                 for doc_id, status in self._all("SELECT document_id, status FROM doc_status WHERE coder_id = ?",
                                                 (coder_id,))}
        return {doc_id: found.get(doc_id, DocStatus.NEW) for (doc_id,) in self._all("SELECT id FROM documents")}

    def assignments(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for doc_id, name in self._all("SELECT assignments.document_id, coders.name FROM assignments "
                                      "JOIN coders ON coders.id = assignments.coder_id "
                                      "ORDER BY assignments.document_id, coders.name"):
            out.setdefault(doc_id, []).append(name)
        return out

    def doc_labels_table(self, coder_id: int | None = None) -> dict:
        sql = "SELECT document_id, coder_id, labels_json, flags_json, comment, version FROM doc_labels"
        rows: list[DocLabels] = [doc_labels_from(*row) for row in (
            self._all(sql + " WHERE coder_id = ?", (coder_id,)) if coder_id is not None else self._all(sql))]
        if coder_id is not None:
            return {d.document_id: d for d in rows}
        return {(d.document_id, d.coder_id): d for d in rows}

    # spans, relations and attribute values
    def span_rows(self, document_id: int, coder_id: int | None = None) -> list[tuple]:
        sql = "SELECT id, coder_id, label_id, start_offset, end_offset, note FROM spans WHERE document_id = ?"
        params: tuple = (document_id,)
        if coder_id is not None:
            sql, params = sql + " AND coder_id = ?", (document_id, coder_id)
        return self._all(sql + " ORDER BY start_offset, end_offset, id", params)

    def span_table(self, ids: Sequence[int], coder_ids: Sequence[int] | None = None) -> list[tuple]:
        if not ids:
            return []
        sql = f"SELECT document_id, coder_id, label_id, start_offset, end_offset FROM spans WHERE document_id IN ({_marks(ids)})"
        if coder_ids is None:
            return self._all(sql, ids)
        return self._all(sql + f" AND coder_id IN ({_marks(coder_ids)})", (*ids, *coder_ids))

    def span_table_packed(self, ids: Sequence[int], coder_ids: Sequence[int]) -> bytes | None:
        if not ids or not coder_ids:
            return b""
        count, packed = self._all(packed_spans_sql(len(ids), len(coder_ids)), packed_parameters(ids, coder_ids))[0]
        return unpack_spans(count, packed)

    def layers_present(self, coder_ids, label_ids=()) -> tuple[bool, bool]:
        coders, labels = list(coder_ids), list(label_ids)
        if not coders:
            return False, False
        relations = bool(self._all(f"SELECT EXISTS (SELECT 1 FROM relations WHERE coder_id IN ({_marks(coders)}))",
                                   coders)[0][0])
        attributes = bool(labels) and bool(self._all(
            f"SELECT EXISTS (SELECT 1 FROM spans WHERE label_id IN ({_marks(labels)}) AND coder_id IN ({_marks(coders)}) "
            "AND attrs_json IS NOT NULL)", (*labels, *coders))[0][0])
        return relations, attributes

    def relation_table(self, ids, coder_ids) -> list[tuple]:
        if not ids or not coder_ids:
            return []
        return self._all(
            "SELECT r.document_id, r.coder_id, r.type_id, h.label_id, h.start_offset, h.end_offset, "
            "c.label_id, c.start_offset, c.end_offset FROM relations r "
            "JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id "
            f"WHERE r.document_id IN ({_marks(ids)}) AND r.coder_id IN ({_marks(coder_ids)})", (*ids, *coder_ids))

    def attribute_table(self, ids, coder_ids, label_ids) -> list[tuple]:
        if not ids or not coder_ids or not label_ids:
            return []
        rows = self._all(
            "SELECT document_id, coder_id, label_id, start_offset, end_offset, attrs_json FROM spans "
            f"WHERE document_id IN ({_marks(ids)}) AND coder_id IN ({_marks(coder_ids)}) "
            f"AND label_id IN ({_marks(label_ids)})", (*ids, *coder_ids, *label_ids))
        out = []
        for doc, coder, label, start, end, raw in rows:
            attrs = load_json(raw, {}, "a span's attributes") if raw else {}
            out.append((doc, coder, label, start, end, attrs if isinstance(attrs, dict) else {}))
        return out
