"""Changes the team server could not take yet: kept in order, drawn at once as pending, tried again
with a growing delay, and counted in the status bar; none is lost and none is shown as saved
before it is.

When a save fails because the server cannot be reached (``ServerUnreachable``), the undo command
goes here instead of onto the undo stack. Every later change waits behind it, so the server
receives them in the order they were made; while the server is known to be away (``offline``,
set by the team watch or by a failed save) a change is not even tried: it joins the queue at once,
and the window never waits for the network. Each change is drawn as soon as it is made: a new or
changed span hatched with a dashed line (``SpanPainter.pending``), a deleted one gone; a new span
has a temporary negative id until the server gives it its own (later waiting changes of it are
renamed then).

Retries: the timer (1 s, doubling up to 30 s) asks the server through the team watch's worker
(``probe``), never on the window's thread; when the watch hears the server again
(``server_back``), the waiting commands are applied one by one: a command that saves goes onto the
undo stack, as if it had been saved at once; one the server refuses now (another coder or window
changed that span meanwhile, or it is gone) is dropped and reported, with the document shown as it
is on the server.

A change whose save broke off may have reached the server (the commit went through, its reply was
lost): retried and refused, it is taken as saved when the server holds what it asked for
(``kept_changes.landed``): the coder sees neither a duplicate nor an error.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QLabel

from annotator.core.errors import ProjectError, ServerUnreachable
from annotator.core.model import DocStatus
from annotator.ui.annotate import window_sync
from annotator.ui.annotate.kept_changes import (StartDocument, draw_pending, is_new_span, landed, mark, rename,
                                                unmark)
from annotator.ui.annotate.span_index import ID

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
        self.offline = False  # the server is known to be away: changes are queued without trying
        self.probe = None  # set by the team watch: ask the server on its worker (else: retry here)
        self._next_temp = -1
        self.epoch = 0  # counts failures seen on the window's thread: an answer asked before one is stale
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self.label = QLabel()
        self.label.setObjectName("save-queue")
        self.label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.label.hide()
        editor.documentShown.connect(self._repaint)

    def __len__(self) -> int:
        return len(self.waiting)

    def __contains__(self, command) -> bool:
        return any(c is command for c in self.waiting)

    # -- keeping ----------------------------------------------------------------------------------
    def add(self, command, exc: BaseException, *, tried: bool = True) -> None:
        """Keep ``command`` (not saved: ``exc`` says why) and try it again later. ``tried``: its
        save was attempted and broke off, so it may have reached the server."""
        command.tried = tried or getattr(command, "tried", False)
        if tried:
            self.epoch += 1
        self.offline = True
        self.waiting.append(command)
        self.last_error = str(exc)
        log.info("kept for later (%d waiting): %s: %s", len(self.waiting), command.text(), exc)
        self._paint(command)
        if not self.timer.isActive():
            self.timer.start(self.delay_ms)
        self._show()

    def pending_ids(self) -> set[int]:
        """Ids of the spans that waiting changes touch (as drawn; not yet as on the server)."""
        out: set[int] = set()
        for command in self.waiting:
            out.update(span_ids(command))
        return out

    def first_span(self, command, saved: bool) -> None:
        """``command`` added the document's first span of this coder: the document is now in
        progress (at once when it saved; when it waits here, right after it, in the same order)."""
        editor = self.editor
        if editor.status != DocStatus.NEW:
            return
        start = StartDocument(editor, command.document_id, command.coder_id)
        if saved:
            try:
                start.apply()
                return
            except ServerUnreachable as exc:  # gone between the two: the status waits instead
                self.add(start, exc, tried=False)
        elif command in self:
            command.then = start  # saved right after the span (not a change of its own in the count)
        else:
            return  # refused: nothing changed
        editor.status = DocStatus.IN_PROGRESS  # shown so at once; one status change waits, not one per span
        editor.statusChanged.emit(command.document_id)

    # -- the server's answers (the team watch) -----------------------------------------------------
    def went_away(self, exc: BaseException) -> None:
        """A save, undo or read on the window's thread found the server away: nothing more is tried
        from there until the watch's worker hears it again (asked at once, then less often)."""
        self.offline = True
        self.epoch += 1
        self.last_error = str(exc)
        if not self.timer.isActive():
            self.timer.start(self.delay_ms)
        self._show()

    def server_slow(self) -> None:
        """The watch's question has had no answer for a while: changes wait here until it has one."""
        self.offline = True

    def server_away(self, exc: BaseException) -> None:
        """The watch's question got no answer."""
        self.offline = True
        if self.waiting:
            self.attempts += 1
        self.last_error = str(exc)
        self._show()

    def server_back(self) -> None:
        """The watch's question was answered: save what waits, in order."""
        self.offline = False
        if self.waiting:
            self.timer.stop()
            self.retry()
        elif self.timer.isActive():
            self.timer.stop()
            self.delay_ms, self.attempts = self.first_delay_ms, 0

    def _tick(self) -> None:
        if self.probe is None:  # no watch (and no worker): try here
            self.retry()
            return
        self.probe()  # the answer comes back as server_back or server_away
        if self.offline or self.waiting:
            self.delay_ms = min(self.delay_ms * 2, self.max_delay_ms)
            self.timer.start(self.delay_ms)
            self._show()

    def _waiting_longer(self, exc: BaseException) -> None:
        self.attempts += 1
        self.last_error = str(exc)
        self.delay_ms = min(self.delay_ms * 2, self.max_delay_ms)
        self.timer.start(self.delay_ms)
        self._show()

    # -- saving -----------------------------------------------------------------------------------
    def retry(self) -> None:
        editor = self.editor
        conflicts = []
        renamed: dict[int, int] = {}
        selected = editor.selected[ID] if editor.selected is not None else None
        while self.waiting:
            command = self.waiting[0]
            marks = self._unmark(command)
            try:
                with window_sync.acting(command.ctx):
                    command.apply()
            except ServerUnreachable as exc:  # still away (or away again): wait longer
                command.tried = True
                self.offline = True
                self.epoch += 1
                self._mark(marks)
                self._waiting_longer(exc)
                self._select(renamed.get(selected, selected))
                return
            except Exception as exc:  # refused now: saved already by a reply that was lost, or a conflict
                if not (getattr(command, "tried", False) and landed(command)):
                    self.waiting.pop(0)
                    command.refused = True
                    conflicts.append((command, exc))
                    log.warning("a kept change was refused: %s: %s", command.text(), exc)
                    continue
                log.info("a kept change had reached the server before: %s", command.text())
            self.waiting.pop(0)
            self._saved(command, renamed)
            if isinstance(command, QUndoCommand):
                editor.stack.push(command)  # saved now: undoable like any other
            then = getattr(command, "then", None)
            if then is not None:  # the document's first span is saved: the document is in progress
                command.then = None
                self.waiting.insert(0, then)
        self.offline = False
        self.delay_ms, self.attempts, self.last_error = self.first_delay_ms, 0, ""
        self._show()
        self._select(renamed.get(selected, selected))
        editor.saved_after_outage(conflicts)

    def _saved(self, command, renamed: dict[int, int]) -> None:
        """``command`` is on the server: a new span's temporary id gives way to its own."""
        temp = getattr(command, "temp_id", None)
        if temp is None:
            return
        real = command.span_id
        renamed[temp] = real
        editor = self.editor
        if temp in editor.index.spans:
            editor.span_gone(command.document_id, temp)
        for later in self.waiting:
            rename(later, temp, real)

    def _select(self, span_id: int | None) -> None:
        if span_id is not None:
            row = self.editor.index.spans.get(span_id)
            if row is not None:
                self.editor.select_span(row)

    # -- drawing (kept_changes) ---------------------------------------------------------------------
    def _paint(self, command) -> None:
        if is_new_span(command) and getattr(command, "temp_id", None) is None:  # its id until the server's
            command.temp_id, self._next_temp = self._next_temp, self._next_temp - 1
        draw_pending(self.editor, command)

    def _repaint(self, doc_id: int) -> None:
        """The document was read again (from the server): draw the waiting changes over it again."""
        for command in list(self.waiting):
            if getattr(command, "document_id", None) == doc_id:
                draw_pending(self.editor, command)

    def _unmark(self, command) -> list[int]:
        return unmark(self.editor, command)

    def _mark(self, marks: list[int]) -> None:
        mark(self.editor, marks)

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
    editor.saves.went_away(ServerUnreachable(text.format(command.text())))
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
    if editor.doc_id is not None:  # a refused first span: the document's status as on the server
        editor.statusChanged.emit(editor.doc_id)
