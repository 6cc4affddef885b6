"""The review window takes word edges by the annotation window's rule (``annotator.core.tokens``):
drags and double-clicks take whole words without the punctuation next to them, Ctrl+arrows in resize
mode stop where the annotation window stops, Ctrl+Shift+C takes proclitics off and on, and the
"whole words" preference holds here too. Aimed at painted glyphs, never at caret rectangles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.model import DocStatus
from annotator.store.adjudicate import adjudicate
from helpers import point_inside
from tests.ui.annotate.test_coder_day import _drag_points
from tests.ui.review.test_review import gold, keys, open_review  # noqa: F401 (fixture)

# Written for these tests (no third-party text).
TEXT = "قالت المصادر إن الكتيبة الثانية في الجيش تقدمت نحو مكافحة الإرهاب، وبالمدينة «الجديدة» (36 طنا) أمس."


@pytest.fixture
def words_project(make_project):
    project = make_project({"news": TEXT}, coder=None)
    labels = {label.name: label.id for label in project.labels()}
    doc = project.documents()[0].id
    for name in ("rana", "omar"):
        coder = project.ensure_coder(name)
        project.add_span(doc, coder.id, labels["entity"], TEXT.index("المصادر"), TEXT.index("المصادر") + 7)
        project.set_status(doc, coder.id, DocStatus.DONE)
    adjudicate(project, ["rana", "omar"])
    project.doc = doc
    return project


def _drawn(project) -> list[str]:
    return sorted(TEXT[s:e] for s, e, *_ in gold(project, project.doc))


def test_a_drag_inside_words_draws_the_whole_words_and_leaves_punctuation_out(words_project, open_review):
    w = open_review(words_project)
    view = w.view
    a, b = TEXT.index("الكتيبة"), TEXT.index("في الجيش")
    _drag_points(view, point_inside(view, a + 3), point_inside(view, b + 1))
    keys(view, Qt.Key_1)
    e = TEXT.index("الإرهاب")
    _drag_points(view, point_inside(view, e + 2), point_inside(view, e + len("الإرهاب")))  # onto the comma
    keys(view, Qt.Key_1)
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, TEXT.index("الجديدة") + 2))
    keys(view, Qt.Key_1)
    assert _drawn(words_project) == sorted(["المصادر", "الكتيبة الثانية في", "الإرهاب", "الجديدة"])


def test_ctrl_arrows_in_resize_mode_stop_before_punctuation_as_in_the_annotation_window(words_project, open_review):
    w = open_review(words_project)
    c, view = w.controller, w.view
    start = TEXT.index("مكافحة")
    view.select_range(start, start + len("مكافحة"))
    keys(view, Qt.Key_1)
    c.select(next(r for r in c.gold_index.spans.values() if r[3] == start))
    keys(view, Qt.Key_F2)
    keys(view, Qt.Key_Left, Qt.ControlModifier)  # the end, one word forward (right to left: Left)
    assert "مكافحة الإرهاب" in _drawn(words_project)  # not "مكافحة الإرهاب،" (the old rule took the comma)
    keys(view, Qt.Key_Left, Qt.ControlModifier)
    assert "مكافحة الإرهاب، وبالمدينة" in _drawn(words_project)
    keys(view, Qt.Key_Left, Qt.ControlModifier)
    assert "مكافحة الإرهاب، وبالمدينة «الجديدة" in _drawn(words_project)  # not the closing quote: its pair is out


def test_the_clitic_key_cycles_a_gold_span_and_a_selection(words_project, open_review):
    w = open_review(words_project)
    c, view = w.controller, w.view
    word = TEXT.index("وبالمدينة")
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, word + 3))
    keys(view, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)  # the selection first
    assert TEXT[slice(*view.selection())] == "المدينة"
    keys(view, Qt.Key_1)
    c.select(next(r for r in c.gold_index.spans.values() if r[3] == word + 2))
    seen = []
    for _ in range(3):
        keys(view, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
        seen.append(next(s for s in _drawn(words_project) if s.endswith("مدينة")))
    assert seen == ["مدينة", "وبالمدينة", "المدينة"]


def test_the_whole_words_preference_holds_in_the_review_window(words_project, open_review):
    from annotator.ui import settings

    settings.set_snap_to_words(False)
    try:
        w = open_review(words_project)
        view = w.view
        a, b = TEXT.index("الكتيبة"), TEXT.index("في الجيش")
        _drag_points(view, point_inside(view, a + 3), point_inside(view, b))
        assert TEXT[slice(*view.selection())] == TEXT[a + 3:b + 1]  # letters, from cluster to cluster
    finally:
        settings.set_snap_to_words(True)
