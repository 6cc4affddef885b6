"""Undo commands: each one calls the store, so undoing reaches the file on disk.

A command's first ``redo`` (when ``QUndoStack.push`` runs it) has already been done by
:func:`push`, which runs the change first and pushes only when it succeeded: a refused change
(a read-only file, a full disk) is reported and leaves nothing on the stack.

The context ``ctx`` (the main window's editor) owns the project and hears about each change
through ``span_put(document_id, row, version)``, ``span_gone(document_id, span_id)`` and
``status_put(document_id)``; it shows the document a change belongs to.

Every change or removal of a span passes the version the window last saw of it
(``ctx.versions``): when another window or coder changed the span meanwhile, the store refuses it
(``StaleEdit``) instead of overwriting their work, and the window shows the span as it is now. A
save the team server could not take (``ServerUnreachable``) waits in ``ctx.saves`` and is tried
again (``save_queue``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import ServerUnreachable, StaleEdit
from annotator.core.model import DocStatus, Span
from annotator.ui.annotate import window_sync
from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, NOTE, START

translate = QCoreApplication.translate


def row_of(span: Span) -> tuple:
    return (span.id, span.coder_id, span.label_id, span.start, span.end, span.note)


class _Command(QUndoCommand):
    def __init__(self, ctx, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._first = True
        self._skip = False  # the next redo/undo only moves the stack back (an undo that could not run)

    def apply(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def redo(self) -> None:
        if self._first or self._skip:
            self._first = self._skip = False
            return
        self._guard(self.apply, undoing=False)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._guard(self.revert, undoing=True)

    def _guard(self, action, *, undoing: bool) -> None:
        saves = _saves(self.ctx)
        try:
            if saves is not None and (saves.offline or len(saves)):  # known away: do not wait for it
                raise ServerUnreachable(translate("Undo", "the server cannot be reached; earlier changes are "
                                                          "still waiting"))
            with window_sync.acting(self.ctx):
                action()
        except ServerUnreachable as exc:  # nothing changed anywhere: put the stack back where it was
            handler = getattr(getattr(self.ctx, "editor", self.ctx), "undo_unreachable", None)
            if handler is None:
                self.ctx.undo_failed(self, exc)
                return
            self._skip = True
            handler(self, exc, undoing)
        except Exception as exc:  # the store refused: say so; the stack can no longer be trusted
            self.ctx.undo_failed(self, exc)

    def expected(self, span_id: int) -> int | None:
        return self.ctx.versions.get(span_id)


class AddSpan(_Command):
    def __init__(self, ctx, document_id: int, coder_id: int, label_id: int, start: int, end: int,
                 label_name: str = "") -> None:
        super().__init__(ctx, translate("Undo", "add {0}").format(label_name) if label_name
                         else translate("Undo", "add span"))
        self.document_id, self.coder_id, self.label_id, self.start, self.end = \
            document_id, coder_id, label_id, start, end
        self.span_id: int | None = None
        self.note: str | None = None

    def apply(self) -> None:
        span = self.ctx.project.add_span(self.document_id, self.coder_id, self.label_id, self.start, self.end,
                                         self.note, span_id=self.span_id)
        self.span_id = span.id
        self.ctx.span_put(self.document_id, row_of(span), 1)

    def revert(self) -> None:
        gone = self.ctx.project.remove_span(self.span_id, expected_version=self.expected(self.span_id))
        self.note = gone.note  # a note written after adding comes back with the span
        self.ctx.span_gone(self.document_id, self.span_id)


class RemoveSpan(_Command):
    """Deleting a span deletes its relations too (the store does): undo brings back both, and the
    span's attributes and corrected figure value."""

    def __init__(self, ctx, document_id: int, row: tuple) -> None:
        super().__init__(ctx, translate("Undo", "delete span"))
        self.document_id, self.row = document_id, row
        self.span: Span | None = None
        self.relations: list = []

    def apply(self) -> None:
        project = self.ctx.project
        self.relations = project.span_relations(self.row[ID])
        self.span = project.remove_span(self.row[ID], expected_version=self.expected(self.row[ID]))
        self.ctx.span_gone(self.document_id, self.row[ID])

    def revert(self) -> None:
        r, old = self.row, self.span
        extra = {"attrs": old.attrs or None} if old is not None else {}
        if old is not None and old.value_by:
            extra.update(value=old.value, value_by=old.value_by)
        span = self.ctx.project.add_span(self.document_id, r[CODER], r[LABEL], r[START], r[END], r[NOTE],
                                         span_id=r[ID], **extra)
        if self.relations:
            self.ctx.project.add_relations(self.relations)
        self.ctx.span_put(self.document_id, row_of(span), 1)


