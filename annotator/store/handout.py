"""Coder copies: one complete project file per coder, made from the lead's project.

Each copy is one consistent snapshot taken with ``VACUUM INTO`` (never a raw file copy, which could
miss committed work in ``-wal`` or catch a half-written page), written beside its final name as a
hidden ``.partial`` file and renamed into place only when complete. In the copy, the coder exists
and is its default coder; the other coders' spans and statuses and the gold layer are left out (a
coder annotates independently, as agreement assumes); labels, documents and settings are kept. With
``documents`` given, only those documents go into the copy (and the coder's own assignments, its
queue in the app, stay with them).

``plan_handout`` decides what each copy holds: when the project has work assignments
(``annotator assign``), each coder's copy holds the documents assigned to that coder; otherwise every
copy holds every document. The CLI and the GUI both use it, and say which of the two it was.
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


class Handout:
    """What each coder's copy will hold: ``documents[coder]`` is a list of document ids (the assigned
    ones, in queue order) or None (every document); ``note`` says which rule applied, in one line."""

    def __init__(self, coders: list[str], documents: dict[str, list[int] | None], note: str) -> None:
        self.coders = coders
        self.documents = documents
        self.note = note


def plan_handout(project, coders: list[str] | None, *, all_documents: bool = False) -> Handout:
    """Which documents each coder's copy holds (see the module docstring). ``coders`` None: the
    coders the project's assignments name. A coder named who has no assignment in a project that
    has assignments is refused (``ProjectError``: a typo would hand out an empty project)."""
    assigned = {} if all_documents else project.assignments()
    if not assigned:
        if not coders:
            raise ProjectError(f"{project.where}: the project has no document assignments; name the coders")
        note = ("every coder gets every document (asked with --all-documents)" if all_documents else
                "the project has no document assignments: every coder gets every document")
        return Handout(list(coders), {coder: None for coder in coders}, note)
    named = sorted({name for names in assigned.values() for name in names})
    if not coders:
        coders = named
    missing = [coder for coder in coders if coder not in named]
    if missing:
        raise ProjectError(f"{project.where}: {missing[0]!r} has no documents assigned (the assignments name "
                           f"{', '.join(named)}); nothing was written. Assign work first ('annotator assign'), or "
                           "hand out every document to everyone with --all-documents")
    documents = {coder: [doc.id for doc in project.assignments_for(coder)] for coder in coders}
    note = (f"the project has work assignments: each coder gets the documents assigned to them "
            f"({', '.join(f'{coder} {len(documents[coder])}' for coder in coders)})")
    return Handout(list(coders), documents, note)


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
