"""Changes the team server could not take yet: kept in order, tried again with a growing delay, and
shown in the status bar; none is lost and none is shown as saved before it is.

When a save fails because the server cannot be reached (``ServerUnreachable``: nothing of the change
reached it), the undo command goes here instead of onto the undo stack. Every later change waits
behind it, so the server receives them in the order they were made. Each retry applies the waiting
commands one by one: a command that saves goes onto the undo stack and into the view, as if it had
been saved at once; one the server refuses now (another coder or window changed that span meanwhile,
or it is gone) is dropped and reported, with the document shown as it is on the server.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.errors import ProjectError, ServerUnreachable

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
FIRST_DELAY_MS = 1000
MAX_DELAY_MS = 30_000


class SaveQueue(QObject):
    changed = Signal()  # the number of waiting changes, or the retry state, changed

    def __init__(self, editor, first_delay_ms: int = FIRST_DELAY_MS, max_delay_ms: int = MAX_DELAY_MS) -> None:
        super().__init__(editor)
        self.editor = editor
        self.first_delay_ms, self.max_delay_ms = first_delay_ms, max_delay_ms
        self.waiting: list = []
        self.delay_ms = first_delay_ms
        self.attempts = 0
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.retry)
        self.label = QLabel()
        self.label.setObjectName("save-queue")
        self.label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.label.hide()

    def __len__(self) -> int:
        return len(self.waiting)

    def add(self, command, exc: BaseException) -> None:
        """Keep ``command`` (not saved: ``exc`` says why) and try it again later."""
        self.waiting.append(command)
        self.last_error = str(exc)
        log.info("kept for later (%d waiting): %s: %s", len(self.waiting), command.text(), exc)
        if not self.timer.isActive():
            self.timer.start(self.delay_ms)
        self._show()

    def retry_now(self) -> None:
        """The server answers again (the team watch saw it): do not wait for the timer."""
        if self.waiting:
            self.timer.stop()
            self.retry()

    def retry(self) -> None:
        conflicts = []
        while self.waiting:
            command = self.waiting[0]
            try:
                command.apply()
            except ServerUnreachable as exc:  # still away: wait longer (up to the maximum)
                self.attempts += 1
                self.last_error = str(exc)
                self.delay_ms = min(self.delay_ms * 2, self.max_delay_ms)
                self.timer.start(self.delay_ms)
                self._show()
                return
            except Exception as exc:  # the server refused it now: report it, go on with the rest
                self.waiting.pop(0)
                conflicts.append((command, exc))
                log.warning("a kept change was refused: %s: %s", command.text(), exc)
                continue
            self.waiting.pop(0)
            self.editor.stack.push(command)  # saved now: undoable like any other
        self.delay_ms, self.attempts, self.last_error = self.first_delay_ms, 0, ""
        self._show()
        self.editor.saved_after_outage(conflicts)

    def _show(self) -> None:
        n = len(self.waiting)
        if n == 0:
            self.label.hide()
            self.label.setText("")
        else:
            seconds = max(1, round(self.delay_ms / 1000)) if self.timer.isActive() else 0
            text = self.tr("{0} change(s) not saved yet: the server cannot be reached").format(n)
            if seconds:
                text += " · " + self.tr("trying again in {0} s").format(seconds)
            self.label.setText(text)
            self.label.setToolTip("\n".join([self.last_error, ""] + [c.text() for c in self.waiting]))
            self.label.show()
        self.changed.emit()


def report_stale(editor, command, exc: BaseException) -> None:
    """Another window or coder changed (or removed) the span since this window showed it: the change
    was refused; say which one, and show the document as it is now."""
    log.info("stale change refused: %s: %s", command.text(), exc)
    editor.report(exc, translate("SaveQueue", "“{0}” was not saved: someone else changed it first").format(command.text()))
    editor.message.emit(translate("SaveQueue", "Not saved: “{0}” (changed elsewhere meanwhile); showing it as it "
                                               "is now").format(command.text()))
    editor.reload()


def report_undo_unreachable(editor, command, undoing: bool) -> None:
    """Undo or redo while the server cannot be reached: nothing changed; the stack goes back to where
    it was (the command skips that one step), and the coder may try again later."""
    text = (translate("SaveQueue", "Undo of “{0}” not done: the server cannot be reached; nothing changed. "
                                   "Try again when it is back") if undoing else
            translate("SaveQueue", "Redo of “{0}” not done: the server cannot be reached; nothing changed. "
                                   "Try again when it is back"))
    editor.message.emit(text.format(command.text()))
    QTimer.singleShot(0, editor.stack.redo if undoing else editor.stack.undo)


def report_kept(editor, conflicts: list) -> None:
    """The kept changes reached the server (``SaveQueue.retry``); ``conflicts``: (command, error) of
    those it refused, which the coder must hear about, with the document shown as it is now."""
    if not conflicts:
        editor.message.emit(translate("SaveQueue", "Connected again: every kept change is saved"))
        return
    lines = "\n".join(f"• {command.text()}: {exc}" for command, exc in conflicts)
    editor.report(ProjectError(translate("SaveQueue", "These changes, kept while the server could not be reached, "
                                                      "were not saved:\n{0}\nThe window now shows the document "
                                                      "as it is on the server.").format(lines)),
                  translate("SaveQueue", "Some kept changes were not saved"))
    editor.reload()
