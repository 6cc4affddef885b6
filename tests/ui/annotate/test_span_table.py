"""The span list keeps up with every change (its texts are made once per row version), and its
painting follows the document view's: the span is drawn in the text first, the list right after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.ui.bidi import plain
from helpers import key

TEXT = "قالت المصادر إن الكتيبة الثانية في الجيش تقدمت نحو المدينة."


def _cells(window) -> list[tuple[str, str, str]]:
    model = window.editor.spans_panel.model_
    return [tuple(plain(model.data(model.index(r, c), Qt.DisplayRole)) for c in range(3))
            for r in range(model.rowCount())]


def test_the_list_changes_with_the_key_and_is_painted_after_the_view(make_project, open_window):
    project = make_project({"doc": TEXT})
    window = open_window(project)
    view, panel = window.view, window.editor.spans_panel
    start = TEXT.index("الكتيبة")
    view.select_range(start, start + 7)
    key(view, Qt.Key_1)
    assert _cells(window) == [("الكتيبة", "entity", f"{start}–{start + 7}")]  # the model at once
    assert not panel.updatesEnabled()  # its painting waits for the view's
    view.viewport().repaint(view.dirty_region())
    assert panel.updatesEnabled()  # the view painted the span: the list paints next
    QApplication.processEvents()
    key(view, Qt.Key_Delete)
    assert _cells(window) == []
    QApplication.processEvents()
    view.viewport().repaint()
    assert panel.updatesEnabled()


def test_a_renamed_label_and_a_new_note_show_in_the_list(make_project, open_window, qtbot, monkeypatch):
    project = make_project({"doc": TEXT})
    window = open_window(project)
    view = window.view
    start = TEXT.index("المدينة")
    view.select_range(start, start + 7)
    key(view, Qt.Key_1)
    QApplication.processEvents()
    assert _cells(window)[0][1] == "entity"
    label = project.labels().by_hotkey("1")
    project.update_label(label.id, name="مكان")
    qtbot.waitUntil(lambda: _cells(window) and _cells(window)[0][1] == "مكان")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("راجع", True))
    window.editor.select_span(window.editor.spans_panel.model_.rows[0])
    window.editor.edit_note()
    assert _cells(window)[0][2].endswith("✎")
