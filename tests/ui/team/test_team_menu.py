"""The Team menu: export with progress, merge of coders' copies, agreement and review windows."""

import json

from annotator.store import Project
from annotator.ui.team import menu as team_actions

TEXT = "قال وزير الدفاع إن 80 ألف باوند من الذخيرة استخدمت في جزيرة كنعوص."


def wait_runner(qtbot, runner):
    with qtbot.waitSignal(runner.done, timeout=20000):
        pass


def annotated(make_project):
    project = make_project({"خبر": TEXT, "آخر": "نص ثان قصير"})
    rana = project.coder("rana")
    doc = project.documents()[0]
    project.add_span(doc.id, rana.id, project.labels().by_name("entity").id, 4, 15)
    project.set_status(doc.id, rana.id, "done")
    return project, doc


def test_team_menu_is_in_the_menu_bar(make_project, open_window):
    project, _ = annotated(make_project)
    window = open_window(project)
    actions = team_actions.add_team_menu(window)
    assert set(actions) == {"export", "merge", "agreement", "review"}
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Team" in titles


def test_export_runs_off_the_ui_thread_and_writes_jsonl(make_project, open_window, qtbot, tmp_path):
    project, doc = annotated(make_project)
    window = open_window(project)
    dialog = team_actions.ExportDialog(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "train.jsonl"
    runner = team_actions.export_dialog(window, str(out), dialog)
    wait_runner(qtbot, runner)
    assert runner.error is None
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["spans"] == [{"id": 1, "start": 4, "end": 15, "label": "entity", "text": "وزير الدفاع"}]
    assert "1 document" in window.statusBar().currentMessage()


def test_failed_export_is_a_dialog_and_writes_nothing(make_project, open_window, qtbot, tmp_path):
    project, _ = annotated(make_project)
    window = open_window(project)
    dialog = team_actions.ExportDialog(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "missing-folder" / "x.jsonl"
    runner = team_actions.export_dialog(window, str(out), dialog)
    wait_runner(qtbot, runner)
    assert runner.error is not None and "no such folder" in str(runner.error)
    assert not out.exists()


def test_merge_copies_and_redraws(make_project, open_window, qtbot, tmp_path):
    project, doc = annotated(make_project)
    copy = tmp_path / "omar.annot"
    with Project.create(copy, coder="omar") as other:
        d = other.add_document("خبر", TEXT)
        omar = other.coder("omar")
        other.add_span(d.id, omar.id, other.labels().by_name("entity").id, 4, 8)
        other.set_status(d.id, omar.id, "done")
    window = open_window(project)
    runner = team_actions.merge_dialog(window, [str(copy)])
    wait_runner(qtbot, runner)
    assert runner.error is None
    omar = project.coder("omar")
    assert [(s.start, s.end) for s in project.spans(doc.id, omar.id)] == [(4, 8)]
    # the same copy again changes nothing
    runner = team_actions.merge_dialog(window, [str(copy)])
    wait_runner(qtbot, runner)
    assert runner.error is None and len(project.spans(doc.id, omar.id)) == 1


def test_agreement_disagreement_opens_the_document_with_others_spans(make_project, open_window, qtbot):
    project, doc = annotated(make_project)
    omar = project.ensure_coder("omar")
    project.add_span(doc.id, omar.id, project.labels().by_name("entity").id, 4, 8)
    project.set_status(doc.id, omar.id, "done")
    window = open_window(project)
    window.open_document(project.documents()[1].id)
    agreement = team_actions.open_agreement(window)
    qtbot.addWidget(agreement)
    assert agreement.report["disagreements"]
    agreement.open_disagreement.emit(doc.id, "rana", "omar", 4, 15)
    assert window.editor.doc_id == doc.id and window.editor.show_others
    assert window.view.selection() == (4, 15)


def test_review_window_opens_on_the_same_project(make_project, open_window, qtbot):
    project, _ = annotated(make_project)
    project.ensure_coder("omar")
    window = open_window(project)
    review = team_actions.open_review(window)
    qtbot.addWidget(review)
    assert review.isVisible()


def _box(name):
    from PySide6.QtWidgets import QApplication, QMessageBox

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == name
                and w.isVisible())


def test_an_export_that_writes_nothing_says_why_and_offers_the_unfinished(make_project, open_window, qtbot, tmp_path):
    project = make_project({"خبر": TEXT})
    rana = project.coder("rana")
    doc = project.documents()[0]
    project.add_span(doc.id, rana.id, project.labels().by_name("entity").id, 4, 15)  # in progress, not done
    window = open_window(project)
    dialog = team_actions.ExportDialog(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "train.jsonl"
    runner = team_actions.export_dialog(window, str(out), dialog)
    wait_runner(qtbot, runner)
    box = _box("nothingExportedDialog")
    assert "marked done" in box.text() and "rana" in box.text() and "--status" not in box.text()
    assert out.read_text(encoding="utf-8") == ""
    box.include_button.click()  # the export again, with every document
    wait_runner(qtbot, window._team_runner)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["spans"][0]["text"] == "وزير الدفاع"
    assert window.statusBar().currentMessage().startswith("Exported 1 document with 1 span to ")


def test_merge_conflicts_offer_the_choice_without_a_command_line(make_project, open_window, qtbot, tmp_path):
    project, doc = annotated(make_project)
    copy = tmp_path / "rana-copy.annot"
    with Project.create(copy, coder="rana") as other:
        d = other.add_document("خبر", TEXT)
        other.add_span(d.id, other.coder("rana").id, other.labels().by_name("claim").id, 0, 3)
    window = open_window(project)
    runner = team_actions.merge_dialog(window, [str(copy)])
    wait_runner(qtbot, runner)
    box = _box("mergeConflictDialog")
    assert box.text().startswith("1 conflict: ") and "--prefer" not in box.text() and "rana" in box.text()
    keep_copies = next(b for b in box.buttons() if b.text() == "Keep the copies' spans")
    keep_copies.click()
    wait_runner(qtbot, window._team_runner)
    assert [(s.start, s.end) for s in project.spans(doc.id, project.coder("rana").id)] == [(0, 3)]
    info = _box("infoDialog")
    assert "Merged 1 file." in info.text() and "(s)" not in info.text()
