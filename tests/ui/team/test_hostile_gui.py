"""Files from strangers opened in the app: every hostile project of the corpus (File > Open) and every
hostile import file (File > Import, or dropped on the window) ends in a dialog with one clear message,
never a traceback, and nothing on disk changes. The corpus is tests/hostile_files.py, the one the
CLI tests use (tests/store/test_hostile_projects.py, tests/formats/test_hostile_inputs.py)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.formats import records
from helpers import message_boxes
from hostile_files import HOSTILE, REFUSED_INPUTS, TRIGGERS_OR_VIEWS, build_corpus, deadline, folder_state, rows

DEADLINE_S = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("hostile-gui"))


def _clear_message(box: QMessageBox, tmp_path) -> str:
    """The box says one thing a user can read: a warning (not the crash dialog, whose details hold a
    traceback), short, with no terminal escapes and no attacker's text."""
    text = box.text()
    assert box.icon() == QMessageBox.Warning, text
    assert not box.detailedText(), box.detailedText()[-1500:]
    assert "Traceback" not in text and "\x1b" not in text and "\x07" not in text, text
    assert "your data is lost" not in text  # a trigger's RAISE() text never reaches the user
    assert 0 < len(text) < 800, text
    return text


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_opening_a_hostile_project_in_the_app_is_a_clear_dialog_or_works(app, qtbot, corpus, tmp_path, hostile):
    from annotator.ui.windows import open_project_window

    folder = tmp_path / "received"
    folder.mkdir()
    path = folder / "study.annot"
    shutil.copyfile(corpus[hostile], path)
    before = folder_state(folder)
    with deadline(DEADLINE_S):
        window = open_project_window(str(path))
        QApplication.processEvents()
    boxes = message_boxes()
    try:
        if window is None:
            assert len(boxes) == 1, [b.text() for b in boxes]
            assert boxes[0].windowTitle() == "Cannot open the project"
            text = _clear_message(boxes[0], tmp_path)
            assert str(path) in text
            assert folder_state(folder) == before, "a refused file (or its folder) was changed"
        else:
            qtbot.addWidget(window)
            assert hostile not in TRIGGERS_OR_VIEWS, "a file with a trigger or a view was opened"
            assert boxes == [], [b.text() for b in boxes]
            assert window.isVisible() and window.project.path == path
            window.project.close()
    finally:
        for box in boxes:
            box.close()
    if hostile in TRIGGERS_OR_VIEWS:
        assert window is None and "refused" in text


@pytest.mark.parametrize("hostile", REFUSED_INPUTS, ids=repr)
def test_importing_a_hostile_file_in_the_app_is_a_clear_dialog_and_changes_nothing(
        make_project, open_window, qtbot, monkeypatch, tmp_path, hostile):
    for name, value in hostile.limits.items():
        monkeypatch.setattr(records, name, value)
    project = make_project({"first": "زار محمد دمشق"})
    window = open_window(project)
    made = tmp_path / "made"
    made.mkdir()
    source = hostile.make(made)
    before_rows = rows(project.path, "select id, title, text from documents")
    before_spans = rows(project.path, "select * from spans")
    before_labels = project.labels().names()
    with deadline(DEADLINE_S):
        window.import_files([str(source)])  # as File > Import does with the chosen file, or a drop
        with qtbot.waitSignal(window.runner.done, timeout=DEADLINE_S * 1000):
            pass
    boxes = message_boxes("Import failed")
    try:
        assert len(boxes) == 1, [b.text() for b in message_boxes()]
        text = _clear_message(boxes[0], tmp_path)
        assert hostile.words in text and hostile.at in text, text
    finally:
        for box in message_boxes():
            box.close()
    assert rows(project.path, "select id, title, text from documents") == before_rows
    assert rows(project.path, "select * from spans") == before_spans
    assert project.labels().names() == before_labels


@pytest.mark.parametrize("hostile", sorted(TRIGGERS_OR_VIEWS))
def test_a_hostile_project_in_wal_mode_is_refused_leaving_nothing_beside_it(app, corpus, tmp_path, hostile):
    """A refused file makes the app look for damage and backups (``open_or_recover``): on a file in
    WAL mode that read must not leave -wal and -shm files in the sender's folder."""
    from annotator.ui.windows import open_project_window

    folder = tmp_path / "received"
    folder.mkdir()
    path = folder / "study.annot"
    shutil.copyfile(corpus[hostile], path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    con.close()
    before = folder_state(folder)
    assert list(before) == ["study.annot"]
    with deadline(DEADLINE_S):
        assert open_project_window(str(path)) is None
    boxes = message_boxes("Cannot open the project")
    try:
        assert len(boxes) == 1 and "refused" in _clear_message(boxes[0], tmp_path)
    finally:
        for box in boxes:
            box.close()
    assert folder_state(folder) == before
