"""Fixtures of the window tests: a real project file and the real main window on it."""

from __future__ import annotations

import pytest

from annotator.store import Project

@pytest.fixture
def app(qapp, isolated_settings):
    """The application as make_app sets it up for English: fonts, and the English catalogue (its
    plural forms: "1 document", "2 documents")."""
    from annotator.ui import i18n
    from annotator.ui.fonts import load_fonts

    load_fonts()
    i18n.apply_language(qapp, "en")
    return qapp


@pytest.fixture
def arabic(app):
    """The Arabic interface (catalogue and right-to-left layout) for the widgets made in the test."""
    from annotator.ui import i18n

    assert i18n.apply_language(app, "ar") == "ar"
    yield app
    i18n.apply_language(app, "en")


@pytest.fixture
def make_project(tmp_path):
    """``make_project({"title": text, ...}, coder="rana")`` -> an open Project (closed after the test)."""
    opened: list[Project] = []

    def make(documents: dict[str, str], coder: str | None = "rana", name: str = "test.annot") -> Project:
        path = tmp_path / name
        project = Project.create(path, coder=coder)
        for title, text in documents.items():
            project.add_document(title, text)
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()


@pytest.fixture
def open_window(app, qtbot):
    """``open_window(project, coder_name)`` -> a shown MainWindow."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from annotator.ui.main_window import MainWindow

    def make(project: Project, coder: str = "rana"):
        window = MainWindow(project, project.coder(coder) or project.ensure_coder(coder))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.view.setFocus()
        app.processEvents()
        # Qt drops a mouse move to the point where the pointer already is, and windows open at the same
        # place test after test: a test that moved onto a word left the pointer there, and the next
        # test's move onto the same word (a hover) reached no widget. Start each window with the
        # pointer on its bottom-right corner, where no test aims.
        QTest.mouseMove(window, QPoint(window.width() - 1, window.height() - 1))
        app.processEvents()
        return window

    return make
