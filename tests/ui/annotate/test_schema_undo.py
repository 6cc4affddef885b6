"""Undo and redo of the schema editor's changes (issue 16): labels, their attributes and guideline,
relation types, document label groups and the codebook, by Ctrl+Z / Ctrl+Shift+Z in the editor and
in the window afterwards; what the file holds after each key, read through a second connection; a
refusal on undo is a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from annotator.core.schema import AttributeDef, DocLabelGroup, Guide
from annotator.store import Project
from helpers import message_boxes

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي في المنطقة."


def _accepting(dialog):
    dialog.exec = lambda: QDialog.Accepted if (dialog._ok() or dialog.result_ is not None) else QDialog.Rejected
    return dialog


class _Made:
    """A schema dialog that returns what the test made (as if the user filled it and pressed OK)."""

    def __init__(self, made) -> None:
        self.made = made

    def run(self):
        return self.made


def schema(project):
    """What the file holds: labels in order (name, colour, hotkey, attribute names, description),
    relation types, document label groups, codebook."""
    with Project.open(project.path, readonly=True) as other:
        labels = [(lab.name, lab.color, lab.hotkey, tuple(a.name for a in lab.attributes), lab.guide.description)
                  for lab in other.labels()]
        types = [(t.name, t.hotkey, t.pairs) for t in other.relation_types()]
        groups = [(g.name, g.values) for g in other.doc_label_groups()]
        return labels, types, groups, other.codebook() or ""


def _editor(make_project, open_window):
    from annotator.ui.annotate.schema_editor import SchemaEditor

    project = make_project({"doc": TEXT})
    window = open_window(project)
    editor = SchemaEditor(project, window)
    editor.show()
    _focus(editor)
    return project, window, editor


def _focus(editor) -> None:
    """The editor active (again: a dialog it opened was last), the focus in its label list."""
    import shiboken6

    for dialog in editor.findChildren(QDialog):
        if dialog.isWindow() and not dialog.isVisible():  # closed: the offscreen platform keeps it active
            shiboken6.delete(dialog)
    QApplication.processEvents()
    editor.activateWindow()
    QTest.qWaitForWindowActive(editor)
    editor.labels.list.setFocus()
    assert QApplication.focusWidget() is editor.labels.list


def _ctrl_z(widget, shift=False):
    QTest.keyClick(widget, Qt.Key_Z, Qt.ControlModifier | (Qt.ShiftModifier if shift else Qt.NoModifier))
    QApplication.processEvents()


def test_every_kind_of_schema_change_is_undone_and_redone_by_keyboard_in_the_editor(
        make_project, open_window, monkeypatch):
    from annotator.ui.annotate.label_editor import NewLabelDialog

    project, window, editor = _editor(make_project, open_window)
    states = [schema(project)]
    # a new label, renamed, moved up
    dialog = NewLabelDialog("4", editor)
    dialog.name.setText("place")
    QTimer.singleShot(0, dialog.accept)
    editor.labels.add(dialog)
    states.append(schema(project))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("مكان", True))
    editor.labels.rename()
    states.append(schema(project))
    editor.labels.move(-1)
    states.append(schema(project))
    # an attribute and a description on "claim"
    claim = project.labels().by_name("claim")
    editor.labels.refresh(claim.id)
    editor.details.add_attribute(_Made(AttributeDef("certainty", "choice", ("high", "low"))))
    states.append(schema(project))
    editor.details.description.setPlainText("What someone says about the world")
    editor.details.save_guide.click()
    states.append(schema(project))
    # a relation type, document labels, the codebook
    editor.relations.add(_Made({"name": "cites", "hotkey": "c", "pairs": (("claim", "claim"),), "guide": Guide()}))
    states.append(schema(project))
    editor.groups.add(_Made(DocLabelGroup("genre", ("news", "opinion"))))
    states.append(schema(project))
    editor.codebook.text.setPlainText("# دليل")
    editor.codebook.save()
    states.append(schema(project))
    assert len({repr(s) for s in states}) == len(states)  # each step changed the file
    assert states[-1][0][2][0] == "مكان" and states[-1][1][-1][0] == "cites"
    assert editor.undo_button.text().startswith("Undo")

    _focus(editor)  # Ctrl+Z in the editor, wherever its focus is (not in a text box)
    for state in reversed(states[:-1]):
        _ctrl_z(editor.labels.list)
        assert schema(project) == state
    assert not editor.undo_action.isEnabled()
    for state in states[1:]:
        _ctrl_z(editor.labels.list, shift=True)
        assert schema(project) == state
    # the editor shows the file as it is: the renamed label back in the list, the codebook's text
    assert any("مكان" in editor.labels.list.item(i).text() for i in range(editor.labels.list.count()))
    assert editor.codebook.text.toPlainText() == "# دليل"
    assert message_boxes() == []


def test_a_deleted_label_comes_back_with_its_id_place_and_attributes_and_the_window_undoes_it_later(
        make_project, open_window):
    project, window, editor = _editor(make_project, open_window)
    figure = project.labels().by_name("figure")
    editor.labels.refresh(figure.id)
    editor.details.add_attribute(_Made(AttributeDef("precision", "choice", ("exact", "rounded"))))
    before = schema(project)
    editor.labels.refresh(figure.id)
    editor.labels.delete()  # no span uses it: deleted at once, undoable
    assert project.labels().by_name("figure") is None
    _focus(editor)
    _ctrl_z(editor.labels.list)
    back = project.labels().by_name("figure")
    assert back is not None and back.id == figure.id and schema(project) == before
    editor.reject()  # closed: the window's Ctrl+Z goes on with the schema changes
    import shiboken6

    shiboken6.delete(editor)  # closed (the offscreen platform would keep it the active window)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.view.setFocus()
    assert window.actions_["undo"].text() == "&Undo attributes of figure"
    _ctrl_z(window.view)
    assert project.labels().by_name("figure").attributes == ()
    QApplication.processEvents()
    assert window.editor.schema.by_name("figure") is not None  # the window heard of each change


def test_undoing_a_new_label_that_another_coder_now_uses_is_refused_with_a_dialog(make_project, open_window):
    from annotator.ui.annotate.label_editor import NewLabelDialog

    project, window, editor = _editor(make_project, open_window)
    dialog = NewLabelDialog("4", editor)
    dialog.name.setText("place")
    QTimer.singleShot(0, dialog.accept)
    editor.labels.add(dialog)
    place = project.labels().by_name("place")
    # another window on the project (the review window, a second coder's) draws a span with it
    project.add_span(project.documents()[0].id, project.ensure_coder("omar").id, place.id, 4, 11)
    _focus(editor)
    _ctrl_z(editor.labels.list)
    QTest.qWait(20)
    boxes = [b.text() for b in editor.findChildren(QMessageBox, "errorDialog")]
    assert boxes and "used by 1 span" in boxes[-1]  # a dialog on the editor, no traceback
    assert project.labels().by_name("place") is not None  # nothing changed


def test_deleting_a_label_in_use_asks_and_then_cannot_be_undone(make_project, open_window):
    project, window, editor = _editor(make_project, open_window)
    entity = project.labels().by_name("entity")
    project.add_span(project.documents()[0].id, project.coder("rana").id, entity.id, 4, 11)
    editor.details.add_attribute(_Made(AttributeDef("sure", "bool")))  # something on the stack
    assert editor.undo_action.isEnabled()
    editor.labels.refresh(entity.id)
    answers = []

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        answers.append(box.text())
        box.button(QMessageBox.Yes).click()

    QTimer.singleShot(0, answer)
    editor.labels.delete()
    assert "cannot be undone" in answers[0] and project.labels().by_name("entity") is None
    assert not editor.undo_action.isEnabled()  # the history no longer matches the file: forgotten
