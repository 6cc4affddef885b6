"""What the annotation keys of issue 13 do to the open document: step to the next or previous span
(of any label, or of the selected span's label), toggle a span's Arabic proclitics, enter resize mode.

Functions over the window's ``Editor`` (``annotator.ui.annotate.editor``), kept apart so the editor
stays a readable size; every change still goes through an undo command that calls the store.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.offsets import normalize_span
from annotator.core.tokens import clitic_cycle
from annotator.ui.annotate import undo
from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, NOTE, START


translate = QCoreApplication.translate


def step_span(editor, direction: int, *, same_label: bool = False) -> None:
    """Select the coder's next (``direction`` +1) or previous (-1) span in text order after the
    selected span or the caret; with ``same_label``, the next one of the selected span's label."""
    rows = editor.index.mine_sorted()
    here = editor.selected
    label = here[LABEL] if here is not None else None
    if same_label:
        if label is None:
            editor.message.emit(translate("SpanKeys", "Select a span first: the keys then go to the next span of its label"))
            return
        rows = [r for r in rows if r[LABEL] == label]
    if not rows:
        editor.message.emit(translate("SpanKeys", "No span to go to"))
        return
    key = (here[START], here[END], here[ID]) if here is not None else (editor.view.caret_position(), -1, -1)
    keys = [(r[START], r[END], r[ID]) for r in rows]
    if direction > 0:
        target = next((r for r, k in zip(rows, keys) if k > key), rows[0])
    else:
        target = next((r for r, k in zip(reversed(rows), reversed(keys)) if k < key), rows[-1])
    editor.jump_to_span(target[ID])


def toggle_clitics(editor) -> None:
    """The selected span (or the text selection) cycles: whole token, without the particles (و ف ب
    ك ل س), without the article too, whole again (``annotator.core.tokens.clitic_cycle``)."""
    chosen = editor.view.selection()
    if chosen is not None:
        start, end = clitic_cycle(editor.text, *chosen)
        editor.view.select_range(start, end, scroll=False)
        return
    row = editor.selected
    if row is None or row[CODER] != editor.coder.id:
        editor.message.emit(translate("SpanKeys", "Select a span or a word first: the key then takes its proclitics off or on"))
        return
    if not editor._writable():
        return
    span = normalize_span(editor.text, *clitic_cycle(editor.text, row[START], row[END]))
    if span is None or span == (row[START], row[END]):
        editor.message.emit(translate("SpanKeys", "No proclitic to take off"))
        return
    if any((r[START], r[END], r[LABEL]) == (*span, row[LABEL]) for r in editor.index.at(span[0], only_mine=True)):
        editor.message.emit(translate("SpanKeys", "That span exists already"))
        return
    new = (row[ID], row[CODER], row[LABEL], span[0], span[1], row[NOTE])
    undo.push(editor.stack, undo.ChangeSpan(editor, editor.doc_id, row, new, translate("SpanKeys", "proclitics on or off")))


def start_resize(editor) -> None:
    """F2: the arrows move the selected span's edges until Enter, Escape or F2."""
    row = editor.selected
    if row is None or row[CODER] != editor.coder.id:
        editor.message.emit(translate("SpanKeys", "Click one of your spans first, then F2 to move its edges"))
        return
    if editor.view.resizing:
        editor.view.set_resizing(False)
        return
    if editor._writable():
        editor.view.set_resizing(True)


def resize_message(on: bool) -> str:
    if on:
        return translate("SpanKeys", "Resizing the span: ←/→ move its end, Shift+←/→ its start, with Ctrl by whole words (← is forward in Arabic); Enter or Escape ends")
    return translate("SpanKeys", "Resizing ended")
