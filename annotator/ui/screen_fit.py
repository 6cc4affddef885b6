"""Windows that fit the screen they open on: a window larger than the available area (a 1366x768
laptop, a panel or a dock taking its share) hides its status bar and edges off-screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 24  # pixels left free around a window that had to shrink (the window frame, a little air)


def available(widget: QWidget) -> QRect | None:
    """The screen area free for windows (without panels and docks) where ``widget`` opens."""
    screen = widget.screen() if widget.screen() is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fitted(wanted: QSize, area: QRect, minimum: QSize | None = None) -> QSize:
    """``wanted``, shrunk to fit ``area`` with a margin (but not below ``minimum``)."""
    width = min(wanted.width(), area.width() - 2 * MARGIN)
    height = min(wanted.height(), area.height() - 2 * MARGIN)
    if minimum is not None:
        width, height = max(width, minimum.width()), max(height, minimum.height())
    return QSize(width, height)


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """Resize ``window`` to ``width`` x ``height``, or to what its screen has room for, and keep its
    frame inside the available area. Returns the size given."""
    area = available(window)
    size = QSize(width, height) if area is None else fitted(QSize(width, height), area, window.minimumSize())
    window.resize(size)
    if area is not None:
        frame = window.frameGeometry()
        x = min(max(frame.x(), area.left()), max(area.left(), area.right() - frame.width()))
        y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() - frame.height()))
        if (x, y) != (frame.x(), frame.y()):
            window.move(x, y)
    return size
