"""Relations drawn over the text (issue 16), in the room between the lines, never across glyphs.

While a document shows relations, the view keeps room under every line (``set_room_between_lines``)
and each relation is drawn in that band above the line of its spans, in its type's colour:

- head and child on one line: an arc up from the head into the band, along it, and down into the
  child with an arrowhead; the type's name on a plate in the middle of the run;
- on two lines (or one end off screen): two half arcs, as brat draws them. From the head, along the
  band above its line to the edge of the text the child lies towards *in reading order* (in
  right-to-left text a later line is reached through the left edge, as the eye goes), where it hooks
  into the margin up or down; into the child, from the opposite edge along the band above the
  child's line. Both plates say the type and, with ↑ or ↓, on which side the other end is.

Runs that share a band are stacked (narrow ones low, as nested arcs are), and the ends that meet at
one span are spread across its width in the order of where they go, so arcs do not cross at their feet.

A transparent widget laid over the document view's viewport (mouse events pass through it) that
asks the view where spans are painted (``visible_paragraphs``, the paragraphs' ``intervals`` and
``line_rect``: the same geometry the span painter uses). Its ``source`` says what to draw:
``drawn()`` gives ``(head row, child row, relation type, tentative)`` tuples and ``changed`` (and
``pickingChanged``, when it has one) say when that changes. While a child is being picked, the
relation it would make is drawn dashed and the candidate gets a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from annotator.ui.annotate.document_view import MARGIN
from annotator.ui.annotate.span_index import END, ID, START

ARC_WIDTH = 1.6
ROOM = 0.5  # room kept under every line while arcs are drawn, a share of the line spacing
GAP = 2.0  # pixels between an arc's run and the top of the line under it
CORNER = 4.0
MIN_STEP = 3.0  # pixels between stacked runs when the band is crowded


@dataclass
class _Foot:
    """Where a run meets a span: the span's painted extent on the run's line; ``x`` once spread."""

    span_id: int
    x0: float
    x1: float
    x: float = 0.0


@dataclass
class _Run:
    """One arc, or one half of an arc, in the band above one line."""

    line: tuple[int, int]  # (block, line)
    top: float  # viewport y of the line's top
    band: float  # height of the room above it
    color: QColor
    text: str
    tentative: bool
    head: _Foot | None  # None: this half starts at the edge
    child: _Foot | None  # None: this half ends at the edge
    edge: float = 0.0  # x of the edge a half run goes to or comes from
    hook: int = 0  # -1 up, +1 down: where the other half is
    tier: int = 0
    y: float = 0.0
    plate: float = 0.0  # width of the name plate
    strength: int = 0  # +1 a relation of the selected span, -1 another one while it has some
    at: float = 0.0  # x of the plate's middle
    ends: list = field(default_factory=list)

    def xs(self) -> tuple[float, float]:
        a = self.head.x if self.head else self.edge
        b = self.child.x if self.child else self.edge
        return a, b


class RelationArcs(QWidget):
    def __init__(self, view, source) -> None:
        super().__init__(view.viewport())
        self.plate_height = 0.0
        self._ink: dict = {}
        self.view, self.source = view, source
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.NoFocus)
        self.visible_ = True
        self._sync_size()
        view.viewport().installEventFilter(self)
        source.changed.connect(self._changed)
        picking = getattr(source, "pickingChanged", None)
        if picking is not None:
            picking.connect(self._changed)
        self._focus = None
        focus = getattr(source, "focusChanged", None)
        if focus is not None:
            focus.connect(self._focus_changed)
        self.show()
        self._changed()

    def set_shown(self, on: bool) -> None:
        self.visible_ = bool(on)
        self._changed()

    def _changed(self) -> None:
        """What is drawn changed: room between the lines while there is something, none otherwise."""
        drawn = self.source.drawn() if self.visible_ else []
        share = ROOM if drawn else 0.0
        if share != self.view.room_between_lines:
            view = self.view
            pos = view.top_offset() if view.text else None
            seen = None if pos is None else self._line_y(pos)
            view.set_room_between_lines(share)
            if seen is not None:  # the line at the top stays where it was on screen (not flush with the edge)
                bar = view.verticalScrollBar()
                bar.setValue(bar.value() + round(self._line_y(pos) - seen))
            tentative = [child for _h, child, _t, maybe in drawn if maybe and child is not None]
            if tentative:  # the lines moved: the candidate being picked stays in sight
                self.view.ensure_visible(tentative[0][START])
        self.update()

    def _focus_changed(self) -> None:
        """Another span selected: repaint only when that changes which arcs stand out (a repaint of
        this layer repaints the view under it, and a plain selection must not cost one)."""
        focus = self.source.focused() if self.visible_ else None
        if focus is not None and not any(focus in (h[ID], c[ID]) for h, c, _t, _m in self.source.drawn() if h and c):
            focus = None
        if focus != self._focus:
            self._focus = focus
            self.update()

    def _line_y(self, pos: int) -> float:
        """Viewport y of the top of the line holding ``pos``."""
        view = self.view
        block = view.block_of(pos)
        para = view.paragraph(block)
        return view.block_top(block) + para.line_rect(para.line_of(pos))[0]

    def _sync_size(self) -> None:
        self.setGeometry(self.view.viewport().rect())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            self._sync_size()
        # No update() on the viewport's paints: a child over a repainted region is repainted with it
        # (scrolls, spans), and asking again from a paint would repaint forever.
        return False

    # -- geometry ---------------------------------------------------------------------------------
    def _place(self, shown, row):
        """``(where, foot)`` of span ``row``: where is ``(block, line, top, band)`` of the line its
        start is painted on, or -1 / +1 when it is above / below the screen (None: unknown)."""
        start, end = row[START], row[END]
        for block, para, origin in shown:
            if para.start <= start <= para.end:
                pieces = para.intervals(start, end)
                if not pieces:
                    return None, None
                line = pieces[0][0]
                xs = [(x0, x1) for i, x0, x1 in pieces if i == line]
                top = origin.y() + para.line_rect(line)[0]
                foot = _Foot(row[ID], origin.x() + min(a for a, _ in xs), origin.x() + max(b for _, b in xs))
                band = para.leading - 2 if block or line else MARGIN - 1  # above the first line: the margin
                return (block, line, top, max(6.0, band)), foot
        if not shown:
            return None, None
        return (-1 if start < shown[0][1].start else 1), None

    def _runs(self, shown, drawn, metrics) -> list[_Run]:
        rtl = self.view.option.textDirection() == Qt.RightToLeft
        right, left = self.width() - MARGIN / 2, MARGIN / 2
        runs: list[_Run] = []
        lo, hi = shown[0][1].start, shown[-1][1].end  # the text on screen: other relations are not drawn
        focus = self.source.focused() if hasattr(self.source, "focused") else None
        linked = focus is not None and any(focus in (h[ID], c[ID]) for h, c, t, _m in drawn if h and c and t)
        for head, child, rtype, tentative in drawn:
            if head is None or child is None or rtype is None:
                continue
            if not (lo <= head[START] <= hi or lo <= child[START] <= hi):
                continue
            strength = 0 if not linked or tentative else (1 if focus in (head[ID], child[ID]) else -1)
            first = len(runs)
            (hw, hf), (cw, cf) = self._place(shown, head), self._place(shown, child)
            if hw is None or cw is None or (hf is None and cf is None):
                continue
            color = QColor(rtype.color)
            if hf is not None and cf is not None and hw[:2] == cw[:2]:
                runs.append(_Run(hw[:2], hw[2], hw[3], color, rtype.name, tentative, hf, cf, strength=strength))
                continue
            later = (child[START], child[END]) > (head[START], head[END])  # the child after the head
            towards_end = (left if rtl else right)
            towards_start = (right if rtl else left)
            if hf is not None:
                up = -1 if (cw == -1 or (cf is not None and cw[2] < hw[2])) else 1
                runs.append(_Run(hw[:2], hw[2], hw[3], color, f"{rtype.name} {'↑' if up < 0 else '↓'}",
                                 tentative, hf, None, towards_end if later else towards_start, up))
            if cf is not None:
                up = -1 if (hw == -1 or (hf is not None and hw[2] < cw[2])) else 1
                runs.append(_Run(cw[:2], cw[2], cw[3], color, f"{rtype.name} {'↑' if up < 0 else '↓'}",
                                 tentative, None, cf, towards_start if later else towards_end, up))
            for run in runs[first:]:
                run.strength = strength
        self._spread(runs)
        ink = {}
        for run in runs:
            run.plate = metrics.horizontalAdvance(run.text) + 6
            ink[run.text] = metrics.tightBoundingRect(run.text)
        # plates as high as their letters (the font's line box, tall for Arabic marks, would not fit)
        self.plate_height = max((r.height() for r in ink.values()), default=0.0) + 4
        self._ink = ink
        self._stack(runs, self.plate_height)
        self._plates(runs, self.width())
        return runs

    @staticmethod
    def _spread(runs: list[_Run]) -> None:
        """The feet meeting one span on one line, spread across its width in the order of where
        their runs go (so that they do not cross)."""
        groups: dict[tuple, list[tuple[float, _Foot]]] = {}
        for run in runs:
            for foot, other in ((run.head, run.child), (run.child, run.head)):
                if foot is None:
                    continue
                goes = run.edge if other is None else (other.x0 + other.x1) / 2
                groups.setdefault((run.line, foot.span_id), []).append((goes, foot))
        for feet in groups.values():
            feet.sort(key=lambda item: item[0])
            x0, x1 = feet[0][1].x0, feet[0][1].x1
            inset = min(3.0, (x1 - x0) / 4)
            for k, (_goes, foot) in enumerate(feet):
                foot.x = x0 + inset + (x1 - x0 - 2 * inset) * (k + 1) / (len(feet) + 1)

    @staticmethod
    def _stack(runs: list[_Run], plate_height: float) -> None:
        """Tiers in each band: narrow runs low, a run (with its plate) never over another of its tier."""
        by_line: dict[tuple, list[_Run]] = {}
        for run in runs:
            by_line.setdefault(run.line, []).append(run)
        for line_runs in by_line.values():
            tiers: list[list[tuple[float, float]]] = []
            for run in sorted(line_runs, key=lambda r: abs(r.xs()[0] - r.xs()[1])):
                a, b = sorted(run.xs())
                mid = (a + b) / 2
                lo, hi = min(a, mid - run.plate / 2) - 2, max(b, mid + run.plate / 2) + 2
                tier = next((k for k, taken in enumerate(tiers) if all(hi < s or lo > e for s, e in taken)), None)
                if tier is None:
                    tier = len(tiers)
                    tiers.append([])
                tiers[tier].append((lo, hi))
                run.tier = tier
            first = line_runs[0]
            lowest = first.top - GAP - plate_height / 2
            spare = first.band - GAP - plate_height
            step = max(MIN_STEP, min(plate_height * 0.8, spare / max(1, len(tiers) - 1)))
            highest = first.top - first.band + plate_height / 2
            for run in line_runs:
                run.y = max(highest, lowest - run.tier * step)

    @staticmethod
    def _plates(runs: list[_Run], width: float) -> None:
        """Each plate on its run where it covers no other plate of its band: in the middle of a
        whole arc, near its span on a half; else the nearest free place along the run."""
        placed: dict[tuple, list[tuple[float, float]]] = {}
        for run in sorted(runs, key=lambda r: (r.head is None or r.child is None, r.tier)):
            a, b = run.xs()
            if run.head is None or run.child is None:
                span_x = run.child.x if run.child is not None else run.head.x
                want = (span_x + (a if run.head is None else b)) / 2
            else:
                want = (a + b) / 2
            lo, hi = min(a, b) + run.plate / 2, max(a, b) - run.plate / 2
            taken = placed.setdefault(run.line, [])
            half = run.plate / 2 + 2
            run.at = want
            # along the run first; when it has no free place, beside it (still over its line)
            for within in (True, False):
                found = None
                for k in range(0, 200):
                    at = want + (k // 2 + 1) * 6 * (1 if k % 2 else -1) if k else want
                    if (within and k and not lo <= at <= hi) or not half <= at <= width - half:
                        continue
                    if all(at + half < s or at - half > e for s, e in taken):
                        found = at
                        break
                if found is not None:
                    run.at = found
                    break
            taken.append((run.at - half, run.at + half))

    # -- painting ---------------------------------------------------------------------------------
    def _plate_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.view.point_size * 0.55))
        return font

    def placed(self) -> list[tuple[str, str, int, bool]]:
        """What a paint draws now: per run (an arc, or half of one), its plate's text, "arc" or
        "half", its strength (+1 the selected span's, -1 faint, 0) and whether it is tentative."""
        shown = self.view.visible_paragraphs()
        drawn = self.source.drawn() if self.visible_ else []
        if not shown or not drawn:
            return []
        runs = self._runs(shown, drawn, QFontMetricsF(self._plate_font()))
        return [(r.text, "arc" if r.head and r.child else "half", r.strength, r.tentative) for r in runs]

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.visible_:
            return
        drawn = self.source.drawn()
        if not drawn:
            return
        shown = self.view.visible_paragraphs()
        if not shown:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.Antialiasing)
            font = self._plate_font()
            painter.setFont(font)
            metrics = QFontMetricsF(font)
            for head, child, rtype, tentative in drawn:
                if tentative and child is not None and rtype is not None:
                    painter.setPen(QPen(QColor(rtype.color), 2.0, Qt.DashLine))
                    painter.setBrush(Qt.NoBrush)
                    for rect in self._frame(shown, child):
                        painter.drawRect(rect)
            runs = self._runs(shown, drawn, metrics)
            for run in runs:
                self._paint_run(painter, run, metrics)
            for run in runs:  # the plates over every run
                self._paint_plate(painter, run, metrics)
        finally:
            painter.end()

    def _frame(self, shown, row) -> list[QRectF]:
        out = []
        for _block, para, origin in shown:
            if para.start <= row[START] <= para.end or para.start < row[END] <= para.end:
                for line, x0, x1 in para.intervals(max(row[START], para.start), min(row[END], para.end)):
                    top, bottom, _ = para.line_rect(line)
                    out.append(QRectF(origin.x() + x0 - 1, origin.y() + top, x1 - x0 + 2, bottom - top))
        return out

    def _paint_run(self, painter, run: _Run, metrics) -> None:
        a, b = run.xs()
        y, foot = run.y, run.top - 0.5
        toward = 1.0 if b >= a else -1.0
        r = max(0.0, min(CORNER, abs(b - a) / 2, foot - y))
        path = QPainterPath()
        if run.head is not None:  # up from the head
            path.moveTo(a, foot)
            path.lineTo(a, y + r)
            path.quadTo(a, y, a + toward * r, y)
        else:  # from the margin, hooked to the side the head is on
            path.moveTo(a, y + run.hook * self.plate_height / 2)
            path.quadTo(a, y, a + toward * r, y)
        if run.child is not None:  # along, and down into the child
            path.lineTo(b - toward * r, y)
            path.quadTo(b, y, b, y + r)
            path.lineTo(b, foot)
        else:
            path.lineTo(b - toward * r, y)
            path.quadTo(b, y, b, y + run.hook * self.plate_height / 2)
        color = self._shade(run)
        painter.setPen(QPen(color, ARC_WIDTH * (1.6 if run.strength > 0 else 1.0),
                            Qt.DashLine if run.tentative else Qt.SolidLine))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        if run.child is not None:  # the arrowhead, pointing down into the child
            tip = QPointF(b, foot)
            head = QPolygonF([tip, QPointF(b - 3.5, foot - 6.5), QPointF(b + 3.5, foot - 6.5)])
            painter.setBrush(color)
            painter.setPen(Qt.NoPen)
            painter.drawPolygon(head)
            painter.setBrush(Qt.NoBrush)

    def _paint_plate(self, painter, run: _Run, metrics) -> None:
        """The type's name (and, on a half, where the other end is) on a light plate on the run."""
        y, height = run.y, self.plate_height
        plate = QRectF(run.at - run.plate / 2, y - height / 2, run.plate, height)
        plate.moveLeft(max(MARGIN / 2, min(self.width() - MARGIN / 2 - run.plate, plate.left())))
        painter.fillRect(plate, QColor(255, 255, 255, 225 if run.strength >= 0 else 150))
        painter.setPen(self._shade(run, run.color.darker(130)))
        ink = self._ink[run.text]  # the letters' box, centred on the plate
        baseline = plate.center().y() - (ink.top() + ink.bottom()) / 2
        painter.drawText(QPointF(plate.center().x() - metrics.horizontalAdvance(run.text) / 2, baseline), run.text)
        painter.setPen(QPen(self._shade(run), 1.4 if run.strength > 0 else 0.8,
                            Qt.DashLine if run.tentative else Qt.SolidLine))
        painter.drawRoundedRect(plate, 3, 3)

    @staticmethod
    def _shade(run: _Run, color: QColor | None = None) -> QColor:
        """The run's colour; faint when another span's relations are the ones in focus."""
        color = QColor(color or run.color)
        if run.strength < 0:
            color.setAlpha(80)
        return color
