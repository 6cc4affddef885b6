"""Document labels, flags and a comment (issue 16): the panel of the open document.

The panel has one list per single-choice group of document labels ("—": none), a box per value of a
multiple-choice group, the three flags a coder sets for the lead (unsure, skip, needs discussion)
and the comment (saved when the focus leaves it). Each change is one undo command
(``annotator.ui.annotate.attribute_undo.SetDocLabels``) on the editor's stack. Edit > Document Labels
(Ctrl+Shift+D) puts the focus in the panel; Tab goes through it, Space ticks a box, Escape goes back
to the text. The document list's marks are ``doc_marks.py``.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from annotator.core.schema import FLAGS
from annotator.ui.annotate import undo
from annotator.ui.annotate.attribute_undo import SetDocLabels
from annotator.ui.bidi import isolate

translate = QCoreApplication.translate
NOT_SET = "—"


def flag_text(flag: str) -> str:
    return {"unsure": translate("DocLabels", "Unsure"), "skip": translate("DocLabels", "Skip"),
            "needs_discussion": translate("DocLabels", "Needs discussion")}.get(flag, flag)


def first_strong_rtl(text: str) -> bool | None:
    """True when the first letter with a direction is right to left (Arabic), False when left to right,
    None when there is none (the box then follows the interface)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


