"""The side panels: the document list, the label palette and the list of the document's spans."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QListWidget,
                               QListWidgetItem, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from annotator.core.model import DocStatus, DocumentInfo, LabelSchema
from annotator.ui.annotate.span_index import END, ID, LABEL, NOTE, START
from annotator.ui.bidi import isolate, ltr, plain, span_range

translate = QCoreApplication.translate


def status_text(status: DocStatus) -> str:
    return {DocStatus.NEW: translate("Panels", "new"), DocStatus.IN_PROGRESS: translate("Panels", "in progress"),
            DocStatus.DONE: translate("Panels", "done")}[status]


def filters() -> list[tuple[str, object]]:
    return [(translate("Panels", "All documents"), None), (translate("Panels", "Not done"), "not_done"),
            (translate("Panels", "New"), DocStatus.NEW), (translate("Panels", "In progress"), DocStatus.IN_PROGRESS),
            (translate("Panels", "Done"), DocStatus.DONE)]


FILTERS = filters()  # the English ones; the list shows filters() in the interface language


_SWATCHES: dict[tuple[str, int], QIcon] = {}


def swatch(color: str, size: int = 14) -> QIcon:
    """A square of ``color`` (made once per colour and size: the span table asks at every paint)."""
    icon = _SWATCHES.get((color, size))
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(color))
        icon = _SWATCHES[(color, size)] = QIcon(pixmap)
    return icon


TITLE_CHARS = 300     # a title is shown cut to this (a received file's 10 MB title froze the list's layout)
TOOLTIP_CHARS = 2000


def shown_title(title: str, limit: int = TITLE_CHARS) -> str:
    return title if len(title) <= limit else title[:limit] + "…"


class DocumentList(QWidget):
    """Title, length, this coder's status and span count; filter by title and status; sortable."""

    chosen = Signal(int)  # document id
    populated = Signal()  # the rows were made again (ui/annotate/doc_labels.py adds their marks)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.extra_filter = None  # callable(document id) -> shown?, e.g. by document labels and flags
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter by title"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        for text, _ in filters():
            self.status_filter.addItem(text)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Length"), self.tr("Status"), self.tr("Spans")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        # Titles of one source often share their start ("ويكي الأخبار: …"): cut the middle, not the end.
        self.tree.setTextElideMode(Qt.ElideMiddle)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.AscendingOrder)  # project order until the user sorts
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setStretchLastSection(False)
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 2)
        row.addWidget(self.status_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.statuses: dict[int, DocStatus] = {}
        self._order: list[int] | None = None  # project order, while the list is not sorted
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.tree.currentItemChanged.connect(self._on_current)

    def populate(self, infos: list[DocumentInfo], statuses: dict[int, DocStatus], counts: dict[int, int]) -> None:
        """Fill the list: the items are made first and added in one call (10,000 documents: one
        insertion into the tree's model, not 10,000), each status's text translated once."""
        self.tree.blockSignals(True)
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        self.items.clear()
        texts = {status: status_text(status) for status in DocStatus}
        right = Qt.AlignRight | Qt.AlignVCenter
        items = []
        for info in infos:
            item = QTreeWidgetItem()
            item.setText(0, isolate(shown_title(info.title)))
            item.setToolTip(0, isolate(shown_title(info.title, TOOLTIP_CHARS)))
            item.setData(1, Qt.DisplayRole, info.length)
            item.setTextAlignment(1, right)
            item.setData(0, Qt.UserRole, info.id)
            status = statuses.get(info.id, DocStatus.NEW)
            self.statuses[info.id] = status
            item.setText(2, texts[status])
            item.setData(3, Qt.DisplayRole, counts.get(info.id, 0))
            item.setTextAlignment(3, right)
            self.items[info.id] = item
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._order = [info.id for info in infos]
        self.tree.setSortingEnabled(True)
        self.tree.blockSignals(False)
        for column in (1, 2, 3):
            self.tree.resizeColumnToContents(column)
        self.populated.emit()
        self._apply_filter()

    def set_counts(self, doc_id: int, status: DocStatus | None = None, spans: int | None = None) -> None:
        item = self.items.get(doc_id)
        if item is None:
            return
        if status is not None:
            self.statuses[doc_id] = status
            item.setText(2, status_text(status))
        if spans is not None:
            item.setData(3, Qt.DisplayRole, spans)
            item.setTextAlignment(3, Qt.AlignRight | Qt.AlignVCenter)

    def select(self, doc_id: int) -> None:
        item = self.items.get(doc_id)
        if item is not None and self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 (QListWidget's name, which callers know)
        """Choose the document on ``row`` of the list as shown (project order until sorted)."""
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    def visible_order(self) -> list[int]:
        """Document ids in the order shown (sorted and filtered as the user set it)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.isHidden():
                out.append(item.data(0, Qt.UserRole))
        return out

    def all_order(self) -> list[int]:
        """Document ids in the list's order (asked at every document shown: in project order, the
        one ``populate`` was given, without walking 10,000 items)."""
        if self.tree.sortColumn() < 0 and self._order is not None and len(self._order) == len(self.items):
            return list(self._order)
        return [self.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(self.tree.topLevelItemCount())]

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().strip().casefold()
        wanted = FILTERS[self.status_filter.currentIndex()][1]
        for doc_id, item in self.items.items():
            status = self.statuses.get(doc_id, DocStatus.NEW)
            ok = (not needle or needle in plain(item.text(0)).casefold()) and (
                wanted is None or (wanted == "not_done" and status != DocStatus.DONE) or status == wanted)
            if ok and self.extra_filter is not None:
                ok = self.extra_filter(doc_id)
            item.setHidden(not ok)

    def _on_current(self, current, _previous) -> None:
        if current is not None:
            self.chosen.emit(current.data(0, Qt.UserRole))


class LabelPalette(QListWidget):
    """Colour, name, hotkey and this document's count per label; a click applies the label."""

    picked = Signal(int)  # label id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setFocusPolicy(Qt.NoFocus)
        self.itemClicked.connect(lambda item: self.picked.emit(item.data(Qt.UserRole)))
        self.schema = LabelSchema()

    def populate(self, schema: LabelSchema, counts: dict[int, int]) -> None:
        self.schema = schema
        self.clear()
        for label in schema:
            item = QListWidgetItem(swatch(label.color), "")
            item.setData(Qt.UserRole, label.id)
            self.addItem(item)
        self.set_counts(counts)

    def set_counts(self, counts: dict[int, int]) -> None:
        for row, label in enumerate(self.schema):
            # Isolated: the name keeps its own direction, so "[4]  name  ·  count" reads in that order
            # in both interface directions (without, an Arabic name pulls the count before it).
            key = f"{ltr(f'[{label.hotkey}]')}  " if label.hotkey else ""
            self.item(row).setText(f"{key}{isolate(label.name)}  ·  {counts.get(label.id, 0):,}")
            self.item(row).setToolTip(
                self.tr("Press {0} or click to apply “{1}”").format(ltr(label.hotkey), isolate(label.name))
                if label.hotkey else self.tr("Click to apply “{0}”").format(isolate(label.name)))


# Roles as plain ints: Qt passes ``role`` as an int, and comparing an int with a PySide enum member
# costs about 15 µs (a table repaint asks ~460 times), against 0.1 µs for two ints.
_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT = (int(Qt.DisplayRole), int(Qt.DecorationRole), int(Qt.ToolTipRole),
                                               int(Qt.TextAlignmentRole))
_ROLES = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT})
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class SpanTableModel(QAbstractTableModel):
    """The coder's spans of the open document, in text order; only visible rows are ever asked for."""

    HEADERS = ("Text", "Label", "Where")  # the English ones; headerData translates

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple] = []
        self.keys: list[tuple[int, int, int]] = []
        self.text = ""
        self.schema = LabelSchema()
        self._cells: dict[tuple, tuple[str, str, str]] = {}  # row -> its texts (rows are immutable tuples)

    def reset(self, text: str, rows: list[tuple], schema: LabelSchema) -> None:
        self.beginResetModel()
        self.text, self.schema = text, schema
        self.rows = rows
        self.keys = list(zip(map(itemgetter(START), rows), map(itemgetter(END), rows), map(itemgetter(ID), rows)))
        self._cells.clear()
        self.endResetModel()

    def set_schema(self, schema: LabelSchema) -> None:
        """New label names or colours: the rows are drawn again with them."""
        self.schema = schema
        self._cells.clear()

    def put(self, row: tuple, old: tuple | None = None) -> None:
        """Insert ``row`` in text order (replacing ``old``, its previous version, if given)."""
        if old is not None:
            self.drop(old[ID], old)
        key = (row[START], row[END], row[ID])
        at = bisect_left(self.keys, key)
        self.beginInsertRows(QModelIndex(), at, at)
        self.keys.insert(at, key)
        self.rows.insert(at, row)
        self.endInsertRows()

    def drop(self, span_id: int, hint: tuple | None = None) -> None:
        at = self.row_of(span_id, hint)
        if at is not None:
            self.beginRemoveRows(QModelIndex(), at, at)
            self._cells.pop(self.rows[at], None)
            del self.keys[at], self.rows[at]
            self.endRemoveRows()

    def row_of(self, span_id: int, hint: tuple | None = None) -> int | None:
        if hint is not None:
            at = bisect_left(self.keys, (hint[START], hint[END], hint[ID]))
            if at < len(self.rows) and self.rows[at][ID] == span_id:
                return at
        return next((i for i, r in enumerate(self.rows) if r[ID] == span_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return (self.tr("Text"), self.tr("Label"), self.tr("Where"))[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        role = int(role)
        if role not in _ROLES:  # the view asks ~10 roles per cell at each paint: answer most at once
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            cells = self._cells.get(row)
            if cells is None:
                cells = self._cells[row] = self._cells_of(row)
            return cells[column]
        if role == _ALIGNMENT:
            return _RIGHT if column == 0 else None
        if role == _DECORATION:
            label = self.schema.by_id(row[LABEL]) if column == 1 else None
            return swatch(label.color, 10) if label else None
        if row[NOTE]:  # the tooltip
            return isolate(row[NOTE])
        return None

    def _cells_of(self, row: tuple) -> tuple[str, str, str]:
        """The three texts of a row, made once per row version (a table repaint asks for each cell
        several times; an insert repaints every visible row)."""
        snippet = self.text[row[START]:row[END]].replace("\n", " ")
        label = self.schema.by_id(row[LABEL])
        where = span_range(row[START], row[END])  # isolated: reads start–end in either direction
        return (isolate(snippet if len(snippet) <= 40 else snippet[:39] + "…"),
                isolate(label.name) if label else "?",
                where + " ✎" if row[NOTE] else where)  # the span carries a note (its tooltip)


class SpanPanel(QTableView):
    jump = Signal(int)  # span id
    deleteRequested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model_ = SpanTableModel(self)
        self._held = False  # painting held until the document view has painted (paint_after)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.Interactive)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.Interactive)
        self.clicked.connect(lambda index: self.jump.emit(self.model_.rows[index.row()][ID]))

    def paint_after(self, painted, longest_ms: int = 100) -> None:
        """Hold this table's painting until ``painted`` fires (the document view has drawn the span
        that changed), at most ``longest_ms``: an insert repaints every visible row, which costs
        more than the view's own change, and the coder looks at the text first. The model itself
        changes at once; only its painting waits (Qt then paints the whole table once)."""
        if self._held or not self.isVisible():
            return
        self._held = True
        self.setUpdatesEnabled(False)
        painted.connect(self._release, Qt.SingleShotConnection)
        QTimer.singleShot(longest_ms, self._release)

    def _release(self) -> None:
        if self._held:
            self._held = False
            self.setUpdatesEnabled(True)

    def show_span(self, span_id: int | None, hint: tuple | None = None) -> None:
        at = None if span_id is None else self.model_.row_of(span_id, hint)
        if at is None:
            self.clearSelection()
            return
        self.selectRow(at)
        self.scrollTo(self.model_.index(at, 0))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            index = self.currentIndex()
            if index.isValid():
                self.deleteRequested.emit(self.model_.rows[index.row()][ID])
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.jump.emit(self.model_.rows[index.row()][ID])
            return
        super().keyPressEvent(event)
