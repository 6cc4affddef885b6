"""The coder's day (issue 13): exact word boundaries and a keyboard flow without traps, through the
real window driven by mouse and keys (aimed at painted glyphs)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from annotator.core.model import DocStatus
from helpers import click, fixture_text, key, point_inside, put_caret, stored

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")
FARASA = fixture_text("text/farasa_excerpt.txt")
NEWS = "قالت المصادر إن الكتيبة الثانية في الجيش تقدمت نحو مكافحة الإرهاب، وبالمدينة «الجديدة» (36 طنا) أمس."


def _setup(make_project, open_window, text, **docs):
    project = make_project({"doc": text, **docs})
    window = open_window(project)
    return project, window, project.documents()[0].id


def _drag_points(view, p1: QPoint, p2: QPoint, modifiers=Qt.NoModifier) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, modifiers, p1)
    QTest.mouseMove(viewport, QPoint((p1.x() + p2.x()) // 2, (p1.y() + p2.y()) // 2))
    QTest.mouseMove(viewport, p2)
    QTest.mouseRelease(viewport, Qt.LeftButton, modifiers, p2)


def test_a_drag_from_inside_one_word_to_inside_another_stores_exactly_the_whole_words(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, NEWS)
    a, b = NEWS.index("الكتيبة"), NEWS.index("في الجيش")
    _drag_points(window.view, point_inside(window.view, a + 3), point_inside(window.view, b + 1))
    key(window.view, Qt.Key_1)
    ((start, end, _label, _note),) = stored(project, doc)
    assert NEWS[start:end] == "الكتيبة الثانية في"


def test_punctuation_next_to_a_word_stays_out_of_drags_double_clicks_and_word_keys(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    w = NEWS.index("الإرهاب")
    _drag_points(view, point_inside(view, w + 2), point_inside(view, w + len("الإرهاب")))  # onto the comma
    assert NEWS[slice(*view.selection())] == "الإرهاب"
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, NEWS.index("الجديدة") + 2))
    assert NEWS[slice(*view.selection())] == "الجديدة"  # not the quotes
    put_caret(view, w)
    key(view, Qt.Key_Left, Qt.ControlModifier | Qt.ShiftModifier)  # right to left: forward one word
    assert NEWS[slice(*view.selection())] == "الإرهاب"  # the comma of الإرهاب، stays out
    comma = NEWS.index("،")
    view.select_range(comma, comma + 1)  # selected alone, punctuation is kept
    key(view, Qt.Key_1)
    assert [(s, e) for s, e, *_ in stored(project, doc)] == [(comma, comma + 1)]


def test_ctrl_held_while_dragging_selects_letters_and_the_preference_turns_snapping_off(make_project, open_window):
    from annotator.ui import settings

    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    a = NEWS.index("الكتيبة")
    _drag_points(view, point_inside(view, a + 2), point_inside(view, a + 4), Qt.ControlModifier)
    assert view.selection() == (a + 2, a + 5)
    view.clear_selection()
    settings.set_snap_to_words(False)
    again = open_window(project)
    assert again.view.snap_to_words is False
    _drag_points(again.view, point_inside(again.view, a + 2), point_inside(again.view, a + 4))
    assert again.view.selection() == (a + 2, a + 5)
    settings.set_snap_to_words(True)


def test_fifty_rounds_of_move_by_word_select_a_word_press_1_store_fifty_one_word_spans(make_project, open_window):
    text = DAMASCUS + "\n" + FARASA
    project, window, doc = _setup(make_project, open_window, text)
    view = window.view
    put_caret(view, 0)
    for _ in range(50):
        key(view, Qt.Key_Left, Qt.ControlModifier)  # right to left: Left goes forward
        key(view, Qt.Key_Left, Qt.ControlModifier)
        key(view, Qt.Key_Left, Qt.ControlModifier | Qt.ShiftModifier)
        key(view, Qt.Key_1)
    spans = stored(project, doc)
    assert len(spans) == 50
    for start, end, label, _note in spans:
        word = text[start:end]
        assert word and not any(ch.isspace() for ch in word), word
        assert not (word[0] in "،,.:؛«»()\"" or word[-1] in "،,.:؛«»()\""), word
        assert label == "entity"


def test_the_clitic_key_takes_the_proclitics_off_and_on(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    w = NEWS.index("وبالمدينة")
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, w + 3))
    key(view, Qt.Key_1)
    seen = [NEWS[slice(*stored(project, doc)[0][:2])]]
    for _ in range(3):
        key(view, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
        seen.append(NEWS[slice(*stored(project, doc)[0][:2])])
    assert seen == ["وبالمدينة", "المدينة", "مدينة", "وبالمدينة"]
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert NEWS[slice(*stored(project, doc)[0][:2])] == "مدينة"


def test_after_a_label_key_word_motion_moves_the_caret_and_resizing_is_its_own_mode(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    w = NEWS.index("الكتيبة")
    view.select_range(w, w + len("الكتيبة"))
    key(view, Qt.Key_1)
    key(view, Qt.Key_Left, Qt.ControlModifier | Qt.ShiftModifier)  # a new selection, not a resize
    assert stored(project, doc)[0][:2] == (w, w + len("الكتيبة"))
    assert NEWS[slice(*view.selection())] == "الثانية"
    view.clear_selection()
    click(view, w + 2)  # select the span, then F2: the arrows move its edges
    key(view, Qt.Key_F2)
    assert view.resizing
    key(view, Qt.Key_Left, Qt.ControlModifier)  # end: one word forward
    assert stored(project, doc)[0][:2] == (w, NEWS.index(" في"))
    key(view, Qt.Key_Right)  # end: one letter back
    key(view, Qt.Key_Left, Qt.ShiftModifier)  # start: one letter forward
    assert stored(project, doc)[0][:2] == (w + 1, NEWS.index(" في") - 1)
    key(view, Qt.Key_Return)
    assert not view.resizing
    key(view, Qt.Key_Left)  # the caret moves; the span stays
    assert stored(project, doc)[0][:2] == (w + 1, NEWS.index(" في") - 1)


def test_page_keys_scroll_and_ctrl_page_keys_change_documents(make_project, open_window):
    long_text = "\n".join([DAMASCUS] * 12)
    project, window, doc = _setup(make_project, open_window, long_text, other=FARASA)
    view, bar = window.view, window.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    key(view, Qt.Key_PageDown)
    after_page = bar.value()
    assert after_page > 0 and window.editor.doc_id == doc
    key(view, Qt.Key_Space)
    assert bar.value() > after_page
    key(view, Qt.Key_PageUp)
    key(view, Qt.Key_Space, Qt.ShiftModifier)
    assert bar.value() < after_page
    key(view, Qt.Key_PageDown, Qt.ControlModifier)
    assert window.editor.doc_id == project.documents()[1].id
    key(view, Qt.Key_PageUp, Qt.ControlModifier)
    assert window.editor.doc_id == doc


def test_keys_go_to_the_next_and_previous_span_and_span_of_a_label(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    words = ["المصادر", "الكتيبة", "الجيش", "مكافحة", "الإرهاب"]
    for word, label in zip(words, (Qt.Key_1, Qt.Key_2, Qt.Key_1, Qt.Key_2, Qt.Key_1)):
        s = NEWS.index(word)
        view.select_range(s, s + len(word))
        key(view, label)
    put_caret(view, 0)
    window.editor.select_span(None)
    seen = []
    for _ in range(6):
        key(view, Qt.Key_Down, Qt.ControlModifier)
        seen.append(NEWS[window.editor.selected[3]:window.editor.selected[4]])
    assert seen == words + words[:1]  # wraps around
    key(view, Qt.Key_Up, Qt.ControlModifier)
    assert NEWS[window.editor.selected[3]:window.editor.selected[4]] == "الإرهاب"
    key(view, Qt.Key_Down, Qt.ControlModifier | Qt.ShiftModifier)  # the next entity: wraps to المصادر
    assert NEWS[window.editor.selected[3]:window.editor.selected[4]] == "المصادر"
    key(view, Qt.Key_Down, Qt.ControlModifier | Qt.ShiftModifier)
    assert NEWS[window.editor.selected[3]:window.editor.selected[4]] == "الجيش"


def test_the_span_list_marks_spans_with_a_note(make_project, open_window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    project, window, doc = _setup(make_project, open_window, NEWS)
    view = window.view
    for word in ("الكتيبة", "الجيش"):
        s = NEWS.index(word)
        view.select_range(s, s + len(word))
        key(view, Qt.Key_1)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("a note", True)))
    key(view, Qt.Key_E, Qt.ControlModifier)  # the note goes on the selected span: الجيش
    model = window.spans.model_
    where = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert [w.endswith("✎") for w in where] == [False, True]


def test_focus_is_in_the_text_when_the_window_opens(app, make_project, qtbot):
    from annotator.ui.main_window import MainWindow

    project = make_project({"doc": NEWS})
    window = MainWindow(project, project.coder("rana"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: app.focusWidget() is window.view)
    QTest.keyClick(app.focusWidget(), Qt.Key_A)  # a key typed now does not go into the document filter
    assert window.documents.filter_edit.text() == ""


def test_the_window_reopens_where_the_coder_left_off(make_project, open_window):
    long_text = "\n".join([DAMASCUS] * 12)
    project = make_project({"one": FARASA, "two": long_text})
    two = project.documents()[1].id
    window = open_window(project)
    window.open_document(two)
    pos = long_text.index("دمشق", len(long_text) // 2)
    window.view.scroll_to_top(pos)
    top = window.view.top_offset()
    window.close()
    again = open_window(project)
    assert again.editor.doc_id == two
    assert again.view.top_offset() == top and again.view.verticalScrollBar().value() > 0


def test_progress_counts_and_bar_follow_the_coders_statuses(make_project, open_window):
    project = make_project({"a": "نص أول", "b": "نص ثان", "c": "نص ثالث", "d": "نص رابع"})
    ids = [d.id for d in project.documents()]
    coder = project.coder("rana").id
    project.set_status(ids[0], coder, DocStatus.DONE)
    project.set_status(ids[1], coder, DocStatus.IN_PROGRESS)
    window = open_window(project)
    progress = window.progress
    assert "done 1 · in progress 1 · new 2" in progress.counts.text()
    assert (progress.bar.value(), progress.bar.maximum()) == (1, 4)
    window.open_document(ids[1])
    key(window.view, Qt.Key_Return, Qt.ControlModifier)  # mark done
    assert "done 2 · in progress 0 · new 2" in progress.counts.text() and progress.bar.value() == 2


def test_other_coders_spans_come_with_a_legend_of_names_and_styles(make_project, open_window):
    from annotator.ui.annotate.status_widgets import other_style

    project = make_project({"doc": NEWS})
    doc = project.documents()[0].id
    label = project.labels().by_name("entity").id
    for name, word in (("omar", "الكتيبة"), ("layla", "الجيش")):
        coder = project.ensure_coder(name)
        s = NEWS.index(word)
        project.add_span(doc, coder.id, label, s, s + len(word))
    window = open_window(project)
    assert window.legend.isHidden()
    window.actions_["others"].trigger()
    legend = window.legend
    assert not legend.isHidden()
    assert [name for name, _ in legend.entries] == ["omar", "layla"]
    assert [style for _, style in legend.entries] == [other_style(0), other_style(1)]
    window.actions_["others"].trigger()
    assert window.legend.isHidden()
