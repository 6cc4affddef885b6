"""The document list's marks (issue 16): a document's flags, comment and document labels as a few
signs drawn before its title (the signs' meaning and the labels in the title's tooltip), and a filter
by them under the title and status filters. Signs, not a column: the list's four columns already fill
its usual width, and a fifth pushed the others out of sight (in the Arabic interface, all but the
title)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox

from annotator.core.schema import FLAGS
from annotator.ui.annotate.doc_labels import flag_text
from annotator.ui.annotate.relations import listed
from annotator.ui.bidi import isolate

translate = QCoreApplication.translate

FLAG_MARKS = {"unsure": "?", "skip": "⤼", "needs_discussion": "⚑"}  # glyphs the bundled fonts have


LABELLED = "◆"  # the document has document labels (named in the tooltip)
SIGNS_SIZE = QSize(40, 16)


def marks_signs(doc) -> str:
    """The signs drawn before a document's title: its flags, ✎ for a comment, ◆ for document labels."""
    if doc is None or doc.empty:
        return ""
    parts = [FLAG_MARKS[f] for f in doc.flags if f in FLAG_MARKS]
    if doc.comment:
        parts.append("✎")
    if doc.labels:
        parts.append(LABELLED)
    return "".join(parts)


def marks_text(doc) -> str:
    """The marks in words for the title's tooltip: flags, document labels, the comment."""
    if doc is None or doc.empty:
        return ""
    return "\n".join(filter(None, [listed(flag_text(f) for f in doc.flags), listed(isolate(v) for v in doc.labels),
                                   "✎ " + isolate(doc.comment) if doc.comment else ""]))


def signs_icon(signs: str, font, color, size: QSize = SIGNS_SIZE) -> QIcon:
    pixmap = QPixmap(size)
    pixmap.fill(Qt.transparent)
    if signs:
        painter = QPainter(pixmap)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(pixmap.rect(), Qt.AlignCenter, signs)
        painter.end()
    return QIcon(pixmap)


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
    """The signs before the titles in the document list, and the list's filter by marks. The list's
    model asks for a row's signs and tooltip when it paints the row (``decoration``, ``tooltip``)."""

    def __init__(self, documents, project, coder) -> None:
        super().__init__(documents)
        self.documents, self.project, self.coder = documents, project, coder
        self.table: dict[int, object] = {}
        self.signs: dict[int, str] = {}  # what is drawn before each title (tests read it)
        self._icons: dict[str, QIcon] = {}
        self._any = False
        self._size = SIGNS_SIZE
        model = documents.model
        model.title_header_tip = self.tr("? unsure, ⤼ skip, ⚑ needs discussion, ✎ a comment, ◆ document labels")
        self.filter = QComboBox()
        self.filter.setObjectName("marksFilter")
        self.filter.setToolTip(self.tr("Show the documents with this mark"))
        documents.layout().insertWidget(1, self.filter)  # a row of its own under the title and status filters
        self.set_groups(project.doc_label_groups())
        self.filter.currentIndexChanged.connect(lambda _i: documents._apply_filter())
        documents.extra_filter = self.accepts
        model.decoration = self.decoration
        model.tooltip_extra = self.tooltip
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
        """After the list was made again (every row new) or after an import or a merge."""
        self.table = self.project.doc_labels_table(self.coder.id) if self.coder.id >= 0 else {}
        self._show_all()

    def update_one(self, doc_id: int) -> None:
        self.table[doc_id] = self.project.doc_labels(doc_id, self.coder.id)
        self._show_all()
        self.documents._apply_filter()

    def decoration(self, doc_id: int) -> QIcon | None:
        """The signs before a title while some document has marks (a blank before the others, so the
        titles stay aligned); none at all in a project without marks."""
        return self._icon(self.signs.get(doc_id, "")) if self._any else None

    def tooltip(self, doc_id: int) -> str:
        return marks_text(self.table.get(doc_id))

    def _show_all(self) -> None:
        tree = self.documents.tree
        self._any = any(not d.empty for d in self.table.values())
        self.signs = dict.fromkeys(self.documents.ids(), "")
        self.signs.update((doc_id, marks_signs(doc)) for doc_id, doc in self.table.items() if doc_id in self.signs)
        metrics = QFontMetrics(tree.font())
        width = max([metrics.horizontalAdvance(v) for v in set(self.signs.values())] + [8]) + 4  # the most signs
        if width != self._size.width():
            self._size, self._icons = QSize(width, SIGNS_SIZE.height()), {}
        tree.setIconSize(self._size if self._any else QSize(-1, -1))
        self.documents.model.marks_changed()

    def _icon(self, signs: str) -> QIcon:
        found = self._icons.get(signs)
        if found is None:
            tree = self.documents.tree
            found = self._icons[signs] = signs_icon(signs, tree.font(), tree.palette().text().color(), self._size)
        return found
