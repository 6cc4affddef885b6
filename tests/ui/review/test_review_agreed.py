"""The review window's agreed relations and attribute values (issue 16): what two coders both made is
proposed, accepting it writes the gold layer (checked in the file), undo takes it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.store import Project

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي."  # written for this test


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_agreed_relation_and_attribute_are_accepted_into_gold_and_undone(make_project, app, qtbot):
    from annotator.ui.review.window import ReviewWindow

    project, doc = _three_coders(make_project)
    window = ReviewWindow(project, "judge", ["rana", "omar"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.agreed
    assert panel.list.topLevelItemCount() == 1  # the relation (no gold span yet for the attribute)
    assert "source" in panel.list.topLevelItem(0).text(1)
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key_Return)  # Enter accepts the chosen row

    def gold_layer():
        with Project.open(project.path, readonly=True) as other:
            gold = other.gold_coder().id
            spans = {s.id: s for s in other.spans(doc, gold)}
            rels = [(TEXT[spans[r.head_id].start:spans[r.head_id].end], TEXT[spans[r.child_id].start:spans[r.child_id].end])
                    for r in other.relations(doc, gold)]
            return sorted((TEXT[s.start:s.end], s.attrs.get("stance")) for s in spans.values()), rels

    assert gold_layer() == ([("المبعوث الأميركي", None), ("ليس هناك خطة", None)], [("ليس هناك خطة", "المبعوث الأميركي")])
    # now the gold claim exists: both coders' stance is proposed
    assert panel.list.topLevelItemCount() == 1 and "reported" in panel.list.topLevelItem(0).text(1)
    panel.accept(panel.list.topLevelItem(0))
    assert gold_layer()[0] == [("المبعوث الأميركي", None), ("ليس هناك خطة", "reported")]
    assert panel.list.topLevelItemCount() == 0
    window.controller.stack.undo()
    assert gold_layer()[0] == [("المبعوث الأميركي", None), ("ليس هناك خطة", None)]
    window.controller.stack.undo()
    assert gold_layer() == ([], [])
    window.controller.stack.redo()
    assert gold_layer()[1] == [("ليس هناك خطة", "المبعوث الأميركي")]


def _three_coders(make_project):
    """rana and omar agree on a source relation and a stance; lina drew the spans only."""
    project = make_project({"doc": TEXT}, coder=None)
    doc = project.documents()[0].id
    labels = {label.name: label.id for label in project.labels()}
    source = project.relation_type("source").id
    claim, envoy = _at("ليس هناك خطة"), _at("المبعوث الأميركي")
    for name, stance in (("rana", "reported"), ("omar", "reported"), ("lina", None)):
        coder = project.ensure_coder(name).id
        head = project.add_span(doc, coder, labels["claim"], *claim, attrs={"stance": stance} if stance else None)
        child = project.add_span(doc, coder, labels["entity"], *envoy)
        if name != "lina":
            project.add_relation(source, head.id, child.id)
    return project, doc


def _gold(project, doc):
    """(gold spans with their stance, gold relations as (type, head text, child text)), read from the file."""
    with Project.open(project.path, readonly=True) as other:
        gold = other.gold_coder()
        if gold is None:
            return [], []
        spans = {s.id: s for s in other.spans(doc, gold.id)}
        types = {t.id: t.name for t in other.relation_types()}
        rels = [(types[r.type_id], TEXT[spans[r.head_id].start:spans[r.head_id].end],
                 TEXT[spans[r.child_id].start:spans[r.child_id].end]) for r in other.relations(doc, gold.id)]
        return sorted((TEXT[s.start:s.end], s.attrs.get("stance")) for s in spans.values()), rels


def test_keyboard_only_the_adjudicator_accepts_the_agreed_relation_then_its_stance_and_sees_the_gold_arc(
        make_project, app, qtbot):
    from PySide6.QtWidgets import QApplication

    from annotator.ui.review.window import ReviewWindow

    project, doc = _three_coders(make_project)
    window = ReviewWindow(project, "judge", ["rana", "omar"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view, arcs = window.view, window.arcs
    view.setFocus()
    QApplication.processEvents()
    # no gold relation yet; the first agreed relation is chosen in the panel: drawn dashed
    assert [maybe for *_rest, maybe in arcs.source.drawn()] == [True]
    QTest.keyClick(view, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)  # to the Agreed list
    QApplication.processEvents()
    panel = window.agreed
    assert panel.list.hasFocus() and panel.list.currentItem() is not None
    assert [maybe for *_rest, maybe in arcs.source.drawn()] == [True]  # the chosen proposal, dashed
    assert view.room_between_lines > 0
    QTest.keyClick(panel.list, Qt.Key_Return)
    assert _gold(project, doc) == ([("المبعوث الأميركي", None), ("ليس هناك خطة", None)],
                                   [("source", "ليس هناك خطة", "المبعوث الأميركي")])
    QApplication.processEvents()
    # the gold relation is drawn; the stance both coders gave is the next proposal (no relation: no dashed arc)
    drawn = arcs.source.drawn()
    assert [(view.text[h[3]:h[4]], view.text[c[3]:c[4]], t.name, maybe) for h, c, t, maybe in drawn] == [
        ("ليس هناك خطة", "المبعوث الأميركي", "source", False)]
    assert "reported" in panel.list.currentItem().text(1)
    QTest.keyClick(panel.list, Qt.Key_Return)
    assert _gold(project, doc)[0] == [("المبعوث الأميركي", None), ("ليس هناك خطة", "reported")]
    QTest.keyClick(panel.list, Qt.Key_Escape)  # back to the text
    assert view.hasFocus()
    window.grab().save("/tmp/review-gold-arcs.png")
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert _gold(project, doc) == ([], [])
    QApplication.processEvents()
    assert arcs.source.drawn() == [] or all(maybe for *_r, maybe in arcs.source.drawn())
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert _gold(project, doc)[1] == [("source", "ليس هناك خطة", "المبعوث الأميركي")]
    QApplication.processEvents()
    assert [maybe for *_r, maybe in arcs.source.drawn()][:1] == [False]


def test_deleting_a_gold_span_takes_its_relation_and_undo_brings_back_both_and_its_accepted_stance(
        make_project, app, qtbot):
    from PySide6.QtWidgets import QApplication

    from annotator.ui.review.window import ReviewWindow
    from helpers import click

    project, doc = _three_coders(make_project)
    window = ReviewWindow(project, "judge", ["rana", "omar"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel, view = window.agreed, window.view
    panel.accept(panel.list.topLevelItem(0))  # the relation (and its two gold spans)
    panel.accept(panel.list.topLevelItem(0))  # then the stance on the gold claim
    accepted = _gold(project, doc)
    assert accepted == ([("المبعوث الأميركي", None), ("ليس هناك خطة", "reported")],
                        [("source", "ليس هناك خطة", "المبعوث الأميركي")])
    view.setFocus()
    click(view, TEXT.index("هناك") + 1)  # the gold claim
    assert window.controller.selected_gold is not None
    QTest.keyClick(view, Qt.Key_Delete)
    assert _gold(project, doc) == ([("المبعوث الأميركي", None)], [])
    QApplication.processEvents()
    assert [maybe for *_r, maybe in window.arcs.source.drawn()] in ([], [True])  # no gold arc (maybe the proposal)
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert _gold(project, doc) == accepted  # the span, its stance and its relation
    QApplication.processEvents()
    assert [maybe for *_r, maybe in window.arcs.source.drawn()] == [False]
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert _gold(project, doc) == ([("المبعوث الأميركي", None)], [])
