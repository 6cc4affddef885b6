"""Importing files off the UI thread, with a progress dialog that can cancel.

The import runs in a ``TaskRunner`` (annotator/ui/tasks.py); the store serialises writers with a
lock and its connections may be used from any thread. The whole import is one transaction:
cancelling rolls it all back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.formats.importing import ImportCancelled, import_files
from annotator.ui.errors import show_error, show_info
from annotator.ui.tasks import TaskRunner


class ImportRunner(QObject):
    """Runs one import; ``done(report_or_None)`` is emitted on the UI thread when it ends."""

    done = Signal(object)

    def __init__(self, parent_widget, project, paths, fmt="auto", options=None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        paths = [str(p) for p in paths]

        def work(progress, cancelled):
            return import_files(project, paths, fmt, options, progress=progress, cancelled=cancelled)

        self.task = TaskRunner(parent_widget, self.tr("Import"), self.tr("Importing…"), work)
        self.dialog = self.task.dialog
        self.dialog.setMaximum(max(1, len(paths)))  # until the first document: then documents (TaskRunner)
        self.task.job.progress.connect(self._on_progress)
        self.task.done.connect(self._on_finished)
        self.report = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self.task.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setLabelText(self.tr("Importing… {0} of %n document(s)", "", total).format(done))

    def _on_finished(self, report, error) -> None:
        self.report, self.error = report, error
        if isinstance(error, ImportCancelled):
            show_info(self.parent_widget, self.tr("Import"), str(error))
        elif error is not None:
            show_error(self.parent_widget, self.tr("Import failed: nothing was imported"), error)
        self.done.emit(report)
