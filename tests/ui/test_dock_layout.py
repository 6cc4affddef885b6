"""The dock layout is kept per interface direction: Arabic after English is mirrored, English after
Arabic is not, and a layout the user arranged in one direction comes back in that direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget


def _open(project, qtbot):
    from annotator.ui.main_window import MainWindow

    window = MainWindow(project, project.coder("rana"))  # restores the saved layout
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _area(window, key: str):
    return window.dockWidgetArea(window.findChild(QDockWidget, f"dock-{key}"))


def test_each_direction_keeps_its_own_dock_layout(app, make_project, qtbot, tmp_path):
    from annotator.store import Project
    from annotator.ui import i18n

    first = make_project({"مقال": "ذهب الطالب إلى المدرسة."})
    path = first.path
    first.close()

    def session(language: str):
        assert i18n.apply_language(app, language) == language
        return _open(Project.open(path), qtbot)  # the window closes its project when it closes

    try:
        english = session("en")
        assert _area(english, "documents") == Qt.LeftDockWidgetArea
        english.addDockWidget(Qt.LeftDockWidgetArea, english.findChild(QDockWidget, "dock-labels"))  # arranged
        english.close()
        arabic = session("ar")
        assert arabic.isRightToLeft()
        assert _area(arabic, "documents") == Qt.RightDockWidgetArea  # mirrored, not English's layout
        assert _area(arabic, "labels") == Qt.LeftDockWidgetArea
        arabic.close()
        english = session("en")
        assert _area(english, "documents") == Qt.LeftDockWidgetArea  # not Arabic's layout
        assert _area(english, "labels") == Qt.LeftDockWidgetArea  # and the user's arrangement is back
        english.close()
    finally:
        i18n.apply_language(app, "en")
