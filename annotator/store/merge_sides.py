"""The two sides of a merge, read once: everything merge needs from a source file (opened
read-only), and the target's state inside the merge transaction, kept current as the merge goes."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update

from annotator.store.merge_report import SpanKey
from annotator.store.models import CoderRow, DocumentRow, LabelRow, SpanRow, StatusRow, utcnow
from annotator.core.errors import ProjectError
from annotator.store.project import Project


@dataclass
class Source:
    """Everything merge needs from one source file, read once."""

    path: str
    labels: dict[int, tuple[str, str, str | None]]   # id -> (name, colour, hotkey)
    coders: dict[int, tuple[str, bool]]               # id -> (name, is_gold)
    documents: dict[int, tuple[str, str, str | None, str]]  # id -> (sha256, title, external_id, meta_json)
    spans: dict[tuple[int, int], list[SpanKey]]       # (document id, coder id) -> spans
    statuses: dict[tuple[int, int], str]


# A team's copies hold a handful of coders each; a received file with tens of thousands is refused
# before it makes a merge take hours.
MAX_SOURCE_CODERS = 1000


def read_source(path: str | os.PathLike) -> tuple[Source, Project]:
    project = Project.open(path, readonly=True)
    try:
        with project._engine.connect() as conn:
            labels = {row[0]: (row[1], row[2], row[3]) for row in
                      conn.execute(select(LabelRow.id, LabelRow.name, LabelRow.color, LabelRow.hotkey))}
            coders = {row[0]: (row[1], bool(row[2])) for row in
                      conn.execute(select(CoderRow.id, CoderRow.name, CoderRow.is_gold).limit(MAX_SOURCE_CODERS + 1))}
            if len(coders) > MAX_SOURCE_CODERS:
                raise ProjectError(f"{path}: holds more than {MAX_SOURCE_CODERS:,} coders; a coder's copy holds a "
                                   "few. Refused (nothing was merged)")
            documents = {row[0]: (row[1], row[2], row[3], row[4]) for row in conn.execute(
                select(DocumentRow.id, DocumentRow.sha256, DocumentRow.title, DocumentRow.external_id,
                       DocumentRow.meta_json).order_by(DocumentRow.position, DocumentRow.id))}
            spans: dict[tuple[int, int], list[SpanKey]] = defaultdict(list)
            for doc, coder, label, start, end, note in conn.execute(
                    select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start,
                           SpanRow.end, SpanRow.note)):
                spans[(doc, coder)].append((start, end, labels[label][0], note or ""))
            statuses = {(doc, coder): status for doc, coder, status in
                        conn.execute(select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status))}
    except BaseException:
        project.close()
        raise
    return Source(str(path), labels, coders, documents, dict(spans), statuses), project


class TargetState:
    """The target's labels, coders, documents, spans and statuses, kept current during the merge."""

    def __init__(self, tx) -> None:
        conn = tx.conn
        self.labels = {name: label_id for label_id, name in conn.execute(select(LabelRow.id, LabelRow.name))}
        self.label_names = {label_id: name for name, label_id in self.labels.items()}
        self.hotkeys = {key for key in conn.scalars(select(LabelRow.hotkey)) if key}
        self.coders = {name: coder_id for coder_id, name in conn.execute(select(CoderRow.id, CoderRow.name))}
        self.documents = {sha: (doc_id, title) for doc_id, sha, title in
                          conn.execute(select(DocumentRow.id, DocumentRow.sha256, DocumentRow.title))}
        self.external_ids = {ext: sha for ext, sha in
                             conn.execute(select(DocumentRow.external_id, DocumentRow.sha256))
                             if ext is not None}
        self.spans: dict[tuple[int, int], list[SpanKey]] = defaultdict(list)
        for doc, coder, label, start, end, note in conn.execute(
                select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end,
                       SpanRow.note)):
            self.spans[(doc, coder)].append((start, end, self.label_names[label], note or ""))
        self.statuses = {(doc, coder): status for doc, coder, status in
                         conn.execute(select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status))}
        self.status_inserts: dict[tuple[int, int], str] = {}  # pending writes (see write_statuses)
        self.status_updates: dict[tuple[int, int], str] = {}
        # every document's length at once: the span checks would ask for them one document at a time
        tx.lengths.update(conn.execute(select(DocumentRow.id, DocumentRow.length)).all())

    def has_work(self, key: tuple[int, int]) -> bool:
        return bool(self.spans.get(key)) or self.statuses.get(key, "new") != "new"

    def write_statuses(self, conn) -> None:
        """Write the pending status changes: one executemany for new rows, one for changed rows."""
        now = utcnow()
        if self.status_inserts:
            conn.execute(insert(StatusRow.__table__), [
                dict(document_id=d, coder_id=c, status=status, updated_at=now)
                for (d, c), status in self.status_inserts.items()])
        if self.status_updates:
            conn.execute(update(StatusRow.__table__)
                         .where(StatusRow.document_id == bindparam("d"), StatusRow.coder_id == bindparam("c"))
                         .values(status=bindparam("s"), updated_at=bindparam("u")),
                         [dict(d=d, c=c, s=status, u=now) for (d, c), status in self.status_updates.items()])
        self.status_inserts.clear()
        self.status_updates.clear()
