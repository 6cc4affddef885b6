"""Gold spans are shared (the lead, adjudicators): a review window's change of a gold span another
window changed first is refused with a message, nothing is overwritten, and the window shows the span
as it is now. Two windows on one file (one project in this process) and on one server (two
connections)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.store import Project
from annotator.store.copy import copy_project
from tests.ui.review.test_review import DOC1, _at, keys, open_review, review_project  # noqa: F401 (fixtures)


def _errors() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets() + [c for w in QApplication.topLevelWidgets()
                                                               for c in w.findChildren(QMessageBox)]
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog"]


@pytest.fixture(params=["file", "server"])
def two_reviews(request, review_project, open_review, tmp_path):
    if request.param == "file":
        yield review_project, open_review(review_project), open_review(review_project)
        return
    url = request.getfixturevalue("pg_url")
    review_project.close()
    copy_project(review_project.path, url)
    first, second = Project.open(url), Project.open(url)
    first.ids = review_project.ids
    try:
        yield first, open_review(first), open_review(second)
    finally:
        first.close()
        second.close()


def test_a_gold_span_changed_in_another_review_window_is_not_overwritten(two_reviews):
    project, first, second = two_reviews
    ids = project.ids
    start, end = _at(DOC1, "الطريق الرئيسي")
    for window in (first, second):
        window.controller.open_document(ids["d1"])
    first.view.select_range(start, end)
    keys(first.view, Qt.Key_1)  # first draws a gold span
    second.controller.open_document(ids["d1"])  # second sees it (version 1)
    row = next(r for r in second.controller.gold_index.spans.values() if r[3] == start)
    first.controller.select(next(r for r in first.controller.gold_index.spans.values() if r[3] == start))
    first.controller.move_edge("start", 1, "word")  # first moves its start a word on
    moved = project.span(row[0])
    assert moved.start > start
    second.controller.select(row)
    second.controller.delete_gold()  # made against version 1: refused
    QApplication.processEvents()
    assert project.span(row[0]).start == moved.start  # still there, as first left it
    assert any("someone else" in text for text in _errors())
    assert second.controller.gold_index.spans[row[0]][3] == moved.start  # shown as it is now
    assert second.controller.stack.count() == 0
    second.controller.select(second.controller.gold_index.spans[row[0]])
    assert second.controller.delete_gold()  # now current: it may
    with pytest.raises(Exception):
        project.span(row[0])
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()
