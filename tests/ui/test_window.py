"""The window around the text: fonts, bidi, panels, settings, coders, labels, import, errors, screenshot."""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDropEvent, QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import DocStatus
from annotator.ui.bidi import plain
from helpers import fixture_text, glyph_x, key

DAMASCUS = fixture_text("ui/aqmar_damascus.txt")


def test_the_bundled_naskh_font_is_really_used(make_project, open_window):
    window = open_window(make_project({"doc": DAMASCUS}))
    assert QFontInfo(window.view.font()).family() == "Noto Naskh Arabic"


def test_view_is_right_to_left_and_mixed_direction_phrases_read_in_order(make_project, open_window):
    """In a right-to-left paragraph: "F-35" keeps F left of 35; "80 ألف باوند (36 طنا)" puts 80
    right of ألف, and 36 right of طنا inside the brackets."""
    text = "مقاتلة أميركية من طراز F-35، أرشيف\nاستخدم في الغارات 80 ألف باوند (36 طنا) من الذخيرة."
    window = open_window(make_project({"doc": text}))
    view = window.view
    assert view.layoutDirection() == Qt.RightToLeft
    assert view.option.textDirection() == Qt.RightToLeft

    def x(pos):  # the middle of the letter's painted ink
        return glyph_x(view, pos)

    f = text.index("F-35")
    assert x(f + 1) < x(f + 3)  # inside the LTR run: F- left of 35
    assert x(text.index("مقاتلة")) > x(text.index("أرشيف"))  # first word on the right
    n = text.index("80 ألف")
    assert x(n + 1) > x(text.index("ألف") + 1)  # 80 right of ألف: it comes first
    b = text.index("36 طنا")
    assert x(b + 1) > x(text.index("طنا") + 1)
    first_line_right = max(x(i) for i in range(0, text.index("\n")) if not text[i].isspace())
    assert first_line_right > view.viewport().width() * 0.8  # right-aligned


def test_opening_shows_the_first_unfinished_document_and_the_status_bar(make_project, open_window):
    project = make_project({"a": "نص أول", "b": "نص ثان", "c": "نص ثالث"})
    ids = [d.id for d in project.documents()]
    project.set_status(ids[0], project.coder("rana").id, DocStatus.DONE)
    window = open_window(project)
    assert window.editor.doc_id == ids[1]
    assert "Document 2 of 3" in window._position_label.text()
    assert "rana" in window._coder_label.text()
    documents = window.documents
    assert [documents.cell(d, 2, Qt.ToolTipRole) for d in ids] == ["done", "new", "new"]
    window.documents.status_filter.setCurrentIndex(1)  # not done
    assert window.documents.visible_order() == ids[1:]
    window.documents.filter_edit.setText("c")
    assert window.documents.visible_order() == [ids[2]]


def test_palette_click_applies_a_label_and_counts_it(make_project, open_window):
    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    start = DAMASCUS.index("دمشق")
    window.view.select_range(start, start + 4)
    palette = window.palette_
    palette.picked.emit(palette.item(1).data(Qt.UserRole))
    (span,) = project.spans(project.documents()[0].id)
    assert span.label_id == project.labels().by_name("claim").id
    assert "claim  ·  1" in plain(palette.item(1).text())
    assert window.documents.cell(span.document_id, 3) == 1


def test_zoom_is_remembered(make_project, open_window):
    window = open_window(make_project({"doc": DAMASCUS}))
    size = window.view.point_size
    key(window.view, Qt.Key_Plus, Qt.ControlModifier)
    assert window.view.point_size == size + 1
    window.close()
    again = open_window(make_project({"doc": DAMASCUS}, name="other.annot"))
    assert again.view.point_size == size + 1
    key(again.view, Qt.Key_0, Qt.ControlModifier)
    assert again.view.point_size == size


