"""Long work off the UI thread: importing files, with a progress dialog that can cancel.

The import runs in a QThread; the store serialises writers with a lock and its connections may be
used from any thread. The whole import is one transaction: cancelling rolls it all back.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog

from annotator.formats.importing import ImportCancelled, import_files
from annotator.ui.errors import show_error, show_info


class _ImportJob(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # report, error

    def __init__(self, project, paths, fmt, options) -> None:
        super().__init__()
        self.project, self.paths, self.fmt, self.options = project, paths, fmt, options
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            report = import_files(self.project, self.paths, self.fmt, self.options,
                                  progress=lambda done, total: self.progress.emit(done, total),
                                  cancelled=self.cancel_event.is_set)
        except BaseException as exc:  # reported on the UI thread
            self.finished.emit(None, exc)
            return
        self.finished.emit(report, None)


class ImportRunner(QObject):
    """Runs one import; ``done(report_or_None)`` is emitted on the UI thread when it ends."""

    done = Signal(object)

    def __init__(self, parent_widget, project, paths, fmt="auto", options=None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.thread = QThread(self)
        self.job = _ImportJob(project, [str(p) for p in paths], fmt, options)
        self.job.moveToThread(self.thread)
        self.dialog = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, max(1, len(paths)), parent_widget)
        self.dialog.setWindowTitle(self.tr("Import"))
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.job.cancel_event.set)
        self.thread.started.connect(self.job.run)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.report = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self.thread.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.tr("Importing… {0} of {1} file(s)").format(done, total))

    def _on_finished(self, report, error) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()
        self.report, self.error = report, error
        if isinstance(error, ImportCancelled):
            show_info(self.parent_widget, self.tr("Import"), str(error))
        elif error is not None:
            show_error(self.parent_widget, self.tr("Import failed: nothing was imported"), error)
        self.done.emit(report)
