"""File > New Project… and File > Hand Out Copies…: the team workflow from the app, not only the
command line; and the opening backup's failure said in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog

from annotator.formats.filenames import UniqueNames
from annotator.store import Project
from annotator.store.handout import plan_handout, write_copy
from annotator.ui.errors import show_error, show_info
from annotator.ui.tasks import TaskRunner

translate = QCoreApplication.translate


def new_project(window, path: str | None = None):
    """Create a project (the current coder as its default coder) and open it in a new window."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, translate("Handoff", "New project"),
                                              str(window.project.path.parent),
                                              translate("Handoff", "Annotation projects (*.annot)"))
    if not path:
        return None
    if not path.endswith(".annot"):
        path += ".annot"
    try:
        Project.create(path, coder=window.coder.name).close()
    except Exception as exc:  # noqa: BLE001 - every failure is a dialog (show_error logs the unexpected)
        show_error(window, translate("Handoff", "Cannot create the project"), exc)
        return None
    if window._open_project is not None:
        return window._open_project(path, parent=window)
    return path


def hand_out(window, coders: list[str] | None = None, folder: str | None = None) -> TaskRunner | None:
    """Write one complete copy of this project per coder into a folder (``annotator handout``)."""
    if coders is None:
        assigned = sorted({name for names in window.project.assignments().values() for name in names})
        text, ok = QInputDialog.getText(window, translate("Handoff", "Hand out copies"),
                                        translate("Handoff", "Coders, separated by commas:"),
                                        text=", ".join(assigned))
        if not ok:
            return None
        coders = [name.strip() for name in text.split(",") if name.strip()]
    if not coders:
        return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(window, translate("Handoff", "Folder for the coders' copies"),
                                                  str(window.project.path.parent))
    if not folder:
        return None
    project = window.project

    def work(progress, cancelled):
        plan = plan_handout(project, coders)
        names = UniqueNames()
        targets = [(coder, Path(folder) / f"{names.take(coder, 'coder')}.annot") for coder in plan.coders]
        taken = [str(path) for _, path in targets if path.exists()]
        if taken:
            from annotator.core.errors import ProjectError
            raise ProjectError(f"{taken[0]}: already exists; nothing was written (choose an empty folder)")
        done = []
        for index, (coder, path) in enumerate(targets):
            done.append((path, write_copy(project, path, coder, plan.documents[coder])))
            progress(index + 1, len(targets))
        return plan, done

    runner = TaskRunner(window, translate("Handoff", "Hand out copies"), translate("Handoff", "Writing copies…"), work)

    def finished(result, error):
        if error is not None:
            show_error(window, translate("Handoff", "Hand out copies: not done"), error)
            return
        plan, done = result
        lines = [translate("Handoff", "{0}: {1} document(s)").format(path.name, counts["documents"])
                 for path, counts in done]
        if any(documents is not None for documents in plan.documents.values()):
            note = translate("Handoff", "The project has work assignments: each coder gets the documents "
                                        "assigned to them.")
        else:
            note = translate("Handoff", "The project has no document assignments: every coder gets every document.")
        show_info(window, translate("Handoff", "Hand out copies"), "<br>".join([note, *lines]))

    runner.done.connect(finished)
    window._handout_runner = runner
    runner.start()
    return runner


def watch_backup(window, interval_ms: int = 500) -> None:
    """When the opening backup fails (read-only folder, full disk), say so in the status bar. The
    timer belongs to the window (it stops with it); nothing is watched when no backup was started."""
    project = window.project
    if project.backup_state() is None:
        return
    timer = QTimer(window)
    timer.setInterval(interval_ms)

    def check():
        state = project.backup_state()
        if state == "running":
            return
        timer.stop()
        if isinstance(state, Exception):
            window.statusBar().showMessage(translate("Handoff", "No backup was taken: {0}").format(str(state)), 0)

    timer.timeout.connect(check)
    timer.start()
