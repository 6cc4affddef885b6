"""Every read of a project, each in its own short read transaction: settings, labels, coders,
documents, spans, statuses and counts. ``Project`` inherits these; exporters that read the whole
project in one consistent state use ``Project.reader()`` (``snapshot``) instead."""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine, bindparam, func, select

from annotator.core.errors import ProjectError
from annotator.core.model import GOLD_CODER, Coder, DocStatus, Document, DocumentInfo, LabelSchema, Span
from annotator.store import batch_reads, list_reads
from annotator.store.quick_stats import count_up
from annotator.store.models import CoderRow, DocumentRow, LabelRow, Meta, SpanRow, StatusRow
from annotator.store.rows import (INFO_COLUMNS, LABEL_COLUMNS, SPAN_COLUMNS, label_from_row, load_json, span_by_id,
                                  span_from_row)
from annotator.store.suggestions import SuggestionReads


# ``span_rows``' statements by (what, dialect, for every coder): compiled once, run on the driver's cursor.
_SPAN_ROWS_SQL: dict[tuple, tuple[str, tuple | None]] = {}


def _statement(conn, what: str, document_id: int, coder_id: int | None) -> tuple:
    """``(sql, parameters)`` of ``span_rows``' query ("rows") or of its spans past version 1 ("moved")."""
    key = (what, conn.dialect.name, coder_id is None)
    sql = _SPAN_ROWS_SQL.get(key)
    if sql is None:
        if what == "rows":
            query = select(SpanRow.id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end, SpanRow.note)
        else:
            query = select(SpanRow.id, SpanRow.version).where(SpanRow.version != bindparam("first"))
        query = query.where(SpanRow.document_id == bindparam("document"))
        if coder_id is not None:
            query = query.where(SpanRow.coder_id == bindparam("coder"))
        if what == "rows":
            query = query.order_by(SpanRow.start, SpanRow.end, SpanRow.id)
        compiled = query.compile(dialect=conn.dialect)
        sql = _SPAN_ROWS_SQL[key] = (str(compiled), compiled.positiontup)
    text, order = sql
    params = {"document": document_id, "coder": coder_id, "first": 1}
    return text, ([params[name] for name in order] if order else params)


