"""Relations, attributes and figure values in the real window, by keyboard and mouse (issue 16): what
the file holds after each key, undo and redo, read through a second connection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from annotator.store import Project
from helpers import click, key

# A claim, who made it and a figure (a made-up sentence in the style of the reference article).
TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي في المنطقة، وأكد الوزير ذلك."
PHRASES = {"envoy": ("المبعوث الأميركي", "entity"), "claim": ("ليس هناك خطة لنشر 500 جندي", "claim"),
           "figure": ("500 جندي", "figure"), "minister": ("الوزير", "entity")}


def _setup(make_project, open_window):
    project = make_project({"doc": TEXT})
    doc = project.documents()[0].id
    coder = project.coder("rana")
    labels = {label.name: label.id for label in project.labels()}
    spans = {}
    for name, (phrase, label) in PHRASES.items():
        start = TEXT.index(phrase)
        spans[name] = project.add_span(doc, coder.id, labels[label], start, start + len(phrase)).id
    window = open_window(project)
    return project, window, doc, spans


def stored_relations(project, doc):
    """(type, head text, child text) of rana's relations, read from the file by a second connection."""
    with Project.open(project.path, readonly=True) as other:
        coder = other.coder("rana").id
        types = {t.id: t.name for t in other.relation_types()}
        spans = {s.id: TEXT[s.start:s.end] for s in other.spans(doc, coder)}
        return sorted((types[r.type_id], spans[r.head_id], spans[r.child_id]) for r in other.relations(doc, coder))


def stored_span(project, span_id):
    with Project.open(project.path, readonly=True) as other:
        return other.span(span_id)


