"""A new label is offered the next free hotkey; the shortcuts dialog shows every description whole."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from annotator.core.model import LabelSchema
from annotator.ui.bidi import plain


def test_next_free_hotkey_skips_used_and_reserved_keys():
    from annotator.core.model import Label

    schema = LabelSchema([Label(1, "a", "#000000", "1", 1), Label(2, "b", "#000000", "3", 2)])
    assert schema.next_free_hotkey() == "2"
    full = LabelSchema([Label(i, f"l{i}", "#000000", key, i) for i, key in enumerate("1234567890")])
    assert full.next_free_hotkey(reserved="arn") == "b"
    assert LabelSchema([Label(i, f"l{i}", "#000000", k, i) for i, k in
                        enumerate("1234567890abcdefghijklmnopqrstuvwxyz")]).next_free_hotkey() is None


def test_new_label_gets_the_next_free_hotkey(app, make_project, open_window, qtbot):
    from annotator.ui.annotate.label_editor import LabelEditor, NewLabelDialog

    project = make_project({"doc": "ذهب الطالب إلى المدرسة."})
    window = open_window(project)
    editor = LabelEditor(project, window)
    qtbot.addWidget(editor)

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewLabelDialog) and w.isVisible())
        assert dialog.hotkey.text() == "4"  # 1, 2, 3 are entity, claim, figure
        dialog.name.insert("حدث")  # QTest types ASCII only
        QTest.keyClick(dialog.name, Qt.Key_Return)

    QTimer.singleShot(0, fill)
    editor.buttons[editor.tr("&Add…")].click()
    label = project.labels().by_name("حدث")
    assert label is not None and label.hotkey == "4"
    assert plain(editor.list.item(3).text()) == "حدث   [4]"
    # the offered key can be cleared: the next label then has none
    dialog = editor.new_label_dialog()
    assert dialog.hotkey.text() == "5"
    dialog.name.setText("place")
    dialog.hotkey.clear()
    QTimer.singleShot(0, dialog.accept)
    editor.add(dialog)
    assert project.labels().by_name("place").hotkey is None
    QApplication.processEvents()
    # and the main window labels with it at once
    window.view.select_range(0, 3)
    QTest.keyClick(window.view, Qt.Key_4)
    spans = project.spans(project.documents()[0].id)
    assert [(s.start, s.end, s.label_id) for s in spans] == [(0, 3, label.id)]


def test_shortcuts_dialog_shows_every_description_whole(app, make_project, open_window, qtbot):
    from annotator.ui.shortcuts_dialog import ShortcutsDialog

    window = open_window(make_project({"doc": "نص"}))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    metrics = tree.fontMetrics()
    longest = ""
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.isFirstColumnSpanned():
            continue
        for column in (0, 1):
            text = item.text(column)
            needed = metrics.horizontalAdvance(text)
            shown = tree.visualRect(tree.indexFromItem(item, column)).width()
            assert shown >= needed, f"{text!r} is cut off: {shown} px shown of {needed}"
            longest = max(longest, text, key=len)
    assert "Resize mode (F2): move the span's end by a letter / a word" in dialog.texts()
    # and the dialog fits on the screen it opens on
    area = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= area.width() and dialog.frameGeometry().height() <= area.height()
    assert longest
