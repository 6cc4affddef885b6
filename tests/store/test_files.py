"""Opening, locking and backups of the project file (migrations: test_migrations.py)."""

import sqlite3
import time

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project
from annotator.store.files import list_backups, make_backup


def test_second_writer_in_same_process_is_refused_but_reader_works(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as first:
        with pytest.raises(ProjectError, match="open for writing in another window"):
            Project.open(path)
        first.add_document("t", "نص")
        with Project.open(path, readonly=True) as reader:
            assert reader.document_count() == 1
            with pytest.raises(ProjectError, match="read-only"):
                reader.add_document("u", "نص آخر")
    with Project.open(path) as again:  # released on close
        assert again.document_count() == 1


def test_opening_backs_up_only_when_changed_and_rotates(tmp_path):
    path = tmp_path / "p.annot"
    Project.create(path).close()
    with Project.open(path) as p:
        first = p.wait_for_backup()
    assert first is not None and first.exists()
    with Project.open(path) as p:  # nothing changed since that backup
        assert p.wait_for_backup() is None
    for i in range(7):
        time.sleep(0.01)
        with Project.open(path, backup=False) as p:
            p.add_document(f"d{i}", f"نص رقم {i}")
        assert make_backup(path, keep=5) is not None
    backups = list_backups(path)
    assert len(backups) == 5
    with Project.open(backups[0], readonly=True) as newest:
        assert newest.document_count() == 7
    with Project.open(backups[-1], readonly=True) as oldest:
        assert oldest.document_count() == 3


def test_restoring_a_backup_gives_a_working_project(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path, coder="ali") as p:
        d = p.add_document("t", "نص للحفظ")
        p.add_span(d.id, p.coder("ali").id, 1, 0, 2)
    backup = make_backup(path)
    restored = tmp_path / "restored.annot"
    restored.write_bytes(backup.read_bytes())
    with Project.open(restored) as r:
        assert len(r.spans(d.id)) == 1
        assert r._engine.connect().connection.dbapi_connection.execute(
            "PRAGMA integrity_check").fetchone()[0] == "ok"
