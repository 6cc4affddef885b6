"""The document list: title, length, this coder's status and span count; filter by title, status and
(issue 16) marks; sortable; the open document highlighted.

Issue 21: ten thousand documents. The rows are one query of the store (``Project.document_list``,
no text read) kept in plain Python lists; a table model computes each cell when the view paints it
(some 30 rows), and filtering and sorting are Python over those lists, not 10,000 widget items.
Span counts are read for the rows painted (``count_source``), and for all only to sort by them.
The status is a drawn sign (its word in the tooltip), so that at the dock's usual 300 pixels the
title keeps most of the width.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QStyle, QTreeView, QVBoxLayout, QWidget)

from annotator.core.arabic import fold_query
from annotator.core.model import DocStatus
from annotator.ui.annotate.panels import TOOLTIP_CHARS, shown_title
from annotator.ui.bidi import isolate

translate = QCoreApplication.translate

TITLE, LENGTH, STATUS, SPANS = range(4)
STATUS_ORDER = {DocStatus.NEW: 0, DocStatus.IN_PROGRESS: 1, DocStatus.DONE: 2}
STATUS_COLOURS = {DocStatus.NEW: "#8a8a8a", DocStatus.IN_PROGRESS: "#c98a00", DocStatus.DONE: "#2e7d32"}
SIGN_SIZE = 14


def status_text(status: DocStatus) -> str:
    return {DocStatus.NEW: translate("Panels", "new"), DocStatus.IN_PROGRESS: translate("Panels", "in progress"),
            DocStatus.DONE: translate("Panels", "done")}[status]


def filters() -> list[tuple[str, object]]:
    return [(translate("Panels", "All documents"), None), (translate("Panels", "Not done"), "not_done"),
            (translate("Panels", "New"), DocStatus.NEW), (translate("Panels", "In progress"), DocStatus.IN_PROGRESS),
            (translate("Panels", "Done"), DocStatus.DONE)]


FILTERS = filters()  # the English ones; the list shows filters() in the interface language


def header_texts() -> tuple[str, str, str, str]:
    """The columns' names (the status column shows its sign, its name is for screen readers)."""
    return (translate("DocumentList", "Title"), translate("DocumentList", "Length"), "",
            translate("DocumentList", "Spans"))