def test_coder_is_asked_only_when_nothing_names_one(make_project, app, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from annotator.ui import windows as ui_app

    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (asked.append(a) or "layla", True))
    named = make_project({"doc": "نص"}, coder="rana", name="named.annot")
    assert ui_app.coder_name(named, None) == "rana" and not asked
    assert ui_app.coder_name(named, "omar") == "omar" and not asked
    anonymous = make_project({"doc": "نص"}, coder=None, name="anonymous.annot")
    assert ui_app.coder_name(anonymous, None) == "layla" and len(asked) == 1
    assert ui_app.coder_name(anonymous, None) == "layla" and len(asked) == 1  # remembered, not asked again


def test_label_editor_adds_renames_and_asks_before_deleting_a_label_in_use(make_project, open_window):
    from annotator.ui.annotate.label_editor import LabelEditor

    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    window.view.select_range(0, 5)
    key(window.view, Qt.Key_1)
    editor = LabelEditor(project, window)
    dialog = editor.new_label_dialog()
    dialog.name.setText("place")
    QTimer.singleShot(0, dialog.accept)
    editor.add(dialog)
    assert editor.list.count() == 4
    QApplication.processEvents()
    assert "place" in window.palette_.item(3).text()  # the window heard of it
    entity = project.labels().by_name("entity")
    editor.refresh(entity.id)
    answers = []

    def answer(button):
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.Cancel))
    editor.delete()
    assert project.labels().by_name("entity") is not None and "Spans use" in answers[0]
    QTimer.singleShot(0, lambda: answer(QMessageBox.Yes))
    editor.delete()
    assert project.labels().by_name("entity") is None
    assert project.spans(project.documents()[0].id) == []
    editor.move(1)  # moving down the first label now: claim after figure
    assert project.labels().names()[:2] == ["figure", "claim"]


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)


def test_dropping_a_txt_file_imports_it_off_the_ui_thread(make_project, open_window, qtbot, tmp_path):
    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    new = tmp_path / "جديد.txt"
    new.write_text("نص جديد مستورد\r\nبسطرين", encoding="utf-8")
    _drop(window, [new])
    qtbot.waitUntil(lambda: window.runner is not None and window.runner.report is not None, timeout=10000)
    assert window.runner.report.documents == 1
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 2, timeout=5000)
    assert any(d.title.startswith("جديد") for d in project.documents())


def test_a_cancelled_import_changes_nothing(make_project, open_window, qtbot, tmp_path):
    from annotator.ui.workers import ImportRunner

    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    files = []
    for i in range(30):
        path = tmp_path / f"f{i}.txt"
        path.write_text(f"نص رقم {i}", encoding="utf-8")
        files.append(path)
    runner = ImportRunner(window, project, files)
    runner.dialog.canceled.emit()  # what the Cancel button emits, pressed before the first file is read
    runner.start()
    qtbot.waitUntil(lambda: runner.error is not None or runner.report is not None, timeout=10000)
    assert runner.report is None and "cancelled" in str(runner.error)
    assert len(project.documents()) == 1  # the one transaction was rolled back


def test_an_unexpected_error_becomes_a_dialog_not_a_traceback(make_project, open_window, qtbot):
    from annotator.ui.errors import install_excepthook

    window = open_window(make_project({"doc": DAMASCUS}))
    old = sys.excepthook
    install_excepthook()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and "boom" in w.text()]
    assert len(boxes) == 1 and "Something unexpected went wrong" in boxes[0].text()
    assert "RuntimeError" in boxes[0].detailedText()
    boxes[0].close()
    window.close()


def test_a_refused_change_is_reported_and_not_put_on_the_undo_stack(make_project, open_window, qtbot):
    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    doc = project.documents()[0].id
    project.remove_document(doc)  # the document vanished under the window (another tool, a merge)
    QApplication.processEvents()
    window.editor.doc_id = doc
    window.view.select_range(0, 5)
    key(window.view, Qt.Key_1)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and "not saved" in w.windowTitle()]
    assert len(boxes) == 1 and "no document with id" in boxes[0].text()
    assert window.editor.stack.count() == 0
    boxes[0].close()


