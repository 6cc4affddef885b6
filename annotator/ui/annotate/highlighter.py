"""Span highlighting through a QSyntaxHighlighter over the paragraph index (DESIGN.md section 3).

Lazy: a paragraph is formatted the first time it is about to be painted (the view calls
:meth:`SpanHighlighter.ensure` from its paint event) and again whenever a span in it changes.
Opening a 1 MB document therefore formats only the paragraphs on screen.

Styles: the coder's own span is a tint of its label's colour (the innermost span wins where they
overlap); where two or more of one's own spans overlap, the outer one's colour underlines the piece
(a wavy line from three up), so nested and crossing spans stay visible. Other coders' spans
(read-only) are a dotted underline in their label's colour, without tint. Find matches are yellow
with an orange overline. The text selection (Qt's own) and the selected/hovered span (extra
selections, see the view) are drawn over these.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.offsets import Utf16Map
from annotator.ui.annotate.span_index import CODER, LABEL, SpanIndex, segments

TINT = 0.35  # label colour mixed into white: a background tint the text stays readable on
FIND_BACKGROUND = "#fff176"
FIND_OVERLINE = "#ef6c00"


def tint(color: QColor, amount: float) -> QColor:
    """``color`` mixed with white, opaque: Qt paints a background once per bidi run, and a
    translucent one would show darker seams where runs meet (seen around digits)."""
    return QColor(*(round(255 + (c - 255) * amount) for c in (color.red(), color.green(), color.blue())))


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.index: SpanIndex | None = None
        self.umap: Utf16Map | None = None
        self.colors: dict[int, QColor] = {}
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._ready: set[int] = set()
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._find_format = QTextCharFormat()
        self._find_format.setBackground(QColor(FIND_BACKGROUND))
        self._find_format.setFontOverline(True)
        self._find_format.setForeground(QColor("#000000"))

    # -- state ------------------------------------------------------------------------------
    def reset(self, index: SpanIndex | None, umap: Utf16Map | None) -> None:
        """Before a new text is set: nothing is formatted until it is shown."""
        self.index, self.umap = index, umap
        self._ready.clear()
        self.matches, self._match_starts = [], []

    def set_colors(self, colors: dict[int, str]) -> None:
        self.colors = {label_id: QColor(color) for label_id, color in colors.items()}
        self._formats.clear()

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        old = self.matches
        self.matches = matches
        self._match_starts = [m[0] for m in matches]
        if self.index is not None:
            blocks = {b for s, e in (*old, *matches) for b in self.index.blocks_of(s, e)}
            self.refresh_blocks(blocks)

    # -- re-highlighting ----------------------------------------------------------------------
    def ensure(self, block) -> None:
        """Format ``block`` if it has not been yet (called just before it is painted)."""
        number = block.blockNumber()
        if number not in self._ready:
            self._ready.add(number)
            self.rehighlightBlock(block)

    def refresh_blocks(self, numbers) -> None:
        """Re-format the given paragraphs if they were formatted already (others wait to be shown)."""
        doc = self.document()
        for number in numbers:
            if number in self._ready:
                self.rehighlightBlock(doc.findBlockByNumber(number))

    def refresh_all(self) -> None:
        self._formats.clear()
        for number in list(self._ready):
            self.rehighlightBlock(self.document().findBlockByNumber(number))

    def is_ready(self, number: int) -> bool:
        return number in self._ready

    # -- QSyntaxHighlighter -------------------------------------------------------------------
    def highlightBlock(self, _text: str) -> None:  # noqa: N802 (Qt's name)
        block = self.currentBlock()
        number = block.blockNumber()
        index = self.index
        if index is None or number not in self._ready or number >= len(index.starts):
            return
        lo, hi = index.block_bounds(number)
        rows = index.in_block(number)
        to16 = self.umap.to_utf16 if self.umap is not None and not self.umap.is_identity else None
        base = to16(lo) if to16 else lo
        if rows:
            mine = index.mine
            fmt_for = self._format_for
            set_format = self.setFormat
            for a, b, cover in segments(rows, lo, hi):
                fmt = fmt_for(cover, mine)
                if to16:
                    ua, ub = to16(a), to16(b)
                    set_format(ua - base, ub - ua, fmt)
                else:
                    set_format(a - base, b - a, fmt)
        if self.matches:
            i = bisect_left(self._match_starts, lo)
            if i:  # a match that began in an earlier paragraph
                i -= 1
            for s, e in self.matches[i:]:
                if s >= hi:
                    break
                if e <= lo:
                    continue
                s, e = max(s, lo), min(e, hi)
                us, ue = (to16(s), to16(e)) if to16 else (s, e)
                self.setFormat(us - base, ue - us, self._find_format)

    def _format_for(self, cover: list[tuple], mine: int | None) -> QTextCharFormat:
        own = [r for r in cover if r[CODER] == mine]
        others = [r for r in cover if r[CODER] != mine]
        key = (tuple(r[LABEL] for r in own[:3]), others[0][LABEL] if others else None)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if own:
                fmt.setBackground(tint(self._color(own[0][LABEL]), TINT + (0.15 if len(own) > 1 else 0)))
            if len(own) > 1:
                fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline if len(own) > 2
                                      else QTextCharFormat.SingleUnderline)
                fmt.setUnderlineColor(self._color(own[1][LABEL]))
            elif others:
                fmt.setUnderlineStyle(QTextCharFormat.DotLine)
                fmt.setUnderlineColor(self._color(others[0][LABEL]))
            self._formats[key] = fmt
        return fmt

    def _color(self, label_id: int) -> QColor:
        return self.colors.get(label_id) or QColor("#888888")
