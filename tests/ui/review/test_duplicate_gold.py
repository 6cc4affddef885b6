"""No path of the GUI leaves one coder with the same span twice: drawing, labelling, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.review.test_review import DOC1, _at, gold, keys, open_review, review_project  # noqa: F401 (fixtures)


def _dialogs(name: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == name
            and w.isVisible()]


def test_undo_in_one_review_window_cannot_duplicate_a_span_the_other_drew(review_project, open_review):
    ids = review_project.ids
    start, end = _at(DOC1, "الطريق الرئيسي")
    first, second = open_review(review_project), open_review(review_project)
    first.view.select_range(start, end)
    keys(first.view, Qt.Key_1)
    first.controller.select(next(r for r in first.controller.gold_index.spans.values() if r[3] == start))
    keys(first.view, Qt.Key_Delete)  # first's stack: draw, delete
    second.controller.open_document(ids["d1"])
    second.view.select_range(start, end)
    keys(second.view, Qt.Key_1)  # the other window draws it again
    assert [s[:3] for s in gold(review_project, ids["d1"])].count((start, end, "entity")) == 1
    first.activateWindow()
    first.controller.stack.undo()  # would bring the deleted one back: a second copy
    QApplication.processEvents()
    assert first.controller.stack.count() == 0  # the refused undo emptied the stack, as after any refusal
    assert [s[:3] for s in gold(review_project, ids["d1"])].count((start, end, "entity")) == 1
    errors = _dialogs("errorDialog")
    assert errors and "already has this span" in errors[-1].text()
    for box in errors:
        box.close()


def test_a_label_key_on_a_span_already_there_adds_nothing(app, make_project, open_window):
    from helpers import key, stored

    project = make_project({"doc": "ذهب الطالب إلى المدرسة في دمشق صباحًا."})
    window = open_window(project)
    doc = project.documents()[0].id
    for _ in range(2):
        window.view.select_range(4, 10)
        key(window.view, Qt.Key_1)
    assert stored(project, doc) == [(4, 10, "entity", None)]
