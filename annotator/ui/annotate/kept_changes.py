"""What the save queue (``save_queue.py``) needs to know of a kept change: the spans it touches,
its spans' temporary ids renamed once the server gave them theirs, and whether the server already
holds what it asked for (its first save reached the server, the reply did not); and the document's
first span's follow-up, marking the document in progress.

A change whose save broke off may still have reached the server (the commit went through, its
reply was lost). Retried, it would be refused as a duplicate or as stale; so when a retried change
that was tried before is refused, the queue asks ``landed``: does the server hold what it asked for
(the same span, the span changed that way, the span gone)? Then it is taken as saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.errors import ProjectError, ServerUnreachable
from annotator.core.model import DocStatus
from annotator.ui.annotate.span_index import END, ID, LABEL, NOTE, START

translate = QCoreApplication.translate


class StartDocument:
    """Follows a document's first span: marks the document in progress once the span is saved (not
    undoable, as when the span saved at once)."""

    def __init__(self, editor, document_id: int, coder_id: int) -> None:
        self.ctx, self.document_id, self.coder_id = editor, document_id, coder_id

    def text(self) -> str:
        return translate("Undo", "mark in progress")

    def apply(self) -> None:
        project = self.ctx.project
        if project.status(self.document_id, self.coder_id) == DocStatus.NEW:
            project.set_status(self.document_id, self.coder_id, DocStatus.IN_PROGRESS)
        self.ctx.status_put(self.document_id)


def span_ids(command) -> list[int]:
    out = []
    for name in ("temp_id", "span_id"):
        value = getattr(command, name, None)
        if isinstance(value, int):
            out.append(value)
    for name in ("new", "row"):
        row = getattr(command, name, None)
        if isinstance(row, tuple) and row:
            out.append(row[ID])
    return out


def rename(command, temp: int, real: int) -> None:
    """A waiting ``command`` that names the span ``temp`` names its id on the server now."""
    for name in ("old", "new", "row"):
        row = getattr(command, name, None)
        if isinstance(row, tuple) and row and row[ID] == temp:
            setattr(command, name, (real, *row[1:]))
    for name in ("span_id", "head_id", "child_id"):
        if getattr(command, name, None) == temp:
            setattr(command, name, real)


def landed(command) -> bool:
    """Does the server hold what ``command`` asked for already (its first save reached it, the reply
    did not)? If so, show it as saved, as ``command.apply`` would have."""
    from annotator.ui.annotate.undo import AddSpan, ChangeSpan, RemoveSpan

    ctx = command.ctx
    project = ctx.project
    try:
        if isinstance(command, AddSpan):
            for row in project.span_rows(command.document_id, command.coder_id):
                if (row[LABEL], row[START], row[END]) == (command.label_id, command.start, command.end):
                    command.span_id = row[ID]
                    ctx.span_put(command.document_id, tuple(row), project.version("span", row[ID]))
                    return True
            return False
        if isinstance(command, ChangeSpan):
            span = project.span(command.new[ID])
            if (span.label_id, span.start, span.end, span.note) != (command.new[LABEL], command.new[START],
                                                                     command.new[END], command.new[NOTE]):
                return False
            ctx.span_put(command.document_id, command.new, project.version("span", span.id))
            return True
        if isinstance(command, RemoveSpan):
            if project.version("span", command.row[ID]) is not None:
                return False
            ctx.span_gone(command.document_id, command.row[ID])
            return True
    except ServerUnreachable:
        raise
    except ProjectError:
        return False
    return False


# -- drawing a kept change as pending (SpanPainter.pending: hatched, dashed) ---------------------------
def is_new_span(command) -> bool:
    from annotator.ui.annotate.undo import AddSpan

    return isinstance(command, AddSpan)


def draw_pending(editor, command) -> None:
    """Show what ``command`` will do, now, as pending (a new span under its ``temp_id``)."""
    from annotator.ui.annotate.undo import AddSpan, ChangeSpan, RemoveSpan

    if getattr(command, "document_id", None) != editor.doc_id:
        return
    pending = editor.view.highlighter.pending
    if isinstance(command, AddSpan):
        pending.add(command.temp_id)
        editor.span_put(command.document_id, (command.temp_id, command.coder_id, command.label_id,
                                              command.start, command.end, command.note))
    elif isinstance(command, ChangeSpan):
        pending.add(command.new[ID])
        editor.span_put(command.document_id, command.new)
    elif isinstance(command, RemoveSpan):
        if command.row[ID] in editor.index.spans:
            editor.span_gone(command.document_id, command.row[ID])


def unmark(editor, command) -> list[int]:
    """No longer pending (about to be saved); returns the ids, to mark them again if it fails."""
    pending = editor.view.highlighter.pending
    marks = [i for i in span_ids(command) if i in pending]
    pending.difference_update(marks)
    return marks


def mark(editor, marks: list[int]) -> None:
    editor.view.highlighter.pending.update(marks)
    ranges = [(row[START], row[END]) for row in (editor.index.spans.get(i) for i in marks) if row]
    if ranges:
        editor.view.refresh([], ranges)
