"""The document list tells documents apart even when their titles are cut to fit the column."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.demo import demo_texts
from annotator.ui.bidi import plain
from glyph_order import _correlation, _profile


def test_demo_titles_stay_distinct_in_a_narrow_list(app, make_project, open_window):
    # titles of one source, as the demo's were: the same start, the topic last
    titles = {f"ويكي الأخبار: {topic}": f"نص {i}" for i, topic in enumerate(("ثقافة", "علوم", "رياضة"))}
    window = open_window(make_project(titles))
    tree = window.documents.tree
    # the title column (it stretches) narrower than the shared start "ويكي الأخبار:": a narrow dock
    target = tree.fontMetrics().horizontalAdvance("ويكي الأخبار:")
    others = sum(tree.columnWidth(c) for c in (1, 2, 3))
    tree.setFixedWidth(target + others + 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width())
    QApplication.processEvents()
    assert tree.columnWidth(0) <= target + tree.verticalScrollBar().sizeHint().width()
    QApplication.processEvents()
    cells = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rect = tree.visualItemRect(item)
        rect.setWidth(tree.columnWidth(0))
        cells.append(tree.viewport().grab(rect).toImage())
        assert plain(item.text(0)) in titles
    profiles = [_profile(cell) for cell in cells]
    for i in range(3):
        for j in range(i + 1, 3):
            same = len(profiles[i]) == len(profiles[j]) and _correlation(profiles[i], profiles[j]) > 0.99
            assert not same, f"rows {i} and {j} show the same title"


def test_demo_titles_lead_with_the_topic():
    titles = [title for title, _ in demo_texts()]
    assert len({title.split()[0] for title in titles}) == len(titles)
