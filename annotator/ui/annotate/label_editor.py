"""The label schema editor: add, rename, recolour, set a hotkey, reorder, delete (asking first
when spans use the label). Each action is saved at once through the store, as an undo command
(``schema_undo``) on the annotation window's stack: Ctrl+Z (here, or in the window) undoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QColorDialog, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QInputDialog,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from annotator.ui.annotate import schema_undo as su
from annotator.ui.bidi import isolate, ltr
from annotator.ui.annotate.panels import swatch

# The review window's own keys (accept, reject, next): a label with one of them as its hotkey cannot
# be drawn with it there, so they are never offered to a new label.
REVIEW_LETTERS = ("a", "r", "n")


class NewLabelDialog(QDialog):
    """A new label's name and its hotkey, the next free key offered (the user may change or clear it)."""

    def __init__(self, offered: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("newLabelDialog")
        self.setWindowTitle(self.tr("New label"))
        self.name = QLineEdit(objectName="newLabelName")
        self.hotkey = QLineEdit(offered or "", objectName="newLabelHotkey")
        self.hotkey.setMaxLength(1)
        self.hotkey.setToolTip(self.tr("One key; leave it empty for none"))
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Hotkey:"), self.hotkey)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.setFocus()

    def values(self) -> tuple[str, str | None]:
        return self.name.text().strip(), self.hotkey.text().strip() or None


class LabelEditor(QDialog):
    def __init__(self, project, parent=None, undo_ctx: su.SchemaUndo | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo = undo_ctx or su.context_for(project, parent)
        self.undo.opened(self, self._on_undo)
        self.setWindowTitle(self.tr("Labels"))
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        buttons = QVBoxLayout()
        self.buttons = {}
        for name, slot in ((self.tr("&Add…"), self.add), (self.tr("Re&name…"), self.rename),
                           (self.tr("&Colour…"), self.recolour), (self.tr("&Hotkey…"), self.set_hotkey),
                           (self.tr("Move &up"), lambda: self.move(-1)), (self.tr("Move do&wn"), lambda: self.move(1)),
                           (self.tr("&Delete…"), self.delete)):
            button = QPushButton(name)
            button.clicked.connect(lambda _checked=False, act=slot: act())
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        for button in self.buttons.values():
            button.setEnabled(not project.readonly)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_id()
        self.list.clear()
        for label in self.project.labels():
            key = f"   {ltr(f'[{label.hotkey}]')}" if label.hotkey else ""
            item = QListWidgetItem(swatch(label.color), f"{isolate(label.name)}{key}")
            item.setData(Qt.UserRole, label.id)
            self.list.addItem(item)
            if label.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def current(self):
        label_id = self.current_id()
        return None if label_id is None else self.project.labels().by_id(label_id)

    def _on_undo(self) -> None:
        self.refresh()

    def done(self, result: int) -> None:
        self.undo.closed(self, self._on_undo)
        super().done(result)

    def _push(self, command, select=None) -> bool:
        """Run ``command`` and put it on the undo stack; a refusal is a dialog (``undo.push``)."""
        done = self.undo.push(command)
        self.refresh(select)
        return done

    def new_label_dialog(self) -> NewLabelDialog:
        return NewLabelDialog(self.project.labels().next_free_hotkey(REVIEW_LETTERS), self)

    def add(self, dialog: NewLabelDialog | None = None) -> None:
        dialog = dialog or self.new_label_dialog()
        if dialog.exec() != QDialog.Accepted:
            return
        name, hotkey = dialog.values()
        if name:
            command = su.AddLabel(self.undo, name, hotkey)
            if self._push(command):
                self.refresh(command.label.id)

    def seen(self, label) -> int | None:
        """The label's version when its dialog opens: a change saved meanwhile elsewhere wins."""
        return self.project.version("label", label.id)

    def rename(self) -> None:
        label = self.current()
        if label is None:
            return
        seen = self.seen(label)
        name, ok = QInputDialog.getText(self, self.tr("Rename label"), self.tr("Name:"), text=label.name)
        if ok and name.strip() and name.strip() != label.name:
            self._change(label, self.tr("rename label {0}").format(label.name), seen, name=name.strip())

    def recolour(self) -> None:
        label = self.current()
        if label is None:
            return
        seen = self.seen(label)
        color = QColorDialog.getColor(QColor(label.color), self, self.tr("Colour of {0}").format(isolate(label.name)))
        if color.isValid():
            self._change(label, self.tr("recolour label {0}").format(label.name), seen, color=color.name())

    def set_hotkey(self) -> None:
        label = self.current()
        if label is None:
            return
        seen = self.seen(label)
        key, ok = QInputDialog.getText(self, self.tr("Hotkey"), self.tr("One key for {0} (empty: none):").format(isolate(label.name)),
                                       text=label.hotkey or "")
        if ok:
            self._change(label, self.tr("hotkey of label {0}").format(label.name), seen, hotkey=key.strip() or None)

    def _change(self, label, text: str, seen, **changes) -> bool:
        return self._push(su.ChangeLabel(self.undo, label, text, expected=seen, **changes), label.id)

    def move(self, delta: int) -> None:
        ids = [label.id for label in self.project.labels()]
        label_id = self.current_id()
        if label_id is None:
            return
        at = ids.index(label_id)
        to = at + delta
        if 0 <= to < len(ids):
            before = list(ids)
            ids[at], ids[to] = ids[to], ids[at]
            self._push(su.ReorderLabels(self.undo, before, ids), label_id)

    def delete(self) -> None:
        label = self.current()
        if label is None:
            return
        su.push_or_ask(  # in use: ask before deleting its spans too
            self, self.undo, su.RemoveLabel(self.undo, label), self.tr("Delete label"),
            lambda _refusal: self.tr("Spans use the label “{0}”. Delete the label AND all its spans (of every "
                                     "coder)? This cannot be undone.").format(isolate(label.name)),
            lambda: self.project.remove_label(label.id, force=True))
        self.refresh()
