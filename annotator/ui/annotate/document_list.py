"""The document list: title, length, this coder's status and span count; filter by title and status; sortable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from annotator.core.model import DocStatus, DocumentInfo
from annotator.ui.annotate.panels import TOOLTIP_CHARS, shown_title
from annotator.ui.bidi import isolate, plain

translate = QCoreApplication.translate


def status_text(status: DocStatus) -> str:
    return {DocStatus.NEW: translate("Panels", "new"), DocStatus.IN_PROGRESS: translate("Panels", "in progress"),
            DocStatus.DONE: translate("Panels", "done")}[status]


def filters() -> list[tuple[str, object]]:
    return [(translate("Panels", "All documents"), None), (translate("Panels", "Not done"), "not_done"),
            (translate("Panels", "New"), DocStatus.NEW), (translate("Panels", "In progress"), DocStatus.IN_PROGRESS),
            (translate("Panels", "Done"), DocStatus.DONE)]


FILTERS = filters()  # the English ones; the list shows filters() in the interface language


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