def test_draw_a_relation_by_keyboard_then_undo_and_redo(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    editor.jump_to_span(spans["claim"])  # as Ctrl+↓ or a click does
    key(view, Qt.Key_S)  # "source": from the claim to an entity
    picking = window.layers.relations.picking
    assert picking is not None
    # candidates in reading order: the envoy (before the claim), the minister (after); the first
    # offered is the one after the head
    assert [TEXT[r[3]:r[4]] for r in picking.candidates] == ["المبعوث الأميركي", "الوزير"]
    assert TEXT[picking.child[3]:picking.child[4]] == "الوزير"
    key(view, Qt.Key_Left)  # ← is forward in right-to-left text: wraps round to the envoy
    assert TEXT[picking.child[3]:picking.child[4]] == "المبعوث الأميركي"
    assert stored_relations(project, doc) == []  # nothing is written before Enter
    key(view, Qt.Key_Return)
    assert window.layers.relations.picking is None
    assert stored_relations(project, doc) == [("source", "ليس هناك خطة لنشر 500 جندي", "المبعوث الأميركي")]
    assert window.layers.relations_panel.texts() == [
        ("\u2068ليس هناك خطة لنشر 500 جندي\u2069", "\u2068source\u2069", "\u2068المبعوث الأميركي\u2069")]
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_relations(project, doc) == []
    assert window.layers.relations_panel.texts() == []
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored_relations(project, doc) == [("source", "ليس هناك خطة لنشر 500 جندي", "المبعوث الأميركي")]
    assert len(window.layers.relations_panel.texts()) == 1


def test_escape_cancels_and_a_relation_key_on_a_span_it_cannot_start_from_says_so(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    editor.jump_to_span(spans["claim"])
    key(view, Qt.Key_S)
    key(view, Qt.Key_Escape)
    assert window.layers.relations.picking is None
    key(view, Qt.Key_Return)
    assert stored_relations(project, doc) == []
    editor.jump_to_span(spans["envoy"])  # an entity: no relation type starts there
    key(view, Qt.Key_S)
    assert window.layers.relations.picking is None
    assert "does not start" in window.statusBar().currentMessage()
    assert [s.label_id for s in project.spans(doc)].count(project.labels().by_name("entity").id) == 2  # no relabel


def test_draw_with_the_mouse_a_click_on_a_candidate_and_delete_span_brings_relation_back(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    click(view, TEXT.index("500") + 1)  # the figure (inside the claim: a second click would pick the claim)
    if editor.selected[0] != spans["figure"]:
        click(view, TEXT.index("500") + 1)
    assert editor.selected[0] == spans["figure"]
    window.actions_["relation"].trigger()  # Edit > Draw Relation: "about" is the only type from a figure
    assert window.layers.relations.picking.rtype.name == "about"
    click(view, TEXT.index("الوزير") + 2)  # a click on a candidate draws the relation at once
    assert stored_relations(project, doc) == [("about", "500 جندي", "الوزير")]
    # deleting the head deletes its relation; undo brings both back
    editor.jump_to_span(spans["figure"])
    key(view, Qt.Key_Delete)
    assert stored_relations(project, doc) == []
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_relations(project, doc) == [("about", "500 جندي", "الوزير")]
    assert len(window.layers.relations_panel.texts()) == 1
    # Delete in the relations panel removes the relation; undo restores it
    panel = window.layers.relations_panel
    panel.setCurrentItem(panel.topLevelItem(0))
    panel.setFocus()
    key(panel, Qt.Key_Delete)
    assert stored_relations(project, doc) == []
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_relations(project, doc) == [("about", "500 جندي", "الوزير")]


def test_set_an_attribute_by_keyboard_then_undo_and_redo(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    editor.jump_to_span(spans["claim"])
    key(view, Qt.Key_F4)  # Edit > Span Attributes: the focus goes to the first field
    QApplication.processEvents()
    field = QApplication.focusWidget()
    assert isinstance(field, QComboBox) and field is window.layers.attributes.fields["stance"]
    key(field, Qt.Key_Down)  # "—" -> asserted
    key(field, Qt.Key_Down)  # -> denied
    assert stored_span(project, spans["claim"]).attrs == {"stance": "denied"}
    assert QApplication.focusWidget() is field  # the field keeps the focus while the value is saved
    key(field, Qt.Key_Escape)  # back to the text
    assert QApplication.focusWidget() is view
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_span(project, spans["claim"]).attrs == {"stance": "asserted"}
    assert field.currentData() == "asserted"
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_span(project, spans["claim"]).attrs == {}
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored_span(project, spans["claim"]).attrs == {"stance": "denied"}


def test_a_figure_span_shows_its_computed_value_and_the_coder_corrects_it(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    editor, panel = window.editor, window.layers.attributes
    editor.jump_to_span(spans["figure"])
    assert panel.span_id != spans["figure"]  # the panel follows after the view has painted...
    QApplication.processEvents()  # ...once the event loop runs
    value = stored_span(project, spans["figure"])
    assert value.value_by == "core" and value.value["low"] == 500
    assert panel.value_fields["low"].text() == "500"
    panel.value_fields["high"].setText("٧٥٠")  # Arabic-Indic digits are read
    panel.value_fields["high"].editingFinished.emit()
    fixed = stored_span(project, spans["figure"])
    assert (fixed.value["low"], fixed.value["high"], fixed.value_by) == (500, 750, "coder")
    editor.stack.undo()
    assert stored_span(project, spans["figure"]).value_by == "core"
    assert panel.value_fields["high"].text() == "500"


def test_right_click_on_a_span_offers_its_relation_types_then_a_click_draws(make_project, open_window):
    from PySide6.QtGui import QContextMenuEvent

    from helpers import point_inside

    project, window, doc, spans = _setup(make_project, open_window)
    view = window.view
    point = point_inside(view, TEXT.index("خطة") + 1)  # inside the claim (not the figure)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Mouse, point,
                                                              view.viewport().mapToGlobal(point)))
    relations = window.layers.relations
    assert window.editor.selected[0] == spans["claim"]
    texts = [a.text() for a in relations.menu.actions()]
    assert texts == ["Relation \u2068source\u2069 from here…\t\u2066s\u2069"]  # the key isolated left to right
    relations.menu.actions()[0].trigger()
    relations.menu.close()
    click(view, TEXT.index("المبعوث") + 2)
    assert stored_relations(project, doc) == [("source", "ليس هناك خطة لنشر 500 جندي", "المبعوث الأميركي")]
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Mouse, point,
                                                              view.viewport().mapToGlobal(point)))
    delete = relations.menu.actions()[-1]
    assert delete.text().startswith("Delete relation")
    delete.trigger()
    relations.menu.close()
    assert stored_relations(project, doc) == []


def test_the_shortcuts_dialog_lists_the_relation_keys(make_project, open_window):
    from annotator.ui.shortcuts_dialog import ShortcutsDialog

    project, window, doc, spans = _setup(make_project, open_window)
    texts = ShortcutsDialog(window).texts()
    assert "Draw a “source” relation from the selected span" in texts
    assert any(t.startswith("Drawing a relation: the next") for t in texts)
    assert "Draw &Relation from the Span…" in [a.text() for a in window.actions_.values()]


def test_no_two_actions_of_the_window_share_a_key(make_project, open_window):
    """Qt fires neither of two actions with the same key (an ambiguous shortcut): issue 16's View key
    first took Ctrl+Shift+R, which Team > Review has."""
    from PySide6.QtGui import QKeySequence

    project, window, doc, spans = _setup(make_project, open_window)
    seen: dict[str, str] = {}
    for name, action in window.actions_.items():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.PortableText)
            assert text not in seen, f"{text}: {seen.get(text)} and {name}"
            seen[text] = name
    assert seen["Ctrl+Shift+L"] == "arcs" and seen["Ctrl+R"] == "relation" and seen["F4"] == "attributes"


