"""The schema editor's tabs for relation types, document label groups and the codebook (issue 16),
and what its tabs share (``schema_editor.py`` has the labels' tab and the dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QColorDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from annotator.ui.annotate import schema_undo as su
from annotator.ui.annotate.panels import swatch
from annotator.ui.annotate.relations import arrow, listed
from annotator.ui.annotate.schema_dialogs import GroupDialog, RelationTypeDialog


def iso(text: str) -> str:
    return "\u2068" + text + "\u2069"


def buttons(owner, specs) -> QVBoxLayout:
    column = QVBoxLayout()
    for text, slot in specs:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, act=slot: act())
        button.setEnabled(not owner.project.readonly)
        column.addWidget(button)
    column.addStretch(1)
    return column


class Tab(QWidget):
    def __init__(self, project, parent=None, undo_ctx: su.SchemaUndo | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo = undo_ctx or su.context_for(project, None)

    def _push(self, command) -> bool:
        """Run ``command`` and put it on the undo stack; a refusal is a dialog."""
        done = self.undo.push(command)
        self.refresh()
        return done

    def refresh(self) -> None:  # pragma: no cover
        raise NotImplementedError


class RelationTypesTab(Tab):
    def __init__(self, project, parent=None, undo_ctx=None) -> None:
        super().__init__(project, parent, undo_ctx)
        self.list = QListWidget(objectName="relationTypes")
        self.list.itemDoubleClicked.connect(lambda _i: self.edit())
        row = QHBoxLayout(self)
        row.addWidget(self.list, 1)
        row.addLayout(buttons(self, ((self.tr("&Add…"), self.add), (self.tr("&Edit…"), self.edit),
                                      (self.tr("&Colour…"), self.recolour), (self.tr("&Delete…"), self.delete))))
        self.refresh()

    def types(self):
        return self.project.relation_types()

    def current(self):
        row = self.list.currentRow()
        types = self.types()
        return types[row] if 0 <= row < len(types) else None

    def refresh(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        for t in self.types():
            pairs = listed(f"{iso(h)} {arrow()} {iso(c)}" for h, c in t.pairs) or self.tr("any labels")
            key = f"  [{t.hotkey}]" if t.hotkey else ""
            self.list.addItem(QListWidgetItem(swatch(t.color), f"{iso(t.name)}{key}   {pairs}"))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _labels(self) -> list[str]:
        return [label.name for label in self.project.labels()]

    def add(self, dialog=None) -> None:
        made = (dialog or RelationTypeDialog(self._labels(), None, self)).run()
        if made is not None:
            self._push(su.AddRelationType(self.undo, made))

    def edit(self, dialog=None) -> None:
        t = self.current()
        if t is None:
            return
        made = (dialog or RelationTypeDialog(self._labels(), t, self)).run()
        if made is not None:
            self._push(su.ChangeRelationType(self.undo, t, self.tr("edit relation type {0}").format(t.name),
                                             name=made["name"], hotkey=made["hotkey"], pairs=made["pairs"],
                                             guide=made["guide"]))

    def recolour(self) -> None:
        t = self.current()
        if t is not None:
            color = QColorDialog.getColor(QColor(t.color), self, self.tr("Colour of {0}").format(iso(t.name)))
            if color.isValid():
                self._push(su.ChangeRelationType(self.undo, t, self.tr("recolour relation type {0}").format(t.name),
                                                 color=color.name()))

    def delete(self) -> None:
        t = self.current()
        if t is None:
            return
        su.push_or_ask(
            self, self.undo, su.RemoveRelationType(self.undo, t), self.tr("Delete relation type"),
            lambda _refusal: self.tr("Relations of the type “{0}” exist. Delete the type AND all its relations (of "
                                     "every coder)? This cannot be undone.").format(iso(t.name)),
            lambda: self.project.remove_relation_type(t.id, force=True))
        self.refresh()


class DocLabelGroupsTab(Tab):
    def __init__(self, project, parent=None, undo_ctx=None) -> None:
        super().__init__(project, parent, undo_ctx)
        self.list = QListWidget(objectName="docLabelGroups")
        self.list.itemDoubleClicked.connect(lambda _i: self.edit())
        row = QHBoxLayout(self)
        row.addWidget(self.list, 1)
        row.addLayout(buttons(self, ((self.tr("&Add…"), self.add), (self.tr("&Edit…"), self.edit),
                                      (self.tr("&Delete"), self.delete))))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for g in self.project.doc_label_groups():
            kind = self.tr("several") if g.multiple else self.tr("one")
            self.list.addItem(f"{iso(g.name)} ({kind}): " + listed(iso(v) for v in g.values))

    def _put(self, groups) -> None:
        self._push(su.SetDocLabelGroups(self.undo, self.project.doc_label_groups(), groups))

    def add(self, dialog=None) -> None:
        made = (dialog or GroupDialog(None, self)).run()
        if made is not None:
            self._put([*self.project.doc_label_groups(), made])

    def edit(self, dialog=None) -> None:
        groups, row = list(self.project.doc_label_groups()), self.list.currentRow()
        if 0 <= row < len(groups):
            made = (dialog or GroupDialog(groups[row], self)).run()
            if made is not None:
                groups[row] = made
                self._put(groups)

    def delete(self) -> None:
        groups, row = list(self.project.doc_label_groups()), self.list.currentRow()
        if 0 <= row < len(groups):
            del groups[row]
            self._put(groups)


class CodebookTab(Tab):
    def __init__(self, project, parent=None, undo_ctx=None) -> None:
        super().__init__(project, parent, undo_ctx)
        self.text = QPlainTextEdit(objectName="codebook")
        self.text.setPlaceholderText(self.tr("The codebook: how to annotate this project, in Markdown "
                                             "(# headings, *emphasis*, lists). The Guidelines panel shows it."))
        self.text.setReadOnly(project.readonly)
        save = QPushButton(self.tr("&Save codebook"))
        save.clicked.connect(self.save)
        save.setEnabled(not project.readonly)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(save, 0, Qt.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        stored = self.project.codebook() or ""
        if stored != getattr(self, "loaded", None):  # typing not yet saved stays, unless the file changed
            self.loaded = stored
            self.text.setPlainText(stored)

    def save(self) -> None:
        text = self.text.toPlainText()
        before = self.project.codebook() or ""
        if text != before:
            self.loaded = text
            self._push(su.SetCodebook(self.undo, before, text))
