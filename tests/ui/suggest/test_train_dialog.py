"""Suggest > Train a Model in the real window: the training runs in a worker with a progress
dialog; Cancel stops it and leaves no model; a finished one shows its scores."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from annotator.core.model import LabelSchema
from annotator.store import Project
from annotator.ui.suggest.menu import train_dialog

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"


def _project(tmp_path) -> Project:
    records = [json.loads(line) for line in (FIXTURES / "anercorp_iraq.jsonl").read_text(encoding="utf-8").splitlines()]
    project = Project.create(tmp_path / "p.annot", coder="rana",
                             labels=LabelSchema.specs_from_names(["PERS", "LOC", "ORG", "MISC"]))
    coder = project.coder("rana").id
    labels = project.labels()
    for n, rec in enumerate(records[:22]):
        doc = project.add_document(rec["id"], rec["text"], external_id=rec["id"])
        for s in rec["spans"]:
            project.add_span(doc.id, coder, labels.by_name(s["label"]).id, s["start"], s["end"])
        project.set_status(doc.id, coder, "done")
    return project


def _info_texts(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox)]


def test_cancel_stops_the_training_and_leaves_no_model(tmp_path, open_window, qtbot):
    project = _project(tmp_path)
    try:
        window = open_window(project, "rana")
        folder = tmp_path / "model"
        runner = train_dialog(window, str(folder))
        seen = []
        runner.job.progress.connect(lambda done, total: seen.append((done, total)))
        runner.dialog.findChild(QPushButton).click()  # the user presses Cancel while spaCy is still setting up
        qtbot.waitUntil(lambda: runner.error is not None or runner.result is not None, timeout=180_000)
        QApplication.processEvents()
        assert runner.result is None and "cancelled" in str(runner.error)
        assert not folder.exists()
        assert any("no model was written" in text for text in _info_texts(window))
        assert seen[0] == (0, 0)  # the bar starts busy
    finally:
        project.close()


def test_a_finished_training_reports_passes_and_shows_its_scores(tmp_path, open_window, qtbot):
    project = _project(tmp_path)
    try:
        window = open_window(project, "rana")
        folder = tmp_path / "model"
        runner = train_dialog(window, str(folder))
        seen = []
        runner.job.progress.connect(lambda done, total: seen.append((done, total)))
        qtbot.waitUntil(lambda: runner.error is not None or runner.result is not None, timeout=600_000)
        QApplication.processEvents()
        assert runner.error is None, runner.error
        meta = json.loads((folder / "annotator-model.json").read_text(encoding="utf-8"))
        assert 1 <= meta["epochs_run"] <= meta["epochs"] == 15 and meta["train_cpu_seconds"] > 0
        assert seen[-1] == (15, 15) and all(total == 15 for done, total in seen if total)
        assert [done for done, total in seen if total] == sorted(done for done, total in seen if total)
        assert any("Overall: P" in text for text in _info_texts(window))
    finally:
        project.close()
