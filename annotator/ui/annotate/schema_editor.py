"""Edit > Labels (Ctrl+L), the whole annotation schema (issue 16), in tabs:

- **Labels**: the label list (add, rename, recolour, hotkey, order, delete: ``label_editor.py``) and,
  for the label chosen there, its guideline, whether its spans get a figure value, and its attributes;
- **Relations**: relation types with their hotkey, colour, allowed head -> child label pairs and guideline;
- **Document labels**: the groups of document-level labels (one or several per document);
- **Codebook**: the project's codebook, Markdown, shown in the Guidelines panel.

Each action is saved at once through the store (as the label list's are) as an undo command on the
annotation window's stack (``schema_undo``): Ctrl+Z here (or the Undo button, or Ctrl+Z in the window
afterwards) undoes the last one, Ctrl+Shift+Z redoes it. A refused change (a pair that existing
relations use, attribute values that would no longer fit) is a dialog and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QMessageBox, QPlainTextEdit, QPushButton, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from annotator.core.schema import Guide
from annotator.ui.annotate import schema_undo as su
from annotator.ui.annotate.label_editor import LabelEditor
from annotator.ui.annotate.relations import listed
from annotator.ui.annotate.schema_dialogs import AttributeDialog
from annotator.ui.annotate.schema_tabs import CodebookTab, DocLabelGroupsTab, RelationTypesTab, Tab, buttons, iso


class LabelDetails(Tab):
    """The chosen label's guideline, figure values and attributes."""

    def __init__(self, project, parent=None, undo_ctx=None) -> None:
        super().__init__(project, parent, undo_ctx)
        self.label_id: int | None = None
        self.description = QPlainTextEdit(objectName="labelDescription")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What this label marks, for the coders (shown on hover)"))
        self.description.setMaximumHeight(80)
        self.save_guide = QPushButton(self.tr("Save description"))
        self.save_guide.clicked.connect(self._save_guide)
        self.figures = QCheckBox(self.tr("Its spans get a figure value (a number read from the text)"),
                                 objectName="labelFigures")
        self.figures.toggled.connect(self._figures)
        self.attributes = QListWidget(objectName="labelAttributes")
        self.attributes.itemDoubleClicked.connect(lambda _i: self.edit_attribute())
        row = QHBoxLayout()
        row.addWidget(self.attributes, 1)
        row.addLayout(buttons(self, ((self.tr("Add attribute…"), self.add_attribute),
                                      (self.tr("Edit attribute…"), self.edit_attribute),
                                      (self.tr("Remove attribute"), self.remove_attribute))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.description)
        layout.addWidget(self.save_guide, 0, Qt.AlignRight)
        layout.addWidget(self.figures)
        layout.addWidget(QLabel(self.tr("Attributes of its spans:")))
        layout.addLayout(row)
        for widget in (self.description, self.save_guide, self.figures):
            widget.setEnabled(not project.readonly)

    def label(self):
        return None if self.label_id is None else self.project.labels().by_id(self.label_id)

    def show_label(self, label_id: int | None) -> None:
        self.label_id = label_id
        self.refresh()

    def refresh(self) -> None:
        label = self.label()
        self.setEnabled(label is not None)
        self.attributes.clear()
        if label is None:
            return
        self.description.setPlainText(label.guide.description)
        self.figures.blockSignals(True)
        self.figures.setChecked(label.figure_values)
        self.figures.blockSignals(False)
        for d in label.attributes:
            values = listed(iso(v) for v in d.values) if d.kind == "choice" else d.kind
            self.attributes.addItem(f"{iso(d.name)}{' *' if d.required else ''}: {values}")

    def _save_guide(self) -> None:
        label = self.label()
        if label is not None:
            guide = Guide(self.description.toPlainText().strip(), label.guide.examples)
            if guide != label.guide:
                self._push(su.ChangeLabel(self.undo, label, self.tr("description of {0}").format(label.name),
                                          guide=guide))

    def _figures(self, on: bool) -> None:
        label = self.label()
        if label is None:
            return
        if not on and QMessageBox.question(
                self, self.tr("Figure values"),
                self.tr("Turning figure values off clears the value of every {0} span, corrections made by coders "
                        "included. Undo computes them again from the text, without those corrections. Turn them "
                        "off?").format(iso(label.name)), QMessageBox.Yes | QMessageBox.Cancel,
                QMessageBox.Cancel) != QMessageBox.Yes:
            self.refresh()
            return
        self._push(su.ChangeLabel(self.undo, label, self.tr("figure values of {0}").format(label.name),
                                  figure_values=on))

    def _put_attributes(self, defs) -> None:
        label = self.label()
        su.push_or_ask(
            self, self.undo, su.ChangeLabel(self.undo, label, self.tr("attributes of {0}").format(label.name),
                                            attributes=tuple(defs)), self.tr("Attributes"),
            lambda refusal: self.tr("{0}\n\nSave it anyway and remove the values that no longer fit? This cannot be "
                                    "undone.").format(refusal),
            lambda: self.project.update_label(label.id, attributes=defs, drop_invalid=True))
        self.refresh()

    def add_attribute(self, dialog=None) -> None:
        label = self.label()
        if label is None:
            return
        made = (dialog or AttributeDialog(None, self)).run()
        if made is not None:
            self._put_attributes([*label.attributes, made])

    def edit_attribute(self, dialog=None) -> None:
        label, row = self.label(), self.attributes.currentRow()
        if label is None or row < 0:
            return
        made = (dialog or AttributeDialog(label.attributes[row], self)).run()
        if made is not None:
            defs = list(label.attributes)
            defs[row] = made
            self._put_attributes(defs)

    def remove_attribute(self) -> None:
        label, row = self.label(), self.attributes.currentRow()
        if label is not None and row >= 0:
            defs = list(label.attributes)
            del defs[row]
            self._put_attributes(defs)


class SchemaEditor(QDialog):
    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("schemaEditor")
        self.setWindowTitle(self.tr("Labels and annotation schema"))
        self.undo = su.context_for(project, parent)
        self.labels = LabelEditor(project, self, self.undo)
        self.labels.setWindowFlags(Qt.Widget)
        for box in self.labels.findChildren(QDialogButtonBox):
            box.hide()  # this dialog has the Close button
        self.details = LabelDetails(project, undo_ctx=self.undo)
        self.labels.list.currentItemChanged.connect(
            lambda item, _old: self.details.show_label(item.data(Qt.UserRole) if item is not None else None))
        self.details.show_label(self.labels.current_id())
        labels_tab = QWidget()
        column = QVBoxLayout(labels_tab)
        column.addWidget(self.labels, 1)
        box = QGroupBox(self.tr("The chosen label"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.details)
        column.addWidget(box, 1)
        self.relations = RelationTypesTab(project, undo_ctx=self.undo)
        self.groups = DocLabelGroupsTab(project, undo_ctx=self.undo)
        self.codebook = CodebookTab(project, undo_ctx=self.undo)
        self.tabs = QTabWidget()
        self.tabs.addTab(labels_tab, self.tr("&Labels"))
        self.tabs.addTab(self.relations, self.tr("&Relations"))
        self.tabs.addTab(self.groups, self.tr("&Document labels"))
        self.tabs.addTab(self.codebook, self.tr("C&odebook"))
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        stack = self.undo.stack
        # the window's Undo and Redo, here: its menu cannot be reached while this dialog is open
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)  # a text box's own Ctrl+Z comes first
            self.addAction(action)
        self.undo_button, self.redo_button = QToolButton(objectName="schemaUndo"), QToolButton(objectName="schemaRedo")
        for button, action in ((self.undo_button, self.undo_action), (self.redo_button, self.redo_action)):
            button.setDefaultAction(action)  # its text ("Undo rename label …") and state follow the stack
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            close.addButton(button, QDialogButtonBox.ResetRole)
        self.undo.opened(self, self._on_undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(760, 640)

    def _on_undo(self) -> None:
        """A change was made, undone or redone: every tab shows the file as it is now."""
        self.details.refresh()
        self.relations.refresh()
        self.groups.refresh()
        self.codebook.refresh()

    def reject(self) -> None:
        self.codebook.save()  # what was typed in the codebook is not lost by closing
        super().reject()

    def done(self, result: int) -> None:
        self.undo.closed(self, self._on_undo)
        self.labels.done(result)
        super().done(result)