class DocLabelsPanel(QWidget):
    changedFor = Signal(int)  # document id: its labels, flags or comment changed
    leave = Signal()  # Escape: back to the text

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor, self.project = editor, editor.project
        self.setObjectName("docLabelsPanel")
        self.current = None  # the open document's DocLabels
        self._loading = False
        self.groups_box = QWidget()
        self.groups_form = QFormLayout(self.groups_box)
        self.groups_form.setContentsMargins(0, 0, 0, 0)
        self.group_fields: dict[str, QWidget | list[QCheckBox]] = {}
        self.chain: list[QWidget] = []
        self.flags = {flag: QCheckBox(flag_text(flag)) for flag in FLAGS}
        flags_box = QGroupBox(self.tr("Flags for the lead"))
        flags_layout = QVBoxLayout(flags_box)
        for flag, box in self.flags.items():
            box.setObjectName(f"flag-{flag}")
            box.toggled.connect(lambda _on: self._changed())
            box.installEventFilter(self)
            flags_layout.addWidget(box)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("docComment")
        self.comment.setPlaceholderText(self.tr("A comment on this document (saved when you leave the box)"))
        self.comment.setTabChangesFocus(True)
        self.comment.installEventFilter(self)
        self.comment.setMaximumHeight(90)
        self.comment.textChanged.connect(self._comment_direction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.groups_box)
        layout.addWidget(flags_box)
        layout.addWidget(QLabel(self.tr("Comment")))
        layout.addWidget(self.comment)
        layout.addStretch(1)
        self.set_groups(self.project.doc_label_groups())
        editor.documentShown.connect(self.load)

    def set_groups(self, groups) -> None:
        self._loading = True
        try:
            while self.groups_form.rowCount():
                self.groups_form.removeRow(0)
            self.groups = tuple(groups)
            self.group_fields = {}
            for group in self.groups:
                tip = group.guide.description
                if group.multiple:
                    holder = QWidget()
                    column = QVBoxLayout(holder)
                    column.setContentsMargins(0, 0, 0, 0)
                    boxes = []
                    for value in group.values:
                        box = QCheckBox(isolate(value))
                        box.setProperty("value", value)
                        box.toggled.connect(lambda _on: self._changed())
                        box.installEventFilter(self)
                        column.addWidget(box)
                        boxes.append(box)
                    self.group_fields[group.name] = boxes
                    holder.setToolTip(tip)
                    self.groups_form.addRow(isolate(group.name), holder)
                else:
                    combo = QComboBox()
                    combo.addItem(NOT_SET, None)
                    for value in group.values:
                        combo.addItem(isolate(value), value)
                    combo.currentIndexChanged.connect(lambda _i: self._changed())
                    combo.installEventFilter(self)
                    combo.setToolTip(tip)
                    self.group_fields[group.name] = combo
                    self.groups_form.addRow(isolate(group.name), combo)
            self.groups_box.setVisible(bool(self.groups))
            chain = [w for f in self.group_fields.values() for w in (f if isinstance(f, list) else [f])]
            self.chain = chain + [*self.flags.values(), self.comment]  # Tab's order (eventFilter)
        finally:
            self._loading = False
        if self.editor.doc_id is not None:
            self.load(self.editor.doc_id)

    def load(self, doc_id: int | None = None) -> None:
        doc_id = self.editor.doc_id if doc_id is None else doc_id
        if doc_id is None or doc_id != self.editor.doc_id:
            return
        coder = self.editor.coder.id
        self.current = self.project.doc_labels(doc_id, coder) if coder >= 0 else None
        labels = set(self.current.labels) if self.current else set()
        self._loading = True
        try:
            for group in self.groups:
                field = self.group_fields[group.name]
                if isinstance(field, list):
                    for box in field:
                        box.setChecked(box.property("value") in labels)
                else:
                    chosen = next((v for v in group.values if v in labels), None)
                    field.setCurrentIndex(0 if chosen is None else group.values.index(chosen) + 1)
            flags = set(self.current.flags) if self.current else set()
            for flag, box in self.flags.items():
                box.setChecked(flag in flags)
            comment = (self.current.comment if self.current else None) or ""
            if self.comment.toPlainText() != comment:
                self.comment.setPlainText(comment)
            writable = coder >= 0 and not self.project.readonly
            for kind in (QCheckBox, QComboBox, QPlainTextEdit):
                for widget in self.findChildren(kind):
                    widget.setEnabled(writable)
        finally:
            self._loading = False

    def _comment_direction(self) -> None:
        """A plain text box aligns every line left whatever its direction: a comment that starts in
        Arabic is set right to left and aligned right (and a Latin one left)."""
        rtl = first_strong_rtl(self.comment.toPlainText())
        if rtl is None:
            rtl = self.isRightToLeft()
        option = self.comment.document().defaultTextOption()
        wanted = (Qt.AlignRight if rtl else Qt.AlignLeft) | Qt.AlignAbsolute
        if option.alignment() != wanted:
            option.setAlignment(wanted)
            option.setTextDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
            self.comment.document().setDefaultTextOption(option)

    def chosen(self) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        labels = []
        for group in self.groups:
            field = self.group_fields[group.name]
            if isinstance(field, list):
                labels += [box.property("value") for box in field if box.isChecked()]
            elif field.currentData() is not None:
                labels.append(field.currentData())
        flags = tuple(flag for flag, box in self.flags.items() if box.isChecked())
        comment = self.comment.toPlainText().strip() or None
        return tuple(labels), flags, comment

    def _changed(self) -> None:
        if self._loading or self.editor.doc_id is None or self.current is None:
            return
        labels, flags, comment = self.chosen()
        old = self.current
        if (tuple(old.labels), tuple(old.flags), old.comment) == (labels, flags, comment):
            return
        if not self.editor._writable():
            self.load()
            return
        undo.push(self.editor.stack, SetDocLabels(self, old, labels, flags, comment))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab) and obj in self.chain:
            # Tab in reading order through the panel, whatever was made first (then on to the window's next)
            at = self.chain.index(obj) + (1 if event.key() == Qt.Key_Tab else -1)
            if 0 <= at < len(self.chain):
                self.chain[at].setFocus(Qt.TabFocusReason)
                return True
            return False
        if kind == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            if obj is self.comment:
                self._changed()
            self.leave.emit()
            return True
        if kind == QEvent.FocusOut and obj is self.comment:
            self._changed()
        return False

    def first_field(self) -> QWidget:
        for field in self.group_fields.values():
            return field[0] if isinstance(field, list) else field
        return self.flags[FLAGS[0]]

    # -- called by the undo command ---------------------------------------------------------------
    def doc_labels_put(self, doc_id: int) -> None:
        if doc_id != self.editor.doc_id:
            self.editor.open_document(doc_id)
        self.load(doc_id)
        self.changedFor.emit(doc_id)

    def report(self, exc, title) -> None:
        self.editor.report(exc, title)

    def undo_failed(self, command, exc) -> None:
        self.editor.undo_failed(command, exc)
