"""The review view: the annotation view (same right-to-left settings, fonts, geometry and span
painting, which paints the gold layer as filled tints) plus one lane per coder drawn under each line:
a line in the span's label colour, at the coder's own height and with the coder's own dash pattern.
The lanes' x ranges come from the same painted cluster boxes as clicks and spans
(``annotator.ui.annotate.text_geometry``), so they sit right where a number or a Latin word is painted inside
right-to-left text.

Spans already decided (in gold, competing with gold, or rejected) are drawn faint; open ones
full; the current candidate thick.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.ui.annotate.document_view import DocumentView
from annotator.ui.annotate.span_index import CODER, END, LABEL, START, SpanIndex

LANE_STYLES = (Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine, Qt.DashDotDotLine)
LANE_GAP = 4.0  # pixels between lanes
LANE_WIDTH = 2.0
FAINT_ALPHA = 110


def lane_style(lane: int):
    return LANE_STYLES[lane % len(LANE_STYLES)]


def lane_y(para, line: int, lane: int) -> float:
    """Paragraph-relative height of a coder lane under line ``line``."""
    top, bottom, baseline = para.line_rect(line)
    return baseline + 3 + lane * LANE_GAP


class ReviewView(DocumentView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lane_index = SpanIndex("")
        self.lane_of: dict[int, int] = {}  # coder id -> lane (0 nearest the text)
        self.colors: dict[int, QColor] = {}
        self.open_keys: set[tuple[int, int, int]] = set()  # (start, end, label id) still open
        self.current: tuple[int, int, int] | None = None  # the candidate in focus

    def set_lanes(self, coder_ids: list[int], rows: list[tuple], colors: dict[int, str]) -> None:
        self.lane_of = {cid: i for i, cid in enumerate(coder_ids)}
        self.lane_index = SpanIndex(self.text, rows)
        self.colors = {k: QColor(v) for k, v in colors.items()}
        self.viewport().update()

    def set_open(self, keys: set[tuple[int, int, int]], current: tuple[int, int, int] | None) -> None:
        self.open_keys, self.current = keys, current
        self.viewport().update()

    # -- painting -----------------------------------------------------------------------------
    def paint_lines(self, painter: QPainter, para, block: int, lines: range) -> None:
        if not self.lane_index.spans or block >= len(self.lane_index.starts):
            return
        rows = self.lane_index.in_block(block)
        if not rows:
            return
        painter.setRenderHint(QPainter.Antialiasing, False)
        for row in sorted(rows, key=lambda r: (r[START], r[END])):
            lane = self.lane_of.get(row[CODER])
            if lane is not None:
                self._paint_row(painter, para, lines, row, lane)

    def _paint_row(self, painter, para, lines, row, lane: int) -> None:
        key = (row[START], row[END], row[LABEL])
        color = QColor(self.colors.get(row[LABEL], QColor("#888888")))
        width = LANE_WIDTH
        if key not in self.open_keys:
            color.setAlpha(FAINT_ALPHA)
        if key == self.current:
            width = LANE_WIDTH + 1.5
        pen = QPen(color, width, lane_style(lane))
        pen.setCapStyle(Qt.FlatCap)
        painter.setPen(pen)
        for i, x0, x1 in para.intervals(row[START], row[END], lines):
            y = lane_y(para, i, lane)
            painter.drawLine(QLineF(x0 + 1, y, x1 - 1, y))
