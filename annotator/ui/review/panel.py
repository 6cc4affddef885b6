"""The review window's side panels: progress, the coder legend (lane and dash pattern per coder),
the open disagreements of the document, and the list of documents."""

from __future__ import annotations

from PySide6.QtCore import QLineF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from annotator.core.adjudication import Candidate
from annotator.ui.annotate.panels import TOOLTIP_CHARS, shown_title
from annotator.ui.bidi import isolate, span_range
from annotator.ui.review.view import lane_style


def lane_icon(lane: int, color: str = "#333333", width: int = 48) -> QIcon:
    pixmap = QPixmap(width, 12)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    pen = QPen(QColor(color), 2.0, lane_style(lane))
    pen.setCapStyle(Qt.FlatCap)
    painter.setPen(pen)
    painter.drawLine(QLineF(2, 6, width - 2, 6))
    painter.end()
    return QIcon(pixmap)


class ReviewPanel(QWidget):
    chosen = Signal(object)  # a Candidate
    acceptRequested = Signal(object)
    rejectRequested = Signal(object)
    nextRequested = Signal()
    adjudicateRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.progress = QLabel(wordWrap=True, objectName="reviewProgress")
        self.state = QLabel(objectName="reviewState")
        self.legend = QLabel(self.tr("Coders (lanes under the text, top to bottom):"))
        self.coders = QListWidget(objectName="reviewCoders")
        self.coders.setMaximumHeight(110)
        self.list_title = QLabel(wordWrap=True, objectName="reviewListTitle")
        self.list_title.setText(self.tr("Open candidates: the coders' spans not yet decided (not in gold, not "
                                        "competing with gold, not rejected). Disagreements first; then the spans "
                                        "every coder made alike, which only wait to be accepted."))
        self.list = QTreeWidget(objectName="reviewCandidates")
        self.list.setHeaderLabels([self.tr("Text"), self.tr("Label"), self.tr("Coders"), self.tr("Votes")])
        self.list.setRootIsDecorated(False)
        self.list.setItemsExpandable(False)
        self.list.setUniformRowHeights(True)
        self.list.setColumnWidth(0, 200)
        self.list.setColumnWidth(1, 70)
        self.list.setColumnWidth(2, 110)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept (A)"))
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.next_button = QPushButton(self.tr("Next (N)"))
        for b in (self.accept_button, self.reject_button, self.next_button):
            buttons.addWidget(b)
        self.adjudicate_button = QPushButton(self.tr("Mark adjudicated (Ctrl+Enter)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.progress, self.state, self.legend, self.coders, self.list_title, self.list):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.adjudicate_button)
        self.candidates: list[Candidate] = []
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(lambda item, _c: self.acceptRequested.emit(self._cand(item)))
        self.accept_button.clicked.connect(lambda: self.acceptRequested.emit(self._cand(self.list.currentItem())))
        self.reject_button.clicked.connect(lambda: self.rejectRequested.emit(self._cand(self.list.currentItem())))
        self.next_button.clicked.connect(self.nextRequested.emit)
        self.adjudicate_button.clicked.connect(self.adjudicateRequested.emit)

    def set_coders(self, names: list[str]) -> None:
        self.coders.clear()
        for lane, name in enumerate(names):
            self.coders.addItem(QListWidgetItem(lane_icon(lane), isolate(name)))
        self.coders.setIconSize(lane_icon(0).availableSizes()[0])

    def show_candidates(self, text: str, cands: list[Candidate], colors: dict[str, str], current,
                        agreed: set[Candidate] | frozenset = frozenset()) -> None:
        """The open candidates in two groups: disagreements, then those every coder made alike."""
        self.list.blockSignals(True)
        self.list.clear()
        disputed = [c for c in cands if c not in agreed]
        alike = [c for c in cands if c in agreed]
        self.candidates = disputed + alike
        groups = ((self.tr("Disagreements (%n)", "", len(disputed)), disputed),
                  (self.tr("Agreed by every coder, not yet in gold (%n)", "", len(alike)), alike))
        for title, members in groups:
            head = QTreeWidgetItem([title])
            head.setFlags(Qt.ItemIsEnabled)  # a heading: not selectable, not a candidate
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.list.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for cand in members:
                item = self._item(text, cand, colors)
                head.addChild(item)
                if cand == current:
                    self.list.setCurrentItem(item)
            head.setExpanded(True)
        self.list.blockSignals(False)

    def _item(self, text: str, cand: Candidate, colors: dict[str, str]) -> QTreeWidgetItem:
        snippet = text[cand.start:cand.end].replace("\n", " ")
        snippet = snippet if len(snippet) <= 40 else snippet[:38] + "…"
        item = QTreeWidgetItem([isolate(snippet), isolate(cand.label),
                                ", ".join(isolate(name) for name in sorted(cand.coders)), str(cand.votes)])
        item.setData(0, Qt.UserRole, self.candidates.index(cand))
        item.setTextAlignment(0, Qt.AlignRight | Qt.AlignVCenter)
        item.setToolTip(0, span_range(cand.start, cand.end))
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(colors.get(cand.label, "#888888")))
        item.setIcon(1, QIcon(pixmap))
        return item

    def rows(self) -> list[QTreeWidgetItem]:
        """The candidate rows in the order shown (headings left out)."""
        out = []
        for i in range(self.list.topLevelItemCount()):
            head = self.list.topLevelItem(i)
            out.extend(head.child(j) for j in range(head.childCount()))
        return out

    def _cand(self, item) -> Candidate | None:
        if item is None:
            return None
        i = item.data(0, Qt.UserRole)
        return self.candidates[i] if isinstance(i, int) and 0 <= i < len(self.candidates) else None

    def _on_current(self, current, _previous) -> None:
        cand = self._cand(current)
        if cand is not None:
            self.chosen.emit(cand)


class ReviewDocuments(QTreeWidget):
    """Documents with their open disagreements and whether they are adjudicated."""

    chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDocuments")
        self.setHeaderLabels([self.tr("Title"), self.tr("Open"), self.tr("Adjudicated")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setColumnWidth(0, 130)
        self.setTextElideMode(Qt.ElideMiddle)  # titles of one source share their start
        self.setColumnWidth(1, 40)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(lambda item, _p: item is not None and self.chosen.emit(item.data(0, Qt.UserRole)))

    def populate(self, docs: list[int], titles: dict[int, str]) -> None:
        self.clear()
        self.items = {}
        for doc_id in docs:
            item = QTreeWidgetItem([isolate(shown_title(titles[doc_id])), "", ""])
            item.setToolTip(0, isolate(shown_title(titles[doc_id], TOOLTIP_CHARS)))
            item.setData(0, Qt.UserRole, doc_id)
            self.addTopLevelItem(item)
            self.items[doc_id] = item

    def update_counts(self, open_counts: dict[int, int], adjudicated: set[int], current: int | None) -> None:
        self.blockSignals(True)
        for doc_id, item in self.items.items():
            item.setText(1, str(open_counts.get(doc_id, 0)))
            item.setText(2, "✓" if doc_id in adjudicated else "")
        if current in self.items:
            self.setCurrentItem(self.items[current])
        self.blockSignals(False)