def test_after_an_attribute_edit_the_span_can_still_be_deleted_and_comes_back_with_it(make_project, open_window):
    """Edits carry the span's version (stale edits are refused): an attribute edit must leave the
    window knowing the span's new version, or deleting it next is refused as stale."""
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    editor.jump_to_span(spans["claim"])
    key(view, Qt.Key_F4)
    QApplication.processEvents()
    field = QApplication.focusWidget()
    assert isinstance(field, QComboBox)
    key(field, Qt.Key_Down)
    key(field, Qt.Key_Escape)
    assert stored_span(project, spans["claim"]).attrs == {"stance": "asserted"}
    key(view, Qt.Key_Delete)
    assert spans["claim"] not in {s.id for s in project.spans(doc)}
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored_span(project, spans["claim"]).attrs == {"stance": "asserted"}
    key(view, Qt.Key_Z, Qt.ControlModifier)  # and the attribute edit before it
    assert stored_span(project, spans["claim"]).attrs == {}


def test_undoing_a_relabel_brings_back_the_attributes_the_new_label_dropped(make_project, open_window):
    project, window, doc, spans = _setup(make_project, open_window)
    view, editor = window.view, window.editor
    project.set_span_attrs(spans["claim"], {"stance": "denied"})
    editor.reload()
    editor.jump_to_span(spans["claim"])
    key(view, Qt.Key_1)  # relabel as entity: "stance" is not an entity's attribute
    span = stored_span(project, spans["claim"])
    assert project.labels().by_id(span.label_id).name == "entity" and span.attrs == {}
    key(view, Qt.Key_Z, Qt.ControlModifier)
    span = stored_span(project, spans["claim"])
    assert project.labels().by_id(span.label_id).name == "claim" and span.attrs == {"stance": "denied"}
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo, then delete: versions still right
    key(view, Qt.Key_Delete)
    assert spans["claim"] not in {s.id for s in project.spans(doc)}


def test_a_spans_tooltip_adds_its_attributes_and_its_labels_guideline(make_project, open_window):
    from annotator.core.schema import Guide

    project, window, doc, spans = _setup(make_project, open_window)
    project.set_span_attrs(spans["claim"], {"stance": "reported"})
    project.update_label(project.labels().by_name("claim").id, guide=Guide("What someone says is so"))
    QApplication.processEvents()
    QApplication.processEvents()
    tip = window.view.tooltip_for(TEXT.index("خطة"))
    assert "rana" in tip  # the editor's part: label and coder
    assert "stance" in tip and "reported" in tip and "What someone says is so" in tip
    assert window.view.tooltip_for(TEXT.index("وأكد")) is None  # no span there
