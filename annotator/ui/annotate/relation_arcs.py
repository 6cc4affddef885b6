"""Relations drawn over the text (issue 16): an arc above the lines from each head span to its child,
with an arrowhead at the child and the type's name at the top of the arc, in the type's colour.

A transparent widget laid over the document view's viewport (mouse events pass through it) that
asks the view where spans are painted (``visible_paragraphs``, the paragraphs' ``intervals`` and
``line_rect``: the same geometry the span painter uses), so it changes nothing in the view. An end
that is off screen is drawn to the edge of the view, above or below. While a child is being picked,
the relation it would make is drawn dashed and the candidate gets a frame.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from annotator.ui.annotate.span_index import END, START

ARC_WIDTH = 1.6
RISE = 14.0  # pixels an arc rises above the higher of its two ends' lines


class RelationArcs(QWidget):
    def __init__(self, view, relations) -> None:
        super().__init__(view.viewport())
        self.view, self.relations = view, relations
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.NoFocus)
        self.visible_ = True
        self._sync_size()
        view.viewport().installEventFilter(self)
        relations.changed.connect(self.update)
        relations.pickingChanged.connect(self.update)
        self.show()

    def set_shown(self, on: bool) -> None:
        self.visible_ = bool(on)
        self.update()

    def _sync_size(self) -> None:
        self.setGeometry(self.view.viewport().rect())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            self._sync_size()
        # No update() on the viewport's paints: a child over a repainted region is repainted with it
        # (scrolls, spans), and asking again from a paint would repaint forever.
        return False

    # -- geometry ---------------------------------------------------------------------------------
    def _anchor(self, shown, row) -> QPointF | None:
        """Where an arc meets span ``row``: the middle of its first painted piece, at the top of its
        line; off screen: the top or bottom edge of the view, None when its paragraph is unknown."""
        start, end = row[START], row[END]
        for _block, para, origin in shown:
            if para.start <= start <= para.end:
                pieces = para.intervals(start, end)
                if not pieces:
                    return None
                line, x0, x1 = pieces[0]
                top = para.line_rect(line)[0]
                return QPointF(origin.x() + (x0 + x1) / 2, origin.y() + top + 1)
        if not shown:
            return None
        if start < shown[0][1].start:
            return QPointF(self.width() / 2, -RISE)
        return QPointF(self.width() / 2, self.height() + RISE)

    def _frame(self, shown, row) -> list[QRectF]:
        out = []
        for _block, para, origin in shown:
            if para.start <= row[START] <= para.end or para.start < row[END] <= para.end:
                for line, x0, x1 in para.intervals(max(row[START], para.start), min(row[END], para.end)):
                    top, bottom, _ = para.line_rect(line)
                    out.append(QRectF(origin.x() + x0 - 1, origin.y() + top, x1 - x0 + 2, bottom - top))
        return out

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.visible_:
            return
        relations = self.relations
        spans = relations.editor.index.spans
        drawn = [(spans.get(r.head_id), spans.get(r.child_id), relations.type_by_id(r.type_id), False)
                 for r in relations.sorted_rows()]
        picking = relations.picking
        if picking is not None and picking.child is not None:
            drawn.append((picking.head, picking.child, picking.rtype, True))
        if not drawn:
            return
        shown = self.view.visible_paragraphs()
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.Antialiasing)
            font = QFont(self.font())
            font.setPointSizeF(max(7.0, self.view.point_size * 0.55))
            painter.setFont(font)
            metrics = QFontMetricsF(font)
            for head, child, rtype, tentative in drawn:
                if head is None or child is None or rtype is None:
                    continue
                a, b = self._anchor(shown, head), self._anchor(shown, child)
                if a is None or b is None or (a.y() < 0 and b.y() < 0) or (
                        a.y() > self.height() and b.y() > self.height()):
                    continue
                color = QColor(rtype.color)
                if tentative:
                    for rect in self._frame(shown, child):
                        painter.setPen(QPen(color, 2.0, Qt.DashLine))
                        painter.setBrush(Qt.NoBrush)
                        painter.drawRect(rect)
                self._arc(painter, a, b, color, rtype.name, metrics, tentative)
        finally:
            painter.end()

    def _arc(self, painter, a: QPointF, b: QPointF, color: QColor, name: str, metrics, tentative: bool) -> None:
        top = min(a.y(), b.y()) - RISE - min(18.0, abs(a.x() - b.x()) / 40)
        path = QPainterPath(a)
        path.cubicTo(QPointF(a.x(), top), QPointF(b.x(), top), b)
        pen = QPen(color, ARC_WIDTH, Qt.DashLine if tentative else Qt.SolidLine)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        # the arrowhead at the child, along the curve's last direction
        tip, before = path.pointAtPercent(1.0), path.pointAtPercent(0.93)
        angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
        head = QPolygonF([tip] + [QPointF(tip.x() - 7 * math.cos(angle + s), tip.y() - 7 * math.sin(angle + s))
                                  for s in (0.45, -0.45)])
        painter.setBrush(color)
        painter.setPen(Qt.NoPen)
        painter.drawPolygon(head)
        painter.setBrush(Qt.NoBrush)
        # the type's name on a light plate at the top of the arc
        mid = path.pointAtPercent(0.5)
        width = metrics.horizontalAdvance(name) + 6
        plate = QRectF(mid.x() - width / 2, mid.y() - metrics.height() / 2, width, metrics.height())
        painter.fillRect(plate, QColor(255, 255, 255, 210))
        painter.setPen(color.darker(130))
        painter.drawText(plate, Qt.AlignCenter, name)

