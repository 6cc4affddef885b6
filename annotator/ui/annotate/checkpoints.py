"""A window's writes and the file's copy-completeness: each write's WAL checkpoint (the main file
alone then holds it) runs just after the document view has painted the change, not inside the key
press (``Project.defer_checkpoints``; docs/reliability.md says what this promises and why)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer
from shiboken6 import isValid

# A write's checkpoint runs right after the view has drawn the change; when no paint follows (a
# change made in another window, a hidden view), this long after the write.
CHECKPOINT_FALLBACK_MS = 20


def checkpoint_after_paint(project, view) -> None:
    """Hand the project's per-write checkpoint (``Project.defer_checkpoints``) to the event loop:
    it runs just after ``view`` next paints, so a key press shows its span without waiting for the
    WAL to be copied into the main file, and the main file alone holds the change a few ms later,
    before the window is idle (docs/reliability.md). A write from another thread checkpoints at
    once, as a server project and a read-only one need none."""
    if not hasattr(project, "defer_checkpoints") or getattr(project, "is_server", False) or project.readonly:
        return

    def schedule(run) -> None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() != app.thread():
            run()
            return
        QTimer.singleShot(CHECKPOINT_FALLBACK_MS, run)
        if isValid(view) and view.isVisible():
            view.painted.connect(lambda: QTimer.singleShot(0, run), Qt.SingleShotConnection)

    project.defer_checkpoints(schedule)
    view.destroyed.connect(lambda *_: project.undefer_checkpoints(schedule))
