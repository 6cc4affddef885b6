"""The project file as users move it around: a copy of the main file alone holds every saved change;
stale companions, a file replaced or deleted under the app, restore and backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project
from annotator.store import files as store_files
from annotator.store.recovery import restore_backup


def _spans_in(path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("select count(*) from spans").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "study.annot", coder="ali") as p:
        p.add_document("نص", "كلمة عربية " * 200)
    return tmp_path / "study.annot"


def test_a_copy_of_the_main_file_alone_holds_every_saved_change(project, tmp_path):
    with Project.open(project, backup=False) as p:
        doc, coder, label = p.documents()[0], p.coder("ali").id, p.labels().by_name("entity").id
        ids = []
        for i in range(40):
            ids.append(p.add_span(doc.id, coder, label, i * 5, i * 5 + 4).id)
            copy = tmp_path / f"copy{i}.annot"
            shutil.copyfile(project, copy)  # the file alone: no -wal, no -shm
            assert _spans_in(copy) == i + 1
        p.remove_span(ids[0])
        shutil.copyfile(project, tmp_path / "after-remove.annot")
        assert _spans_in(tmp_path / "after-remove.annot") == 39


def test_a_deferred_checkpoint_leaves_the_change_in_the_wal_until_it_runs_and_close_runs_it(project, tmp_path):
    """A window defers each write's checkpoint to just after it has drawn the change
    (``defer_checkpoints``): the commit is on disk at once (in the WAL: a crash loses nothing), the
    main file alone holds it once the scheduled run is done, and close runs one still due."""
    due = []
    with Project.open(project, backup=False) as p:
        p.defer_checkpoints(due.append)
        doc, coder, label = p.documents()[0], p.coder("ali").id, p.labels().by_name("entity").id
        p.add_span(doc.id, coder, label, 0, 4)
        p.add_span(doc.id, coder, label, 5, 9)
        assert len(due) == 1 and p.checkpoint_due  # one run covers both writes
        shutil.copyfile(project, tmp_path / "before.annot")
        assert _spans_in(tmp_path / "before.annot") == 0  # not yet in the main file alone...
        shutil.copyfile(f"{project}-wal", tmp_path / "before.annot-wal")
        with Project.open(tmp_path / "before.annot", readonly=True) as crashed:  # ...but committed
            assert len(crashed.spans(doc.id)) == 2
        due.pop()()
        assert not p.checkpoint_due
        shutil.copyfile(project, tmp_path / "after.annot")
        assert _spans_in(tmp_path / "after.annot") == 2
        p.add_span(doc.id, coder, label, 10, 14)
        assert len(due) == 1
    shutil.copyfile(project, tmp_path / "closed.annot")
    assert _spans_in(tmp_path / "closed.annot") == 3  # close ran the one still due


def test_the_main_file_is_whole_again_after_a_long_read_ends(project, tmp_path):
    with Project.open(project, backup=False) as p:
        doc, coder, label = p.documents()[0], p.coder("ali").id, p.labels().by_name("entity").id
        with p.snapshot():  # an export reading while the coder keeps saving
            p.add_span(doc.id, coder, label, 0, 4)
        shutil.copyfile(project, tmp_path / "copy.annot")
        assert _spans_in(tmp_path / "copy.annot") == 1


@pytest.mark.parametrize("suffix", ["-wal", "-journal", "-shm"])
def test_create_refuses_a_stale_companion(tmp_path, suffix):
    stale = tmp_path / f"new.annot{suffix}"
    stale.write_bytes(b"old project's pages")
    with pytest.raises(ProjectError, match="left beside the name by an earlier project"):
        Project.create(tmp_path / "new.annot")
    assert stale.read_bytes() == b"old project's pages" and not (tmp_path / "new.annot").exists()


def test_a_deleted_wal_project_does_not_come_back(tmp_path):
    """The reported case: a project deleted while its -wal stayed; a new one of the same name is
    refused instead of bringing the old documents back."""
    old = tmp_path / "s.annot"
    keep = Project.create(old)
    keep.add_document("قديم", "نص قديم")
    wal = old.with_name("s.annot-wal")
    assert wal.exists()
    saved = wal.read_bytes()
    keep.close()
    old.unlink()
    wal.write_bytes(saved)
    with pytest.raises(ProjectError, match="s.annot-wal"):
        Project.create(old)


def _write_one(p):
    doc, coder, label = p.documents()[0], p.coder("ali").id, p.labels().by_name("entity").id
    return p.add_span(doc.id, coder, label, 0, 4)


def test_a_file_replaced_under_the_app_stops_writes_and_keeps_the_work(project, tmp_path):
    teammate = tmp_path / "teammate.annot"
    with Project.create(teammate, coder="omar") as other:
        other.add_document("آخر", "نص زميل")
    with Project.open(project, backup=False) as p:
        _write_one(p)
        os.replace(teammate, project)  # a copy dropped in place (file manager, sync client)
        teammate_bytes = project.read_bytes()
        with pytest.raises(ProjectError, match="was replaced by another file") as caught:
            _write_one(p)
        with pytest.raises(ProjectError, match="was replaced"):  # and it stays stopped
            _write_one(p)
    message = str(caught.value)
    assert "NOT saved" in message and "recovered-" in message
    recovered = [f for f in tmp_path.iterdir() if ".recovered-" in f.name]
    assert len(recovered) == 1 and _spans_in(recovered[0]) == 1
    assert project.read_bytes() == teammate_bytes  # the dropped-in copy is not written into
    con = sqlite3.connect(project)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert [r[0] for r in con.execute("select name from coders")] == ["omar"]


def test_a_file_deleted_under_the_app_is_noticed(project, tmp_path):
    with Project.open(project, backup=False) as p:
        _write_one(p)
        project.unlink()
        with pytest.raises(ProjectError, match="was deleted or moved away") as caught:
            _write_one(p)
    recovered = [f for f in tmp_path.iterdir() if ".recovered-" in f.name]
    assert len(recovered) == 1 and _spans_in(recovered[0]) == 1 and recovered[0].name in str(caught.value)


def test_a_file_overwritten_in_place_is_not_written_into(project, tmp_path):
    teammate = tmp_path / "teammate.annot"
    Project.create(teammate, coder="omar").close()
    with Project.open(project, backup=False) as p:
        _write_one(p)
        time.sleep(0.01)
        with open(project, "r+b") as out:  # cp teammate.annot study.annot: same inode, new content
            out.truncate(0)
            out.write(teammate.read_bytes())
        with pytest.raises(ProjectError, match="was changed by another program"):
            _write_one(p)
    assert project.read_bytes() == teammate.read_bytes()


# -- restore ---------------------------------------------------------------------------------------
def _backed_up(project):
    with Project.open(project) as p:  # takes a backup (the file changed since none existed)
        assert p.wait_for_backup() is not None
    return store_files.list_backups(project)[0]


def test_restore_is_refused_while_the_project_is_open_for_writing(project):
    backup = _backed_up(project)
    with Project.open(project, backup=False) as p:
        before = project.read_bytes()
        with pytest.raises(ProjectError, match="open for writing in another window"):
            restore_backup(project, backup)
        assert project.read_bytes() == before
        _write_one(p)  # the app goes on saving into its own file


def test_two_restores_in_one_second_keep_both_replaced_files(project):
    backup = _backed_up(project)
    restore_backup(project, backup)
    restore_backup(project, backup)
    asides = sorted(p.name for p in project.parent.iterdir() if ".damaged-" in p.name)
    assert len(asides) == 2, asides


def test_a_restore_killed_at_any_moment_leaves_a_project_at_the_path(project, tmp_path):
    backup = _backed_up(project)
    big = tmp_path / "big-backup.annot"  # a large backup makes the copy take a while
    shutil.copyfile(backup, big)
    con = sqlite3.connect(big)
    con.execute("create table padding (x)")
    con.execute("insert into padding select randomblob(1000000) from (with recursive n(i) as "
                "(select 1 union all select i + 1 from n where i < 60) select i from n)")
    con.commit()
    con.close()
    child = textwrap.dedent(f"""
        from pathlib import Path
        from annotator.store.recovery import restore_backup
        print("go", flush=True)
        restore_backup(Path({str(project)!r}), Path({str(big)!r}))
    """)
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2):
        proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()
        time.sleep(delay)
        proc.kill()
        proc.wait()
        assert project.exists(), f"no file at the path after a kill at {delay} s"
        assert project.read_bytes()[:16] == b"SQLite format 3\x00"


# -- backups -------------------------------------------------------------------------------------
def test_backups_of_a_name_with_glob_characters_are_found(tmp_path):
    path = tmp_path / "study[2024].annot"
    Project.create(path).close()
    backup = _backed_up(path)
    assert store_files.list_backups(path) == [backup]
    from annotator.store.recovery import latest_good_backup
    assert latest_good_backup(path) == backup


def test_a_killed_backups_partial_file_is_removed_by_the_next_backup(project):
    folder = store_files.backups_dir(project)
    folder.mkdir()
    stale = folder / "study-20240101T000000000000Z.partial"
    stale.write_bytes(b"x" * 1000)
    _backed_up(project)
    assert not stale.exists()


def test_a_partial_being_written_by_a_live_backup_is_left_alone(project):
    folder = store_files.backups_dir(project)
    folder.mkdir()
    live = folder / "study-20240101T000000000000Z.partial"
    fd = os.open(live, os.O_RDWR | os.O_CREAT)
    assert store_files.try_lock(fd)
    try:
        assert store_files.clean_partials(folder, "study-") == 0 and live.exists()
    finally:
        os.close(fd)
    assert store_files.clean_partials(folder, "study-") == 1 and not live.exists()


def test_a_failed_backup_is_reported_on_the_command_line(project, tmp_path, capsys):
    folder = store_files.backups_dir(project)
    folder.write_text("a file where the backups folder should be")
    data = tmp_path / "more.txt"
    data.write_text("نص آخر", encoding="utf-8")
    assert main(["import", str(project), str(data)]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err and "no backup was taken" in err


# -- older files --------------------------------------------------------------------------------------
def test_a_schema_1_copy_can_be_merged_exported_and_reported_on_without_being_written(tmp_path, fixtures_dir, capsys):
    v1 = tmp_path / "v1.annot"
    shutil.copyfile(fixtures_dir / "store" / "schema-v1.annot", v1)
    con = sqlite3.connect(v1)  # a second coder, as a coder's copy from the previous version would have
    con.execute("insert into coders values (2, 'omar', 0, '2026-11-23 21:23:27.362844')")
    con.execute("insert into spans select 10 + id, document_id, 2, label_id, start_offset, end_offset, note, "
                "created_at, updated_at from spans")
    con.execute("insert into doc_status values (1, 2, 'done', '2026-11-23 21:23:27.377713')")
    con.execute("pragma journal_mode = delete")
    con.commit()
    con.close()
    before = v1.read_bytes()
    target = tmp_path / "lead.annot"
    Project.create(target).close()
    assert main(["stats", str(v1)]) == 0
    assert main(["export", str(v1), "-o", str(tmp_path / "out.jsonl"), "--all-coders", "--status", "all"]) == 0
    assert main(["agreement", str(v1), "--format", "json", "-o", str(tmp_path / "a.json")]) == 0
    assert main(["merge", str(target), str(v1), "--add-labels"]) == 0
    assert v1.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("v1")) == ["v1.annot"]
    with Project.open(target) as lead:
        assert lead.document_count() > 0
