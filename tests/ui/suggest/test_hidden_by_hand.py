"""A span the coder makes by hand over a suggestion of its label hides that suggestion at once (its
ghost leaves the screen); removing the span shows it again; a span of another label on exactly
its range hides it too (the store's rule for a suggestion accepted with another label)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers import fixture_text, key

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")
WORD = "دمشق"


def test_a_span_by_hand_hides_the_suggestion_under_it_and_removing_it_shows_it_again(make_project, open_window,
                                                                                   qtbot):
    project = make_project({"doc": DAMASCUS})
    doc = project.documents()[0].id
    labels = project.labels()
    entity = labels.by_name("entity").id
    first = DAMASCUS.index(WORD)
    second = DAMASCUS.index(WORD, first + 10)
    with project.transaction() as tx:
        tx.put_suggestions([(doc, first, first + 4, entity, 0.9, "occurrences", None),
                            (doc, second, second + 4, entity, 0.8, "occurrences", None)])
    window = open_window(project)
    view, controller = window.view, window.suggest
    qtbot.waitUntil(lambda: controller.complete, timeout=5000)
    assert [s.start for s in controller.suggestions] == [first, second]
    view.select_range(first, first + 4)
    key(view, Qt.Key_1)  # entity, by hand
    qtbot.waitUntil(lambda: [s.start for s in controller.suggestions] == [second], timeout=5000)
    assert [(s.start, s.end) for s in project.spans(doc, project.coder("rana").id)] == [(first, first + 4)]
    assert not [s for s in window.suggest.ghosts.visible(first, first + 4)]  # no ghost painted there
    key(view, Qt.Key_Delete)  # the span removed: the suggestion is proposed again
    qtbot.waitUntil(lambda: [s.start for s in controller.suggestions] == [first, second], timeout=5000)
    view.select_range(first, first + 4)
    key(view, Qt.Key_2)  # a claim on exactly its range: decided too (as if accepted with another label)
    qtbot.waitUntil(lambda: [s.start for s in controller.suggestions] == [second], timeout=5000)
    assert controller.suggestions == project.suggestions(doc, project.coder("rana").id)
