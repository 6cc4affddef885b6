"""Suggestions in the real window, by keyboard: next, accept, accept with another label, reject,
accept all above a score, undo and redo, each checked in the file through a second connection."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.store import Project
from helpers import fixture_text, key, put_caret

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")


def setup(make_project, open_window):
    project = make_project({"doc": DAMASCUS})
    doc = project.documents()[0].id
    labels = project.labels()
    entity, figure = labels.by_name("entity").id, labels.by_name("figure").id
    first = DAMASCUS.index("دمشق")
    second = DAMASCUS.index("دمشق", first + 10)
    five = DAMASCUS.index("5 مليون")
    with project.transaction() as tx:
        tx.put_suggestions([(doc, first, first + 4, entity, 1.0, "occurrences", None),
                            (doc, second, second + 4, entity, 0.8, "occurrences", None),
                            (doc, five, five + 7, figure, 0.9, "figures", {"low": 5000000, "high": 5000000})])
    window = open_window(project)
    return project, window, doc, (first, second, five), (entity, figure)


def on_disk(project, doc):
    with Project.open(project.path, readonly=True) as other:
        coder = other.coder("rana").id
        spans = [(s.start, s.end, other.labels().by_id(s.label_id).name, (s.provenance or {}).get("suggested_by"),
                  (s.provenance or {}).get("accepted_by")) for s in other.spans(doc, coder)]
        shown = [(s.start, s.end) for s in other.suggestions(doc, coder)]
        return spans, shown


def test_next_accept_undo_redo_by_keyboard(make_project, open_window):
    project, window, doc, (first, second, five), _ = setup(make_project, open_window)
    view = window.view
    key(view, Qt.Key_Down, Qt.AltModifier)  # the first suggestion is selected
    assert view.selection() == (first, first + 4)
    key(view, Qt.Key_Return, Qt.AltModifier)
    spans, shown = on_disk(project, doc)
    assert spans == [(first, first + 4, "entity", "occurrences", "rana")]
    assert (first, first + 4) not in shown and len(shown) == 2
    assert [s.start for s in window.suggest.suggestions] == sorted([second, five])
    key(view, Qt.Key_Z, Qt.ControlModifier)  # undo: the span leaves the file, the suggestion is back
    spans, shown = on_disk(project, doc)
    assert spans == [] and (first, first + 4) in shown
    assert len(window.suggest.suggestions) == 3
    key(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo
    assert on_disk(project, doc)[0] == [(first, first + 4, "entity", "occurrences", "rana")]


def test_reject_is_remembered_and_undone(make_project, open_window):
    project, window, doc, (first, second, five), _ = setup(make_project, open_window)
    view = window.view
    key(view, Qt.Key_Down, Qt.AltModifier)
    key(view, Qt.Key_Down, Qt.AltModifier)  # the second one
    assert view.selection() == (second, second + 4)
    key(view, Qt.Key_Delete, Qt.AltModifier)
    spans, shown = on_disk(project, doc)
    assert spans == [] and (second, second + 4) not in shown and len(shown) == 2
    with Project.open(project.path, readonly=True) as other:
        s = next(x for x in other.suggestions(doc) if x.start == second)
        assert other.rejected_by(s.id) == ["rana"]
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert (second, second + 4) in on_disk(project, doc)[1]


def test_accept_with_another_label_and_accept_all_above_a_score(make_project, open_window):
    project, window, doc, (first, second, five), (entity, figure) = setup(make_project, open_window)
    view = window.view
    last = max(window.suggest.suggestions, key=lambda s: s.start)
    key(view, Qt.Key_Up, Qt.AltModifier)  # previous from the start wraps to the last
    assert view.selection() == (last.start, last.end)
    key(view, Qt.Key_Down, Qt.AltModifier)  # and on to the first
    assert view.selection() == (first, first + 4)
    key(view, Qt.Key_3, Qt.AltModifier)  # Alt + the figure label's key: accept as figure
    spans, _ = on_disk(project, doc)
    assert spans == [(first, first + 4, "figure", "occurrences", "rana")]
    with Project.open(project.path, readonly=True) as other:
        assert other.spans(doc, other.coder("rana").id)[0].provenance["relabelled_from"] == "entity"
    assert window.suggest.accept_all(0.85) == 1  # only the figure (0.9); the other (0.8) stays
    spans, shown = on_disk(project, doc)
    assert (five, five + 7, "figure", "figures", "rana") in spans and shown == [(second, second + 4)]
    key(view, Qt.Key_Z, Qt.ControlModifier)  # one undo takes back the whole accept-all
    spans, shown = on_disk(project, doc)
    assert (five, five + 7) in shown and len(spans) == 1


def test_hover_text_names_label_score_and_source(make_project, open_window):
    project, window, doc, (first, second, five), _ = setup(make_project, open_window)
    tip = window.view.tooltip_for(five + 1)
    assert "figure" in tip and "0.90" in tip and "figures" in tip


def test_next_counts_from_the_caret_after_work_by_hand(make_project, open_window):
    """With the caret past the first suggestion (no selection: after a span made by hand), Alt+Down
    goes to the next one after the caret, not back to the document's first."""
    project, window, doc, (first, second, five), _ = setup(make_project, open_window)
    view = window.view
    put_caret(view, first + 5)
    assert view.selection() is None
    key(view, Qt.Key_Down, Qt.AltModifier)
    after = sorted(p for p in (second, five) if p > first)[0]
    assert view.selection()[0] == after