def status_icon(status: DocStatus, size: int = SIGN_SIZE) -> QIcon:
    """A ring (new), a half-filled disc (in progress), a disc with a tick (done): drawn, so that no
    font needs the glyphs, and alike in either interface direction."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    colour = QColor(STATUS_COLOURS[status])
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    painter.setPen(QPen(colour, 1.5))
    if status == DocStatus.DONE:
        painter.setBrush(colour)
    painter.drawEllipse(box)
    if status == DocStatus.IN_PROGRESS:
        half = QPainterPath()
        half.moveTo(box.center())
        half.arcTo(box, 90, 180)  # the left half, filled
        half.closeSubpath()
        painter.fillPath(half, colour)
    elif status == DocStatus.DONE:
        painter.setPen(QPen(QColor("white"), 1.8, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        s = size / 14.0
        painter.drawPolyline([QPointF(4.0 * s, 7.2 * s), QPointF(6.2 * s, 9.4 * s), QPointF(10.2 * s, 4.8 * s)])
    painter.end()
    return QIcon(pixmap)


class DocumentTable(QAbstractTableModel):
    """The rows of the document list: documents in a given order, some of them shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.order: list[int] = []                 # every document id, in project (queue first) order
        self.rows: list[int] = []                  # the ids shown, in the order shown
        self.shown: list[int] = []                 # the same, in project order
        self.titles: dict[int, str] = {}
        self.lengths: dict[int, int] = {}
        self.statuses: dict[int, DocStatus] = {}
        self.counts: dict[int, int] = {}           # span counts known so far
        self.current_id: int | None = None         # the open document (the current row when shown)
        self.count_source = None                   # callable(ids) -> {id: count}, for the rows painted
        self.all_counts = None                     # callable() -> {id: count}, to sort by counts
        self.decoration = None                     # callable(id) -> QIcon | None, before the title
        self.tooltip_extra = None                  # callable(id) -> str, under the title's tooltip
        self.title_header_tip = ""
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self._row_of: dict[int, int] | None = None
        self._places: dict[int, int] | None = None
        self._folded: dict[int, str] | None = None
        self._wanted: set[int] = set()
        self._fetch = QTimer(self, singleShot=True, interval=0)
        self._fetch.timeout.connect(self._fetch_counts)
        self._status_icons = {status: status_icon(status) for status in DocStatus}
        self._status_words = {status: status_text(status) for status in DocStatus}

    # -- filling ------------------------------------------------------------------------------
    def fill(self, rows, counts: dict[int, int] | None = None) -> None:
        """``rows``: ``(id, title, length, status or None, ...)`` in the list's order."""
        self.beginResetModel()
        self.order = [row[0] for row in rows]
        self.titles = {row[0]: row[1] for row in rows}
        self.lengths = {row[0]: row[2] for row in rows}
        status_of = {status.value: status for status in DocStatus}.get  # DocStatus(raw): 10 µs a row
        new = DocStatus.NEW
        self.statuses = {row[0]: status_of(row[3], new) for row in rows}
        self.counts = dict(counts or {})
        self._wanted.clear()
        self._folded = None
        self._status_words = {status: status_text(status) for status in DocStatus}
        self.shown = list(self.order)
        self.rows = self._sorted(self.order)
        self._row_of = self._places = None
        self.endResetModel()

    def show_only(self, ids: list[int]) -> None:
        """Show these documents (a filter's result, in project order), sorted as the list is."""
        self.beginResetModel()
        self.shown = list(ids)
        self.rows = self._sorted(ids)
        self._row_of = None
        self.endResetModel()

    def place_of(self, doc_id: int) -> int:
        """Where ``doc_id`` is in the list's order, filtered or not, from 1 (0: not in the list)."""
        if self._places is None:
            self._places = {d: i for i, d in enumerate(self._sorted(self.order), 1)}
        return self._places.get(doc_id, 0)

    def row_of(self, doc_id: int) -> int:
        if self._row_of is None:
            self._row_of = {d: i for i, d in enumerate(self.rows)}
        return self._row_of.get(doc_id, -1)

    def folded_title(self, doc_id: int) -> str:
        """The title as the filter compares it: without harakat and tatweel, alef and ya forms
        unified, Latin case folded (``core.arabic``); made for every title at the first filter."""
        if self._folded is None:
            self._folded = {d: fold_query(t) for d, t in self.titles.items()}
        return self._folded[doc_id]

    def set_status(self, doc_id: int, status: DocStatus) -> None:
        self.statuses[doc_id] = status
        self._places = None
        self._changed(doc_id, STATUS)

    def set_count(self, doc_id: int, count: int) -> None:
        self.counts[doc_id] = count
        self._places = None
        self._changed(doc_id, SPANS)

    def set_current(self, doc_id: int | None) -> None:
        self.current_id = doc_id

    def marks_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, TITLE), self.index(len(self.rows) - 1, TITLE),
                                  [Qt.DecorationRole, Qt.ToolTipRole])

    def _changed(self, doc_id: int, first: int, last: int | None = None) -> None:
        row = self.row_of(doc_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, first), self.index(row, first if last is None else last))

    # -- sorting --------------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # noqa: D102 (Qt's)
        self.sort_column, self.sort_order = column, order
        if column == SPANS and self.all_counts is not None and len(self.counts) < len(self.order):
            counts = dict.fromkeys(self.order, 0)  # a document without spans is not in the answer
            counts.update(self.all_counts())
            self.counts = counts
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[i.row()] if 0 <= i.row() < len(self.rows) else None for i in old]
        self.rows = self._sorted(self.rows)
        self._row_of = self._places = None
        self.changePersistentIndexList(old, [self.index(self.row_of(d), i.column()) if d is not None else QModelIndex()
                                             for d, i in zip(ids, old)])
        self.layoutChanged.emit()

    def _sorted(self, ids: list[int]) -> list[int]:
        column = self.sort_column
        if column < 0 or column > SPANS:
            place = {d: i for i, d in enumerate(self.order)}
            return sorted(ids, key=place.__getitem__)
        key = {TITLE: lambda d: self.titles[d].casefold(), LENGTH: self.lengths.__getitem__,
               STATUS: lambda d: STATUS_ORDER[self.statuses[d]], SPANS: lambda d: self.counts.get(d, 0)}[column]
        return sorted(ids, key=key, reverse=self.sort_order == Qt.DescendingOrder)  # stable: ties in list order

    # -- the model ----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def data(self, index, role=Qt.DisplayRole):
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.rows):
            return None
        doc_id = self.rows[row]
        role = int(role)  # a PySide enum compared with ints costs about 15 µs (issue 12's profile)
        if role == 0:  # DisplayRole
            if column == TITLE:
                return isolate(shown_title(self.titles[doc_id]))
            if column == LENGTH:
                return self.lengths[doc_id]
            if column == SPANS:
                return self._count(doc_id)
            return None
        if role == 1:  # DecorationRole
            if column == STATUS:
                return self._status_icons[self.statuses[doc_id]]
            if column == TITLE and self.decoration is not None:
                return self.decoration(doc_id)
            return None
        if role == 7:  # TextAlignmentRole
            return int(Qt.AlignRight | Qt.AlignVCenter) if column in (LENGTH, SPANS) else None
        if role == 3:  # ToolTipRole
            if column == TITLE:
                tip = isolate(shown_title(self.titles[doc_id], TOOLTIP_CHARS))
                extra = self.tooltip_extra(doc_id) if self.tooltip_extra is not None else ""
                return tip + ("\n" + extra if extra else "")
            if column == STATUS:
                return self._status_words[self.statuses[doc_id]]
            return None
        if role == 11 and column == STATUS:  # AccessibleTextRole
            return self._status_words[self.statuses[doc_id]]
        if role == 256:  # UserRole: the document id
            return doc_id
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or not 0 <= section < 4:
            return None
        role = int(role)
        if role == 0:
            return header_texts()[section]
        if role == 1 and section == STATUS:
            return self._status_icons[DocStatus.IN_PROGRESS]
        if role == 3:
            if section == STATUS:
                return translate("DocumentList", "Your status: a ring, new; half filled, in progress; "
                                                 "filled with a tick, done")
            if section == TITLE:
                return self.title_header_tip or None
        if role == 11 and section == STATUS:
            return translate("DocumentList", "Status")
        return None

    def _count(self, doc_id: int):
        count = self.counts.get(doc_id)
        if count is None and self.count_source is not None:
            self._wanted.add(doc_id)
            if not self._fetch.isActive():
                self._fetch.start()
            return None
        return count if count is not None else 0

    def _fetch_counts(self) -> None:
        """The span counts of the rows just painted, in one query (issue 21)."""
        wanted, self._wanted = self._wanted, set()
        wanted = [d for d in wanted if d not in self.counts]
        if not wanted or self.count_source is None:
            return
        self.counts.update(self.count_source(wanted))
        rows = [r for r in (self.row_of(d) for d in wanted) if r >= 0]
        if rows:
            self.dataChanged.emit(self.index(min(rows), SPANS), self.index(max(rows), SPANS), [Qt.DisplayRole])


