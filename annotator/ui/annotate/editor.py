"""What the coder's keys and clicks do to the open document: the window's annotation logic.

Every change goes through an undo command (``annotator.ui.annotate.undo``) that calls the store; the
command then tells this editor (``span_put``/``span_gone``/``status_put``), which updates the
paragraph index and re-highlights only the paragraphs touched.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog

from annotator.core.model import Coder, DocStatus, Label, LabelSchema
from annotator.core.offsets import normalize_span
from annotator.core.tokens import moved_edge
from annotator.ui.annotate import span_keys, undo
from annotator.ui.annotate.checkpoints import checkpoint_after_paint
from annotator.ui.annotate import save_queue
from annotator.ui.annotate.save_queue import SaveQueue
from annotator.ui.errors import show_error
from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, NOTE, START, SpanIndex

log = logging.getLogger(__name__)

class Editor(QObject):
    message = Signal(str)  # a short note for the status bar
    documentShown = Signal(int)
    countsChanged = Signal()  # the coder's spans in the open document changed in number
    statusChanged = Signal(int)  # document id
    spanSelected = Signal(object)  # the selected span's row, or None

    def __init__(self, project, coder: Coder, view, spans_panel, parent=None) -> None:
        super().__init__(parent)
        self.project, self.coder, self.view, self.spans_panel = project, coder, view, spans_panel
        self.stack = QUndoStack(self)
        self.versions: dict[int, int] = {}  # span id -> the version this window last saw or saved
        self.saves = SaveQueue(self)  # changes the server could not take yet
        self.schema: LabelSchema = project.labels()
        self.coder_names = {c.id: c.name for c in project.coders()}
        self.doc_id: int | None = None
        self.text = ""
        self.index = SpanIndex("")
        self.selected: tuple | None = None
        self.show_others = False
        self._last_click: tuple[int, int] | None = None  # (offset, how many times) to cycle overlaps
        self.relations = None  # the window's relations (ui/annotate/relations.py): their keys and clicks
        view.labelKey.connect(self.on_key)
        view.deleteKey.connect(self.delete_selected)
        view.edgeKey.connect(self.move_edge)
        view.clicked.connect(self.on_click)
        view.hovered.connect(self.on_hover)
        view.escapeKey.connect(self.escape)
        view.resizeModeChanged.connect(lambda on: self.message.emit(span_keys.resize_message(on)))
        view.tooltip_for = self.tooltip
        spans_panel.jump.connect(self.jump_to_span)
        spans_panel.deleteRequested.connect(self.delete_span)
        checkpoint_after_paint(project, view)

    # -- documents ----------------------------------------------------------------------------
    def open_document(self, doc_id: int) -> None:
        doc = self.project.document(doc_id)
        self.doc_id, self.text = doc_id, doc.text
        self.status = self.project.status(doc_id, self.coder.id) if self.coder.id >= 0 else DocStatus.NEW
        # the spans shown and their versions (what an edit passes back as expected), in one query
        rows = self.project.span_rows(doc_id, None if self.show_others else self.coder.id, versions=self.versions)
        self.index = SpanIndex(doc.text, rows, mine=self.coder.id)
        self.selected = None
        self._last_click = None
        self.view.span_selected = False
        self.view.highlighter.set_colors({label.id: label.color for label in self.schema})
        self.view.show_document(doc.text, self.index)
        mine = rows if not self.show_others else [r for r in rows if r[CODER] == self.coder.id]
        self.spans_panel.model_.reset(doc.text, list(mine), self.schema)
        self.documentShown.emit(doc_id)
        self.countsChanged.emit()

    def reload(self) -> None:
        if self.doc_id is not None:
            self.open_document(self.doc_id)

    def set_schema(self, schema: LabelSchema) -> None:
        self.schema = schema
        self.view.highlighter.set_colors({label.id: label.color for label in schema})
        self.view.highlighter.refresh_all()
        self.spans_panel.model_.set_schema(schema)
        self.spans_panel.viewport().update()

    # -- called by the undo commands ------------------------------------------------------------
    def span_put(self, doc_id: int, row: tuple, version: int | None = None, select: bool = True) -> None:
        if version is not None:
            self.versions[row[ID]] = version
        if doc_id != self.doc_id:
            self.open_document(doc_id)  # the store has the change already: show where it happened
        else:
            old = self.index.spans.get(row[ID])
            ranges = [(row[START], row[END])] + ([(old[START], old[END])] if old else [])
            self.view.refresh(self.index.replace(row), ranges)
            if row[CODER] == self.coder.id:
                self.spans_panel.paint_after(self.view.painted)  # the span on screen first, then the list
                self.spans_panel.model_.put(row, old)
            self.countsChanged.emit()
        if select:  # (another window's edit drawn here, ``window_sync``, leaves the selection alone)
            self.select_span(row)

    def span_gone(self, doc_id: int, span_id: int) -> None:
        if doc_id != self.doc_id:
            self.open_document(doc_id)
            return
        self.versions.pop(span_id, None)
        old = self.index.spans.get(span_id)
        if old is not None:
            self.view.refresh(self.index.remove(span_id), [(old[START], old[END])])
            self.spans_panel.paint_after(self.view.painted)
        self.spans_panel.model_.drop(span_id, old)
        if self.selected is not None and self.selected[ID] == span_id:
            self.select_span(None)
        self.countsChanged.emit()

    def status_put(self, doc_id: int) -> None:
        if doc_id == self.doc_id:
            self.status = self.project.status(doc_id, self.coder.id)
        self.statusChanged.emit(doc_id)

    def report(self, exc: BaseException, title: str) -> None:
        show_error(self.view.window(), title, exc)

    # The save path's outcomes (``save_queue``): a stale change, an undo while the server is away,
    # and the kept changes once it is back.
    def stale(self, command, exc: BaseException) -> None:
        save_queue.report_stale(self, command, exc)

    def undo_unreachable(self, command, exc: BaseException, undoing: bool) -> None:
        save_queue.report_undo_unreachable(self, command, undoing)

    def saved_after_outage(self, conflicts: list) -> None:
        save_queue.report_kept(self, conflicts)

    def undo_failed(self, command, exc: BaseException) -> None:
        self.report(exc, self.tr("Could not undo or redo “{0}”").format(command.text()))
        # What the stack remembers no longer matches the file: forget it, and show the file as it
        # is. Later: clearing the stack now would delete the command that is running.
        QTimer.singleShot(0, self.stack.clear)
        QTimer.singleShot(0, self.reload)

    # -- annotating -----------------------------------------------------------------------------
    def on_key(self, key: str) -> None:
        label = self.schema.by_hotkey(key)
        if label is not None:
            self.apply_label(label)
        elif self.relations is not None:
            self.relations.on_key(key)  # a relation type's hotkey draws a relation from the selected span

    def apply_label(self, label: Label | int) -> None:
        if isinstance(label, int):
            label = self.schema.by_id(label)
        if label is None or self.doc_id is None:
            return
        if not self._writable():
            return
        chosen = self.view.selection()
        if chosen is not None:
            span = normalize_span(self.text, *chosen)
            if span is None:
                self.message.emit(self.tr("The selection holds only spaces: nothing to label"))
                return
            same = next((r for r in self.index.at(span[0], only_mine=True) if (r[START], r[END]) == span), None)
            self.view.clear_selection()
            if same is not None:
                self._relabel(same, label)
                return
            command = undo.AddSpan(self, self.doc_id, self.coder.id, label.id, *span, label.name)
            saved = undo.push(self.stack, command)
            self.saves.first_span(command, saved)  # the document's first span: in progress
            return
        if self.selected is not None and self.selected[CODER] == self.coder.id:
            self._relabel(self.selected, label)
            return
        self.message.emit(self.tr("Select some text first (drag, double-click a word, or Shift+arrows)"))

    def _relabel(self, row: tuple, label: Label) -> None:
        if row[LABEL] == label.id:
            self.select_span(row)
            return
        new = (row[ID], row[CODER], label.id, row[START], row[END], row[NOTE])
        undo.push(self.stack, undo.ChangeSpan(self, self.doc_id, row, new, self.tr("relabel as {0}").format(label.name)))

    def delete_selected(self) -> None:
        if self.selected is not None:
            self.delete_span(self.selected[ID])

    def delete_span(self, span_id: int) -> None:
        row = self.index.spans.get(span_id)
        if row is None or not self._writable():
            return
        if row[CODER] != self.coder.id:
            self.message.emit(self.tr("That span belongs to {0}: read-only").format(
                self.coder_names.get(row[CODER], self.tr("another coder"))))
            return
        undo.push(self.stack, undo.RemoveSpan(self, self.doc_id, row))

    def move_edge(self, edge: str, direction: int, unit: str) -> None:
        row = self.selected
        if row is None or row[CODER] != self.coder.id or not self._writable():
            return
        span = moved_edge(self.text, row[START], row[END], edge, direction, unit)
        if span is None:
            self.message.emit(self.tr("The span cannot get any smaller"))
            return
        if span == (row[START], row[END]):
            return
        new = (row[ID], row[CODER], row[LABEL], span[0], span[1], row[NOTE])
        undo.push(self.stack, undo.ChangeSpan(self, self.doc_id, row, new, self.tr("move span edge")))

    def edit_note(self) -> None:
        row = self.selected
        if row is None:
            self.message.emit(self.tr("Click a span first, then add its note"))
            return
        if row[CODER] != self.coder.id or not self._writable():
            return
        note, ok = QInputDialog.getMultiLineText(self.view.window(), self.tr("Note"), self.tr("Note on this span:"),
                                                 row[NOTE] or "")
        if not ok:
            return
        note = note.strip() or None
        if note != row[NOTE]:
            new = (*row[:5], note)
            undo.push(self.stack, undo.ChangeSpan(self, self.doc_id, row, new, self.tr("edit note")))

    def set_status(self, status: DocStatus) -> None:
        if self.doc_id is not None and self._writable():
            undo.push(self.stack, undo.SetStatus(self, self.doc_id, self.coder.id, status))

    def _writable(self) -> bool:
        if self.project.readonly:
            self.message.emit(self.tr("Read-only: {0}").format(self.project.read_only_reason or self.tr("opened read-only")))
            return False
        if self.coder.id < 0:
            return False
        return True

    # -- selecting spans ------------------------------------------------------------------------
    def select_span(self, row: tuple | None) -> None:
        self.selected = row
        self.view.span_selected = row is not None
        color = None
        if row is not None:
            label = self.schema.by_id(row[LABEL])
            color = label.color if label else None
        self.view.set_mark("selected", None if row is None else (row[START], row[END]), color)
        self.spans_panel.show_span(None if row is None or row[CODER] != self.coder.id else row[ID], row)
        if row is not None:
            self.message.emit(self.describe(row, rich=False))
        self.spanSelected.emit(row)

    def on_click(self, pos: int) -> None:
        if self.relations is not None and self.relations.pick_at(pos):
            return  # the child of a relation being drawn
        found = self.index.at(pos)
        if not found:
            self._last_click = None
            self.select_span(None)
            return
        mine = [r for r in found if r[CODER] == self.coder.id]
        choices = mine + [r for r in found if r[CODER] != self.coder.id]
        if self._last_click and self._last_click[0] == pos:  # clicking again steps through overlaps
            turn = self._last_click[1] + 1
        else:
            turn = 0
        self._last_click = (pos, turn)
        self.select_span(choices[turn % len(choices)])

    def jump_to_span(self, span_id: int) -> None:
        row = self.index.spans.get(span_id)
        if row is not None:
            self.view.scroll_to(row[START])
            self.select_span(row)
            self.view.setFocus()

    def escape(self) -> None:
        self.view.clear_selection()
        self.select_span(None)

    def on_hover(self, pos: int) -> None:
        found = self.index.at(pos) if pos >= 0 else []
        self.view.set_mark("hover", (found[0][START], found[0][END]) if found else None)

    def describe(self, row: tuple, *, rich: bool = True) -> str:
        label = self.schema.by_id(row[LABEL])
        name = label.name if label else "?"
        coder = self.coder_names.get(row[CODER]) or self._coder_name(row[CODER])
        if not rich:
            return f"{name} · {coder} · {row[START]}–{row[END]}" + (f" · {row[NOTE]}" if row[NOTE] else "")
        out = f"<b>{escape(name)}</b> · {escape(coder)}"
        if row[CODER] != self.coder.id:
            out += self.tr(" (read-only)")
        if row[NOTE]:
            out += f"<br>{escape(row[NOTE])}"
        return out

    def _coder_name(self, coder_id: int) -> str:
        self.coder_names = {c.id: c.name for c in self.project.coders()}
        return self.coder_names.get(coder_id, self.tr("coder {0}").format(coder_id))

    def tooltip(self, pos: int) -> str | None:
        found = self.index.at(pos)
        if not found:
            return None
        return "<hr>".join(self.describe(r) for r in found[:4])

    def document_counts(self) -> dict[int, int]:
        return dict(self.index.label_counts)

