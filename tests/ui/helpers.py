"""Driving the document view like a user: points on screen for text offsets, drags, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

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


def caret_point(view, pos: int) -> QPoint:
    """Viewport point of Qt's caret for the position before code point ``pos``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(pos))
    return view.cursorRect(cursor).center()


def point_at(view, pos: int) -> QPoint:
    """A viewport point where a click lands on offset ``pos``, as a user aiming at that edge finds it.

    Where the direction changes (an LTR number in RTL text) one logical position has two visual
    edges; the caret's own point may hit the other one, so look a few pixels either side.
    """
    base = caret_point(view, pos)
    for dx in (0, -2, 2, -4, 4, -6, 6, -8, 8, -10, 10, -12, 12):
        point = QPoint(base.x() + dx, base.y())
        if view.position_at(point) == pos:
            return point
    raise AssertionError(f"no point on screen lands on offset {pos}")


def point_inside(view, pos: int) -> QPoint:
    """A viewport point inside the glyph of code point ``pos`` (between its two caret edges)."""
    a, b = caret_point(view, pos), caret_point(view, pos + 1)
    if abs(a.y() - b.y()) > 2:  # the character ends a visual line: step in from its start
        step = -3 if view.document().defaultTextOption().textDirection() == Qt.RightToLeft else 3
        return QPoint(a.x() + step, a.y())
    return QPoint((a.x() + b.x()) // 2, a.y())


def drag(view, start: int, end: int) -> None:
    """Press the mouse at the caret position of ``start``, move, release at that of ``end``."""
    viewport = view.viewport()
    p1, p2 = point_at(view, start), point_at(view, end)
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, p1)
    mid = QPoint((p1.x() + p2.x()) // 2, (p1.y() + p2.y()) // 2)
    QTest.mouseMove(viewport, mid)
    QTest.mouseMove(viewport, p2)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, p2)


def click(view, pos: int) -> None:
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, pos))


def double_click(view, pos: int) -> None:
    QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point_inside(view, pos))


def key(widget, key, modifiers=Qt.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)


def put_caret(view, pos: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(pos))
    view.setTextCursor(cursor)
