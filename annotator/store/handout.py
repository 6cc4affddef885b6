"""Coder copies: one complete project file per coder, made from the lead's project.

Each copy is one consistent snapshot taken with ``VACUUM INTO`` (never a raw file copy, which could
miss committed work in ``-wal`` or catch a half-written page), written beside its final name as a
hidden ``.partial`` file and renamed into place only when complete. In the copy, the coder exists
and is its default coder; the other coders' spans and statuses and the gold layer are left out (a
coder annotates independently, as agreement assumes); labels, documents and settings are kept. With
``documents`` given, only those documents go into the copy.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, not_, update

from annotator.core.errors import ProjectError
from annotator.store import files
from annotator.store.models import CoderRow, DocumentRow, Meta, SpanRow, StatusRow


def write_copy(project, target: Path, coder: str, documents: Iterable[int] | None = None) -> dict:
    """Write ``target``, the copy of ``project`` (an open ``Project``) for ``coder``; return counts."""
    from annotator.store.project import Project

    coder = coder.strip()
    target = Path(target)
    if target.exists():
        raise ProjectError(f"{target}: already exists; hand out into an empty folder or remove it first")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        files.snapshot(project.path, partial)
        with Project.open(partial, backup=False) as copy:
            with copy.transaction() as tx:
                conn = tx.conn
                if documents is not None:
                    keep = sorted(set(documents))
                    conn.execute(delete(DocumentRow).where(not_(DocumentRow.id.in_(keep))))
                conn.execute(delete(SpanRow).where(SpanRow.coder_id.in_(
                    CoderRow.__table__.select().with_only_columns(CoderRow.id).where(CoderRow.name != coder))))
                conn.execute(delete(StatusRow).where(StatusRow.coder_id.in_(
                    CoderRow.__table__.select().with_only_columns(CoderRow.id).where(CoderRow.name != coder))))
                conn.execute(delete(CoderRow).where(CoderRow.name != coder))
                tx.ensure_coder(coder)
                value = json.dumps(coder, ensure_ascii=False)
                if conn.execute(update(Meta).where(Meta.key == "setting:default_coder").values(value=value)).rowcount == 0:
                    conn.execute(Meta.__table__.insert().values(key="setting:default_coder", value=value))
            counts = {"coder": coder, "documents": copy.document_count(),
                      "spans": sum(copy.span_counts().values())}
        _vacuum_in_place(partial)
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return counts


def _vacuum_in_place(path: Path) -> None:
    """Leave one self-contained file (no -wal beside it, deleted rows' pages gone, rollback journal)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
