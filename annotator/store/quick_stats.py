"""``annotator stats`` on a project file with sqlite3 alone (issue 21: a small project's counts in
well under half a second, where importing SQLAlchemy and the models takes about 0.6 s).

The file is checked exactly as ``Project.open`` checks it (``files.check_sqlite_file``, then
``trust.check_file``: its schema always, its rows unless this app checked it in this state) and read
through ``files.read_only_connection`` under ``trusted_schema=OFF``: nothing is written, a refused file
is left as it was. The counts are the same queries as ``ProjectReads.stats`` (a test holds both to
the same answer). A file of an older schema returns None: the caller opens it with ``Project``, which
reads an upgraded copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.model import DocStatus
from annotator.store import files, trust
from annotator.store.schema_state import SCHEMA_VERSION


def stats(path: str | Path) -> dict[str, Any] | None:
    """The counts of ``Project.stats`` for the project file ``path``, or None when its schema is
    older than this app's (``ProjectError`` for a file that is not a project this app can read)."""
    path = Path(path)
    where = str(path)  # as ``Project.where`` shows a file
    files.check_sqlite_file(path)
    version = trust.check_file(path)
    if version != SCHEMA_VERSION:
        return None
    try:
        conn = files.read_only_connection(path)
    except sqlite3.Error as exc:
        from annotator.store.recovery import read_error
        raise read_error(path, exc) from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        documents, characters = conn.execute("SELECT count(id), coalesce(sum(length), 0) FROM documents").fetchone()
        coders = [name for (name,) in conn.execute("SELECT name FROM coders ORDER BY id")]
        labels = [name for (name,) in conn.execute("SELECT name FROM labels ORDER BY position")]
        per = conn.execute("SELECT coders.name, labels.name, count(spans.id) FROM spans "
                           "JOIN coders ON coders.id = spans.coder_id JOIN labels ON labels.id = spans.label_id "
                           "GROUP BY coders.name, labels.name").fetchall()
        status_rows = conn.execute("SELECT coders.name, doc_status.status, count(*) FROM doc_status "
                                   "JOIN coders ON coders.id = doc_status.coder_id "
                                   "GROUP BY coders.name, doc_status.status").fetchall()
    except sqlite3.Error as exc:
        from annotator.store.recovery import read_error
        raise read_error(path, exc) from None
    finally:
        conn.close()
    return count_up(where, version, documents or 0, characters or 0, coders, labels, per, status_rows)


def count_up(where: str, version: int, documents: int, characters: int, coders: list[str], labels: list[str],
             per, status_rows) -> dict[str, Any]:
    """The stats dict from the rows of the five queries (shared with ``ProjectReads.stats``)."""
    spans: dict[str, dict[str, int]] = {c: {label: 0 for label in labels} for c in coders}
    for coder, label, count in per:
        spans[coder][label] = count
    status: dict[str, dict[str, int]] = {coder: {s.value: 0 for s in DocStatus} for coder in coders}
    for coder, value, count in status_rows:
        status[coder][value] = count
    for coder in coders:  # documents without a status row are new
        status[coder]["new"] = documents - status[coder]["in_progress"] - status[coder]["done"]
    return {
        "project": where,
        "schema_version": version,
        "documents": documents,
        "characters": characters,
        "labels": labels,
        "coders": coders,
        "spans": sum(sum(v.values()) for v in spans.values()),
        "spans_per_label": spans,
        "status": status,
    }
