"""Relation arcs between the lines (issue 16): the room the view keeps for them, and arcs that never
cross the glyphs of right-to-left wrapped text, within a line, across lines and nested."""

from __future__ import annotations

from annotator.ui.annotate.document_view import DocumentView
from annotator.ui.annotate.span_index import SpanIndex

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