class ProjectReads(SuggestionReads):
    """The read methods of ``Project`` (which supplies ``_engine``, ``path`` and ``schema_version``)."""

    _engine: Engine

    def setting(self, key: str, default: Any = None) -> Any:
        with self._engine.connect() as conn:
            raw = conn.scalar(select(Meta.value).where(Meta.key == f"setting:{key}"))
        return default if raw is None else load_json(raw, default, f"the setting {key!r}")

    def labels(self) -> LabelSchema:
        with self._engine.connect() as conn:
            rows = conn.execute(select(*LABEL_COLUMNS).order_by(LabelRow.position, LabelRow.id)).all()
        return LabelSchema(label_from_row(row) for row in rows)

    def coders(self, *, include_gold: bool = True) -> list[Coder]:
        query = select(CoderRow.id, CoderRow.name).order_by(CoderRow.id)
        if not include_gold:
            query = query.where(CoderRow.is_gold.is_(False))
        with self._engine.connect() as conn:
            return [Coder(*row) for row in conn.execute(query)]

    def gold_coder(self) -> Coder | None:
        """The gold layer's coder, or None before anything was adjudicated."""
        return self.coder(GOLD_CODER)

    def coder(self, name: str) -> Coder | None:
        with self._engine.connect() as conn:
            coder_id = conn.scalar(select(CoderRow.id).where(CoderRow.name == name))
        return None if coder_id is None else Coder(coder_id, name)

    def documents(self) -> list[DocumentInfo]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(*INFO_COLUMNS).order_by(DocumentRow.position, DocumentRow.id)).all()
        return [DocumentInfo(*row) for row in rows]

    def document_list(self, coder_id: int) -> list[tuple]:
        """The document list's rows in one query, without reading any text (see ``list_reads``):
        ``(id, title, length, status or None, queue position or None)``, queued documents first."""
        with self._engine.connect() as conn:
            return list_reads.document_list(conn, coder_id)

    def span_counts_of(self, coder_id: int, ids) -> dict[int, int]:
        """One coder's span count in each of these documents (the rows a list shows)."""
        with self._engine.connect() as conn:
            return list_reads.span_counts_of(conn, coder_id, ids)

    def document_count(self) -> int:
        with self._engine.connect() as conn:
            return conn.scalar(select(func.count(DocumentRow.id))) or 0

    def document(self, document_id: int) -> Document:
        with self._engine.connect() as conn:
            row = conn.execute(select(*INFO_COLUMNS, DocumentRow.text, DocumentRow.meta_json)
                               .where(DocumentRow.id == document_id)).first()
        if row is None:
            raise ProjectError(f"there is no document with id {document_id}")
        *info, text, meta_json = row
        return Document(*info, text=text, meta=load_json(meta_json, {}, "a document's metadata"))

    def document_by_sha256(self, sha256: str) -> DocumentInfo | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(*INFO_COLUMNS).where(DocumentRow.sha256 == sha256)).first()
        return None if row is None else DocumentInfo(*row)

    def spans(self, document_id: int, coder_id: int | None = None) -> list[Span]:
        query = select(*SPAN_COLUMNS).where(SpanRow.document_id == document_id)
        if coder_id is not None:
            query = query.where(SpanRow.coder_id == coder_id)
        query = query.order_by(SpanRow.start, SpanRow.end, SpanRow.id)
        with self._engine.connect() as conn:
            return [span_from_row(row) for row in conn.execute(query)]

    def span_rows(self, document_id: int, coder_id: int | None = None, *,
                  versions: dict[int, int] | None = None) -> list[tuple]:
        """The spans of a document as plain tuples ``(id, coder_id, label_id, start, end, note)``,
        ordered by start, end and id (the span list's order). For views that show tens of
        thousands of spans: it skips building ``Span`` objects and SQLAlchemy rows (50,000 spans:
        about 50 ms instead of 300 ms). ``versions``: a dict that also gets each span's version
        (id -> version), read in the same transaction: every id at 1, then the few that moved on
        (a window's open needs both; a version column split out of 50,000 rows cost a quarter of
        the read, and reading the versions apart as much as the rows)."""
        with self._engine.connect() as conn, conn.begin():
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                rows = cursor.execute(*_statement(conn, "rows", document_id, coder_id)).fetchall()
                moved = cursor.execute(*_statement(conn, "moved", document_id, coder_id)).fetchall() \
                    if versions is not None else ()
            finally:
                cursor.close()
        if rows and type(rows[0]) is not tuple:
            rows = [tuple(row) for row in rows]
        if versions is not None:
            versions.update(dict.fromkeys(map(itemgetter(0), rows), 1))
            versions.update(moved)
        return rows

    def document_texts(self, ids) -> dict[int, str]:
        """The texts of many documents in one query, by id (see ``batch_reads``)."""
        with self._engine.connect() as conn:
            return batch_reads.document_texts(conn, ids)

    def span_table(self, ids, coder_ids=None) -> list:
        """The spans of many documents in one query: rows ``(document_id, coder_id, label_id, start, end)``."""
        with self._engine.connect() as conn:
            return batch_reads.span_table(conn, ids, coder_ids)

    def span_table_packed(self, ids, coder_ids) -> bytes | None:
        """The same spans packed in bytes (see ``batch_reads.span_table_packed``), or None."""
        with self._engine.connect() as conn:
            return batch_reads.span_table_packed(conn, ids, coder_ids)

    def span(self, span_id: int) -> Span:
        with self._engine.connect() as conn:
            return span_by_id(conn, span_id)

    def status(self, document_id: int, coder_id: int) -> DocStatus:
        with self._engine.connect() as conn:
            raw = conn.scalar(select(StatusRow.status).where(StatusRow.document_id == document_id,
                                                              StatusRow.coder_id == coder_id))
        return DocStatus(raw) if raw else DocStatus.NEW

    def statuses(self, coder_id: int) -> dict[int, DocStatus]:
        """Every document's status for one coder (documents never touched are NEW)."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(StatusRow.document_id, StatusRow.status).where(StatusRow.coder_id == coder_id))
            found = {doc_id: DocStatus(status) for doc_id, status in rows}
            ids = conn.scalars(select(DocumentRow.id))
            return {doc_id: found.get(doc_id, DocStatus.NEW) for doc_id in ids}

    def span_counts(self, coder_id: int | None = None) -> dict[int, int]:
        """Spans per document (of one coder, or of all)."""
        query = select(SpanRow.document_id, func.count(SpanRow.id)).group_by(SpanRow.document_id)
        if coder_id is not None:
            query = query.where(SpanRow.coder_id == coder_id)
        with self._engine.connect() as conn:
            return dict(conn.execute(query).all())

    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: documents, coders, spans per label per coder, statuses."""
        with self._engine.connect() as conn:
            documents = conn.scalar(select(func.count(DocumentRow.id))) or 0
            characters = conn.scalar(select(func.coalesce(func.sum(DocumentRow.length), 0))) or 0
            coders = [name for (name,) in conn.execute(select(CoderRow.name).order_by(CoderRow.id))]
            labels = [name for (name,) in conn.execute(select(LabelRow.name).order_by(LabelRow.position))]
            per = conn.execute(
                select(CoderRow.name, LabelRow.name, func.count(SpanRow.id))
                .join(CoderRow, CoderRow.id == SpanRow.coder_id)
                .join(LabelRow, LabelRow.id == SpanRow.label_id)
                .group_by(CoderRow.name, LabelRow.name)
            ).all()
            status_rows = conn.execute(
                select(CoderRow.name, StatusRow.status, func.count())
                .join(CoderRow, CoderRow.id == StatusRow.coder_id)
                .group_by(CoderRow.name, StatusRow.status)
            ).all()
        return count_up(self.where, self.schema_version, documents, characters, coders, labels, per, status_rows)
