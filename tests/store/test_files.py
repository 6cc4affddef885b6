"""Opening, locking, backups and migrations of the project file."""

import sqlite3
import time

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project
from annotator.store import migrations
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


def set_version(path, version):
    con = sqlite3.connect(path)
    con.execute("update meta set value = ? where key = 'schema_version'", (str(version),))
    con.commit()
    con.close()


def test_older_file_without_migration_path_is_refused_clearly(tmp_path):
    path = tmp_path / "old.annot"
    Project.create(path).close()
    set_version(path, 0)
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="no migration from schema version 0 to 1"):
        Project.open(path)
    assert path.read_bytes() == before


def test_migration_steps_run_in_order_in_one_transaction_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "old.annot"
    with Project.create(path) as p:
        p.add_document("t", "نص")
    set_version(path, 0)

    def step(conn):
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN migrated INTEGER DEFAULT 7")

    monkeypatch.setitem(migrations.MIGRATIONS, 0, step)
    con = sqlite3.connect(path)  # make the file really look like schema 0: no provenance column yet
    con.execute("ALTER TABLE spans DROP COLUMN provenance")
    con.commit()
    con.close()
    with Project.open(path, backup=False) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION
    con = sqlite3.connect(path)
    assert con.execute("select migrated from documents").fetchone()[0] == 7
    assert con.execute("select value from meta where key='schema_version'").fetchone()[0] == "2"
    con.close()
    assert list_backups(path), "a backup is taken before migrating"


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "old.annot"
    Project.create(path).close()
    set_version(path, 0)

    def broken(conn):
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN half INTEGER")
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.MIGRATIONS, 0, broken)
    with pytest.raises(ProjectError, match="upgrade from schema 0 failed .step failed.; the file was not changed"):
        Project.open(path, backup=False)
    con = sqlite3.connect(path)
    columns = [row[1] for row in con.execute("pragma table_info(documents)")]
    assert "half" not in columns
    assert con.execute("select value from meta where key='schema_version'").fetchone()[0] == "0"
    con.close()


def test_plan_lists_steps():
    steps = {0: "a", 1: "b"}
    assert migrations.plan(0, 2, steps) == ["a", "b"]
    with pytest.raises(ValueError):
        migrations.plan(0, 3, steps)


def test_a_real_schema_1_file_is_migrated_with_its_data(tmp_path):
    from pathlib import Path
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "schema-v1.annot"
    path = tmp_path / "v1.annot"
    path.write_bytes(fixture.read_bytes())
    with Project.open(path, backup=False) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION == 2
        (doc,) = p.documents()
        spans = p.spans(doc.id)
        assert [(s.start, s.end, s.note, s.provenance) for s in spans] == [(0, 2, "ملاحظة", None), (27, 29, None, None)]
        assert p.status(doc.id, p.coder("ali").id).value == "done"
        gold = p.ensure_gold_coder()
        s = p.add_span(doc.id, gold.id, 1, 0, 2, provenance={"proposed_by": ["ali"]})
        assert p.span(s.id).provenance == {"proposed_by": ["ali"]}
    assert list_backups(path), "the schema-1 file was backed up before the upgrade"
