"""Where each letter is painted: one paragraph laid out with ``QTextLayout``, and per laid-out line
the painted box of every grapheme cluster, taken from the glyph runs (DESIGN.md section 3).

Qt's caret machinery (``cursorForPosition``, ``cursorRect``, ``QTextLine.xToCursor``) maps a point to
the nearest caret *boundary*, which gives the left half of every right-to-left letter to the next
character, and on wrapped right-to-left lines it sits a space width right of the glyphs. Nothing here
asks it: a point maps to the cluster whose painted box holds it (between boxes, the nearer one on
that line), and selections, spans and the caret are drawn from the same boxes.

Coordinates are the layout's own (a line's ``x`` included); the view adds the paragraph's origin.
Offsets are code points into the whole document; the layout itself counts UTF-16 units of the
paragraph, converted here.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from annotator.core.clusters import cluster_edges, is_ligature_part


class LineBoxes:
    """The clusters of one laid-out line in logical order: edges, the x range of their glyphs'
    advances (``x0``/``x1``: side by side, what spans are painted on), of their ink
    (``ink0``/``ink1``: where the letter is seen; -1 when nothing is inked) and their direction."""

    __slots__ = ("lo", "hi", "edges", "x0", "x1", "ink0", "ink1", "rtl")

    def __init__(self, lo, hi, edges, x0, x1, ink0, ink1, rtl):
        self.lo, self.hi, self.edges, self.x0, self.x1, self.rtl = lo, hi, edges, x0, x1, rtl
        self.ink0, self.ink1 = ink0, ink1

    def __len__(self) -> int:
        return len(self.x0)

    def at_x(self, x: float) -> int:
        """The cluster (index) painted under ``x``: one whose ink holds ``x`` (where inks overlap,
        the one whose ink is centred nearer), else the one whose advance holds it, else the
        nearest on this line."""
        inked, inked_d = -1, float("inf")
        for k, (a, b) in enumerate(zip(self.ink0, self.ink1)):
            if a <= x <= b and b > a:
                d = abs(x - (a + b) / 2) / (b - a)
                if d < inked_d:
                    inked, inked_d = k, d
        if inked >= 0:
            return inked
        best, best_d = -1, float("inf")
        for k, (a, b) in enumerate(zip(self.x0, self.x1)):
            if a <= x < b:
                return k
            d = a - x if x < a else x - b
            if b <= a:  # an unpainted cluster (LRM, a mark alone) is chosen only if nothing else is
                d += 1e6
            if d < best_d:
                best, best_d = k, d
        return best


class Paragraph:
    """One paragraph (``text[start:end]`` of the document) laid out at ``width`` pixels."""

    def __init__(self, doc_text: str, start: int, end: int, font: QFont, option: QTextOption, width: float,
                 leading: float = 0.0) -> None:
        self.doc_text = doc_text
        self.start, self.end = start, end
        text = doc_text[start:end]
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        layout = QTextLayout(text, font)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, y))
            y += line.height() + leading
        layout.endLayout()
        self.layout = layout
        self.height = y
        self.leading = leading
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        self.line_tops = [line.y() for line in lines]
        self._rects = [(line.y(), line.y() + line.height(), line.y() + line.ascent()) for line in lines]
        self._line_units = [line.textStart() for line in lines]
        self._line_starts: list[int] | None = None  # code points, when first asked
        self._boxes: list[LineBoxes | None] = [None] * layout.lineCount()
        self._intervals: dict[tuple[int, int], list[tuple[int, float, float]]] = {}

    # -- offsets: document code points <-> this layout's UTF-16 units -------------------------
    def u16(self, pos: int) -> int:
        local = pos - self.start
        if not self._astral:
            return local
        return local + bisect_right(self._astral, local - 1)

    def cp(self, unit: int) -> int:
        if not self._astral:
            return self.start + unit
        k = 0
        for a in self._astral:  # few astral characters per paragraph
            if a + k < unit:
                k += 1
            else:
                break
        return self.start + unit - k

    # -- lines ---------------------------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self.line_tops)

    def line_at_y(self, y: float) -> int:
        """The line at height ``y`` (clamped to the first and last)."""
        return max(0, min(self.line_count - 1, bisect_right(self.line_tops, y) - 1))

    def line_of(self, pos: int) -> int:
        """The line holding offset ``pos`` (a position at a wrap belongs to the line it starts)."""
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = [self.cp(u) for u in self._line_units]
        return max(0, bisect_right(starts, pos) - 1)

    def line_rect(self, i: int) -> tuple[float, float, float]:
        """``(top, bottom, baseline)`` of line ``i`` (the room for span lanes under it, the
        leading, is below ``bottom``)."""
        return self._rects[i]

    def boxes(self, i: int) -> LineBoxes:
        """The painted cluster boxes of line ``i`` (built on first use, kept with the layout)."""
        found = self._boxes[i]
        if found is None:
            found = self._boxes[i] = self._build(i)
        return found

    def _build(self, i: int) -> LineBoxes:
        line = self.layout.lineAt(i)
        lo = self.cp(line.textStart())
        hi = self.cp(line.textStart() + line.textLength())
        edges = cluster_edges(self.doc_text, lo, hi)
        x0: list[float] = []
        x1: list[float] = []
        ink0: list[float] = []
        ink1: list[float] = []
        rtl: list[bool] = []
        glyph_runs = line.glyphRuns
        u16 = self.u16
        for a, b in zip(edges, edges[1:]):
            ua = u16(a)
            box = _extent(glyph_runs(ua, u16(b) - ua))
            if box is not None:
                x0.append(box[0])
                x1.append(box[1])
                ink0.append(box[3])
                ink1.append(box[4])
                rtl.append(box[2])
            else:
                ink0.append(-1.0)
                ink1.append(-1.0)  # nothing painted (a format character): a zero-width box at the previous edge
                x = (x0[-1] if rtl and rtl[-1] else x1[-1]) if x0 else line.x()
                x0.append(x)
                x1.append(x)
                rtl.append(rtl[-1] if rtl else self.layout.textOption().textDirection() == Qt.RightToLeft)
        self._split_ligatures(line, edges, x0, x1, ink0, ink1, rtl)
        return LineBoxes(lo, hi, edges, x0, x1, ink0, ink1, rtl)

    def _split_ligatures(self, line, edges, x0, x1, ink0, ink1, rtl) -> None:
        """A ligature is one glyph for several clusters: either each of them comes back with the same
        whole glyph (the word Allah), or the first does and the others with no width of their own
        (lam-alef). Share the glyph's ink evenly between them, in the run's direction (as a reader
        sees it)."""
        text = self.doc_text
        n = len(x0)
        k = 0
        while k < n - 1:  # one glyph for several clusters, returned whole for each (the word Allah)
            last = k
            while last + 1 < n and x1[k] - x0[k] > 0.01 and x0[last + 1] == x0[k] and x1[last + 1] == x1[k]:
                last += 1
            if last > k:
                left, right = ink0[k], ink1[k]
                if right <= left:
                    left, right = x0[k], x1[k]
                step = (right - left) / (last - k + 1)
                for j in range(last - k + 1):
                    slot = (last - k - j) if rtl[k] else j
                    x0[k + j] = ink0[k + j] = left + slot * step
                    x1[k + j] = ink1[k + j] = left + (slot + 1) * step
            k = last + 1
        k = 1
        while k < n:
            if x1[k] - x0[k] > 0.01 or x1[k - 1] - x0[k - 1] <= 0.01 or rtl[k] != rtl[k - 1] \
                    or not is_ligature_part(text[edges[k]:edges[k + 1]]) \
                    or not (x0[k - 1] - 0.5 <= x0[k] <= x1[k - 1] + 0.5):
                k += 1
                continue
            first = k - 1
            last = k
            while last + 1 < n and x1[last + 1] - x0[last + 1] <= 0.01 and rtl[last + 1] == rtl[first] \
                    and is_ligature_part(text[edges[last + 1]:edges[last + 2]]):
                last += 1
            ua = self.u16(edges[first])
            ink = _ink(line.glyphRuns(ua, self.u16(edges[last + 1]) - ua))
            left, right = ink if ink is not None else (x0[first], x1[first])
            parts = last - first + 1
            step = (right - left) / parts
            for j in range(parts):
                slot = (parts - 1 - j) if rtl[first] else j
                x0[first + j] = ink0[first + j] = left + slot * step
                x1[first + j] = ink1[first + j] = left + (slot + 1) * step
            k = last + 1

    # -- questions the view asks -------------------------------------------------------------------
    def cluster_at(self, x: float, y: float) -> tuple[int, int]:
        """``(start, end)`` of the cluster painted under ``(x, y)`` (layout coordinates)."""
        boxes = self.boxes(self.line_at_y(y))
        k = boxes.at_x(x)
        if k < 0:
            return boxes.lo, boxes.lo
        return boxes.edges[k], boxes.edges[k + 1]

    def intervals(self, start: int, end: int, lines: range | None = None) -> list[tuple[int, float, float]]:
        """``(line, x0, x1)`` for the painted parts of ``[start, end)``, touching boxes joined
        (kept: the painter asks for each span on every repaint)."""
        key = (start, end)
        found = self._intervals.get(key)
        if found is None:
            if len(self._intervals) > 4096:
                self._intervals.clear()
            found = self._intervals[key] = self._compute_intervals(start, end)
        if lines is None:
            return found
        return [item for item in found if lines.start <= item[0] < lines.stop]

    def _compute_intervals(self, start: int, end: int) -> list[tuple[int, float, float]]:
        start, end = max(start, self.start), min(end, self.end)
        out: list[tuple[int, float, float]] = []
        if start >= end:
            return out
        for i in range(self.line_of(start), self.line_of(end - 1) + 1):
            boxes = self.boxes(i)
            edges = boxes.edges
            k0 = max(0, bisect_right(edges, start) - 1)
            parts = []
            for k in range(k0, len(boxes)):
                if edges[k] >= end:
                    break
                if edges[k + 1] > start and boxes.x1[k] > boxes.x0[k]:
                    parts.append((boxes.x0[k], boxes.x1[k]))
            parts.sort()
            merged: list[list[float]] = []
            for a, b in parts:
                if merged and a <= merged[-1][1] + 0.5:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            out.extend((i, a, b) for a, b in merged)
        return out

    def caret(self, pos: int) -> tuple[int, float]:
        """``(line, x)`` of the caret before ``pos``: the leading edge of the cluster there (its
        right edge in a right-to-left run), or the trailing edge of the line's last one."""
        pos = max(self.start, min(self.end, pos))
        i = self.line_of(pos)
        boxes = self.boxes(i)
        if not len(boxes):
            line = self.layout.lineAt(i)
            rtl = self.layout.textOption().textDirection() == Qt.RightToLeft
            return i, line.x() + (line.width() if rtl else 0.0)
        k = bisect_right(boxes.edges, pos) - 1
        if k < len(boxes):
            return i, boxes.x1[k] if boxes.rtl[k] else boxes.x0[k]
        return i, boxes.x0[-1] if boxes.rtl[-1] else boxes.x1[-1]


