"""Spans, find matches, the selection and the marked spans, painted over the text from the glyph
geometry (``annotator.ui.annotate.text_geometry``), never formatted into it (DESIGN.md section 3).

The text is laid out once with no character formats, so shaping never changes at a span edge (the
lam-alef of ``الأمراض`` stays one ligature with a span on ``أمراض``), and adding or removing a span
lays out nothing: the view repaints the lines it touches.

Styles: the coder's own spans are a translucent tint of their label's colour behind the glyphs
(overlaps mix) and a line in that colour under the glyphs, each span in its own lane, so nested and crossing
spans stay visible and each span's two edges show. Other coders' spans (read-only) are dotted,
dashed, ... lines (one style per coder, named in the window's legend) in further lanes, no tint. Find matches are yellow behind with an orange line over the text; the
text selection is a grey tint behind; the selected span a strong tint with a frame line over and
under; the hovered span a dark line under the lanes.
"""

from __future__ import annotations

from bisect import bisect_left
import heapq

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from annotator.ui.annotate.span_index import CODER, END, ID, LABEL, START, SpanIndex

TINT_ALPHA = 90  # a label colour at this opacity behind the text: readable, and overlaps show mixed
SELECTED_ALPHA = 150
FIND_BACKGROUND = "#fff176"
FIND_OVERLINE = "#ef6c00"
SELECTION = QColor(40, 44, 52, 72)  # a grey no label colour is, so a selection never looks like a span
LANE_GAP = 3.0  # pixels between underline lanes
LANE_WIDTH = 2.0


def assign_lanes(rows) -> dict[int, int]:
    """Lane per span id so that spans sharing a lane never overlap: by start, longer first, the
    lowest free lane (an interval colouring, stable for a given set of spans). O(n log n) with two
    heaps (lanes busy until their end, free lanes by number): a received file with 200,000 spans
    piled on one word must not freeze the window, as a scan of every lane per span did."""
    lanes: dict[int, int] = {}
    busy: list[tuple[int, int]] = []  # (where the lane's last span ends, lane)
    free: list[int] = []
    count = 0
    for row in sorted(rows, key=lambda r: (r[START], -(r[END] - r[START]), r[ID])):
        while busy and busy[0][0] <= row[START]:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, count = count, count + 1
        heapq.heappush(busy, (row[END], lane))
        lanes[row[ID]] = lane
    return lanes


