"""Driving the document view like a user: points on screen for text offsets, drags, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def stored(project: Project, doc_id: int, coder: str = "rana"):
    """The spans on disk, read through a second, read-only connection to the file."""
    with Project.open(project.path, readonly=True) as other:
        coder_id = other.coder(coder).id
        return [(s.start, s.end, other.labels().by_id(s.label_id).name, s.note)
                for s in other.spans(doc_id, coder_id)]


def glyph(view, pos: int):
    """The pixel truth (``benchmarks.pixel_truth``) of the cluster holding code point ``pos``:
    where its ink is painted, found from its own glyphs drawn alone, never from caret rectangles."""
    from benchmarks.pixel_truth import line_truth

    view.ensure_visible(pos)
    QApplication.processEvents()
    block = view.block_of(pos)
    for number, para, origin in view.visible_paragraphs():
        if number == block:
            line = para.line_of(pos)
            for cluster in line_truth(view, para, origin, line):
                if cluster.start <= pos < cluster.end:
                    if cluster.x1 - cluster.x0 < 1:
                        raise AssertionError(f"the cluster at offset {pos} paints nothing")
                    return cluster
    raise AssertionError(f"offset {pos} is not painted on screen")


def glyph_x(view, pos: int, fraction: float = 0.5) -> float:
    """Viewport x at ``fraction`` across the ink of the cluster at ``pos`` (from its left)."""
    cluster = glyph(view, pos)
    return cluster.x0 + fraction * (cluster.x1 - cluster.x0)


def point_inside(view, pos: int, fraction: float = 0.5) -> QPoint:
    """A viewport point on the painted ink of the cluster holding code point ``pos``."""
    cluster = glyph(view, pos)
    return QPoint(round(cluster.x0 + fraction * (cluster.x1 - cluster.x0)), round(cluster.y))


def drag(view, start: int, end: int, modifiers=Qt.NoModifier) -> None:
    """Press inside the first painted cluster of ``[start, end)``, move, release inside the last."""
    viewport = view.viewport()
    p1, p2 = point_inside(view, start), point_inside(view, end - 1)
    QTest.mousePress(viewport, Qt.LeftButton, modifiers, p1)
    mid = QPoint((p1.x() + p2.x()) // 2, (p1.y() + p2.y()) // 2)
    QTest.mouseMove(viewport, mid)
    QTest.mouseMove(viewport, p2)
    QTest.mouseRelease(viewport, Qt.LeftButton, modifiers, p2)


def click(view, pos: int) -> None:
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, pos))


def double_click(view, pos: int) -> None:
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, pos))


def key(widget, key, modifiers=Qt.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)


def put_caret(view, pos: int) -> None:
    view.select_range(pos, pos)


def message_boxes(words: str = ""):
    """The message boxes on screen whose title or text holds ``words``."""
    from PySide6.QtWidgets import QMessageBox

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
            and words in (w.text() + w.windowTitle())]


def shown_window(qtbot, project: Project, coder: str = "rana", *, poll_ms: int | None = None):
    """A shown MainWindow on ``project`` for ``coder``; on a server, its watch polls every
    ``poll_ms`` (None: stopped, so nothing refreshes behind the test's back)."""
    from annotator.ui.main_window import MainWindow

    window = MainWindow(project, project.coder(coder) or project.ensure_coder(coder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if window.team_watch is not None:
        if poll_ms is None:
            window.team_watch.timer.stop()
        else:
            window.team_watch.timer.setInterval(poll_ms)
    return window


def error_texts(window) -> list[str]:
    """The texts of the error dialogs shown over ``window``."""
    from PySide6.QtWidgets import QMessageBox

    return [box.text() for box in window.findChildren(QMessageBox, "errorDialog")]
