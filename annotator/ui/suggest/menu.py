"""The Suggest menu: run a source on the coder's unfinished documents (or only the open one), train
a model from the coder's finished documents, see a model's scores. Long work runs off the UI thread
with a progress dialog that can cancel (the store is written once, at the end: a cancelled run
stores nothing); every failure is a dialog.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.ui.actions import make_action
from annotator.ui.errors import show_error, show_info
from annotator.ui.tasks import TaskRunner

translate = QCoreApplication.translate


def add_suggest_menu(window) -> dict:
    """Add the Suggest menu to ``window`` (the main window); returns its actions by name."""
    menu = window.menuBar().addMenu(translate("Suggest", "S&uggest"))
    writable = not window.project.readonly
    actions = {
        "occurrences": make_action(window, menu, translate("Suggest", "Every &Occurrence of My Spans"),
                                   lambda: run_source(window, "occurrences"), enabled=writable),
        "occurrences_here": make_action(window, menu, translate("Suggest", "Every Occurrence, in This &Document"),
                                        lambda: run_source(window, "occurrences", this_document=True), enabled=writable),
        "figures": make_action(window, menu, translate("Suggest", "&Figures"), lambda: run_source(window, "figures"),
                               enabled=writable),
        "model": make_action(window, menu, translate("Suggest", "From a &Model…"), lambda: choose_model(window),
                             enabled=writable),
        "jsonl": make_action(window, menu, translate("Suggest", "From a &Predictions File (JSONL)…"),
                             lambda: choose_predictions(window), enabled=writable),
    }
    menu.addSeparator()
    actions["train"] = make_action(window, menu, translate("Suggest", "&Train a Model on My Finished Documents…"),
                                   lambda: train_dialog(window))
    actions["scores"] = make_action(window, menu, translate("Suggest", "Model &Scores…"), lambda: show_scores(window))
    help_action = next((a for a in window.menuBar().actions() if a.text() == translate("Menus", "&Help")), None)
    if help_action is not None:
        window.menuBar().insertAction(help_action, menu.menuAction())
    return actions


def run_source(window, spec: str, *, this_document: bool = False) -> TaskRunner:
    from annotator.suggest.run import suggest_project

    coder = window.editor.coder.name
    only = window.editor.doc_id if this_document else None

    def work(progress, cancelled):
        return suggest_project(window.project, spec, coder, documents="all" if only else "unfinished",
                               progress=progress, cancelled=cancelled, only_documents=[only] if only else None)

    runner = TaskRunner(window, translate("Suggest", "Suggest"), translate("Suggest", "Running {0}…").format(spec), work)

    def finished(report, error):
        if error is not None:
            show_error(window, translate("Suggest", "No suggestions were stored"), error)
            return
        window.editor.suggestions_changed(window.editor.doc_id)
        show_info(window, translate("Suggest", "Suggest"), report.summary())

    runner.done.connect(finished)
    window._suggest_runner = runner  # keep it alive until done
    runner.start()
    return runner


def choose_model(window) -> None:
    folder = QFileDialog.getExistingDirectory(window, translate("Suggest", "A model folder (from annotator train)"))
    if folder:
        run_source(window, f"model:{folder}")


def choose_predictions(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, translate("Suggest", "Predictions (JSONL)"), "",
                                          translate("Suggest", "JSON lines (*.jsonl);;All files (*)"))
    if path:
        run_source(window, f"jsonl:{path}")


def train_dialog(window, folder: str | None = None) -> TaskRunner | None:
    """Train on the coder's finished documents in a worker: the bar counts passes over them
    (early stopping may end sooner), Cancel stops at the next update and leaves no model."""
    from annotator.suggest.train import TrainingCancelled, train_model

    if folder is None:
        folder = QFileDialog.getExistingDirectory(window, translate("Suggest", "An empty folder for the new model"))
    if not folder:
        return None
    coder = window.editor.coder.name

    def work(progress, cancelled):
        progress(0, 0)

        def on_epoch(done, total):
            if cancelled():
                raise TrainingCancelled("training cancelled; no model was written")
            progress(done, total)

        return train_model(window.project, folder, coder=coder, progress=False, on_epoch=on_epoch, quiet=True)

    runner = TaskRunner(window, translate("Suggest", "Train a model"),
                        translate("Suggest", "Training on {0}'s finished documents…").format(coder), work)

    def finished(meta, error):
        if isinstance(error, TrainingCancelled):
            show_info(window, translate("Suggest", "Train a model"),
                      translate("Suggest", "Training was cancelled; no model was written."))
            return
        if error is not None:
            show_error(window, translate("Suggest", "The model was not trained"), error)
            return
        show_info(window, translate("Suggest", "Model trained"), _scores_text(meta))

    runner.done.connect(finished)
    window._suggest_runner = runner
    runner.start()
    return runner


def show_scores(window) -> None:
    folder = QFileDialog.getExistingDirectory(window, translate("Suggest", "A model folder"))
    if not folder:
        return
    try:
        meta = json.loads((Path(folder) / "annotator-model.json").read_text(encoding="utf-8"))
        text = _scores_text(meta)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        show_error(window, translate("Suggest", "Not a model folder of this app"), exc)
        return
    QMessageBox.information(window, translate("Suggest", "Model scores"), text)


def _scores_text(meta: dict) -> str:
    held = meta["scores"]["held_out"]
    lines = [translate("Suggest", "Trained on {0}'s finished documents ({1} for training, {2} held out), {3}.").format(
        meta["coder"], len(meta["documents"]["train"]) + len(meta["documents"]["dev"]),
        len(meta["documents"]["held_out"]), meta["trained_at"])]
    for label, prf in sorted(held["per_label"].items()):
        lines.append(f"{label}: P {prf['p']:.2f}  R {prf['r']:.2f}  F1 {prf['f']:.2f}")
    lines.append(translate("Suggest", "Overall: P {0:.2f}  R {1:.2f}  F1 {2:.2f}").format(
        held["precision"], held["recall"], held["f1"]))
    return "\n".join(lines)
