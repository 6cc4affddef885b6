"""Relation arcs between the lines (issue 16): the room the view keeps for them, and arcs that never
cross the glyphs of right-to-left wrapped text, within a line, across lines and nested."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.annotate.document_view import DocumentView
from annotator.ui.annotate.span_index import SpanIndex
from helpers import key

TEXT = ("قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي في المنطقة، وأكد الوزير ذلك. " * 6).strip()


def test_room_between_lines_spreads_the_lines_and_keeps_the_top_line(app, qtbot):
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    view.show_document(TEXT, SpanIndex(TEXT))
    para = view.paragraph(0)
    pitch = para.line_rect(1)[0] - para.line_rect(0)[0]
    assert para.line_count >= 4
    view.scroll_to_top(para.boxes(2).lo)
    top = view.top_offset()
    view.set_room_between_lines(0.5)
    para = view.paragraph(0)
    wider = para.line_rect(1)[0] - para.line_rect(0)[0]
    assert wider > pitch + 10, (pitch, wider)
    assert view.top_offset() == top  # the reader's line stays at the top
    view.set_room_between_lines(0.0)
    para = view.paragraph(0)
    assert para.line_rect(1)[0] - para.line_rect(0)[0] == pitch


def _wrapped_project(make_project):
    """A paragraph wrapped over several lines with relations within a line, across lines both ways,
    two from one span and one into a span that holds its head."""
    project = make_project({"doc": TEXT})
    doc = project.documents()[0].id
    coder = project.coder("rana").id
    labels = {label.name: label.id for label in project.labels()}
    types = {t.name: t.id for t in project.relation_types()}
    starts = [i for i in range(len(TEXT)) if TEXT.startswith("قال المبعوث", i)]
    spans = {}
    for n, at in enumerate(starts[:4]):
        envoy = TEXT.index("المبعوث الأميركي", at)
        claim = TEXT.index("ليس هناك خطة", at)
        figure = TEXT.index("500 جندي", at)
        spans[f"envoy{n}"] = project.add_span(doc, coder, labels["entity"], envoy, envoy + len("المبعوث الأميركي")).id
        spans[f"claim{n}"] = project.add_span(doc, coder, labels["claim"], claim, figure + len("500 جندي")).id
        spans[f"figure{n}"] = project.add_span(doc, coder, labels["figure"], figure, figure + len("500 جندي")).id
    for head, name, child in (("claim0", "source", "envoy0"), ("figure0", "about", "claim0"),  # nested
                              ("claim1", "source", "envoy0"), ("figure2", "about", "envoy1"),  # across lines
                              ("claim3", "source", "envoy3"), ("figure3", "about", "envoy3"),
                              ("figure1", "about", "claim3")):
        project.add_relation(types[name], spans[head], spans[child])
    return project, spans


def _ink_rects(view):
    """Viewport rectangles of every laid-out line's glyphs (their line box over their ink)."""
    from PySide6.QtCore import QRectF

    out = []
    for _block, para, origin in view.visible_paragraphs():
        for i in range(para.line_count):
            top, bottom, _ = para.line_rect(i)
            boxes = para.boxes(i)
            if len(boxes):
                x0, x1 = min(boxes.x0), max(boxes.x1)
                out.append(QRectF(origin.x() + x0, origin.y() + top + 1, x1 - x0, bottom - top - 1))
    return out


def test_arcs_within_and_across_wrapped_lines_never_cross_the_glyphs(make_project, open_window, arabic):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    project, _spans = _wrapped_project(make_project)
    window = open_window(project)
    window.resize(900, 700)
    QApplication.processEvents()
    view, arcs = window.view, window.layers.arcs
    assert view.room_between_lines > 0
    lines = sum(p.line_count for _b, p, _o in view.visible_paragraphs())
    assert lines >= 5  # wrapped: relations span lines

    def grab(show: bool) -> QImage:
        arcs.setVisible(show)
        QApplication.processEvents()
        return view.viewport().grab().toImage()

    with_arcs, without = grab(True), grab(False)
    arcs.setVisible(True)
    changed = [(x, y) for y in range(with_arcs.height()) for x in range(with_arcs.width())
               if with_arcs.pixel(x, y) != without.pixel(x, y)]
    assert len(changed) > 500  # arcs and their plates are drawn
    rects = _ink_rects(view)
    on_glyphs = [(x, y) for x, y in changed if any(r.contains(x + 0.5, y + 0.5) for r in rects)]
    # the arrowheads touch the line's top edge: nothing may go further into the line
    with_arcs.save("/tmp/test-arcs-wrapped.png")
    assert not on_glyphs, on_glyphs[:10]


