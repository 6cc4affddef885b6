"""Damaged files, full disks, read-only folders: a clear message and nothing half-written."""

import os
import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project
from annotator.store.files import make_backup
from annotator.store.recovery import is_sound, latest_good_backup, restore_backup


def filled_project(path, docs=40):
    with Project.create(path, coder="ali") as p:
        with p.transaction() as tx:
            for i in range(docs):
                d = tx.add_document(f"d{i}", ("نص عربي طويل للاختبار " * 50) + str(i))
                tx.add_span(d.id, 1, 1, 0, 3)
    return path


def test_truncated_file_gives_clear_message_and_offers_backup(tmp_path):
    path = filled_project(tmp_path / "p.annot")
    good = make_backup(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ProjectError) as err:
        with Project.open(path, backup=False) as p:
            for info in p.documents():
                p.document(info.id)
    message = str(err.value)
    assert "damaged" in message and good.name in message and "annotator restore" in message


def test_pages_overwritten_with_random_bytes(tmp_path):
    path = filled_project(tmp_path / "p.annot")
    make_backup(path)
    size = path.stat().st_size
    rng = random.Random(7)
    with open(path, "r+b") as fh:
        for page in range(2, size // 4096):
            fh.seek(page * 4096)
            fh.write(rng.randbytes(4096))
    assert not is_sound(path)
    with pytest.raises(ProjectError, match="damaged"):
        with Project.open(path, backup=False) as p:
            for info in p.documents():
                p.document(info.id)
                p.spans(info.id)


def test_restore_keeps_damaged_file_aside(tmp_path, capsys):
    path = filled_project(tmp_path / "p.annot")
    backup = make_backup(path)
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    assert latest_good_backup(path) == backup
    assert main(["restore", str(path), "--list"]) == 0
    assert "sound" in capsys.readouterr().out
    assert main(["restore", str(path)]) == 0
    assert "restored" in capsys.readouterr().err
    assert is_sound(path)
    assert len(list(tmp_path.glob("p.annot.damaged-*"))) == 1
    with Project.open(path) as p:
        assert p.document_count() == 40


def test_restore_without_backup_is_a_clear_error(tmp_path):
    path = filled_project(tmp_path / "p.annot")
    with pytest.raises(ProjectError, match="no sound backup"):
        restore_backup(path)


def test_disk_full_is_reported_and_nothing_half_written(tmp_path):
    """A file size limit (RLIMIT_FSIZE) stands in for a full disk: writes past it fail with EFBIG."""
    path = filled_project(tmp_path / "p.annot", docs=5)
    child = textwrap.dedent(f"""
        import resource, signal, sys
        from annotator.core.errors import ProjectError
        from annotator.store import Project
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        p = Project.open({str(path)!r}, backup=False)
        p.add_document("small", "نص صغير يتسع")
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        try:
            p.add_document("big", "ن" * 2_000_000)
        except ProjectError as exc:
            print("ERROR:", exc)
        p.close()
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    assert "ERROR:" in result.stdout and "NOT saved" in result.stdout
    assert is_sound(path)
    with Project.open(path) as p:
        titles = [d.title for d in p.documents()]
    assert "small" in titles and "big" not in titles


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = filled_project(folder / "p.annot", docs=2)
    folder.chmod(0o555)
    try:
        with pytest.raises(ProjectError, match="not writable"):
            Project.create(folder / "new.annot")
        with Project.open(path) as p:
            assert p.readonly and p.read_only_reason == "its folder is not writable"
            assert p.document_count() == 2
            with pytest.raises(ProjectError, match="read-only"):
                p.add_document("x", "نص")
        assert sorted(x.name for x in folder.iterdir()) == ["p.annot"]
    finally:
        folder.chmod(0o755)


def test_a_checkpoint_that_fails_after_the_commit_is_not_reported_as_unsaved(tmp_path, monkeypatch):
    """The commit returned, so the change is saved (in the WAL): a failure to copy it into the main
    file afterwards must not tell the user 'NOT saved' (seen when a merge had attached a file that
    still had a WAL of its own). Close tries again, still releases the file, and says where the
    changes are."""
    from annotator.store import engine

    path = filled_project(tmp_path / "p.annot", docs=1)
    p = Project.open(path)
    doc = p.documents()[0]
    def failing(conn):  # a real SQLite error, raised through SQLAlchemy as the checkpoint's would be
        conn.exec_driver_sql("PRAGMA nosuch.wal_checkpoint(PASSIVE)")

    def failing_on_engine(e):
        with e.connect() as conn:
            failing(conn)

    monkeypatch.setattr(engine, "checkpoint_on", failing)
    monkeypatch.setattr(engine, "checkpoint", failing_on_engine)
    span = p.add_span(doc.id, 1, 1, 4, 7)  # no error: it is committed
    assert p.checkpoint_due
    with pytest.raises(ProjectError, match=r"every change is saved.*p\.annot-wal"):
        p.close()
    monkeypatch.undo()
    with Project.open(path) as again:  # the lock was released; the change is there
        assert (span.start, span.end) in {(s.start, s.end) for s in again.spans(doc.id)}
