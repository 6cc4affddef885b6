"""What the adjudicator's keys and clicks do in the review window: the document, its open
candidates, selection and messages here; the decisions (accept, reject, draw, edit, next) in
:mod:`annotator.ui.review.decisions`.

Every change is an undo command (:mod:`annotator.ui.review.undo`) that calls the store; the
command reports back through ``span_put``/``span_gone``/``status_put``/``rejections_put`` and this
controller recomputes the document's open candidates (:mod:`annotator.ui.review.state`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.adjudication import Candidate
from annotator.core.model import GOLD_CODER, Coder
from annotator.ui.annotate.span_index import END, ID, LABEL, START, SpanIndex
from annotator.ui.bidi import anchored, isolate, span_range
from annotator.ui.errors import show_error
from annotator.ui.review.decisions import ReviewDecisions
from annotator.ui.review.state import progress_text, review_document

class ReviewController(ReviewDecisions, QObject):
    message = Signal(str)
    changed = Signal()  # the document, its candidates or the progress changed: redraw panels

    def __init__(self, project, adjudicator: str, coders: list[Coder], view, parent=None) -> None:
        super().__init__(parent)
        self.project, self.adjudicator, self.coders, self.view = project, adjudicator, coders, view
        self.stack = QUndoStack(self)
        self.versions: dict[int, int] = {}  # gold span id -> the version this window last saw or saved
        self.schema = project.labels()
        self.name_of = {label.id: label.name for label in self.schema}
        self.id_of = {label.name: label.id for label in self.schema}
        gold = project.gold_coder()
        if gold is None and not project.readonly:
            gold = project.ensure_gold_coder()
        self.gold = gold or Coder(-1, GOLD_CODER)
        self.docs = [info.id for info in project.documents()]
        self.titles = {info.id: info.title for info in project.documents()}
        self.open_counts: dict[int, int] = {}  # open candidates (disagreements and agreed ones)
        self.agreed_counts: dict[int, int] = {}  # of those, the ones every coder made alike
        self.adjudicated: set[int] = set()
        for doc_id in self.docs:
            self._recount(doc_id)
        self.doc_id: int | None = None
        self.text = ""
        self.review = None
        self.current: Candidate | None = None
        self.selected_gold: tuple | None = None
        self._click: tuple[int, int] | None = None
        view.labelKey.connect(self.on_key)
        view.deleteKey.connect(self.delete_gold)
        view.edgeKey.connect(self.move_edge)
        view.clicked.connect(self.on_click)
        view.escapeKey.connect(lambda: self.select(None))
        view.tooltip_for = self.tooltip
        view.highlighter.set_colors({label.id: label.color for label in self.schema})

    # -- documents ------------------------------------------------------------------------------
    def _review(self, doc_id: int):
        return review_document(self.project, doc_id, self.coders, self.gold.id if self.gold.id >= 0 else None,
                               self.name_of)

    def _recount(self, doc_id: int, review=None) -> None:
        review = review or self._review(doc_id)
        self.open_counts[doc_id] = len(review.open)
        self.agreed_counts[doc_id] = len(review.agreed)
        (self.adjudicated.add if review.adjudicated else self.adjudicated.discard)(doc_id)

    def open_document(self, doc_id: int) -> None:
        self.doc_id = doc_id
        self.text = self.project.document(doc_id).text
        self.review = self._review(doc_id)
        self.versions.update(self.project.span_versions(doc_id))
        self.gold_index = SpanIndex(self.text, self.review.gold_rows, mine=self.gold.id)
        self.view.show_document(self.text, self.gold_index)
        colors = {label.id: label.color for label in self.schema}
        self.view.set_lanes([c.id for c in self.coders], self.review.coder_rows, colors)
        self.current, self.selected_gold, self._click = None, None, None
        self._after_change()

    def _after_change(self) -> None:
        self.review = self._review(self.doc_id)
        self._recount(self.doc_id, self.review)
        if self.current is not None and self.current not in self.review.open:
            self.current = None
        self._show_marks()
        self.changed.emit()

    def _key(self, cand: Candidate | None):
        return None if cand is None else (cand.start, cand.end, self.id_of.get(cand.label, -1))

    def _show_marks(self) -> None:
        self.view.set_open({self._key(c) for c in self.review.open}, self._key(self.current))
        row = self.selected_gold
        self.view.span_selected = row is not None
        if row is not None:
            label = self.schema.by_id(row[LABEL])
            self.view.set_mark("selected", (row[START], row[END]), label.color if label else None)
        elif self.current is not None:
            label = self.schema.by_name(self.current.label)
            self.view.set_mark("selected", (self.current.start, self.current.end), label.color if label else None)
        else:
            self.view.set_mark("selected", None)

    def progress(self) -> str:
        position = self.docs.index(self.doc_id) + 1 if self.doc_id in self.docs else 0
        agreed_here, agreed = self.agreed_counts.get(self.doc_id, 0), sum(self.agreed_counts.values())
        return progress_text(position, len(self.docs), len(self.adjudicated),
                             self.open_counts.get(self.doc_id, 0) - agreed_here,
                             sum(self.open_counts.values()) - agreed, agreed_here, agreed)

    # -- called by the undo commands ----------------------------------------------------------
    def span_put(self, doc_id: int, row: tuple, version: int | None = None) -> None:
        if version is not None:
            self.versions[row[ID]] = version
        if doc_id != self.doc_id:
            self.open_document(doc_id)
        else:
            self.view.refresh(self.gold_index.replace(row))
        self.selected_gold, self.current = row, None
        self._after_change()

    def span_gone(self, doc_id: int, span_id: int) -> None:
        self.versions.pop(span_id, None)
        if doc_id != self.doc_id:
            self.open_document(doc_id)
            return
        if span_id in self.gold_index.spans:
            self.view.refresh(self.gold_index.remove(span_id))
        if self.selected_gold is not None and self.selected_gold[ID] == span_id:
            self.selected_gold = None
        self._after_change()

    def status_put(self, doc_id: int) -> None:
        if doc_id != self.doc_id:
            self.open_document(doc_id)
        else:
            self._after_change()

    def rejections_put(self, doc_id: int) -> None:
        self.status_put(doc_id)

    def report(self, exc: BaseException, title: str) -> None:
        show_error(self.view.window(), title, exc)

    def stale(self, command, exc: BaseException) -> None:
        """Another review window (the lead, a second adjudicator) changed that gold span first: the
        change was refused; say so and show the document as it is now."""
        from annotator.ui.annotate.save_queue import report_stale
        report_stale(self, command, exc)

    def reload(self) -> None:
        if self.doc_id is not None:
            self.open_document(self.doc_id)

    def undo_failed(self, command, exc: BaseException) -> None:
        self.report(exc, self.tr("Could not undo or redo “{0}”").format(command.text()))
        # Later, as the editor does: clearing the stack now would delete the command that is running
        # (a crash, seen when an undo was refused as a duplicate of another window's gold span).
        QTimer.singleShot(0, self.stack.clear)
        if self.doc_id is not None:
            doc_id = self.doc_id
            QTimer.singleShot(0, lambda: self.open_document(doc_id))

    # -- selecting ----------------------------------------------------------------------------
    def select(self, item) -> None:
        """Focus a candidate (``Candidate``), a gold span (row tuple), or nothing."""
        self.current = item if isinstance(item, Candidate) else None
        self.selected_gold = item if isinstance(item, tuple) else None
        self._show_marks()
        if item is not None:
            self.message.emit(self.describe(item))
        self.changed.emit()

    def jump(self, cand: Candidate) -> None:
        self.view.scroll_to(cand.start)
        self.view.clear_selection()
        self.select(cand)
        self.view.setFocus()

    def on_click(self, pos: int) -> None:
        """A click picks what lies under it: gold spans first, then open candidates; clicking
        again at the same place steps through them."""
        gold = self.gold_index.at(pos)
        cands = sorted((c for c in self.review.open if c.start <= pos < c.end), key=lambda c: c.end - c.start)
        choices = list(gold) + cands
        if not choices:
            self._click = None
            self.select(None)
            return
        turn = self._click[1] + 1 if self._click and self._click[0] == pos else 0
        self._click = (pos, turn)
        self.select(choices[turn % len(choices)])

    def describe(self, item) -> str:
        if isinstance(item, Candidate):
            # Bidi isolates: a label or coder name keeps its own direction, and the range "start–end"
            # reads left to right inside an Arabic sentence (LRI before start, PDI after end).
            return self.tr("{0} · {1}–{2} · proposed by {3} ({4} of {5}) — A accept, R reject, N next").format(
                _fsi(item.label), f"\u2066{item.start}", f"{item.end}\u2069",
                _fsi(", ".join(sorted(item.coders))), item.votes, len(self.coders))
        label = self.schema.by_id(item[LABEL])
        return self.tr("gold {0} · {1}–{2} — Shift(+Alt)+arrows move edges, Delete removes").format(
            _fsi(label.name if label else "?"), f"\u2066{item[START]}", f"{item[END]}\u2069")

    def tooltip(self, pos: int) -> str | None:
        names = {c.id: c.name for c in self.coders}
        lines = [self.tr("gold: {0}").format(isolate(self.name_of.get(r[LABEL], "?"))) for r in self.gold_index.at(pos)]
        lines += [f"{isolate(names.get(r[1], '?'))}: {isolate(self.name_of.get(r[LABEL], '?'))} "
                  f"{span_range(r[START], r[END])}" for r in self.view.lane_index.at(pos)]
        # rich text (one line each): names escaped, each line in the interface's direction
        rtl = self.view.isRightToLeft()
        return "<br>".join(anchored(escape(line), rtl) for line in lines) or None

def _fsi(text: str) -> str:
    """``text`` in a first-strong bidi isolate, so it cannot reorder the sentence around it."""
    return f"\u2068{text}\u2069"
