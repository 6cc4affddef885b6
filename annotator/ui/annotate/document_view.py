"""The document view: read-only, right to left, our own fonts, and its own geometry (DESIGN.md 2-3).

A ``QAbstractScrollArea`` that lays out with ``QTextLayout`` only the paragraphs on screen (and a
bounded cache around them), asks the glyph runs where each cluster is painted
(``annotator.ui.annotate.text_geometry``), maps clicks to the cluster under the pointer, and paints spans,
find matches, the selection and the hover over the text from the same boxes
(``annotator.ui.annotate.span_painter``). There is no ``QTextDocument``: a 20 MB document costs its text
and a list of paragraph heights (``annotator.ui.annotate.paragraph_heights``) until it is scrolled.

It reports what the user does in code point offsets of the stored text; the window decides what a
key or a click means. Keys it handles itself move the caret and the selection (by cluster, word,
line, page) and scroll (PgUp/PgDn, Space); in resize mode (F2 on a selected span) the arrows move the
span's edges instead. Drags, double-clicks and Ctrl+Shift+arrows take whole words (``snap_to_words``;
Ctrl held during a drag selects letters), by the rules of ``annotator.core.tokens``.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPen, QRegion, QTextOption
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip

from annotator.core.offsets import cluster_bounds
from annotator.core.tokens import next_token_edge, snap_to_tokens, token_at
from annotator.ui.fonts import text_font
from annotator.ui.annotate.paragraph_heights import ParagraphHeights
from annotator.ui.annotate.span_index import SpanIndex, block_starts
from annotator.ui.annotate.span_painter import SpanPainter
from annotator.ui.annotate.text_geometry import Paragraph

DEFAULT_POINT_SIZE = 16.0
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 48.0
MARGIN = 16  # pixels around the text
CACHE_PARAGRAPHS = 400  # laid-out paragraphs kept beyond those on screen

# In resize mode (F2 on a selected span): which edge an arrow moves and by what, by modifiers.
_EDGE_KEYS = {
    Qt.NoModifier: ("end", "char"),
    Qt.ControlModifier: ("end", "word"),
    Qt.ShiftModifier: ("start", "char"),
    Qt.ShiftModifier | Qt.ControlModifier: ("start", "word"),
}


def text_option() -> QTextOption:
    option = QTextOption()
    option.setTextDirection(Qt.RightToLeft)
    option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
    option.setFlags(option.flags() | QTextOption.IncludeTrailingSpaces)
    option.setWrapMode(QTextOption.WordWrap)
    return option


class DocumentView(QAbstractScrollArea):
    labelKey = Signal(str)  # a printable key without Ctrl/Alt: maybe a label hotkey
    deleteKey = Signal()
    edgeKey = Signal(str, int, str)  # edge ("start"/"end"), logical direction (+1/-1), unit ("char"/"word")
    clicked = Signal(int)  # a click that selected nothing, at this code point offset
    escapeKey = Signal()
    hovered = Signal(int)  # the pointer is over this offset (-1: it left)
    selectionChanged = Signal()
    resizeModeChanged = Signal(bool)  # resize mode (F2) began or ended
    painted = Signal()  # a paint event ended: what changed is drawn (the side panels may follow)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.RightToLeft)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.viewport().setCursor(Qt.IBeamCursor)
        self.option = text_option()
        self.highlighter = SpanPainter()
        # More painters over the text, called per paragraph like the highlighter: the suggestions'
        # ghost outlines (ui/suggest/ghosts.py). Each is ``paint(painter, para, block, lines)``.
        self.overlays: list = []
        self.highlighter.on_change = self._ranges_changed
        self.text = ""
        self.starts: list[int] = [0]
        self.index: SpanIndex | None = None
        self._span_selected = False
        self.resizing = False  # resize mode: the arrows move the selected span's edges
        self.snap_to_words = True  # drags, double-clicks and Ctrl+Shift+arrows take whole words
        self.tooltip_for = None  # callable(pos) -> str | None, set by the window
        self._paragraphs: OrderedDict[int, Paragraph] = OrderedDict()
        self._dirty = QRegion()
        self.layouts_made = 0  # paragraphs laid out so far (benchmarks check an edit adds none)
        self._shown: tuple = (None, [])  # visible_paragraphs' last question and answer
        self._heights = ParagraphHeights([])
        self._width = 0.0
        self._anchor = self._caret = 0
        self._press: tuple[int, int] | None = None  # the cluster under the mouse press
        self._dragged = False
        self._precise = False  # this drag selects letters, not words
        self._marks: dict[str, tuple[tuple[int, int], str | None]] = {}
        self.point_size = DEFAULT_POINT_SIZE
        self.room_between_lines = 0.0  # more room under each line, a share of the line spacing (relation arcs)
        self.setFont(text_font(self.point_size))
        self._metrics()

    @property
    def span_selected(self) -> bool:
        """Set by the window when a span is selected; resize mode ends with the selection."""
        return self._span_selected

    @span_selected.setter
    def span_selected(self, value: bool) -> None:
        self._span_selected = bool(value)
        if not value:
            self.set_resizing(False)

    def set_resizing(self, on: bool) -> None:
        on = bool(on) and self._span_selected
        if on != self.resizing:
            self.resizing = on
            self.resizeModeChanged.emit(on)

    # -- content ------------------------------------------------------------------------------
    def show_document(self, text: str, index: SpanIndex) -> None:
        self.text = text
        self.index = index
        self.starts = index.starts if index.text is text else block_starts(text)
        self._marks.clear()
        self._anchor = self._caret = 0
        self.highlighter.reset(index)
        self._relayout(keep=False)
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def refresh(self, blocks, ranges=None) -> None:
        """Spans changed in ``blocks``; ``ranges`` ((start, end) of the spans before and after)
        limit the repaint to the lines they cover. Nothing is laid out again."""
        moved = self.highlighter.forget(blocks)
        if ranges is None:
            ranges = [self.block_bounds(b) for b in blocks]
        self._ranges_changed([*ranges, *moved])

    def block_bounds(self, block: int) -> tuple[int, int]:
        start = self.starts[block]
        end = self.starts[block + 1] - 1 if block + 1 < len(self.starts) else len(self.text)
        return start, end

    def block_of(self, pos: int) -> int:
        from bisect import bisect_right

        return max(0, bisect_right(self.starts, pos) - 1)

    # -- layout: only what is on screen ---------------------------------------------------------
    def _metrics(self) -> None:
        fm = QFontMetricsF(self.font())
        self._leading = round(fm.lineSpacing() * (0.22 + self.room_between_lines))  # room for span lanes (and arcs)
        self._line_height = fm.lineSpacing() + self._leading
        sample = "وقال المدرب إن النتيجة عادلة في ملعب دمشق الكبير"
        self._char_width = fm.horizontalAdvance(sample) / len(sample)
        self.verticalScrollBar().setSingleStep(max(1, round(self._line_height)))

    def _relayout(self, *, keep: bool = True) -> None:
        """Forget every layout (new text, width or font); estimated heights until shown again."""
        anchor = self.top_offset() if keep and self.text and self._paragraphs else None
        self._paragraphs.clear()
        self._width = max(50.0, float(self.viewport().width() - 2 * MARGIN))
        starts, n = self.starts, len(self.text)
        # each paragraph's estimated height (a 20 MB text has 77,000, in one comprehension): its lines
        # at the average letter width, at least one (a paragraph's length is the gap to the next less
        # its break character)
        per_line = max(1.0, self._width / max(1.0, self._char_width))
        line, ceil = self._line_height, math.ceil
        lengths = [b - a - 1 for a, b in zip(starts, starts[1:])] + [n - starts[-1]]
        self._heights = ParagraphHeights([line * (ceil(k / per_line) or 1) for k in lengths])
        self._sync_range()
        if anchor is not None:  # the line that was at the top stays there
            block = self.block_of(anchor)
            para = self.paragraph(block)
            top = para.line_rect(para.line_of(anchor))[0]
            self.verticalScrollBar().setValue(round(MARGIN + self._heights.top(block) + top))

    def laid_out(self) -> list[int]:
        """The blocks laid out now (on screen, and a bounded cache of recent ones)."""
        return list(self._paragraphs)

    def paragraph(self, block: int) -> Paragraph:
        """Block ``block`` laid out (from the cache, or now)."""
        para = self._paragraphs.get(block)
        if para is not None:
            self._paragraphs.move_to_end(block)
            return para
        start, end = self.block_bounds(block)
        para = Paragraph(self.text, start, end, self.font(), self.option, self._width, self._leading)
        self._paragraphs[block] = para
        self.layouts_made += 1
        if self._heights.set(block, para.height):
            self._sync_range()
        while len(self._paragraphs) > CACHE_PARAGRAPHS:
            self._paragraphs.popitem(last=False)
        return para

    def _sync_range(self) -> None:
        bar = self.verticalScrollBar()
        total = self._heights.total + 2 * MARGIN
        bar.setPageStep(max(1, self.viewport().height()))
        bar.setRange(0, max(0, math.ceil(total - self.viewport().height())))

    def block_top(self, block: int) -> float:
        """Viewport y of a block's top (its height may still be an estimate)."""
        return MARGIN + self._heights.top(block) - self.verticalScrollBar().value()

    def visible_paragraphs(self, top: float | None = None, bottom: float | None = None):
        """``(block, paragraph, origin)`` for the blocks between viewport heights ``top`` and
        ``bottom`` (default: the viewport), laying them out if needed."""
        top = 0.0 if top is None else top
        bottom = float(self.viewport().height()) if bottom is None else bottom
        if not self._heights.n:
            return []
        scroll = self.verticalScrollBar().value()
        # The same question between two layouts and scrolls has the same answer: a key press asks it
        # four times (the span's lines, the selection's, the mark's, the paint). Callers only read it.
        key = (self._heights, self.layouts_made, scroll, top, bottom)
        if self._shown[0] == key:
            return self._shown[1]
        block = self._heights.at(scroll + top - MARGIN)
        y = self._heights.top(block)
        out = []
        while block < self._heights.n and MARGIN + y - scroll <= bottom:
            para = self.paragraph(block)
            out.append((block, para, QPointF(MARGIN, MARGIN + y - scroll)))
            y += para.height
            block += 1
        if self.layouts_made == key[1]:  # nothing laid out meanwhile (a height that moved would move the rest)
            self._shown = (key, out)
        return out

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = max(50.0, float(self.viewport().width() - 2 * MARGIN))
        if abs(width - self._width) > 0.5:
            self._relayout()
        else:
            self._sync_range()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self.viewport().update()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._metrics()
            self._relayout()

    def set_room_between_lines(self, share: float) -> None:
        """Room under every line beyond the span lanes' (``share`` of the line spacing): where the
        relation arcs run, so that they never cross the glyphs. Lays out again, keeping the top line."""
        share = max(0.0, float(share))
        if share != self.room_between_lines:
            self.room_between_lines = share
            self._metrics()
            self._relayout()
            self.viewport().update()

    def set_point_size(self, size: float) -> float:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(size)))
        if size != self.point_size:
            self.point_size = size
            self.setFont(text_font(size))
        return size

    # -- geometry questions -----------------------------------------------------------------
    def cluster_at(self, point: QPoint | QPointF) -> tuple[int, int]:
        """``(start, end)`` of the cluster painted under a viewport point (or the nearest on its line)."""
        if not self.text:
            return 0, 0
        y = float(point.y())
        scroll = self.verticalScrollBar().value()
        block = self._heights.at(scroll + y - MARGIN)
        para = self.paragraph(block)
        top = self.block_top(block)
        if y > top + para.height and block + 1 < self._heights.n:  # under an estimate that shrank
            return self.cluster_at(point)
        return para.cluster_at(float(point.x()) - MARGIN, y - top)

    def position_at(self, point: QPoint | QPointF) -> int:
        return self.cluster_at(point)[0]

    def ranges_rects(self, ranges) -> list[QRectF]:
        """Viewport rectangles of the lines (full width) that ``ranges`` cover, on screen only."""
        out = []
        shown = self.visible_paragraphs()
        for block, para, origin in shown:
            for s, e in ranges:
                s, e = max(s, para.start), min(e, para.end)
                if s > e or (s == e and not para.start == para.end):
                    continue
                first, last = para.line_of(s), para.line_of(max(s, e - 1))
                top = para.line_rect(first)[0]
                bottom = para.line_rect(last)[1]
                out.append(QRectF(0, origin.y() + top - 2, self.viewport().width(), bottom - top + 4))
        return out

    def _ranges_changed(self, ranges) -> None:
        if ranges is None:
            self.viewport().update()
            self._dirty = QRegion(self.viewport().rect())
            return
        for rect in self.ranges_rects(ranges):
            self.viewport().update(rect.toAlignedRect())
            self._dirty = self._dirty.united(rect.toAlignedRect())

    def dirty_region(self) -> QRegion:
        """What changes asked to repaint since the last paint (benchmarks repaint just that)."""
        return QRegion(self._dirty)

    # -- selection and caret ------------------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected ``[start, end)`` in code points, or None."""
        if self._anchor == self._caret:
            return None
        return min(self._anchor, self._caret), max(self._anchor, self._caret)

    def caret_position(self) -> int:
        return self._caret

    def _set_selection(self, anchor: int, caret: int) -> None:
        n = len(self.text)
        anchor, caret = max(0, min(n, anchor)), max(0, min(n, caret))
        if (anchor, caret) == (self._anchor, self._caret):
            return
        old = [r for r in (self.selection(), (self._caret, self._caret + 1)) if r]
        self._anchor, self._caret = anchor, caret
        self._ranges_changed([*old, *(r for r in (self.selection(), (caret, caret + 1)) if r)])
        self.selectionChanged.emit()

    def select_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        self._set_selection(start, end)
        if scroll:
            self.ensure_visible(end)

    def clear_selection(self) -> None:
        self._set_selection(self._caret, self._caret)

    def ensure_visible(self, pos: int) -> None:
        block = self.block_of(pos)
        para = self.paragraph(block)
        top, bottom, _ = para.line_rect(para.line_of(pos))
        y0, y1 = self.block_top(block) + top, self.block_top(block) + bottom
        bar = self.verticalScrollBar()
        if y0 < 0:
            bar.setValue(bar.value() + math.floor(y0) - MARGIN)
        elif y1 > self.viewport().height():
            bar.setValue(bar.value() + math.ceil(y1 - self.viewport().height()) + MARGIN)

    def top_offset(self) -> int:
        """The first offset of the first line wholly or partly on screen (where a reader is)."""
        for _block, para, origin in self.visible_paragraphs():
            for i in range(para.line_count):
                top, bottom, _ = para.line_rect(i)
                if origin.y() + bottom > 0:
                    return para.boxes(i).lo
        return 0

    def scroll_to_top(self, pos: int) -> None:
        """Scroll so that the line holding ``pos`` is the first on screen (and put the caret there)."""
        pos = max(0, min(len(self.text), pos))
        self._set_selection(pos, pos)
        block = self.block_of(pos)
        para = self.paragraph(block)
        top = para.line_rect(para.line_of(pos))[0]
        self.verticalScrollBar().setValue(round(MARGIN + self._heights.top(block) + top))

    def scroll_to(self, pos: int) -> None:
        """Put the caret at ``pos`` and its line in the middle of the view."""
        self._set_selection(pos, pos)
        block = self.block_of(pos)
        para = self.paragraph(block)
        top = para.line_rect(para.line_of(pos))[0]
        y = MARGIN + self._heights.top(block) + top
        self.verticalScrollBar().setValue(round(y - self.viewport().height() / 2))

    # -- marks: the selected span and the hovered span ---------------------------------------
    def set_mark(self, kind: str, span: tuple[int, int] | None, color: str | None = None) -> None:
        """``kind`` "selected" (a strong tint and a frame) or "hover" (a line under the lanes)."""
        old = self._marks.get(kind)
        new = None if span is None else (tuple(span), color)
        if old == new:
            return
        if new is None:
            self._marks.pop(kind, None)
        else:
            self._marks[kind] = new
        self._ranges_changed([m[0] for m in (old, new) if m is not None])

    def marks(self) -> dict[str, tuple[tuple[int, int], str | None]]:
        """The marked spans by kind: ``{"selected": ((start, end), colour), "hover": ...}``."""
        return dict(self._marks)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        self._dirty = QRegion()
        clip = event.rect()
        shown = self.visible_paragraphs(clip.top() - 1, clip.bottom() + 1)
        painter = QPainter(self.viewport())
        try:
            painter.setClipRect(clip)
            selection = self.selection()
            selected = self._marks.get("selected")
            hover = self._marks.get("hover")
            hover = hover[0] if hover else None
            text_pen = self.palette().text().color()
            for block, para, origin in shown:
                lines = _lines_in(para, clip.top() - origin.y() - 1, clip.bottom() - origin.y() + 1)
                if not lines:
                    continue
                painter.save()
                painter.translate(origin)
                self.highlighter.paint_under(painter, para, block, lines, selection, selected)
                painter.setPen(text_pen)
                para.layout.draw(painter, QPointF(0, 0), [], QRectF(clip).translated(-origin))
                self.highlighter.paint_over(painter, para, block, lines, selected, hover)
                self.paint_lines(painter, para, block, lines)
                if self.hasFocus() and selection is None and para.start <= self._caret <= para.end:
                    self._paint_caret(painter, para, lines)
                painter.restore()
        finally:
            painter.end()
        self.painted.emit()

    def paint_lines(self, painter: QPainter, para: Paragraph, block: int, lines: range) -> None:
        """A hook for views that draw more over the text (the review window's coder lanes); the
        main view calls its ``overlays``."""
        for overlay in self.overlays:
            overlay(painter, para, block, lines)

    def _paint_caret(self, painter: QPainter, para: Paragraph, lines: range) -> None:
        i, x = para.caret(self._caret)
        if i in lines:
            top, bottom, _ = para.line_rect(i)
            painter.setPen(QPen(self.palette().text().color(), 1.5))
            painter.drawLine(QPointF(x, top + 2), QPointF(x, bottom - 2))

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._ranges_changed([(self._caret, self._caret + 1)])

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._ranges_changed([(self._caret, self._caret + 1)])

    # -- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers() & ~Qt.KeypadModifier
        if self.resizing:
            if key in (Qt.Key_Left, Qt.Key_Right) and mods in _EDGE_KEYS:
                edge, unit = _EDGE_KEYS[mods]
                # The view is right to left: the left arrow goes forward in the text.
                self.edgeKey.emit(edge, 1 if key == Qt.Key_Left else -1, unit)
                return
            if key in (Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2):
                self.set_resizing(False)
                return
        elif key == Qt.Key_F2 and mods == Qt.NoModifier:  # (the main window's menu takes F2 first)
            self.set_resizing(True)
            return
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and mods == Qt.NoModifier:
            self.deleteKey.emit()
            return
        if key == Qt.Key_Escape:
            self.escapeKey.emit()
            return
        if event.matches(QKeySequence.Copy):
            chosen = self.selection()
            if chosen:
                QGuiApplication.clipboard().setText(self.text[chosen[0]:chosen[1]])
            return
        if event.matches(QKeySequence.SelectAll):
            self._set_selection(0, len(self.text))
            return
        if self._move_key(key, mods):
            return
        text = event.text()
        if text and len(text) == 1 and text.isprintable() and not text.isspace() \
                and not mods & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.labelKey.emit(text)
            return
        super().keyPressEvent(event)

    def _move_key(self, key, mods) -> bool:
        """Caret motion (with Shift: the selection's moving end) and scrolling. Right to left: Left
        goes forward. Ctrl+arrows go by word (punctuation skipped); with Shift and word snapping on,
        the selection covers whole words."""
        shift = bool(mods & Qt.ShiftModifier)
        ctrl = bool(mods & Qt.ControlModifier)
        if mods & (Qt.AltModifier | Qt.MetaModifier):
            return False
        if key == Qt.Key_Space and not ctrl:
            key, shift = (Qt.Key_PageUp if shift else Qt.Key_PageDown), False
        text, caret = self.text, self._caret
        if key in (Qt.Key_Left, Qt.Key_Right):
            forward = key == Qt.Key_Left
            if ctrl:
                pos = next_token_edge(text, caret, 1 if forward else -1)
            elif forward:
                pos = cluster_bounds(text, caret)[1] if caret < len(text) else caret
            else:
                pos = cluster_bounds(text, caret - 1)[0] if caret > 0 else 0
            if ctrl and shift and self.snap_to_words:
                self._select_words(self._anchor, pos)
                self.ensure_visible(self._caret)
                return True
        elif key in (Qt.Key_Up, Qt.Key_Down) and not ctrl:
            pos = self._line_step(-1 if key == Qt.Key_Up else 1)
        elif key in (Qt.Key_Home, Qt.Key_End):
            if ctrl:
                pos = 0 if key == Qt.Key_Home else len(text)
            else:
                para = self.paragraph(self.block_of(caret))
                boxes = para.boxes(para.line_of(caret))
                pos = boxes.lo if key == Qt.Key_Home else boxes.hi
        elif key in (Qt.Key_PageUp, Qt.Key_PageDown) and not ctrl and not shift:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + (bar.pageStep() if key == Qt.Key_PageDown else -bar.pageStep()))
            return True
        else:
            return False
        self._set_selection(self._anchor if shift else pos, pos)
        self.ensure_visible(pos)
        return True

    def _select_words(self, anchor: int, caret: int) -> None:
        """Select from ``anchor`` to ``caret`` grown to whole words (punctuation at the ends left out),
        the anchor staying at the end it was."""
        start, end = snap_to_tokens(self.text, min(anchor, caret), max(anchor, caret))
        if start >= end:
            self._set_selection(caret, caret)
        elif caret >= anchor:
            self._set_selection(start, end)
        else:
            self._set_selection(end, start)

    def _line_step(self, direction: int) -> int:
        block = self.block_of(self._caret)
        para = self.paragraph(block)
        line, x = para.caret(self._caret)
        line += direction
        if line < 0 or line >= para.line_count:
            block += direction
            if block < 0 or block >= len(self.starts):
                return 0 if direction < 0 else len(self.text)
            para = self.paragraph(block)
            line = para.line_count - 1 if direction < 0 else 0
        top, bottom, _ = para.line_rect(line)
        return para.cluster_at(x, (top + bottom) / 2)[0]

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.LeftButton or not self.text:
            return super().mousePressEvent(event)
        cluster = self.cluster_at(event.position())
        self._dragged = False
        self.set_resizing(False)
        # Ctrl held while dragging: letter precision, whatever the preference
        self._precise = not self.snap_to_words or bool(event.modifiers() & Qt.ControlModifier)
        if event.modifiers() & Qt.ShiftModifier:
            start = min(self._anchor, self._caret)
            self._press = (start, start)
            self._extend(cluster)
            return
        self._press = cluster
        self._set_selection(cluster[0], cluster[0])

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._press is not None and event.buttons() & Qt.LeftButton:
            point = event.position()
            height = self.viewport().height()
            if point.y() < 0 or point.y() > height:  # dragging past an edge scrolls
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + round(point.y() if point.y() < 0 else point.y() - height))
                point = QPointF(point.x(), max(1.0, min(height - 1.0, point.y())))
            cluster = self.cluster_at(point)
            if cluster != self._press or self._dragged:
                self._dragged = True
                self._extend(cluster)
            return
        if event.buttons() == Qt.NoButton:
            self.hovered.emit(self.position_at(event.position()))

    def _extend(self, cluster: tuple[int, int]) -> None:
        """The selection from the pressed cluster to ``cluster``, both included, in logical order."""
        a, b = self._press
        anchor, caret = (a, max(b, cluster[1])) if cluster[0] >= a else (b, cluster[0])
        if self._precise:
            self._set_selection(anchor, caret)
        else:
            self._select_words(anchor, caret)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        press, self._press = self._press, None
        if event.button() == Qt.LeftButton and press is not None and self.selection() is None:
            self.clicked.emit(self.position_at(event.position()))

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        """Select the word under the pointer by our word rule (punctuation left out)."""
        if event.button() != Qt.LeftButton or not self.text:
            return super().mouseDoubleClickEvent(event)
        pos = self.position_at(event.position())
        start, end = token_at(self.text, min(pos, len(self.text) - 1))
        if start < end:
            self._set_selection(start, end)

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.hovered.emit(-1)

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.ToolTip and self.tooltip_for is not None:
            tip = self.tooltip_for(self.position_at(event.pos())) if self.text else None
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


def _lines_in(para: Paragraph, top: float, bottom: float) -> range:
    """The lines of ``para`` between heights ``top`` and ``bottom`` (paragraph coordinates)."""
    if not para.line_count or bottom < 0 or top > para.height:
        return range(0)
    return range(para.line_at_y(top), para.line_at_y(bottom) + 1)

