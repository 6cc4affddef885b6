"""The review view: the annotation view's document view (same right-to-left settings, fonts and
highlighter, which paints the gold layer as filled tints) plus one lane per coder drawn under each
line: a line in the span's label colour, at the coder's own height and with the coder's own dash
pattern. A QSyntaxHighlighter gives a character only one underline, so the lanes are painted here
over the visible paragraphs only; their x ranges come from the glyph runs of each line, which stay
right where a number or a Latin word sits inside right-to-left text (cursor edges do not).

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
    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self.lane_index.spans:
            return
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.Antialiasing, False)
            self._paint_lanes(painter, event.rect())
        finally:
            painter.end()

    def _paint_lanes(self, painter: QPainter, clip) -> None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = clip.bottom()
        umap = self.umap
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            rows = self.lane_index.in_block(block.blockNumber()) if block.blockNumber() < len(self.lane_index.starts) else []
            if rows and block.isVisible():
                base_cp = self.lane_index.starts[block.blockNumber()]
                base16 = umap.to_utf16(base_cp)
                layout = block.layout()
                for row in sorted(rows, key=lambda r: (r[START], r[END])):
                    lane = self.lane_of.get(row[CODER])
                    if lane is None:
                        continue
                    a = umap.to_utf16(row[START]) - base16
                    b = umap.to_utf16(row[END]) - base16
                    self._paint_row(painter, layout, geometry, row, lane, a, b)
            block = block.next()

    def _paint_row(self, painter, layout, geometry, row, lane: int, a: int, b: int) -> None:
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
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lo, hi = line.textStart(), line.textStart() + line.textLength()
            s, e = max(a, lo), min(b, hi)
            if s >= e:
                continue
            y = geometry.top() + line.y() + line.ascent() + 3 + lane * LANE_GAP
            for x0, x1 in _merged(line, s, e):
                painter.drawLine(QLineF(geometry.left() + x0 + 1, y, geometry.left() + x1 - 1, y))


def _merged(line, start: int, end: int) -> list[tuple[float, float]]:
    """Visual x intervals of ``[start, end)`` (block-relative UTF-16) on one line, touching ones joined."""
    spans = sorted((r.boundingRect().left(), r.boundingRect().right()) for r in line.glyphRuns(start, end - start))
    out: list[list[float]] = []
    for x0, x1 in spans:
        if x1 <= x0:
            continue
        if out and x0 <= out[-1][1] + 0.5:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(x0, x1) for x0, x1 in out]
