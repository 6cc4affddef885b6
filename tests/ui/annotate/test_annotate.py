"""The real window, driven by mouse and keys: what is stored is exactly the slice the user meant."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocStatus
from helpers import click, double_click, drag, fixture_text, key, put_caret, stored

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")
FARASA = fixture_text("text/farasa_excerpt.txt")
EMOJI = "شاهدنا المباراة 😀⚽ في ملعب 🏟️ دمشق الكبير 👍🏽 أمس.\nوقال المدرب: النتيجة 2-1 عادلة 😀."


def _setup(make_project, open_window, text):
    project = make_project({"doc": text})
    window = open_window(project)
    return project, window, project.documents()[0].id


@pytest.mark.parametrize("text,phrase", [
    (DAMASCUS, "الزعيم الآرامي ريزون"),
    (DAMASCUS, "5 مليون نسمة"),
    (EMOJI, "ملعب 🏟️ دمشق"),
    (EMOJI, "النتيجة 2-1 عادلة 😀"),
    (FARASA, " ".join(FARASA.split()[5:7])),  # two fully diacritised words
])
def test_mouse_drag_then_key_1_stores_exactly_the_dragged_slice(make_project, open_window, text, phrase):
    project, window, doc = _setup(make_project, open_window, text)
    start = text.index(phrase)
    end = start + len(phrase)
    drag(window.view, start, end)
    assert window.view.selection() == (start, end)
    key(window.view, Qt.Key_1)
    assert stored(project, doc) == [(start, end, "entity", None)]
    assert text[start:end] == phrase


def test_keyboard_selection_with_shift_arrows_in_rtl_text(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    start = DAMASCUS.index("مملكته")
    put_caret(window.view, start)
    for _ in range(len("مملكته")):
        key(window.view, Qt.Key_Left, Qt.ShiftModifier)  # right to left: the left arrow goes forward
    assert window.view.selection() == (start, start + len("مملكته"))
    key(window.view, Qt.Key_2)
    assert stored(project, doc) == [(start, start + len("مملكته"), "claim", None)]


def test_selection_edges_snap_to_clusters_and_trim_spaces(make_project, open_window):
    """A drag that starts between a letter and its harakat and ends after a space keeps whole
    letters with their marks and leaves the space out."""
    project, window, doc = _setup(make_project, open_window, FARASA)
    word = next(w for w in FARASA.split() if w.startswith("الر\u0651"))  # الرَّسْمِيَّةِ: ر shadda fatha
    start = FARASA.index(word)
    end = start + len(word)
    assert FARASA[end] == " "
    window.view.select_range(start + 4, end + 1)  # between the shadda and the fatha of ر .. past the space
    key(window.view, Qt.Key_3)
    ((s, e, label, _),) = stored(project, doc)
    assert (s, label) == (start + 2, "figure")  # snapped back to ر, the start of its cluster
    assert e == end and FARASA[s:e] == word[2:]


def test_double_click_selects_a_word_without_punctuation(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, EMOJI)
    start = EMOJI.index("عادلة")
    double_click(window.view, start + 2)
    assert window.view.selection() == (start, start + len("عادلة"))
    key(window.view, Qt.Key_1)
    assert stored(project, doc) == [(start, start + len("عادلة"), "entity", None)]


def test_undo_removes_from_the_file_and_redo_restores_it(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    start = DAMASCUS.index("دمشق")
    window.view.select_range(start, start + 4)
    key(window.view, Qt.Key_1)
    (span,) = project.spans(doc)
    key(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert stored(project, doc) == []
    assert span.id not in window.editor.index.spans
    key(window.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored(project, doc) == [(start, start + 4, "entity", None)]
    assert project.spans(doc)[0].id == span.id  # redo brings back the same span
    key(window.view, Qt.Key_Z, Qt.ControlModifier)
    key(window.view, Qt.Key_Y, Qt.ControlModifier)
    assert stored(project, doc) == [(start, start + 4, "entity", None)]


def test_click_selects_a_span_another_key_relabels_delete_removes(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    start = DAMASCUS.index("ريزون")
    window.view.select_range(start, start + 5)
    key(window.view, Qt.Key_1)
    window.editor.select_span(None)
    click(window.view, start + 2)
    assert window.editor.selected is not None and window.editor.selected[3] == start
    key(window.view, Qt.Key_3)
    assert stored(project, doc) == [(start, start + 5, "figure", None)]
    key(window.view, Qt.Key_Delete)
    assert stored(project, doc) == []
    key(window.view, Qt.Key_Z, Qt.ControlModifier)  # undo the delete
    assert stored(project, doc) == [(start, start + 5, "figure", None)]
    key(window.view, Qt.Key_Z, Qt.ControlModifier)  # undo the relabel
    assert stored(project, doc) == [(start, start + 5, "entity", None)]


def test_edge_keys_move_by_character_and_by_word(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    start = DAMASCUS.index("الزعيم الآرامي")
    window.view.select_range(start, start + len("الزعيم"))
    key(window.view, Qt.Key_1)
    view = window.view
    key(view, Qt.Key_F2)  # resize mode: the arrows move the new span's edges
    key(view, Qt.Key_Left, Qt.ControlModifier)  # end: one word forward
    assert stored(project, doc)[0][:2] == (start, start + len("الزعيم الآرامي"))
    key(view, Qt.Key_Right)  # end: one character back
    assert stored(project, doc)[0][:2] == (start, start + len("الزعيم الآرامي") - 1)
    key(view, Qt.Key_Left, Qt.ShiftModifier)  # start: one character forward
    assert stored(project, doc)[0][:2] == (start + 1, start + len("الزعيم الآرامي") - 1)
    key(view, Qt.Key_Z, Qt.ControlModifier)
    assert stored(project, doc)[0][:2] == (start, start + len("الزعيم الآرامي") - 1)


def test_edge_key_moves_a_whole_cluster_in_diacritised_text(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, FARASA)
    word = "تَرْشِيحَاتِ"
    start = FARASA.index(word)
    window.view.select_range(start, start + 2)  # تَ
    key(window.view, Qt.Key_1)
    key(window.view, Qt.Key_F2)
    key(window.view, Qt.Key_Left)  # resize mode: the end one letter forward
    assert stored(project, doc)[0][:2] == (start, start + 4)  # رْ came with its sukun


def test_note_is_stored_and_undoable(make_project, open_window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    start = DAMASCUS.index("دمشق")
    window.view.select_range(start, start + 4)
    key(window.view, Qt.Key_1)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("العاصمة", True))
    window.editor.edit_note()
    assert stored(project, doc)[0][3] == "العاصمة"
    assert "العاصمة" in window.editor.tooltip(start + 1)
    window.editor.stack.undo()
    assert stored(project, doc)[0][3] is None


def test_find_highlights_every_match_enter_steps_and_a_key_labels_it(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, FARASA)
    key(window.view, Qt.Key_F, Qt.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible()
    bar.edit.setText("الفيلم")  # without harakat: matches the diacritised الْفِيلْمِ
    assert len(bar.matches) >= 2
    assert window.view.highlighter.matches == bar.matches
    first = window.view.selection()
    key(bar.edit, Qt.Key_Return)
    second = window.view.selection()
    assert second != first and second in bar.matches
    assert FARASA[second[0]:second[1]].replace("\u0652", "").replace("\u0650", "").startswith("الفيلم")
    window.view.setFocus()
    key(window.view, Qt.Key_1)
    assert stored(project, doc) == [(*second, "entity", None)]
    key(bar.edit, Qt.Key_Escape)
    assert not bar.isVisible() and window.view.highlighter.matches == []


def test_first_span_marks_in_progress_and_ctrl_enter_marks_done_and_moves_on(make_project, open_window):
    project = make_project({"one": DAMASCUS, "two": FARASA, "three": EMOJI})
    coder = project.coder("rana")
    ids = [d.id for d in project.documents()]
    project.set_status(ids[0], coder.id, DocStatus.DONE)
    window = open_window(project)
    assert window.editor.doc_id == ids[1]  # the first document not done
    window.view.select_range(0, 4)
    key(window.view, Qt.Key_1)
    assert project.status(ids[1], coder.id) == DocStatus.IN_PROGRESS
    key(window.view, Qt.Key_Return, Qt.ControlModifier)
    assert project.status(ids[1], coder.id) == DocStatus.DONE
    assert window.editor.doc_id == ids[2]
    window.actions_["prev"].trigger()
    assert window.editor.doc_id == ids[1]
    window.actions_["next"].trigger()
    assert window.editor.doc_id == ids[2]
    key(window.view, Qt.Key_Left, Qt.AltModifier)
    assert window.editor.doc_id == ids[1]
    window.editor.stack.undo()  # undo "mark done"
    assert project.status(ids[1], coder.id) == DocStatus.IN_PROGRESS


def test_other_coders_spans_are_shown_read_only(make_project, open_window):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    omar = project.ensure_coder("omar")
    start = DAMASCUS.index("دمشق")
    project.add_span(doc, omar.id, project.labels().by_name("claim").id, start, start + 4)
    window.actions_["others"].trigger()
    assert window.editor.show_others
    click(window.view, start + 1)
    assert window.editor.selected[1] == omar.id
    assert "omar" in window.editor.tooltip(start + 1) and "read-only" in window.editor.tooltip(start + 1)
    key(window.view, Qt.Key_Delete)
    assert len(project.spans(doc)) == 1  # not deleted: it is omar's
    key(window.view, Qt.Key_2)
    assert project.spans(doc)[0].label_id == project.labels().by_name("claim").id
    assert stored(project, doc) == []  # nothing was added to rana's layer either


def test_span_list_jumps_and_deletes(make_project, open_window, qtbot):
    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    for word in ("دمشق", "ريزون"):
        start = DAMASCUS.index(word)
        window.view.select_range(start, start + len(word))
        key(window.view, Qt.Key_1)
    model = window.spans.model_
    first, second = sorted((DAMASCUS.index("دمشق"), DAMASCUS.index("ريزون")))
    assert [r[3] for r in model.rows] == [first, second]  # in text order
    from annotator.ui.bidi import plain  # the cell holds the text in a bidi isolate

    assert plain(model.data(model.index(0, 0))) == DAMASCUS[first:first + 5].strip()
    window.spans.jump.emit(model.rows[0][0])
    assert window.editor.selected[0] == model.rows[0][0]
    window.spans.setFocus()
    window.spans.selectRow(0)
    key(window.spans, Qt.Key_Delete)
    assert len(stored(project, doc)) == 1 and model.rowCount() == 1


def test_page_keys_and_next_unfinished_navigate_documents(make_project, open_window):
    project = make_project({"one": DAMASCUS, "two": FARASA, "three": EMOJI})
    ids = [d.id for d in project.documents()]
    window = open_window(project)
    assert window.editor.doc_id == ids[0]
    key(window.view, Qt.Key_PageDown, Qt.ControlModifier)  # PgDn alone scrolls the text
    assert window.editor.doc_id == ids[1]
    key(window.view, Qt.Key_PageUp, Qt.ControlModifier)
    assert window.editor.doc_id == ids[0]
    key(window.view, Qt.Key_Right, Qt.AltModifier)
    assert window.editor.doc_id == ids[1]
    project.set_status(ids[2], project.coder("rana").id, DocStatus.DONE)
    window.reload_documents()
    key(window.view, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.editor.doc_id == ids[0]  # wraps around, skipping the done one


def test_an_undo_the_file_refuses_is_reported_and_the_stack_forgotten(make_project, open_window, qtbot):
    from PySide6.QtWidgets import QApplication, QMessageBox

    project, window, doc = _setup(make_project, open_window, DAMASCUS)
    window.view.select_range(0, 5)
    key(window.view, Qt.Key_1)
    (span,) = project.spans(doc)
    project.remove_span(span.id)  # removed behind the window's back (another tool)
    key(window.view, Qt.Key_Z, Qt.ControlModifier)  # undo the add: the span is no longer there
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and "Could not undo" in w.windowTitle()]
    assert len(boxes) == 1 and "no span with id" in boxes[0].text()
    qtbot.waitUntil(lambda: window.editor.stack.count() == 0)
    assert window.editor.index.spans == {}  # the window shows the file as it is
    boxes[0].close()