class SpanPainter:
    """What is drawn over a paragraph; the view calls :meth:`paint_under` and :meth:`paint_over`."""

    def __init__(self) -> None:
        self.index: SpanIndex | None = None
        self.colors: dict[int, QColor] = {}
        self._tints: dict[int, QColor] = {}
        self._pens: dict[tuple, QPen] = {}
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._lanes: dict[int, tuple[dict[int, int], dict[int, int]]] = {}  # block -> (own, others)
        self.on_change = None  # callable(list of (start, end)) set by the view: repaint those
        self.other_styles: dict[int, object] = {}  # coder id -> pen style of their lines (legend)
        self.pending: set[int] = set()  # ids of own spans not saved yet (save_queue): hatched, dashed

    # -- state ------------------------------------------------------------------------------
    def reset(self, index: SpanIndex | None) -> None:
        self.index = index
        self._lanes.clear()
        self.matches, self._match_starts = [], []

    def set_colors(self, colors: dict[int, str]) -> None:
        self.colors = {label_id: QColor(color) for label_id, color in colors.items()}
        self._tints: dict[int, QColor] = {}
        self._pens: dict[tuple, QPen] = {}

    def _tint(self, label_id: int) -> QColor:
        found = self._tints.get(label_id)
        if found is None:
            found = self._tints[label_id] = _alpha(self._color(label_id), TINT_ALPHA)
        return found

    def _pen(self, label_id: int, style) -> QPen:
        found = self._pens.get((label_id, style))
        if found is None:
            found = QPen(self._color(label_id).darker(115), LANE_WIDTH, style)
            found.setCapStyle(Qt.FlatCap)
            self._pens[(label_id, style)] = found
        return found

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        old, self.matches = self.matches, list(matches)
        self._match_starts = [m[0] for m in self.matches]
        if self.on_change is not None:
            self.on_change([*old, *self.matches])

    def refresh_all(self) -> None:
        self._lanes.clear()
        if self.on_change is not None:
            self.on_change(None)

    def forget(self, blocks) -> list[tuple[int, int]]:
        """Spans changed in ``blocks``: recompute their lanes; returns the ranges of spans whose
        lane moved (they must be repainted too)."""
        moved: list[tuple[int, int]] = []
        for b in blocks:
            old = self._lanes.pop(b, None)
            if old is None or self.index is None:
                continue
            new = self.lanes(b)
            for before, after in zip(old, new):
                for span_id, lane in after.items():
                    if before.get(span_id, lane) != lane:
                        row = self.index.spans[span_id]
                        moved.append((row[START], row[END]))
        return moved

    def lanes(self, block: int) -> tuple[dict[int, int], dict[int, int]]:
        found = self._lanes.get(block)
        if found is None:
            rows = self.index.in_block(block) if self.index is not None else []
            mine = self.index.mine if self.index is not None else None
            found = (assign_lanes([r for r in rows if r[CODER] == mine]),
                     assign_lanes([r for r in rows if r[CODER] != mine]))
            self._lanes[block] = found
        return found

    def _color(self, label_id: int) -> QColor:
        return self.colors.get(label_id) or QColor("#888888")

    def _rows(self, block: int, lo: int, hi: int) -> list[tuple]:
        if self.index is None or block >= len(self.index.starts):
            return []
        return [r for r in self.index.in_block(block) if r[START] < hi and r[END] > lo]

    def _matches(self, lo: int, hi: int) -> list[tuple[int, int]]:
        i = bisect_left(self._match_starts, lo)
        if i:
            i -= 1
        out = []
        for s, e in self.matches[i:]:
            if s >= hi:
                break
            if e > lo:
                out.append((s, e))
        return out

    # -- painting -----------------------------------------------------------------------------
    def paint_under(self, painter: QPainter, para, block: int, lines: range, selection, selected) -> None:
        """Tints behind the glyphs: own spans (outer first, so the innermost shows), find matches,
        the selected span, the text selection."""
        lo, hi = _range_of(para, lines)
        mine = self.index.mine if self.index is not None else None
        own = [r for r in self._rows(block, lo, hi) if r[CODER] == mine]
        own.sort(key=lambda r: -(r[END] - r[START]))
        for row in own:
            _fill(painter, para, row[START], row[END], lines, self._tint(row[LABEL]) if row[ID] not in self.pending
                  else QBrush(self._color(row[LABEL]), Qt.BDiagPattern))
        for s, e in self._matches(lo, hi):
            _fill(painter, para, s, e, lines, QColor(FIND_BACKGROUND))
        if selected is not None:
            (s, e), color = selected
            _fill(painter, para, s, e, lines, _alpha(QColor(color or "#555555"), SELECTED_ALPHA))
        if selection is not None:
            _fill(painter, para, selection[0], selection[1], lines, SELECTION)

    def paint_over(self, painter: QPainter, para, block: int, lines: range, selected, hover) -> None:
        """Lines over and under the glyphs: one lane per own span, dotted lanes for other coders'
        spans, the find matches' overline, the selected span's frame, the hover line."""
        lo, hi = _range_of(para, lines)
        rows = self._rows(block, lo, hi)
        own_lanes, other_lanes = self.lanes(block) if rows else ({}, {})
        first_other = max(own_lanes.values(), default=-1) + 1
        mine = self.index.mine if self.index is not None else None
        for row in rows:
            if row[CODER] == mine:
                lane, style = own_lanes.get(row[ID], 0), Qt.DashLine if row[ID] in self.pending else Qt.SolidLine
            else:
                lane = first_other + other_lanes.get(row[ID], 0)
                style = self.other_styles.get(row[CODER], Qt.DotLine)
            _underline(painter, para, row[START], row[END], lines, self._pen(row[LABEL], style),
                       2.0 + lane * LANE_GAP)
        if self.matches:
            pen = QPen(QColor(FIND_OVERLINE), 2.0)
            for s, e in self._matches(lo, hi):
                _overline(painter, para, s, e, lines, pen)
        if selected is not None:
            (s, e), color = selected
            pen = QPen(QColor(color or "#555555").darker(160), 2.0)
            _overline(painter, para, s, e, lines, pen)
            _underline(painter, para, s, e, lines, pen, 0.5)
        if hover is not None:
            depth = max([*own_lanes.values(), *(v + first_other for v in other_lanes.values())], default=0)
            _underline(painter, para, hover[0], hover[1], lines, QPen(QColor("#222222"), 1.0),
                       2.0 + (depth + 1) * LANE_GAP)


def _alpha(color: QColor, alpha: int) -> QColor:
    out = QColor(color)
    out.setAlpha(alpha)
    return out


def _range_of(para, lines: range) -> tuple[int, int]:
    first, last = para.boxes(lines.start), para.boxes(lines.stop - 1)
    return first.lo, max(last.hi, first.lo + 1)


def _fill(painter, para, s, e, lines, color) -> None:
    for i, x0, x1 in para.intervals(s, e, lines):
        top, bottom, _ = para.line_rect(i)
        x0, x1 = round(x0), round(x1)  # whole pixels: two spans side by side meet without a seam
        painter.fillRect(QRectF(x0, top, x1 - x0, bottom - top), color)


def _underline(painter, para, s, e, lines, pen, below: float) -> None:
    """A line ``below`` pixels under the descent of the text (where the lowest marks end)."""
    painter.setPen(pen)
    descent = para.layout.lineAt(0).descent() if para.line_count else 0.0
    for i, x0, x1 in para.intervals(s, e, lines):
        _, bottom, baseline = para.line_rect(i)
        y = min(baseline + descent * 0.5 + below, bottom + para.leading - 1)
        painter.drawLine(QLineF(x0 + 1, y, x1 - 1, y))


def _overline(painter, para, s, e, lines, pen) -> None:
    painter.setPen(pen)
    for i, x0, x1 in para.intervals(s, e, lines):
        top, _, _ = para.line_rect(i)
        painter.drawLine(QLineF(x0, top + 1, x1, top + 1))