def test_room_is_kept_while_relations_are_drawn_only(make_project, open_window):
    from PySide6.QtWidgets import QApplication

    from annotator.ui.annotate.relation_arcs import ROOM

    project, spans = _wrapped_project(make_project)
    for relation in project.relations(project.documents()[0].id, project.coder("rana").id):
        project.remove_relation(relation.id)
    window = open_window(project)
    view = window.view
    assert view.room_between_lines == 0
    window.editor.jump_to_span(spans["claim0"])
    key(window.view, "s")  # draw a source relation: while the child is picked, the room is there
    QApplication.processEvents()
    assert view.room_between_lines == ROOM
    key(window.view, Qt.Key_Escape)
    QApplication.processEvents()
    assert view.room_between_lines == 0
    window.editor.jump_to_span(spans["claim0"])
    key(window.view, "s")
    key(window.view, Qt.Key_Return)
    QApplication.processEvents()
    assert view.room_between_lines == ROOM and window.layers.relations.rows
    window.editor.stack.undo()
    QApplication.processEvents()
    assert view.room_between_lines == 0
    window.editor.stack.redo()
    window.actions_["arcs"].trigger()  # arcs off: the lines close up
    QApplication.processEvents()
    assert view.room_between_lines == 0


def test_keyboard_only_the_head_by_ctrl_down_a_relation_key_enter_then_undo_and_redo_and_the_arc_follows(
        make_project, open_window):
    """The issue's check with no mouse and no call into the window: Ctrl+↓ steps to the claim, S starts
    a source relation, Enter draws it to the child offered, Ctrl+Z / Ctrl+Shift+Z; the file (read by a
    second connection) and the arcs follow each key."""
    from PySide6.QtWidgets import QApplication

    from annotator.store import Project

    text = "قال المبعوث الأميركي إنه ليس هناك خطة لنشر 500 جندي."
    project = make_project({"doc": text})
    doc = project.documents()[0].id
    coder = project.coder("rana").id
    labels = {label.name: label.id for label in project.labels()}
    for phrase, label in (("المبعوث الأميركي", "entity"), ("ليس هناك خطة", "claim")):
        start = text.index(phrase)
        project.add_span(doc, coder, labels[label], start, start + len(phrase))
    window = open_window(project)
    view = window.view

    def stored():
        with Project.open(project.path, readonly=True) as other:
            spans = {s.id: text[s.start:s.end] for s in other.spans(doc)}
            types = {t.id: t.name for t in other.relation_types()}
            return [(types[r.type_id], spans[r.head_id], spans[r.child_id]) for r in other.relations(doc)]

    def arcs():
        QApplication.processEvents()
        return [(text[h[3]:h[4]], text[c[3]:c[4]], t.name, maybe) for h, c, t, maybe in window.layers.relations.drawn()]

    key(view, Qt.Key_Down, Qt.ControlModifier)  # the first span: the envoy
    key(view, Qt.Key_Down, Qt.ControlModifier)  # the next: the claim
    assert text[window.editor.selected[3]:window.editor.selected[4]] == "ليس هناك خطة"
    key(view, Qt.Key_S)
    assert arcs() == [("ليس هناك خطة", "المبعوث الأميركي", "source", True)]  # offered, dashed
    key(view, Qt.Key_Return)
    assert stored() == [("source", "ليس هناك خطة", "المبعوث الأميركي")]
    assert arcs() == [("ليس هناك خطة", "المبعوث الأميركي", "source", False)]
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored() == [] and arcs() == []
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored() == [("source", "ليس هناك خطة", "المبعوث الأميركي")]
    assert arcs() == [("ليس هناك خطة", "المبعوث الأميركي", "source", False)]


def test_the_selected_spans_relations_are_drawn_strong_and_the_others_faint(make_project, open_window):
    from PySide6.QtWidgets import QApplication

    project, spans = _wrapped_project(make_project)
    window = open_window(project)
    arcs = window.layers.arcs
    QApplication.processEvents()
    assert {strength for _t, _k, strength, _m in arcs.placed()} == {0}  # nothing selected: all alike
    window.editor.jump_to_span(spans["figure3"])  # its one relation: about -> envoy3
    QApplication.processEvents()
    placed = arcs.placed()
    strong = [(text, kind) for text, kind, strength, _m in placed if strength > 0]
    assert strong and all(text.startswith("about") for text, _kind in strong)
    assert any(strength < 0 for _t, _k, strength, _m in placed)
    window.editor.jump_to_span(spans["envoy2"])  # a span without relations fades nothing
    QApplication.processEvents()
    assert {strength for _t, _k, strength, _m in arcs.placed()} == {0}