def test_read_only_project_shows_it_and_refuses_edits(make_project, app, qtbot):
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

    project = make_project({"doc": DAMASCUS})
    path = project.path
    project.close()
    with Project.open(path, readonly=True) as readonly:
        window = MainWindow(readonly, readonly.coder("rana"), restore=False)
        qtbot.addWidget(window)
        window.show()
        window.view.select_range(0, 5)
        key(window.view, Qt.Key_1)
        assert readonly.spans(readonly.documents()[0].id) == []
        assert "read-only" in window._saved_label.text()
        window.close()


def test_screenshot_command_renders_the_window(make_project, tmp_path, app):
    from annotator.launcher import main

    project = make_project({"doc": DAMASCUS})
    doc = project.documents()[0].id
    project.add_span(doc, project.coder("rana").id, project.labels().by_name("entity").id, 0, 5)
    path = project.path
    project.close()
    out = tmp_path / "shot.png"
    assert main(["screenshot", str(path), "-o", str(out), "--size", "900x600", "--doc", str(doc)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_hover_and_selected_span_are_marked_apart_from_spans_and_selection(make_project, open_window):
    from PySide6.QtTest import QTest

    from helpers import point_inside

    project = make_project({"doc": DAMASCUS})
    window = open_window(project)
    view = window.view
    start = DAMASCUS.index("ريزون")
    view.select_range(start, start + 5)
    key(view, Qt.Key_1)
    assert [span for span, _color in view.marks().values()] == [(start, start + 5)]  # the new span is selected
    assert "selected" in view.marks()
    window.editor.select_span(None)
    assert view.marks() == {}
    plain = view.viewport().grab().toImage()
    QTest.mouseMove(view.viewport(), point_inside(view, start + 2))
    hover = view.marks()
    assert list(hover) == ["hover"] and hover["hover"][0] == (start, start + 5)
    marked = view.viewport().grab().toImage()
    # the hover is a dark line under the word, painted over what was there
    word = [point_inside(view, p) for p in range(start, start + 5)]
    below = [(p.x(), y) for p in word for y in range(p.y(), p.y() + 30)]
    assert any(marked.pixel(x, y) != plain.pixel(x, y) and QColor(marked.pixel(x, y)).lightness() < 80 for x, y in below)
    QTest.mouseMove(view.viewport(), point_inside(view, DAMASCUS.index("الميلاد")))
    assert view.marks() == {}


def test_choosing_a_row_of_the_document_list_opens_that_document(make_project, open_window):
    project = make_project({"a": "نص أول", "b": "نص ثان", "c": "نص ثالث"})
    window = open_window(project)
    window.documents.setCurrentRow(2)
    assert window.editor.doc_id == project.documents()[2].id
    assert window.view.text == "نص ثالث"


def test_annotator_project_coder_opens_the_window_as_that_coder(make_project, app, monkeypatch):
    from annotator.launcher import main
    from annotator.ui import windows as ui_app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own: undo after the test

    project = make_project({"doc": DAMASCUS}, coder=None)
    path = project.path
    project.close()
    seen = []

    def look_and_close():  # the main window comes after the "Opening…" one has painted
        if not ui_app._windows:
            QTimer.singleShot(50, look_and_close)
            return
        (window,) = ui_app._windows
        seen.append((window.coder.name, window.editor.doc_id, window.windowTitle()))
        window.close()

    QTimer.singleShot(50, look_and_close)
    assert main([str(path), "--coder", "layla"]) == 0
    assert seen and seen[0][0] == "layla" and "layla" in seen[0][2]
    from annotator.store import Project

    with Project.open(path, readonly=True) as reopened:  # the coder was added, the lock released
        assert reopened.coder("layla") is not None