class DocumentTree(QTreeView):
    """The list's view: type the start of a title to go to it (the titles are bidi-isolated, so
    Qt's own search, which compares the shown text, never matched)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._typed, self._at = "", 0.0

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802
        """One document's count or status changed (at every span added or removed): that cell is
        repainted. ``QTreeView``'s own handler first measures the row's height again, and for the
        first row asks all four cells' size hints (some 40 ``data`` calls, 0.6 ms a key press); a
        number or the status sign never changes a row's height (the rows are uniform). Editors
        and screen readers still hear of it (``QAbstractItemView``'s handler)."""
        if (top_left == bottom_right and top_left.isValid() and top_left.column() != TITLE
                and self.uniformRowHeights()):
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)
            return
        super().dataChanged(top_left, bottom_right, roles)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        model = self.model()
        if not search or model is None or not model.rows:
            return
        now = time.monotonic()
        again = now - self._at > QApplication.keyboardInputInterval() / 1000.0
        self._typed = search if again else self._typed + search
        self._at = now
        needle = fold_query(self._typed)
        current = self.currentIndex().row()
        start = current + 1 if len(self._typed) == 1 else max(current, 0)
        n = len(model.rows)
        for step in range(n):
            row = (start + step) % n
            if model.folded_title(model.rows[row]).startswith(needle):
                self.setCurrentIndex(model.index(row, TITLE))
                return


