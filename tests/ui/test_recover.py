"""Opening a damaged project in the app offers the latest sound backup."""

import re

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project
from annotator.store.files import make_backup
from annotator.ui.windows import open_or_recover


def damaged_project(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path, coder="rana") as p:
        p.add_document("نص", "نص عربي للاختبار " * 200)
    make_backup(path)
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\x00" * 100 + data[4196:8192])
    return path


def test_damaged_file_offers_backup_and_restores_it(tmp_path, qapp):
    path = damaged_project(tmp_path)
    asked = []
    project = open_or_recover(path, ask=lambda title, text: asked.append(text) or True)
    try:
        assert project.document_count() == 1
    finally:
        project.close()
    assert "damaged" in asked[0] and re.search(r"p-\d{8}T\d+Z\.annot", asked[0])
    assert len(list(tmp_path.glob("p.annot.damaged-*Z"))) == 1  # kept aside (with its -wal/-shm)


def test_declining_changes_nothing(tmp_path, qapp):
    path = damaged_project(tmp_path)
    before = path.read_bytes()
    assert open_or_recover(path, ask=lambda title, text: False) is None
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("p.annot.damaged-*"))


def test_no_backup_is_a_plain_error(tmp_path, qapp):
    path = tmp_path / "x.annot"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(ProjectError):
        open_or_recover(path, ask=lambda *a: True)


def test_the_damaged_file_is_not_checked_again_nor_a_refused_one_at_all(tmp_path, qapp, monkeypatch):
    """Project.open finds the damage and checks the backups once; open_or_recover takes the backup
    from the error (before, it ran integrity_check on every refused file, then on the backups again)."""
    from annotator.store import recovery

    checked = []
    real = recovery.is_sound
    monkeypatch.setattr(recovery, "is_sound", lambda path, *a, **k: checked.append(path.name) or real(path, *a, **k))
    path = damaged_project(tmp_path)
    project = open_or_recover(path, ask=lambda title, text: True)
    project.close()
    assert "p.annot" not in checked  # the damaged file itself: never
    backups = [name for name in checked if name != "p.annot"]
    assert len(backups) == 2 and len(set(backups)) == 1  # found once, and once more just before the copy
    checked.clear()
    refused = tmp_path / "refused.annot"
    with Project.create(refused, coder="rana"):
        pass
    import sqlite3
    con = sqlite3.connect(refused)
    con.execute("CREATE TRIGGER t AFTER INSERT ON documents BEGIN SELECT 1; END")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="refused"):
        open_or_recover(refused, ask=lambda *a: True)
    assert checked == []
