"""Undo for the schema editor (issue 16): every change to the labels, their attributes, guidelines and
figure values, the relation types, the document label groups and the codebook is an undo command
that calls the store, so undoing reaches the file.

The commands go on the main window's stack (the one Ctrl+Z in the window undoes), so that undoing
follows the order things were done: a span drawn with a new label is undone before the label's
creation is. The schema editor has its own Undo and Redo buttons and keys on that stack. A removed
label or relation type comes back under its old id, so spans and later commands that name it stay
right. A change the store refuses on undo (the label now used by spans another coder drew, a
value now stored that the older attribute list does not allow) is a dialog.

Two changes cannot be undone and say so before they are made: deleting a label together with its
spans, and deleting a relation type together with its relations (and likewise dropping attribute
values that no longer fit); after them the stack is cleared, since what it remembers no longer matches
the file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import ProjectError
from annotator.ui.annotate import undo
from annotator.ui.annotate.undo import _Command
from annotator.ui.errors import show_error

translate = QCoreApplication.translate

LABEL_FIELDS = ("name", "color", "hotkey", "attributes", "guide", "figure_values")
TYPE_FIELDS = ("name", "color", "hotkey", "pairs", "guide")


class SchemaUndo(QObject):
    """The commands' context: the project, the stack, and ``changed`` after each change or undo."""

    changed = Signal()

    def __init__(self, project, stack: QUndoStack, editor=None, parent=None) -> None:
        super().__init__(parent)
        self.project, self.stack, self.editor = project, stack, editor
        self.dialogs: list = []  # the schema editors open on this context, the last on top

    def push(self, command) -> bool:
        done = undo.push(self.stack, command)
        self.changed.emit()
        return done

    def try_push(self, command):
        """Run ``command``; on success put it on the stack and return None, else return the
        exception without saying anything (the caller decides: ask, or report)."""
        try:
            command.apply()
        except Exception as exc:  # noqa: BLE001 - the caller turns it into a dialog
            return exc
        self.stack.push(command)
        self.changed.emit()
        return None

    def irreversible(self) -> None:
        """A change undo cannot take back was made: what the stack remembers is forgotten."""
        self.stack.clear()
        self.changed.emit()

    def done(self) -> None:
        self.changed.emit()

    def _owner(self):
        """Where a refusal's dialog goes: the schema editor open now, else the window."""
        import shiboken6

        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)]
        if self.dialogs:
            return self.dialogs[-1]
        return QApplication.activeModalWidget() or (self.editor.view.window() if self.editor else None)

    def opened(self, dialog, on_change) -> None:
        """A schema editor opened: ``on_change`` after every change, its refusals' dialogs on it."""
        self.dialogs.append(dialog)
        self.changed.connect(on_change)

    def closed(self, dialog, on_change) -> None:
        try:  # no more refreshes from the window's stack
            self.changed.disconnect(on_change)
        except (RuntimeError, TypeError):
            pass
        self.dialogs = [d for d in self.dialogs if d is not dialog]

    def report(self, exc, title) -> None:
        show_error(self._owner(), title, exc)

    def undo_failed(self, command, exc) -> None:
        self.report(exc, translate("SchemaUndo", "Could not undo or redo “{0}”").format(command.text()))
        QTimer.singleShot(0, self.stack.clear)  # later: the command that failed is still running
        QTimer.singleShot(0, self.changed.emit)
        if self.editor is not None:
            QTimer.singleShot(0, self.editor.reload)


def push_or_ask(widget, ctx: SchemaUndo, command, title: str, question, forced) -> bool:
    """Run ``command`` (undoable). When the file's rules refuse it (a label in use, values that would
    no longer fit), ask ``question(refusal)``; on Yes run ``forced()``, which cannot be undone, and
    forget the undo history. Any other refusal, or one of ``forced``, is a dialog. True when done."""
    refused = ctx.try_push(command)
    if refused is None:
        return True
    if not isinstance(refused, ProjectError):
        show_error(widget, title, refused)
        return False
    if QMessageBox.question(widget, title, question(refused), QMessageBox.Yes | QMessageBox.Cancel,
                            QMessageBox.Cancel) != QMessageBox.Yes:
        return False
    try:
        forced()
    except Exception as exc:  # noqa: BLE001 - every refusal is a dialog
        show_error(widget, title, exc)
        return False
    ctx.irreversible()
    return True


def context_for(project, window) -> SchemaUndo:
    """The window's schema undo context (made once, living with the window), or a context with
    its own stack when there is no annotation window (the editor opened on its own)."""
    found = getattr(window, "_schema_undo", None) if window is not None else None
    if found is not None:
        return found
    editor = getattr(window, "editor", None)
    stack = getattr(editor, "stack", None)
    if stack is None:
        owner = QObject()
        ctx = SchemaUndo(project, QUndoStack(owner))
        ctx._owner_object = owner  # keeps the stack alive as long as the context
        return ctx
    ctx = SchemaUndo(project, stack, editor, window)
    window._schema_undo = ctx
    return ctx


def _fields(thing, names) -> dict:
    return {name: getattr(thing, name) for name in names}


class _SchemaCommand(_Command):
    """A schema change: its first run may pass the version the dialog saw (``expected``)."""

    def __init__(self, ctx, text: str) -> None:
        super().__init__(ctx, text)
        self.expected = None

    def _once(self):
        expected, self.expected = self.expected, None
        return expected

    def redo(self) -> None:
        super().redo()
        self.ctx.done()

    def undo(self) -> None:
        super().undo()
        self.ctx.done()


