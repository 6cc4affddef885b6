"""The document list's marks (issue 16): a Marks column with a document's flags, comment and
document labels in a few signs, and a filter by them under the title and status filters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QHeaderView

from annotator.core.schema import FLAGS
from annotator.ui.annotate.doc_labels import flag_text
from annotator.ui.annotate.relations import isolate

translate = QCoreApplication.translate

FLAG_MARKS = {"unsure": "?", "skip": "⤼", "needs_discussion": "⚑"}  # glyphs the bundled fonts have


def marks_text(doc) -> str:
    """What the document list shows of a document's labels, flags and comment, in a few characters."""
    if doc is None or doc.empty:
        return ""
    parts = [FLAG_MARKS[f] for f in doc.flags if f in FLAG_MARKS]
    if doc.comment:
        parts.append("✎")
    parts += [isolate(label) for label in doc.labels]
    return " ".join(parts)


def mark_filters(groups) -> list[tuple[str, str | None]]:
    """The document list's filter by marks: (shown text, key): ``flag:NAME``, ``any_flag``,
    ``comment``, ``unlabelled``, ``label:VALUE``."""
    out = [(translate("DocLabels", "Any marks"), None)]
    out += [(translate("DocLabels", "Flagged: {0}").format(flag_text(f)), f"flag:{f}") for f in FLAGS]
    out += [(translate("DocLabels", "Any flag"), "any_flag"), (translate("DocLabels", "With a comment"), "comment"),
            (translate("DocLabels", "No document label"), "unlabelled")]
    out += [(translate("DocLabels", "Labelled {0}").format(isolate(v)), f"label:{v}") for g in groups for v in g.values]
    return out


def matches(doc, key: str | None) -> bool:
    if key is None:
        return True
    labels, flags = (doc.labels, doc.flags) if doc is not None else ((), ())
    kind, _, value = key.partition(":")
    if kind == "flag":
        return value in flags
    if kind == "any_flag":
        return bool(flags)
    if kind == "comment":
        return bool(doc is not None and doc.comment)
    if kind == "unlabelled":
        return not labels
    return value in labels


class DocumentMarks(QObject):
    """The document list's Marks column (flags, ✎ for a comment, the document labels) and its filter."""

    COLUMN = 4

    def __init__(self, documents, project, coder) -> None:
        super().__init__(documents)
        self.documents, self.project, self.coder = documents, project, coder
        self.table: dict[int, object] = {}
        tree = documents.tree
        tree.setColumnCount(self.COLUMN + 1)
        tree.headerItem().setText(self.COLUMN, self.tr("Marks"))
        tree.header().setSectionResizeMode(self.COLUMN, QHeaderView.ResizeToContents)  # a few signs: keep it narrow
        tree.headerItem().setToolTip(self.COLUMN, self.tr("? unsure, ⤼ skip, ⚑ needs discussion, ✎ a comment, "
                                                          "then the document labels"))
        self.filter = QComboBox()
        self.filter.setObjectName("marksFilter")
        self.filter.setToolTip(self.tr("Show the documents with this mark"))
        documents.layout().insertWidget(1, self.filter)  # a row of its own under the title and status filters
        self.set_groups(project.doc_label_groups())
        self.filter.currentIndexChanged.connect(lambda _i: documents._apply_filter())
        documents.extra_filter = self.accepts
        documents.populated.connect(self.fill)
        self.fill()

    def set_groups(self, groups) -> None:
        key = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for text, test in mark_filters(groups):
            self.filter.addItem(text, test)
        at = self.filter.findData(key)
        self.filter.setCurrentIndex(max(0, at))
        self.filter.blockSignals(False)

    def accepts(self, doc_id: int) -> bool:
        return matches(self.table.get(doc_id), self.filter.currentData())

    def fill(self) -> None:
        self.table = self.project.doc_labels_table(self.coder.id) if self.coder.id >= 0 else {}
        for doc_id, item in self.documents.items.items():
            self._show(doc_id, item)

    def update_one(self, doc_id: int) -> None:
        self.table[doc_id] = self.project.doc_labels(doc_id, self.coder.id)
        item = self.documents.items.get(doc_id)
        if item is not None:
            self._show(doc_id, item)
        self.documents._apply_filter()

    def _show(self, doc_id: int, item) -> None:
        doc = self.table.get(doc_id)
        item.setText(self.COLUMN, marks_text(doc))
        item.setToolTip(self.COLUMN, "\n".join(filter(None, [
            ", ".join(flag_text(f) for f in doc.flags), ", ".join(isolate(v) for v in doc.labels),
            isolate(doc.comment) if doc.comment else ""])) if doc is not None and not doc.empty else "")
