"""The side panels: the label palette and the list of the document's spans (the document list: document_list.py)."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListWidget, QListWidgetItem, QTableView

from annotator.core.model import LabelSchema
from annotator.ui.annotate.span_index import END, ID, LABEL, NOTE, START
from annotator.ui.bidi import isolate, ltr, plain, span_range
from annotator.ui.cell_cache import CellCache

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


class LabelPalette(QListWidget):
    """Colour, name, hotkey and this document's count per label; a click applies the label."""

    picked = Signal(int)  # label id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setFocusPolicy(Qt.NoFocus)
        self.itemClicked.connect(lambda item: self.picked.emit(item.data(Qt.UserRole)))
        self.schema = LabelSchema()
        self._names: list[str] = []  # each label's text before its count

    def populate(self, schema: LabelSchema, counts: dict[int, int]) -> None:
        self.schema = schema
        self.clear()
        self._names = []
        for label in schema:
            item = QListWidgetItem(swatch(label.color), "")
            item.setData(Qt.UserRole, label.id)
            item.setToolTip(self.tr("Press {0} or click to apply “{1}”").format(ltr(label.hotkey), isolate(label.name))
                            if label.hotkey else self.tr("Click to apply “{0}”").format(isolate(label.name)))
            # Isolated: the name keeps its own direction, so "[4]  name  ·  count" reads in that order
            # in both interface directions (without, an Arabic name pulls the count before it).
            key = f"{ltr(f'[{label.hotkey}]')}  " if label.hotkey else ""
            self._names.append(f"{key}{isolate(label.name)}  ·  ")
            self.addItem(item)
        self.set_counts(counts)

    def set_counts(self, counts: dict[int, int]) -> None:
        """Show this document's count per label: only the items whose text changes are touched (a
        span added or removed changes one; this runs at every one)."""
        for row, (label, name) in enumerate(zip(self.schema, self._names)):
            text = f"{name}{counts.get(label.id, 0):,}"
            item = self.item(row)
            if item.text() != text:
                item.setText(text)


# Roles as plain ints: Qt passes ``role`` as an int, and comparing an int with a PySide enum member
# costs about 15 µs (a table repaint asks ~460 times), against 0.1 µs for two ints.
_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT = (int(Qt.DisplayRole), int(Qt.DecorationRole), int(Qt.ToolTipRole),
                                               int(Qt.TextAlignmentRole))
_ROLES = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT})
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_ORDER = itemgetter(START, END, ID)  # the span list's order (a row's key for bisect)


class SpanTableModel(QAbstractTableModel):
    """The coder's spans of the open document, in text order; only visible rows are ever asked for."""

    HEADERS = ("Text", "Label", "Where")  # the English ones; headerData translates

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple] = []  # in text order: by (start, end, id), as ``_ORDER`` says
        self.text = ""
        self.schema = LabelSchema()
        self._cells: dict[tuple, tuple[str, str, str]] = {}  # row -> its texts (rows are immutable tuples)

    def reset(self, text: str, rows: list[tuple], schema: LabelSchema) -> None:
        """Show ``rows``, ordered by start, end and id (``Project.span_rows``' order); kept, not copied."""
        self.beginResetModel()
        self.text, self.schema = text, schema
        self.rows = rows  # as ``Project.span_rows`` reads them: in ``_ORDER`` already
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
        at = bisect_left(self.rows, _ORDER(row), key=_ORDER)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, row)
        self.endInsertRows()

    def drop(self, span_id: int, hint: tuple | None = None) -> None:
        at = self.row_of(span_id, hint)
        if at is not None:
            self.beginRemoveRows(QModelIndex(), at, at)
            self._cells.pop(self.rows[at], None)
            del self.rows[at]
            self.endRemoveRows()

    def row_of(self, span_id: int, hint: tuple | None = None) -> int | None:
        if hint is not None:
            at = bisect_left(self.rows, _ORDER(hint), key=_ORDER)
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

    def cell_key(self, index) -> tuple:
        """What a cell shows, for the view's pixmap of it (``ui.cell_cache``): its text, and for the
        label the colour of its swatch. The alignment, the one other thing a cell's look takes from
        the model, is the column's."""
        row = self.rows[index.row()]
        column = index.column()
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self._cells_of(row)
        if column == 1:
            label = self.schema.by_id(row[LABEL])
            return (1, cells[1], label.color if label else None)
        return (column, cells[column])

    def _cells_of(self, row: tuple) -> tuple[str, str, str]:
        """The three texts of a row, made once per row version (a table repaint asks for each cell
        several times; an insert repaints every visible row)."""
        snippet = self.text[row[START]:row[END]].replace("\n", " ")
        label = self.schema.by_id(row[LABEL])
        where = span_range(row[START], row[END])  # isolated: reads start–end in either direction
        return (isolate(snippet if len(snippet) <= 40 else snippet[:39] + "…"),
                isolate(label.name) if label else "?",
                where + " ✎" if row[NOTE] else where)  # the span carries a note (its tooltip)


_SELECT_ROW = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows

# What changes how every cell looks: the kept pixmaps of the span list's cells are forgotten.
_LOOKS = frozenset({QEvent.FontChange, QEvent.PaletteChange, QEvent.StyleChange, QEvent.LayoutDirectionChange,
                    QEvent.LocaleChange, QEvent.DevicePixelRatioChange})


class SpanPanel(QTableView):
    jump = Signal(int)  # span id
    deleteRequested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model_ = SpanTableModel(self)
        self._held = False  # painting held until the document view has painted (paint_after)
        self.setModel(self.model_)
        # An insert repaints every visible row; the rows that moved are copied, not laid out again.
        self.cells = CellCache(self, self.model_.cell_key)
        self.setItemDelegate(self.cells)
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

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in _LOOKS:
            self.cells.clear()
        super().changeEvent(event)

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
        # Not ``selectRow``: in a right-to-left table it asks the header for the column at the
        # viewport's width, one pixel past the last one, gets none and selects nothing (Qt 6.12):
        # in the Arabic interface the list never showed the selected span.
        index = self.model_.index(at, 0)
        self.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.scrollTo(index)

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