class DocumentList(QWidget):
    """Title, length, this coder's status and span count; filter by title and status; sortable."""

    chosen = Signal(int)  # document id
    populated = Signal()  # the rows were made again (ui/annotate/doc_marks.py reads their marks)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.extra_filter = None  # callable(document id) -> shown?, e.g. by document labels and flags
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter by title"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        for text, _ in filters():
            self.status_filter.addItem(text)
        self.model = DocumentTable(self)
        self.tree = DocumentTree()
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # Titles of one source often share their start ("ويكي الأخبار: …"): cut the middle, not the end.
        self.tree.setTextElideMode(Qt.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.Stretch)
        for column in (LENGTH, STATUS, SPANS):
            header.setSectionResizeMode(column, QHeaderView.Interactive)
        header.setSortIndicatorClearable(True)  # a third click on a column: back to project order
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.AscendingOrder)  # project order until the user sorts
        self.shown_label = QLabel()
        self.shown_label.setObjectName("documentsShown")
        self.shown_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 2)
        row.addWidget(self.status_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        layout.addWidget(self.shown_label)
        self._quiet = False
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)

    # -- what callers read ---------------------------------------------------------------------------
    @property
    def statuses(self) -> dict[int, DocStatus]:
        return self.model.statuses

    def ids(self) -> list[int]:
        """Every document id, in project order (queue first)."""
        return self.model.order

    def count(self) -> int:
        return len(self.model.order)

    def place(self, doc_id: int) -> int:
        """``doc_id``'s place in the list's order (sorted as shown, filtered or not), from 1."""
        return self.model.place_of(doc_id)

    def cell(self, doc_id: int, column: int, role=Qt.DisplayRole):
        """What the list shows for ``doc_id`` in ``column`` (None when the document is filtered out)."""
        row = self.model.row_of(doc_id)
        return None if row < 0 else self.model.data(self.model.index(row, column), role)

    def visible_order(self) -> list[int]:
        """Document ids in the order shown (sorted and filtered as the user set it)."""
        return list(self.model.rows)

    def all_order(self) -> list[int]:
        """Document ids in the list's order, filtered or not (project order until sorted)."""
        model = self.model
        if model.sort_column < 0:
            return list(model.order)
        return model._sorted(model.order)

    # -- filling and updates ---------------------------------------------------------------------------
    def populate(self, rows, counts: dict[int, int] | None = None) -> None:
        """Fill the list from ``Project.document_list`` rows: ``(id, title, length, status, ...)``."""
        self._quiet = True
        try:
            self.model.fill(rows, counts)
            self._size_columns()
        finally:
            self._quiet = False
        self.populated.emit()
        self._apply_filter()

    def set_counts(self, doc_id: int, status: DocStatus | None = None, spans: int | None = None) -> None:
        if doc_id not in self.model.titles:
            return
        if status is not None:
            self.model.set_status(doc_id, status)
        if spans is not None:
            self.model.set_count(doc_id, spans)

    def select(self, doc_id: int) -> None:
        """Highlight the open document: the current, selected row (when the filter shows it)."""
        self.model.set_current(doc_id)
        row = self.model.row_of(doc_id)
        if row < 0:
            return
        index = self.model.index(row, TITLE)
        if self.tree.currentIndex().row() != row:
            self._quiet = True
            try:
                self.tree.setCurrentIndex(index)
            finally:
                self._quiet = False
        self.tree.scrollTo(index)

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 (QListWidget's name, which callers know)
        """Choose the document on ``row`` of the list as shown (project order until sorted)."""
        if 0 <= row < len(self.model.rows):
            self.tree.setCurrentIndex(self.model.index(row, TITLE))

    def apply_filter(self) -> None:
        """Show the documents that pass the title, status and marks filters."""
        needle = fold_query(self.filter_edit.text().strip())
        wanted = FILTERS[self.status_filter.currentIndex()][1]
        model, extra = self.model, self.extra_filter
        ids = model.order
        if needle:
            ids = [d for d in ids if needle in model.folded_title(d)]
        if wanted == "not_done":
            ids = [d for d in ids if model.statuses[d] != DocStatus.DONE]
        elif wanted is not None:
            ids = [d for d in ids if model.statuses[d] == wanted]
        if extra is not None:
            ids = [d for d in ids if extra(d)]
        if ids != model.shown:  # else nothing changes, and the list keeps its scroll position
            self._quiet = True
            try:
                model.show_only(ids)
                row = model.row_of(model.current_id) if model.current_id is not None else -1
                if row >= 0:
                    self.tree.setCurrentIndex(model.index(row, TITLE))
                    self.tree.scrollTo(model.index(row, TITLE))
            finally:
                self._quiet = False
        self._show_count()

    _apply_filter = apply_filter  # the name ui/annotate/layers.py and doc_marks.py call

    def _show_count(self) -> None:
        shown, total = len(self.model.rows), len(self.model.order)
        self.shown_label.setVisible(shown != total)
        if shown != total:
            self.shown_label.setText(self.tr("Shown: {0} of {1}").format(shown, total))

    def _size_columns(self) -> None:
        """Length and span count as wide as their longest number or header word, the status as its
        sign: the title gets the rest (of the dock's usual 340 px, about 190). Measured here, not by
        Qt's ResizeToContents, which asks the model for every row's text on each layout, nor by the
        header's size hint, which keeps room for a sort arrow in every column."""
        tree, header = self.tree, self.tree.header()
        metrics, words = tree.fontMetrics(), header.fontMetrics()
        locale = tree.locale()
        pad = 2 * (tree.style().pixelMetric(QStyle.PM_HeaderMargin, None, header) + 2)
        widest = max(self.model.lengths.values(), default=0)
        for column, number in ((LENGTH, widest), (SPANS, 9999)):
            label = self.model.headerData(column, Qt.Horizontal, Qt.DisplayRole)
            header.resizeSection(column, max(metrics.horizontalAdvance(locale.toString(number)),
                                             words.horizontalAdvance(label)) + pad)
        header.resizeSection(STATUS, SIGN_SIZE + pad)

    def _on_current(self, current, _previous) -> None:
        if not self._quiet and current.isValid():
            doc_id = self.model.rows[current.row()]
            self.chosen.emit(doc_id)
