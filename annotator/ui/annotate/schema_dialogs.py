"""Small dialogs of the schema editor (issue 16): one attribute of a label, one relation type, one
group of document labels. Each returns core objects (``core.schema``) or None when cancelled; the
values are checked by core's own rules and a bad one is said in the dialog, which stays open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout)

from annotator.core.schema import KINDS, AttributeDef, DocLabelGroup, Guide, check_name, check_pairs
from annotator.ui.annotate.relations import arrow


def lines(text: str) -> tuple[str, ...]:
    """One value per line (commas also separate, as a user types a list)."""
    out = []
    for line in text.replace("،", ",").replace(",", "\n").splitlines():
        if line.strip() and line.strip() not in out:
            out.append(line.strip())
    return tuple(out)


class _Form(QDialog):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_ = None

    def guide_fields(self, guide: Guide | None) -> None:
        guide = guide or Guide()
        self.description = QPlainTextEdit(guide.description)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(110)
        self.examples = QPlainTextEdit("\n".join(guide.examples))
        self.examples.setObjectName("examples")
        self.examples.setTabChangesFocus(True)
        self.examples.setMaximumHeight(80)
        self.form.addRow(self.tr("Description:"), self.description)
        self.form.addRow(self.tr("Examples (one a line):"), self.examples)

    def guide(self) -> Guide:
        examples = tuple(e.strip() for e in self.examples.toPlainText().splitlines() if e.strip())
        return Guide(self.description.toPlainText().strip(), examples)

    def build(self):  # pragma: no cover - each dialog has its own
        raise NotImplementedError

    def _ok(self) -> None:
        try:
            self.result_ = self.build()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def run(self):
        return self.result_ if self.exec() == QDialog.Accepted else None


class AttributeDialog(_Form):
    def __init__(self, definition: AttributeDef | None = None, parent=None) -> None:
        super().__init__(self.tr("Attribute"), parent)
        d = definition or AttributeDef("", "choice")
        self.name = QLineEdit(d.name, objectName="attributeName")
        self.kind = QComboBox(objectName="attributeKind")
        for kind in KINDS:
            self.kind.addItem({"choice": self.tr("one of a list"), "text": self.tr("free text"),
                               "number": self.tr("a number"), "bool": self.tr("yes / no")}[kind], kind)
        self.kind.setCurrentIndex(KINDS.index(d.kind))
        self.values = QPlainTextEdit("\n".join(d.values), objectName="attributeValues")
        self.values.setTabChangesFocus(True)
        self.values.setMaximumHeight(110)
        self.required = QCheckBox(self.tr("required"), objectName="attributeRequired")
        self.required.setChecked(d.required)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Kind:"), self.kind)
        self.form.addRow(self.tr("Values (one a line):"), self.values)
        self.form.addRow("", self.required)
        self.guide_fields(d.guide)
        self.kind.currentIndexChanged.connect(lambda _i: self.values.setEnabled(self.kind.currentData() == "choice"))
        self.values.setEnabled(d.kind == "choice")

    def build(self) -> AttributeDef:
        kind = self.kind.currentData()
        return AttributeDef.from_dict({"name": self.name.text(), "kind": kind,
                                       "values": list(lines(self.values.toPlainText())) if kind == "choice" else [],
                                       "required": self.required.isChecked(), **self.guide().as_dict()})


class RelationTypeDialog(_Form):
    """A relation type's name, hotkey, allowed (head -> child) label pairs and guideline."""

    def __init__(self, labels: list[str], rtype=None, parent=None) -> None:
        super().__init__(self.tr("Relation type"), parent)
        self.name = QLineEdit(rtype.name if rtype else "", objectName="relationName")
        self.hotkey = QLineEdit((rtype.hotkey or "") if rtype else "", objectName="relationHotkey")
        self.hotkey.setMaxLength(1)
        self.pairs = QListWidget(objectName="relationPairs")
        allowed = set(rtype.pairs) if rtype else set()
        for head in labels:
            for child in labels:  # a claim may rest on another claim: same-label pairs too
                item = QListWidgetItem(f"\u2068{head}\u2069 {arrow()} \u2068{child}\u2069")
                item.setData(Qt.UserRole, (head, child))
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if (head, child) in allowed else Qt.Unchecked)
                self.pairs.addItem(item)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Hotkey:"), self.hotkey)
        self.form.addRow(self.tr("From (head) → to (child); none ticked: any labels:"), self.pairs)
        self.guide_fields(rtype.guide if rtype else None)

    def build(self) -> dict:
        pairs = [self.pairs.item(i).data(Qt.UserRole) for i in range(self.pairs.count())
                 if self.pairs.item(i).checkState() == Qt.Checked]
        hotkey = self.hotkey.text().strip() or None
        if hotkey is not None and (len(hotkey) != 1 or not hotkey.isprintable()):
            raise ValueError(self.tr("A hotkey is one key"))
        return {"name": check_name(self.name.text(), "relation type"), "hotkey": hotkey,
                "pairs": check_pairs([list(p) for p in pairs]), "guide": self.guide()}


class GroupDialog(_Form):
    def __init__(self, group: DocLabelGroup | None = None, parent=None) -> None:
        super().__init__(self.tr("Document labels"), parent)
        self.name = QLineEdit(group.name if group else "", objectName="groupName")
        self.values = QPlainTextEdit("\n".join(group.values) if group else "", objectName="groupValues")
        self.values.setTabChangesFocus(True)
        self.values.setMaximumHeight(110)
        self.multiple = QCheckBox(self.tr("several may apply to one document"), objectName="groupMultiple")
        self.multiple.setChecked(bool(group and group.multiple))
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Labels (one a line):"), self.values)
        self.form.addRow("", self.multiple)
        self.guide_fields(group.guide if group else None)

    def build(self) -> DocLabelGroup:
        return DocLabelGroup.from_dict({"name": self.name.text(), "values": list(lines(self.values.toPlainText())),
                                        "multiple": self.multiple.isChecked(), **self.guide().as_dict()})
