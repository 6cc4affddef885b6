"""The coder's keys for suggestions in the annotation window, and what they do.

Keys (on the document view): Alt+Down the next suggestion (Alt+Up the previous one): it is selected
and marked; Alt+Return accepts it (its span goes into the coder's layer with the provenance
"suggested by <source>, accepted by <coder>"); Alt+<label hotkey> accepts it with that label;
Alt+Delete (or Alt+Backspace) rejects it (remembered: not proposed to this coder again);
Alt+Shift+Return accepts every suggestion of the document scoring at least the threshold asked
for. (Ctrl+Return is Mark Done.) Everything goes through undo commands that call the store (``ui/suggest/undo.py``).

The suggestions of the open document are read from the store for the coder (rejected ones and
ones the coder already has are left out) when a document is shown and after each change (a span
of the coder's made, moved or removed, here or in another window, rereads the suggestions over its
range: one made by hand over a suggestion of its label hides it at once): first
only those the view paints (the ghosts ask for the visible range, one small read), then, just after
that paint, the whole document's (what the keys step through); anything that needs them all before
then reads them at once.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog

from annotator.core.errors import ServerUnreachable
from annotator.core.suggestion import StoredSuggestion
from annotator.ui.annotate import undo as span_undo
from annotator.ui.suggest.ghosts import GhostPainter
from annotator.ui.suggest.undo import AcceptSuggestions, RejectSuggestion

DEFAULT_THRESHOLD = 0.8
_ORDER = attrgetter("start", "end", "id")  # the store's order of a document's suggestions


class _Bridge(QObject):
    """The store's change notices (from any thread) into the window's thread."""

    changed = Signal(object)


class SuggestionController(QObject):
    changed = Signal()  # the open document's suggestions changed (the view repaints its ghosts)

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self._doc: int | None = None  # whose suggestions these are (None: nobody's, no coder)
        self._all: list[StoredSuggestion] | None = []  # the document's, once read (None: not yet)
        self._window: tuple[int, int, list[StoredSuggestion]] | None = None  # a range read for a paint
        self._starts: list[int] = []
        self.current: StoredSuggestion | None = None
        self.min_score = 0.0
        self._rest = QTimer(self)  # reads the whole document's just after the first paint
        self._rest.setSingleShot(True)
        self._rest.setInterval(0)
        self._rest.timeout.connect(self._read_rest)
        editor.documentShown.connect(self.load)
        editor.view.painted.connect(self._painted)
        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self._on_changes, Qt.QueuedConnection)
        unsubscribe = editor.project.subscribe(self._bridge.changed.emit)
        self.destroyed.connect(lambda *_: unsubscribe())
        editor.suggestions_changed = self.suggestions_changed  # the undo commands' hook
        editor.view.installEventFilter(self)
        self.ghosts = GhostPainter(self, editor.view) if hasattr(editor.view, "overlays") else None
        self._tooltip = getattr(editor.view, "tooltip_for", None)
        editor.view.tooltip_for = self.tooltip

    def tooltip(self, pos: int):
        """The view's hover text, with the suggestion under the pointer (label, score, source)."""
        base = self._tooltip(pos) if self._tooltip is not None else None
        s = self.at(pos)
        if s is None:
            return base
        label = self.editor.schema.by_id(s.label_id)
        text = self.tr("Suggested: {0} (score {1:.2f}, {2})").format(label.name if label else "?", s.score, s.source)
        return f"{base}<br>{text}" if base else text

    # -- state -----------------------------------------------------------------------------------
    def load(self, doc_id: int | None = None) -> None:
        """The document's suggestions changed (or another document is shown): nothing is read here;
        the next paint reads what it shows, and the rest follows just after it."""
        ed = self.editor
        doc_id = ed.doc_id if doc_id is None else doc_id
        self._doc = doc_id if doc_id is not None and ed.coder.id >= 0 else None
        self._all = None if self._doc is not None else []
        self._window = None
        self._starts = []
        if self.current is not None and self.current.document_id != self._doc:
            self.current = None
        self.changed.emit()

    @property
    def complete(self) -> bool:
        """Whether the whole document's suggestions are read (not only a painted range's)."""
        return self._all is not None

    @property
    def suggestions(self) -> list[StoredSuggestion]:
        """The open document's suggestions for the coder, by start (read now if not yet)."""
        if self._all is None and not self._read_all():  # the team server is away: what the screen had
            return self._window[2] if self._window is not None else []
        return self._all

    def _read(self, within: tuple[int, int] | None = None) -> list[StoredSuggestion]:
        ed = self.editor
        return ed.project.suggestions(self._doc, ed.coder.id, min_score=self.min_score, within=within)

    def _read_all(self) -> bool:
        try:
            self._all = self._read()
        except ServerUnreachable:  # tried again when next needed
            return False
        self._window = None
        self._starts = [s.start for s in self._all]
        if self.current is not None and all(s.id != self.current.id for s in self._all):
            self.current = None
        return True

    def shown(self, lo: int, hi: int) -> list[StoredSuggestion]:
        """Suggestions by start, among them all those overlapping ``lo``-``hi`` (what the ghosts
        paint): the whole document's once read; before, those of the view's visible range, read
        once for the paint that asks."""
        if self._all is not None:
            return self._all
        window = self._window
        if window is None or lo < window[0] or hi > window[1]:
            shown = self.editor.view.visible_paragraphs()
            a = min([lo] + [para.start for _, para, _ in shown[:1]])
            b = max([hi] + [para.end + 1 for _, para, _ in shown[-1:]])
            try:
                window = self._window = (a, b, self._read(within=(a, b)))
            except ServerUnreachable:  # the team server is away: the ghosts as they were, tried at the next paint
                return window[2] if window is not None else []
        return window[2]

    def _painted(self) -> None:
        if self._all is None and not self._rest.isActive():
            self._rest.start()

    def _read_rest(self) -> None:
        # not for a window closed meanwhile (its project is closed too); whoever asks later reads them
        if self._all is None and self._doc == self.editor.doc_id and self.editor.view.isVisible():
            current = self.current
            if self._read_all() and self.current is not current:  # else no repaint: the screen's ghosts were read exactly
                self.changed.emit()

    def _on_changes(self, changes) -> None:
        """The coder's spans changed in the open document: the suggestions over those ranges are
        read again (a span of a suggestion's label over it hides it; removed, it shows again)."""
        if self._doc is None:
            return
        ranges = []
        for change in changes:
            if change.kind == "span" and change.document_id == self._doc and \
                    change.coder_id in (None, self.editor.coder.id):
                if not change.ranges:  # the whole document (a bulk change)
                    self.load(self._doc)
                    return
                ranges.extend(change.ranges)
        if ranges:
            self._reread(min(a for a, _ in ranges), max(b for _, b in ranges))

    def _reread(self, lo: int, hi: int) -> None:
        view = self.editor.view
        if self._all is None:
            self._window = None  # the next paint reads its range again
            gone = fresh = []
        else:
            try:
                fresh = self._read(within=(lo, hi))
            except ServerUnreachable:  # read again when next needed (the screen's first)
                self._all = self._window = None
                view.viewport().update()
                return
            gone = [s for s in self._all if s.start < hi and lo < s.end]
            if [s.id for s in gone] == [s.id for s in fresh]:
                return
            kept = [s for s in self._all if not (s.start < hi and lo < s.end)]
            self._all = sorted(kept + fresh, key=_ORDER)
            self._starts = [s.start for s in self._all]
            if self.current is not None and all(s.id != self.current.id for s in self._all):
                self.current = None
        for rect in view.ranges_rects([(lo, hi)] + [(s.start, s.end) for s in gone + fresh]):
            view.viewport().update(rect.toAlignedRect())

    def suggestions_changed(self, doc_id: int) -> None:
        if doc_id == self.editor.doc_id:
            self.load(doc_id)

    def at(self, pos: int) -> StoredSuggestion | None:
        """The suggestion over ``pos`` (the shortest one there), for the hover text."""
        found = [s for s in self.suggestions if s.start <= pos < s.end]
        return min(found, key=lambda s: s.end - s.start) if found else None

    # -- moving ------------------------------------------------------------------------------------
    def step(self, direction: int) -> StoredSuggestion | None:
        if not self.suggestions:
            self.editor.message.emit(self.tr("No suggestions in this document"))
            return None
        here = self.current.start if self.current is not None else self._caret() - (1 if direction > 0 else 0)
        if direction > 0:
            i = bisect_right(self._starts, here)
            if self.current is not None:
                ids = [s.id for s in self.suggestions]
                i = ids.index(self.current.id) + 1 if self.current.id in ids else i
            target = self.suggestions[i % len(self.suggestions)]
        else:
            ids = [s.id for s in self.suggestions]
            if self.current is not None and self.current.id in ids:
                target = self.suggestions[ids.index(self.current.id) - 1]
            else:
                i = bisect_right(self._starts, here) - 1
                target = self.suggestions[i % len(self.suggestions)]
        self.show(target)
        return target

    def show(self, s: StoredSuggestion) -> None:
        self.current = s
        view = self.editor.view
        view.select_range(s.start, s.end)
        label = self.editor.schema.by_id(s.label_id)
        self.editor.message.emit(self.tr("Suggestion: {0} ({1:.2f}, {2})").format(
            label.name if label else "?", s.score, s.source))
        self.changed.emit()

    def _caret(self) -> int:
        """Where "next" counts from: the selection's start, or the caret (after a span made by hand,
        the next suggestion is the one after it, not the document's first)."""
        view = self.editor.view
        sel = view.selection()
        if sel:
            return sel[0]
        caret = getattr(view, "caret_position", None)
        return caret() if caret is not None else 0

    # -- deciding ----------------------------------------------------------------------------------
    def accept(self, label_id: int | None = None) -> bool:
        s = self._current_or_step()
        if s is None:
            return False
        ok = span_undo.push(self.editor.stack, AcceptSuggestions(self.editor, self.editor.coder.id, [s], label_id))
        if ok:
            self.current = None
        return ok

    def reject(self) -> bool:
        s = self._current_or_step()
        if s is None:
            return False
        ok = span_undo.push(self.editor.stack, RejectSuggestion(self.editor, self.editor.coder.id, s))
        if ok:
            self.current = None
        return ok

    def accept_all(self, threshold: float) -> int:
        chosen = [s for s in self.suggestions if s.score >= threshold]
        if not chosen:
            self.editor.message.emit(self.tr("No suggestion scores {0:.2f} or more").format(threshold))
            return 0
        command = AcceptSuggestions(self.editor, self.editor.coder.id, _without_overlaps(chosen),
                                    text=self.tr("accept suggestions scoring {0:.2f} or more").format(threshold))
        return len(command.suggestions) if span_undo.push(self.editor.stack, command) else 0

    def _current_or_step(self) -> StoredSuggestion | None:
        if self.editor.doc_id is None or not self.editor._writable():
            return None
        if self.current is None:
            sel = self.editor.view.selection()
            on = [s for s in self.suggestions if sel is not None and (s.start, s.end) == tuple(sel)]
            if on:
                self.current = on[0]
            else:
                self.step(+1)  # nothing chosen yet: the first key shows the next suggestion, the next decides
                return None
        return self.current

    # -- keys ------------------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() != QEvent.KeyPress:
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeypadModifier
        if mods == Qt.AltModifier and key == Qt.Key_Down:
            self.step(+1)
        elif mods == Qt.AltModifier and key == Qt.Key_Up:
            self.step(-1)
        elif mods == Qt.AltModifier and key in (Qt.Key_Return, Qt.Key_Enter):
            self.accept()
        elif mods == Qt.AltModifier | Qt.ShiftModifier and key in (Qt.Key_Return, Qt.Key_Enter):
            self.ask_accept_all()
        elif mods == Qt.AltModifier and key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.reject()
        elif mods == Qt.AltModifier and event.text():
            label = self.editor.schema.by_hotkey(event.text())
            if label is None:
                return False
            self.accept(label.id)
        else:
            return False
        return True

    def ask_accept_all(self) -> None:
        value, ok = QInputDialog.getDouble(self.editor.view.window(), self.tr("Accept suggestions"),
                                           self.tr("Accept every suggestion in this document scoring at least:"),
                                           DEFAULT_THRESHOLD, 0.0, 1.0, 2)
        if ok:
            self.accept_all(value)


def _without_overlaps(chosen: list[StoredSuggestion]) -> list[StoredSuggestion]:
    """Of overlapping suggestions of one label, the best scoring (then the longest) is accepted."""
    kept: list[StoredSuggestion] = []
    for s in sorted(chosen, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if not any(k.label_id == s.label_id and k.overlaps(s.start, s.end) for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)