class AddLabel(_SchemaCommand):
    def __init__(self, ctx, name: str, hotkey: str | None) -> None:
        super().__init__(ctx, translate("SchemaUndo", "add label {0}").format(name))
        self.name, self.hotkey = name, hotkey
        self.label = None

    def apply(self) -> None:
        if self.label is None:
            self.label = self.ctx.project.add_label(self.name, hotkey=self.hotkey)
        else:
            label = self.label
            self.ctx.project.add_label(label.name, label.color, label.hotkey, label_id=label.id)

    def revert(self) -> None:
        self.ctx.project.remove_label(self.label.id)  # refused (a dialog) when spans use it now


class ChangeLabel(_SchemaCommand):
    """Rename, recolour, re-key, or change its attributes, guideline or figure values."""

    def __init__(self, ctx, label, text: str, expected=None, **changes) -> None:
        super().__init__(ctx, text)
        self.label_id, self.after = label.id, changes
        self.before = {k: v for k, v in _fields(label, LABEL_FIELDS).items() if k in changes}
        self.expected = expected

    def apply(self) -> None:
        self.ctx.project.update_label(self.label_id, expected_version=self._once(), **self.after)

    def revert(self) -> None:
        self.ctx.project.update_label(self.label_id, **self.before)


class ReorderLabels(_SchemaCommand):
    def __init__(self, ctx, before: list[int], after: list[int]) -> None:
        super().__init__(ctx, translate("SchemaUndo", "reorder labels"))
        self.before, self.after = list(before), list(after)

    def apply(self) -> None:
        self.ctx.project.reorder_labels(self.after)

    def revert(self) -> None:
        self.ctx.project.reorder_labels(self.before)


class RemoveLabel(_SchemaCommand):
    """Delete a label no span uses; undo brings it back with its id, place, attributes and guideline."""

    def __init__(self, ctx, label) -> None:
        super().__init__(ctx, translate("SchemaUndo", "delete label {0}").format(label.name))
        self.label = label
        self.order = [lab.id for lab in ctx.project.labels()]

    def apply(self) -> None:
        self.ctx.project.remove_label(self.label.id)

    def revert(self) -> None:
        label, project = self.label, self.ctx.project
        order = _back_in_place(self.order, [lab.id for lab in project.labels()], label.id)
        with project.transaction() as tx:  # all of it or nothing
            tx.add_label(label.name, label.color, label.hotkey, label_id=label.id)
            tx.update_label_schema(label.id, attributes=label.attributes, guide=label.guide,
                                   figure_values=label.figure_values)
            tx.reorder_labels(order)


def _back_in_place(before: list[int], now: list[int], back: int) -> list[int]:
    """The order with ``back`` where it was in ``before``, the others as they are ``now``."""
    there = set(now) | {back}
    order = [i for i in before if i in there]
    return order + [i for i in now if i not in order]


class AddRelationType(_SchemaCommand):
    def __init__(self, ctx, made: dict) -> None:
        super().__init__(ctx, translate("SchemaUndo", "add relation type {0}").format(made["name"]))
        self.made = made
        self.rtype = None

    def apply(self) -> None:
        m, project = self.made, self.ctx.project
        if self.rtype is None:
            self.rtype = project.add_relation_type(m["name"], None, m["hotkey"], m["pairs"], m["guide"])
        else:
            t = self.rtype
            project.add_relation_type(t.name, t.color, t.hotkey, t.pairs, t.guide, type_id=t.id)

    def revert(self) -> None:
        self.ctx.project.remove_relation_type(self.rtype.id)  # refused (a dialog) when relations use it now


class ChangeRelationType(_SchemaCommand):
    def __init__(self, ctx, rtype, text: str, **changes) -> None:
        super().__init__(ctx, text)
        self.type_id, self.after = rtype.id, changes
        self.before = {k: v for k, v in _fields(rtype, TYPE_FIELDS).items() if k in changes}

    def apply(self) -> None:
        self.ctx.project.update_relation_type(self.type_id, **self.after)

    def revert(self) -> None:
        self.ctx.project.update_relation_type(self.type_id, **self.before)


class RemoveRelationType(_SchemaCommand):
    """Delete a relation type no relation uses; undo brings it back with its id and place."""

    def __init__(self, ctx, rtype) -> None:
        super().__init__(ctx, translate("SchemaUndo", "delete relation type {0}").format(rtype.name))
        self.rtype = rtype
        self.order = [t.id for t in ctx.project.relation_types()]

    def apply(self) -> None:
        self.ctx.project.remove_relation_type(self.rtype.id)

    def revert(self) -> None:
        t, project = self.rtype, self.ctx.project
        order = _back_in_place(self.order, [r.id for r in project.relation_types()], t.id)
        with project.transaction() as tx:
            tx.add_relation_type(t.name, t.color, t.hotkey, t.pairs, t.guide, type_id=t.id)
            tx.reorder_relation_types(order)


class SetDocLabelGroups(_SchemaCommand):
    def __init__(self, ctx, before, after) -> None:
        super().__init__(ctx, translate("SchemaUndo", "change document labels"))
        self.before, self.after = tuple(before), tuple(after)

    def apply(self) -> None:
        self.ctx.project.set_doc_label_groups(self.after)

    def revert(self) -> None:
        self.ctx.project.set_doc_label_groups(self.before)


class SetCodebook(_SchemaCommand):
    def __init__(self, ctx, before: str, after: str) -> None:
        super().__init__(ctx, translate("SchemaUndo", "edit the codebook"))
        self.before, self.after = before, after

    def apply(self) -> None:
        self.ctx.project.set_codebook(self.after)

    def revert(self) -> None:
        self.ctx.project.set_codebook(self.before)
