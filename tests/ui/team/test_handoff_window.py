"""The team hand-off from a real window: a copy of the file taken while the window edits holds every
edit; a file replaced under the window; a second window on a locked project; New project and Hand
out copies from the File menu; a failed backup in the status bar; hostile files opened in the app."""

from __future__ import annotations

import os
import shutil
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store import Project
from helpers import fixture_text, key, message_boxes

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")


def _count(path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("select count(*) from spans").fetchone()[0]
    finally:
        con.close()


def _idle(project, qtbot) -> None:
    """The window has done what the key set off: drawn the change, then copied the write's WAL
    frames into the main file (a few ms after the key: ``checkpoints.checkpoint_after_paint``)."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not project.checkpoint_due, timeout=2000)


def test_a_copy_of_the_file_alone_taken_while_the_window_edits_has_every_edit(make_project, open_window, tmp_path,
                                                                              qtbot):
    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    words = [i for i, ch in enumerate(DAMASCUS) if ch == " "][:31]
    for n, (a, b) in enumerate(zip(words, words[1:]), start=1):
        window.view.select_range(a + 1, b)
        key(window.view, Qt.Key_1)  # the first label's hotkey, as a coder does
        _idle(project, qtbot)
        copy = tmp_path / f"copy-{n}.annot"
        shutil.copyfile(project.path, copy)  # the file manager copies the file alone
        assert _count(copy) == n, f"edit {n} missing from a copy of the file alone"
    for n in range(3):
        key(window.view, Qt.Key_Z, Qt.ControlModifier)  # undo removes spans: also in the file at once
        _idle(project, qtbot)
        shutil.copyfile(project.path, tmp_path / "after-undo.annot")
        assert _count(tmp_path / "after-undo.annot") == 29 - n


def test_the_window_draws_a_new_span_before_the_main_file_alone_holds_it(make_project, open_window, tmp_path,
                                                                         qtbot, monkeypatch):
    """The key press commits (on disk, in the WAL) and the view paints the span; the checkpoint
    into the main file runs after that paint, not inside the key press, and no later than
    CHECKPOINT_FALLBACK_MS when no paint follows."""
    from annotator.store import engine
    from annotator.ui.annotate.checkpoints import CHECKPOINT_FALLBACK_MS

    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    order = []
    window.view.painted.connect(lambda: order.append("painted"))
    real = engine.checkpoint
    monkeypatch.setattr(engine, "checkpoint", lambda e: (order.append("checkpoint"), real(e)))
    window.view.select_range(0, DAMASCUS.index(" "))
    order.clear()
    key(window.view, Qt.Key_1)
    assert project.checkpoint_due and order == []  # the key press returned without either
    assert len(project.spans(project.documents()[0].id)) == 1  # committed
    _idle(project, qtbot)
    assert order[:2] == ["painted", "checkpoint"]
    shutil.copyfile(project.path, tmp_path / "copy.annot")
    assert _count(tmp_path / "copy.annot") == 1
    window.hide()  # nothing is painted: the checkpoint still comes, on its timer
    order.clear()
    project.add_span(project.documents()[0].id, window.coder.id, project.labels().by_name("entity").id, 0, 2)
    assert project.checkpoint_due
    qtbot.waitUntil(lambda: not project.checkpoint_due, timeout=CHECKPOINT_FALLBACK_MS * 100)
    assert order == ["checkpoint"]


def test_a_file_replaced_under_the_window_gives_a_dialog_and_keeps_the_work(make_project, open_window, tmp_path):
    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    window.view.select_range(0, 4)
    key(window.view, Qt.Key_1)
    teammate = tmp_path / "teammate.annot"
    Project.create(teammate, coder="omar").close()
    os.replace(teammate, project.path)  # a sync client puts a teammate's copy in place
    window.view.select_range(5, 9)
    key(window.view, Qt.Key_1)
    QApplication.processEvents()
    boxes = message_boxes("was replaced by another file")
    assert len(boxes) == 1 and "NOT saved" in boxes[0].text()
    boxes[0].grab().save(str(tmp_path / "replaced.png"))
    recovered = [f for f in tmp_path.iterdir() if ".recovered-" in f.name]
    assert len(recovered) == 1 and _count(recovered[0]) == 1
    boxes[0].close()


def test_a_second_window_on_a_locked_project_can_open_it_read_only(make_project, app):
    from annotator.ui.windows import open_or_recover

    project = make_project({"doc": DAMASCUS})  # open for writing (the first window)
    asked = []
    second = open_or_recover(project.path, ask=lambda title, text: asked.append(text) or True)
    try:
        assert second.readonly and "open it read-only" in asked[0].lower()
        assert second.documents()[0].title == "doc"
    finally:
        second.close()
    assert open_or_recover(project.path, ask=lambda title, text: False) is None


def test_new_project_and_hand_out_copies_from_the_file_menu(make_project, open_window, qtbot, tmp_path):
    from annotator.ui.team import handoff

    window = open_window(make_project({"doc": DAMASCUS}))
    assert {"new", "handout"} <= set(window.actions_)
    opened = []
    window._open_project = lambda path, parent=None: opened.append(path) or path
    assert handoff.new_project(window, str(tmp_path / "fresh")) == str(tmp_path / "fresh.annot")
    with Project.open(tmp_path / "fresh.annot", readonly=True) as fresh:
        assert fresh.setting("default_coder") == "rana" and fresh.document_count() == 0
    out = tmp_path / "copies"
    out.mkdir()
    runner = handoff.hand_out(window, ["layla", "omar"], str(out))
    with qtbot.waitSignal(runner.done, timeout=20000):
        pass
    assert sorted(p.name for p in out.iterdir()) == ["layla.annot", "omar.annot"]
    assert _count(out / "layla.annot") == 0
    boxes = message_boxes("every coder gets every document")
    assert len(boxes) == 1
    boxes[0].close()


def test_a_failed_backup_is_said_in_the_status_bar(app, qtbot, tmp_path):
    from annotator.ui.main_window import MainWindow

    path = tmp_path / "p.annot"
    Project.create(path, coder="rana").close()
    path.with_name("p.annot.backups").write_text("a file where the backups folder should be")
    project = Project.open(path)
    window = MainWindow(project, project.coder("rana"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "No backup was taken" in window.statusBar().currentMessage(), timeout=10000)


def test_a_project_with_a_trigger_is_refused_in_the_app_with_a_dialog(app, tmp_path):
    from annotator.ui.windows import open_project_window

    path = tmp_path / "received.annot"
    Project.create(path, coder="rana").close()
    con = sqlite3.connect(path)
    con.execute("CREATE TRIGGER t AFTER INSERT ON spans BEGIN DELETE FROM spans WHERE id = new.id; END")
    con.commit()
    con.close()
    before = path.read_bytes()
    assert open_project_window(str(path)) is None
    boxes = message_boxes("Cannot open the project")
    assert len(boxes) == 1 and "trigger" in boxes[0].text() and "refused" in boxes[0].text()
    assert path.read_bytes() == before
    boxes[0].close()


def test_hand_out_copies_from_the_window_follows_the_work_assignments(make_project, open_window, qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog

    from annotator.core.assignment import plan_assignments
    from annotator.ui.team import handoff

    project = make_project({f"d{i}": f"{DAMASCUS[:40]} {i}" for i in range(4)})
    project.assign(plan_assignments([d.id for d in project.documents()], ["layla", "omar", "sara"], 2, seed=1))
    queues = {name: [d.title for d in project.assignments_for(name)] for name in ("layla", "omar")}
    window = open_window(project)
    asked = []

    def answer():  # the coders' box offers the assigned coders; the lead keeps two of them
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible())
        asked.append(box.textValue())
        box.setTextValue("layla, omar")
        box.accept()

    QTimer.singleShot(200, answer)
    out = tmp_path / "copies"
    out.mkdir()
    runner = handoff.hand_out(window, folder=str(out))
    with qtbot.waitSignal(runner.done, timeout=20000):
        pass
    assert asked == ["layla, omar, sara"]
    assert sorted(p.name for p in out.iterdir()) == ["layla.annot", "omar.annot"]
    for coder, titles in queues.items():
        with Project.open(out / f"{coder}.annot", readonly=True) as copy:
            assert [d.title for d in copy.assignments_for(coder)] == titles
            assert copy.document_count() == len(titles)
    boxes = message_boxes("each coder gets the documents assigned to them")
    assert len(boxes) == 1 and "layla.annot" in boxes[0].text()
    boxes[0].grab().save(str(tmp_path / "handout-assigned.png"))
    boxes[0].close()
