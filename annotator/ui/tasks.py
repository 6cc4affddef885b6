"""Any long job off the UI thread, with a progress dialog that can cancel.

``TaskRunner(parent, title, job)`` runs ``job(progress, cancelled)`` in a QThread, where
``progress(done, total)`` moves the bar and ``cancelled()`` is true once the user pressed Cancel.
``done(result, error)`` is emitted on the UI thread when the job ends.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog


class _Job(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.progress.emit(done, total), self.cancel_event.is_set)
        except BaseException as exc:  # reported on the UI thread
            self.finished.emit(None, exc)
            return
        self.finished.emit(result, None)


class TaskRunner(QObject):
    done = Signal(object, object)  # result, error

    def __init__(self, parent_widget, title: str, label: str, work) -> None:
        super().__init__(parent_widget)
        self.thread = QThread(self)
        self.job = _Job(work)
        self.job.moveToThread(self.thread)
        self.label = label
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent_widget)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.job.cancel_event.set)
        self.thread.started.connect(self.job.run)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.result: Any = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self.thread.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)

    def _on_finished(self, result, error) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()
        self.result, self.error = result, error
        self.done.emit(result, error)
