"""Document labels and flags by keyboard, the document list's marks and filter, the schema editor, the
guidelines panel (a hostile codebook loads nothing) and the arcs painted over the text (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QColor, QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog, QToolTip

from annotator.core.schema import DocLabelGroup, Guide
from annotator.store import Project
from helpers import key

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي في المنطقة."


def _accepting(dialog):
    """Run ``dialog`` as if the user pressed OK (its fields set by the test)."""
    dialog.exec = lambda: QDialog.Accepted if (dialog._ok() or dialog.result_ is not None) else QDialog.Rejected
    return dialog


def test_document_labels_flags_and_comment_by_keyboard_with_undo_and_the_list_filter(make_project, open_window):
    project = make_project({"first": TEXT, "second": "نص آخر قصير."})
    project.set_doc_label_groups([DocLabelGroup("topic", ("politics", "sport"))])
    window = open_window(project)
    doc = window.editor.doc_id
    coder = project.coder("rana").id
    key(window.view, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)  # Edit > Document Labels
    field = QApplication.focusWidget()
    assert isinstance(field, QComboBox)
    key(field, Qt.Key_Down)  # — -> politics
    key(field, Qt.Key_Tab)
    unsure = QApplication.focusWidget()
    assert isinstance(unsure, QCheckBox) and unsure.objectName() == "flag-unsure"
    key(unsure, Qt.Key_Space)

    def on_disk():
        with Project.open(project.path, readonly=True) as other:
            d = other.doc_labels(doc, coder)
            return d.labels, d.flags, d.comment

    assert on_disk() == (("politics",), ("unsure",), None)
    panel = window.layers.doc_labels
    panel.comment.setFocus()
    QApplication.processEvents()
    panel.comment.setPlainText("نحتاج إلى نقاش")
    key(panel.comment, Qt.Key_Escape)  # leaving the box saves it; Escape goes back to the text
    assert QApplication.focusWidget() is window.view
    assert on_disk() == (("politics",), ("unsure",), "نحتاج إلى نقاش")
    marks = window.layers.marks
    assert marks.signs[doc] == "?✎◆" and not window.documents.cell(doc, 0, Qt.DecorationRole).isNull()
    assert "\u2068politics\u2069" in window.documents.cell(doc, 0, Qt.ToolTipRole)
    marks.filter.setCurrentIndex(marks.filter.findData("flag:unsure"))
    assert window.documents.visible_order() == [doc]
    marks.filter.setCurrentIndex(0)
    key(window.view, Qt.Key_Z, Qt.ControlModifier)
    key(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert on_disk() == (("politics",), (), None)
    assert not panel.flags["unsure"].isChecked()
    key(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert on_disk() == ((), (), None)
    assert marks.signs[doc] == ""


def test_schema_editor_adds_a_relation_type_an_attribute_a_document_label_group_and_the_codebook(
        make_project, open_window):
    from annotator.ui.annotate.schema_dialogs import AttributeDialog, GroupDialog, RelationTypeDialog
    from annotator.ui.annotate.schema_editor import SchemaEditor

    project = make_project({"doc": TEXT})
    window = open_window(project)
    editor = SchemaEditor(project, window)
    dialog = RelationTypeDialog([label.name for label in project.labels()], None, editor)
    dialog.name.setText("cites")
    dialog.hotkey.setText("c")
    for i in range(dialog.pairs.count()):
        if dialog.pairs.item(i).data(Qt.UserRole) == ("claim", "claim"):
            dialog.pairs.item(i).setCheckState(Qt.Checked)
    dialog.description.setPlainText("A claim that rests on another")
    editor.relations.add(_accepting(dialog))
    cites = project.relation_type("cites")
    assert (cites.hotkey, cites.pairs, cites.guide.description) == ("c", (("claim", "claim"),),
                                                                     "A claim that rests on another")
    # choose "figure" in the label list: its details follow
    figure = project.labels().by_name("figure")
    editor.labels.refresh(figure.id)
    assert editor.details.label_id == figure.id and editor.details.figures.isChecked()
    attribute = AttributeDialog(None, editor)
    attribute.name.setText("precision")
    attribute.values.setPlainText("exact\nrounded")
    editor.details.add_attribute(_accepting(attribute))
    assert [a.name for a in project.labels().by_name("figure").attributes] == ["precision"]
    bad = AttributeDialog(None, editor)
    bad.name.setText("empty")  # a choice without values: said in the dialog, nothing saved
    bad._ok()
    assert bad.result_ is None and "at least one value" in bad.error.text()
    group = GroupDialog(None, editor)
    group.name.setText("genre")
    group.values.setPlainText("news، opinion")  # the Arabic comma separates too
    editor.groups.add(_accepting(group))
    assert project.doc_label_groups()[0].values == ("news", "opinion")
    editor.codebook.text.setPlainText("# دليل الترميز\n\nClaims are *whole* clauses.")
    editor.reject()  # closing saves the codebook
    assert project.codebook().startswith("# دليل الترميز")
    QApplication.processEvents()
    QApplication.processEvents()
    assert window.layers.relations.type_by_hotkey("c") is not None  # the window heard of the new type
    assert "genre" in [g.name for g in window.layers.doc_labels.groups]


def test_guidelines_panel_renders_the_codebook_and_loads_nothing_from_it(make_project, open_window, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    project = make_project({"doc": TEXT})
    project.set_codebook(f"# Codebook\n\n<img src='file://{secret}'> raw html\n\n![x](file://{secret})\n\n"
                         "A **claim** is what someone says.")
    claim = project.labels().by_name("claim")
    project.update_label(claim.id, guide=Guide("A statement someone makes", ("قال إن ...",)))
    window = open_window(project)
    QApplication.processEvents()
    panel = window.layers.guidelines
    panel.refresh()
    shown = panel.toPlainText()
    assert "Codebook" in shown and "claim is what someone says" in shown
    assert "<img" in shown  # raw HTML is text, not markup
    assert "A statement someone makes" in shown and "stance" in shown and "source" in shown
    panel.grab()  # painting asks for the image: nothing is read
    image = panel.document().resource(QTextDocument.ImageResource, QUrl(f"file://{secret}"))
    assert not image  # an empty resource: the file was never read
    # the palette's tooltip carries the label's guideline
    palette = window.palette_
    row = [label.name for label in palette.schema].index("claim")
    rect = palette.visualItemRect(palette.item(row))
    event = QHelpEvent(QEvent.ToolTip, rect.center(), palette.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(palette.viewport(), event)
    assert "A statement someone makes" in QToolTip.text()


def test_arcs_are_painted_between_head_and_child(make_project, open_window):
    project = make_project({"doc": TEXT})
    doc = project.documents()[0].id
    coder = project.coder("rana").id
    labels = {label.name: label.id for label in project.labels()}
    envoy = TEXT.index("المبعوث الأميركي")
    claim = TEXT.index("ليس هناك")
    head = project.add_span(doc, coder, labels["claim"], claim, TEXT.index("في المنطقة") - 1)
    child = project.add_span(doc, coder, labels["entity"], envoy, envoy + len("المبعوث الأميركي"))
    source = project.relation_type("source")
    window = open_window(project)
    view = window.view

    def colour_pixels():
        image = view.viewport().grab().toImage()
        want = QColor(source.color)
        # every pixel of the first lines (an arc is a thin line in the room between them)
        return sum(1 for y in range(0, min(image.height(), 160)) for x in range(0, image.width())
                   if abs(QColor(image.pixel(x, y)).red() - want.red()) < 30
                   and abs(QColor(image.pixel(x, y)).green() - want.green()) < 30
                   and abs(QColor(image.pixel(x, y)).blue() - want.blue()) < 30)

    before = colour_pixels()
    project.add_relation(source.id, head.id, child.id)  # from another window, say: the notice redraws
    QApplication.processEvents()
    QApplication.processEvents()
    assert window.layers.relations_panel.topLevelItemCount() == 1
    after = colour_pixels()
    assert after > before + 20, (before, after)
    window.actions_["arcs"].trigger()  # View > Show Relations Over the Text: off
    QApplication.processEvents()
    assert colour_pixels() <= before + 2


def test_the_arcs_layer_does_not_keep_the_view_repainting(make_project, open_window):
    """A layer that asked for a repaint from every paint of the view under it repainted forever
    (hundreds of paints a second while idle): now an idle window paints nothing."""
    import time

    from PySide6.QtCore import QObject

    project = make_project({"doc": TEXT * 10})
    window = open_window(project)

    class Count(QObject):
        paints = 0

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Paint:
                self.paints += 1
            return False

    count = Count()
    window.view.viewport().installEventFilter(count)
    window.view.viewport().update()
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        QApplication.processEvents()
    assert count.paints <= 3
