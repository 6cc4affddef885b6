"""Suggestions painted as ghosts: a dashed outline in the label's colour around the glyphs, no
tint, so a suggestion never looks like a span anyone made (own spans are tinted with a solid
line under, other coders' dotted lines under). The current suggestion's outline is thicker.

Painted through the view's ``overlays`` from the glyph geometry of each paragraph (like every span,
never as character formats); looking up what to paint is a bisection over the suggestions sorted
by start, so 5,000 suggestions cost what the visible ones cost. Before the controller has read the
whole document's, the first paint asks it for the visible range's alone (``controller.shown``).
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen

GHOST_WIDTH = 1.2
CURRENT_WIDTH = 2.4


class GhostPainter:
    def __init__(self, controller, view) -> None:
        self.controller, self.view = controller, view
        self._starts: list[int] = []
        self._rows: list = []
        self._longest = 0
        self._pens: dict[tuple[int, bool], QPen] = {}
        view.overlays.append(self)
        controller.changed.connect(self.reset)

    def reset(self) -> None:
        self._rows, self._starts, self._longest = [], [], 0
        self._pens.clear()
        self.view.viewport().update()

    def _rows_for(self, lo: int, hi: int) -> list:
        rows = self.controller.shown(lo, hi)
        if rows is not self._rows:
            self._rows = rows
            self._starts = [s.start for s in rows]
            self._longest = max((s.end - s.start for s in rows), default=0)
        return rows

    def _pen(self, label_id: int, current: bool) -> QPen:
        pen = self._pens.get((label_id, current))
        if pen is None:
            color = self.view.highlighter.colors.get(label_id) or QColor("#888888")
            pen = QPen(QColor(color).darker(110), CURRENT_WIDTH if current else GHOST_WIDTH, Qt.DashLine)
            pen.setDashPattern([3.0, 2.0])
            self._pens[(label_id, current)] = pen
        return pen

    def visible(self, lo: int, hi: int):
        self._rows_for(lo, hi)
        i = bisect_left(self._starts, lo - self._longest)
        for s in self._rows[i:]:
            if s.start >= hi:
                break
            if s.end > lo:
                yield s

    def __call__(self, painter, para, block: int, lines: range) -> None:
        if not lines or not self._rows_for(para.start, para.end + 1):
            return
        first, last = para.boxes(lines.start), para.boxes(lines.stop - 1)
        current = self.controller.current
        painter.setBrush(Qt.NoBrush)
        for s in self.visible(first.lo, max(last.hi, first.lo + 1)):
            painter.setPen(self._pen(s.label_id, current is not None and current.id == s.id))
            for i, x0, x1 in para.intervals(s.start, s.end, lines):
                top, bottom, _ = para.line_rect(i)
                painter.drawRect(QRectF(x0 + 0.5, top + 1.5, max(1.0, x1 - x0 - 1), bottom - top - 3))
