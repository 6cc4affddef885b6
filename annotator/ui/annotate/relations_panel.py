"""The Relations panel (issue 16): this coder's relations in the open document, one row each:
the head span's text, the relation type, the child span's text.

Each text is a bidi isolate, so an Arabic span beside a Latin type name (or the reverse) keeps its
order; the columns follow the interface's direction, so in Arabic the head is on the right and the
row reads right to left: head, type, child. Click a row (or Enter) to go to its head; Delete removes
the relation (an undo command); the tooltip names the labels and says the whole relation in words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from annotator.ui.annotate.panels import swatch
from annotator.ui.annotate.relations import snippet
from annotator.ui.bidi import isolate
from annotator.ui.annotate.span_index import ID


class RelationsPanel(QTreeWidget):
    jump = Signal(int)  # span id (the head of the chosen relation)

    def __init__(self, relations, parent=None) -> None:
        super().__init__(parent)
        self.relations = relations
        self.setObjectName("relationsPanel")
        self.setHeaderLabels([self.tr("Head"), self.tr("Relation"), self.tr("Child")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        relations.changed.connect(self.refresh)
        self.itemClicked.connect(lambda item, _col: self._go(item))
        self.refresh()

    def refresh(self) -> None:
        chosen = self.current_relation()
        self.clear()
        relations = self.relations
        for relation in relations.sorted_rows():
            rtype = relations.type_by_id(relation.type_id)
            name = rtype.name if rtype else "?"
            head, child = relations.span_text(relation.head_id), relations.span_text(relation.child_id)
            item = QTreeWidgetItem([isolate(snippet(head)), isolate(name), isolate(snippet(child))])
            item.setData(0, Qt.UserRole, relation.id)
            if rtype is not None:
                item.setIcon(1, swatch(rtype.color, 10))
            item.setToolTip(0, isolate(head))
            item.setToolTip(2, isolate(child))
            item.setToolTip(1, self.tr("{0} → {1} → {2}").format(isolate(snippet(head, 60)), isolate(name),
                                                                  isolate(snippet(child, 60))))
            self.addTopLevelItem(item)
            if relation.id == chosen:
                self.setCurrentItem(item)

    def current_relation(self) -> int | None:
        item = self.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def texts(self) -> list[tuple[str, str, str]]:
        """Each row's three texts as shown (tests and screenshots read them)."""
        return [tuple(self.topLevelItem(i).text(c) for c in range(3)) for i in range(self.topLevelItemCount())]

    def _go(self, item) -> None:
        relation = self.relations.rows.get(item.data(0, Qt.UserRole))
        if relation is not None:
            self.jump.emit(relation.head_id)

    def show_span(self, row: tuple | None) -> None:
        """Select the first relation of the selected span (head or child), if it has one."""
        if row is None:
            return
        for i in range(self.topLevelItemCount()):
            relation = self.relations.rows.get(self.topLevelItem(i).data(0, Qt.UserRole))
            if relation is not None and row[ID] in (relation.head_id, relation.child_id):
                self.blockSignals(True)
                self.setCurrentItem(self.topLevelItem(i))
                self.blockSignals(False)
                return

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            chosen = self.current_relation()
            if chosen is not None:
                self.relations.remove(chosen)
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentItem() is not None:
            self._go(self.currentItem())
            return
        super().keyPressEvent(event)