def _extent(runs):
    """``(x0, x1, right_to_left, ink0, ink1)``: the glyphs' x range by their positions and advances
    (a run's own bounding rectangle spans its whole item when the item mixes fonts) and by their
    ink (-1 when nothing is inked), or None when there are no glyphs."""
    lo = hi = ink_lo = ink_hi = None
    for run in runs:
        positions = run.positions()
        if not positions:
            continue
        font = run.rawFont()
        glyphs = run.glyphIndexes()
        for p, a, g in zip(positions, font.advancesForGlyphIndexes(glyphs), glyphs):
            x = p.x()
            if a.x() > 0 or lo is None:  # marks (no advance) sit on their letter: no width of their own
                end = x + a.x()
                if lo is None or (a.x() > 0 and hi - lo <= 0):
                    lo, hi = x, end
                else:
                    lo, hi = min(lo, x), max(hi, end)
            r = font.boundingRect(g)
            if r.width() > 0:
                a0, a1 = x + r.left(), x + r.right()
                ink_lo, ink_hi = (a0, a1) if ink_lo is None else (min(ink_lo, a0), max(ink_hi, a1))
    if lo is None:
        return None
    return lo, hi, runs[0].isRightToLeft(), -1.0 if ink_lo is None else ink_lo, -1.0 if ink_hi is None else ink_hi


def _ink(runs):
    """The x range the glyphs' ink covers (a ligature is shared by its letters over its ink)."""
    lo = hi = None
    for run in runs:
        font = run.rawFont()
        for p, g in zip(run.positions(), run.glyphIndexes()):
            r = font.boundingRect(g)
            if r.width() <= 0:
                continue
            a, b = p.x() + r.left(), p.x() + r.right()
            lo, hi = (a, b) if lo is None else (min(lo, a), max(hi, b))
    return None if lo is None else (lo, hi)