class ChangeSpan(_Command):
    """Relabel, resize or annotate (note) one span: ``old`` and ``new`` rows differ in that."""

    def __init__(self, ctx, document_id: int, old: tuple, new: tuple, text: str) -> None:
        super().__init__(ctx, text)
        self.document_id, self.old, self.new = document_id, old, new

    def _put(self, row: tuple, before: tuple) -> None:
        """One versioned change of what differs between ``before`` and ``row``."""
        changes: dict = {}
        if row[LABEL] != before[LABEL]:
            changes["label_id"] = row[LABEL]
        if (row[START], row[END]) != (before[START], before[END]):
            changes.update(start=row[START], end=row[END])
        if row[NOTE] != before[NOTE]:
            changes["note"] = row[NOTE]
        version = self.ctx.project.change_span(row[ID], expected_version=self.expected(row[ID]), **changes)
        self.ctx.span_put(self.document_id, row, version)

    def apply(self) -> None:
        if self.new[LABEL] != self.old[LABEL] and not hasattr(self, "before"):
            # a new label drops the attributes it does not define (and a corrected figure value):
            # keep the span as it was, so undo brings them back
            self.before = self.ctx.project.span(self.new[ID])
        self._put(self.new, self.old)

    def revert(self) -> None:
        before = getattr(self, "before", None)
        if before is not None and (before.attrs or before.value_by == "coder"):
            project = self.ctx.project
            project.restore_span(before, expected_version=self.expected(before.id))
            self.ctx.span_put(self.document_id, self.old, project.version("span", before.id))
            return
        self._put(self.old, self.new)


class SetStatus(_Command):
    def __init__(self, ctx, document_id: int, coder_id: int, status: DocStatus) -> None:
        super().__init__(ctx, {DocStatus.NEW: translate("Undo", "mark new"),
                              DocStatus.IN_PROGRESS: translate("Undo", "mark in progress"),
                              DocStatus.DONE: translate("Undo", "mark done")}[status])
        self.document_id, self.coder_id, self.status = document_id, coder_id, status
        self.previous: DocStatus | None = None

    def apply(self) -> None:
        self.previous = self.ctx.project.set_status(self.document_id, self.coder_id, self.status)
        self.ctx.status_put(self.document_id)

    def revert(self) -> None:
        self.ctx.project.set_status(self.document_id, self.coder_id, self.previous or DocStatus.NEW)
        self.ctx.status_put(self.document_id)


def _saves(ctx):
    """The window's save queue (``ctx`` is the editor, or a controller that has one)."""
    return getattr(getattr(ctx, "editor", ctx), "saves", None)


def push(stack: QUndoStack, command: _Command) -> bool:
    """Do ``command`` now; on success put it on ``stack``. A server that cannot be reached: the
    command waits in ``ctx.saves`` (behind any already waiting, to keep their order). Other errors go
    to ``ctx.report`` (``ctx.stale`` for a change someone else overtook)."""
    saves = _saves(command.ctx)
    if saves is not None and (len(saves) or saves.offline):  # not tried: the server is known away
        saves.add(command, ServerUnreachable(translate("Undo", "earlier changes are still waiting") if len(saves)
                                             else translate("Undo", "the server cannot be reached")), tried=False)
        return False
    try:
        with window_sync.acting(command.ctx):
            command.apply()
    except ServerUnreachable as exc:  # it may have reached the server (a break at commit): tried
        if saves is None:
            command.ctx.report(exc, translate("Undo", "The change was not saved"))
        else:
            saves.add(command, exc, tried=True)
        return False
    except StaleEdit as exc:
        if hasattr(command.ctx, "stale"):
            command.ctx.stale(command, exc)
        else:
            command.ctx.report(exc, translate("Undo", "The change was not saved"))
        return False
    except Exception as exc:
        command.ctx.report(exc, translate("Undo", "The change was not saved"))
        return False
    stack.push(command)
    return True
