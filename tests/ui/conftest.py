"""Fixtures of the window tests: a real project file and the real main window on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def app(qapp, isolated_settings):
    from annotator.ui.fonts import load_fonts

    load_fonts()
    return qapp


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
    from annotator.ui.main_window import MainWindow

    def make(project: Project, coder: str = "rana"):
        window = MainWindow(project, project.coder(coder) or project.ensure_coder(coder))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.view.setFocus()
        app.processEvents()
        return window

    return make


def stored(project: Project, doc_id: int, coder: str = "rana"):
    """The spans on disk, read through a second, read-only connection to the file."""
    with Project.open(project.path, readonly=True) as other:
        coder_id = other.coder(coder).id
        return [(s.start, s.end, other.labels().by_id(s.label_id).name, s.note)
                for s in other.spans(doc_id, coder_id)]
