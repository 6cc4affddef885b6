"""The document view: read-only, right to left, our own fonts (DESIGN.md section 3).

It shows text and reports what the user does in code point offsets of the stored text; it never
reads text back from the widget. The main window decides what a key or a click means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextFormat, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from annotator.core.offsets import Utf16Map, word_bounds
from annotator.ui.fonts import text_font
from annotator.ui.annotate.highlighter import SpanHighlighter, tint
from annotator.ui.annotate.span_index import SpanIndex, display_text

DEFAULT_POINT_SIZE = 16.0
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 48.0

# Keys that move a selected span's edges: (edge, unit) by modifiers; the arrow gives the direction.
_EDGE_KEYS = {
    Qt.ShiftModifier: ("end", "char"),
    Qt.ShiftModifier | Qt.ControlModifier: ("end", "word"),
    Qt.ShiftModifier | Qt.AltModifier: ("start", "char"),
    Qt.ShiftModifier | Qt.AltModifier | Qt.ControlModifier: ("start", "word"),
}


class DocumentView(QPlainTextEdit):
    labelKey = Signal(str)  # a printable key without Ctrl/Alt: maybe a label hotkey
    deleteKey = Signal()
    edgeKey = Signal(str, int, str)  # edge ("start"/"end"), logical direction (+1/-1), unit ("char"/"word")
    clicked = Signal(int)  # a click that selected nothing, at this code point offset
    escapeKey = Signal()
    hovered = Signal(int)  # the pointer is over this offset (-1: it left)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.RightToLeft)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.point_size = DEFAULT_POINT_SIZE
        self.setFont(text_font(self.point_size))
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(Qt.RightToLeft)
        option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
        option.setFlags(option.flags() | QTextOption.IncludeTrailingSpaces)
        option.setWrapMode(QTextOption.WordWrap)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(16)
        self.highlighter = SpanHighlighter(self.document())
        self.text = ""
        self.umap = Utf16Map("")
        self.index: SpanIndex | None = None
        self.span_selected = False  # set by the window: edge keys then act on the span
        self.tooltip_for = None  # callable(pos) -> str | None, set by the window
        self._press_pos: QPoint | None = None
        self._marks: dict[str, QTextEdit.ExtraSelection] = {}
        self._mark_spans: dict[str, tuple] = {}

    # -- content ------------------------------------------------------------------------------
    def show_document(self, text: str, index: SpanIndex) -> None:
        self.text = text
        self.umap = Utf16Map(text)
        self.index = index
        self._marks.clear()
        self._mark_spans.clear()
        self.setExtraSelections([])
        self.highlighter.reset(index, self.umap)
        self.setPlainText(display_text(text))

    def refresh(self, blocks) -> None:
        self.highlighter.refresh_blocks(blocks)

    # -- offsets ------------------------------------------------------------------------------
    def to_qt(self, pos: int) -> int:
        return self.umap.to_utf16(pos)

    def from_qt(self, unit: int, *, round_up: bool = False) -> int:
        return self.umap.from_utf16(unit, round_up=round_up)

    def selection(self) -> tuple[int, int] | None:
        """The selected ``[start, end)`` in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd(), round_up=True)

    def select_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.ensureCursorVisible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def position_at(self, point: QPoint) -> int:
        return self.from_qt(self.cursorForPosition(point).position())

    def scroll_to(self, pos: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(pos))
        self.setTextCursor(cursor)
        self.centerCursor()

    # -- marks: the selected span and the hovered span ---------------------------------------
    def set_mark(self, kind: str, span: tuple[int, int] | None, color: str | None = None) -> None:
        """``kind`` "selected" (a strong tint and a frame-like overline) or "hover" (an underline)."""
        if self._mark_spans.get(kind) == (span, color):
            return  # the pointer moved within the same span: nothing to redraw
        self._mark_spans[kind] = (span, color)
        if span is None:
            if self._marks.pop(kind, None) is None:
                return
        else:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.to_qt(span[0]))
            cursor.setPosition(self.to_qt(span[1]), QTextCursor.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            if kind == "selected":
                fmt.setBackground(tint(QColor(color or "#555555"), 0.85))
                fmt.setForeground(QColor("#ffffff"))
                fmt.setFontOverline(True)
            else:
                fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
                fmt.setUnderlineColor(QColor("#222222"))
                fmt.setProperty(QTextFormat.FullWidthSelection, False)
            sel.format = fmt
            self._marks[kind] = sel
        order = [self._marks[k] for k in ("hover", "selected") if k in self._marks]
        self.setExtraSelections(order)

    # -- zoom ---------------------------------------------------------------------------------
    def set_point_size(self, size: float) -> float:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(size)))
        if size != self.point_size:
            self.point_size = size
            self.setFont(text_font(size))
        return size

    # -- painting: format the paragraphs about to be shown ------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        self.prepare_visible()
        super().paintEvent(event)

    def prepare_visible(self) -> None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        ensure = self.highlighter.ensure
        while block.isValid():
            ensure(block)
            if self.blockBoundingGeometry(block).translated(offset).bottom() > bottom:
                break
            block = block.next()

    # -- input --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers() & ~Qt.KeypadModifier
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and mods == Qt.NoModifier:
            self.deleteKey.emit()
            return
        if key == Qt.Key_Escape:
            self.escapeKey.emit()
            return
        if key in (Qt.Key_Left, Qt.Key_Right) and self.span_selected and not self.textCursor().hasSelection():
            edge = _EDGE_KEYS.get(mods)
            if edge is not None:
                # The view is right to left: the left arrow goes forward in the text.
                self.edgeKey.emit(edge[0], 1 if key == Qt.Key_Left else -1, edge[1])
                return
        text = event.text()
        if text and len(text) == 1 and text.isprintable() and not text.isspace() \
                and not mods & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.labelKey.emit(text)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if event.button() == Qt.LeftButton and press is not None and not self.textCursor().hasSelection():
            self.clicked.emit(self.position_at(event.position().toPoint()))

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        """Select the word under the pointer by our word rule (punctuation left out)."""
        if event.button() != Qt.LeftButton or not self.text:
            return super().mouseDoubleClickEvent(event)
        pos = self.position_at(event.position().toPoint())
        start, end = word_bounds(self.text, min(pos, len(self.text) - 1))
        if start == end and pos > 0:  # on the space after a word (the pointer's half-character)
            start, end = word_bounds(self.text, pos - 1)
        if start < end:
            self.select_range(start, end, scroll=False)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.NoButton:
            self.hovered.emit(self.position_at(event.position().toPoint()))

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.hovered.emit(-1)

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.ToolTip and self.tooltip_for is not None:
            tip = self.tooltip_for(self.position_at(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
