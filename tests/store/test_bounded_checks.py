"""Every check run on a project file from elsewhere has a deadline: the schema check, the row check
and SQLite's integrity check (run when a file looks damaged, on it and on its backups) each stop
and refuse, in one line, once their time is up; a crafted file cannot keep the app waiting. The
checks leave nothing beside a refused file, whatever its journal mode."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project, recovery, trust
from hostile_files import deadline, good_project


def _spans(path, n: int) -> None:
    con = sqlite3.connect(path)
    con.execute(f"WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {n - 1}) "
                "INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at) "
                "SELECT 1, 1, 1, i % 20, i % 20 + 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM k")
    con.commit()
    con.close()


def test_the_row_check_of_a_huge_file_stops_at_its_deadline_and_refuses(tmp_path, monkeypatch):
    path = good_project(tmp_path / "received.annot")
    _spans(path, 300_000)
    monkeypatch.setattr(trust, "DATA_SECONDS", 0.05)
    before = path.read_bytes()
    started = time.monotonic()
    with deadline(30), pytest.raises(ProjectError, match=r"checking its data took more than 0.05 s; refused"):
        Project.open(path)
    assert time.monotonic() - started < 10
    assert path.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["received.annot"]


def test_the_schema_check_of_a_file_with_thousands_of_tables_stops_at_its_deadline(tmp_path, monkeypatch):
    """Each table's columns are one short pragma: the deadline is asked between them too (SQLite's
    progress handler is only called inside a long statement)."""
    path = good_project(tmp_path / "received.annot")
    con = sqlite3.connect(path)
    # columns of our own tables, many times over, under names the check must look at one by one
    for i in range(3000):
        con.execute(f"CREATE TABLE t{i} (a, b, c)")
    con.commit()
    con.close()
    monkeypatch.setattr(trust, "CHECK_SECONDS", 0.01)
    monkeypatch.setattr(trust, "schema_problem", lambda *a: None)  # as if every table were ours: only time refuses
    with deadline(30), pytest.raises(ProjectError, match=r"reading its schema took more than 0.01 s; refused"):
        trust.check_schema(path)


def test_the_integrity_check_has_a_deadline_and_calls_an_unchecked_file_unsound(tmp_path, monkeypatch):
    path = good_project(tmp_path / "big.annot")
    _spans(path, 200_000)
    assert recovery.is_sound(path)
    monkeypatch.setattr(recovery, "INTEGRITY_SECONDS", 0.01)
    started = time.monotonic()
    with deadline(30):
        assert not recovery.is_sound(path)  # not known to be sound in time
        assert recovery.latest_good_backup(path) is None
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_checking_a_refused_file_leaves_nothing_beside_it(tmp_path, journal):
    """A stranger's file in WAL mode: a plain read-only connection (the integrity check's, before)
    left -wal and -shm files beside it."""
    folder = tmp_path / "received"
    folder.mkdir()
    path = good_project(folder / "study.annot")
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("CREATE TRIGGER t AFTER INSERT ON spans BEGIN DELETE FROM spans WHERE id = new.id; END")
    con.commit()
    con.close()
    assert sorted(os.listdir(folder)) == ["study.annot"]
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="refused"):
        Project.open(path)
    assert recovery.is_sound(path)
    assert recovery.latest_good_backup(path) is None
    assert sorted(os.listdir(folder)) == ["study.annot"] and path.read_bytes() == before


def test_a_span_date_the_app_could_not_have_written_reads_as_none(tmp_path):
    """The row check no longer parses a million spans' dates (docs/benchmarks.md): a span's dates
    are read leniently, so a bad one is no traceback, and the rest of the file still works."""
    path = good_project(tmp_path / "received.annot")
    con = sqlite3.connect(path)
    con.execute("UPDATE spans SET created_at = 'yesterday', updated_at = '2024-13-45 99:00:00' WHERE id = 1")
    con.commit()
    con.close()
    with Project.open(path) as project:
        doc = project.documents()[0]
        spans = project.spans(doc.id, project.coder("ann").id)
        assert [(s.created_at, s.updated_at) for s in spans if s.id == 1] == [(None, None)]
        added = project.add_span(doc.id, project.coder("ann").id, spans[0].label_id, 0, 3)
        assert added.created_at is not None
