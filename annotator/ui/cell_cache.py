"""Item-view cells drawn once, then copied (issue 12): the span list repaints every visible row
after each span added or removed (an inserted row moves all the rows under it), and drawing a cell
is mostly Qt shaping and laying out its text (Arabic, bidi isolates, elided to the column), about
0.1 ms a cell: some 9 ms of CPU per key press for a list 25 rows high. The rows that moved show the
same texts as before, so this delegate keeps each cell's finished pixels and copies them.

A cell is drawn by the view's own style into a pixmap exactly as the view would draw it (the
viewport's background, the style's row panel, then ``QStyledItemDelegate.paint``: the same text
layout, direction, elision, icon, selection and focus), and that pixmap is drawn at the cell. The
key is everything that changes those pixels: what the model shows in the cell (``key_of(index)``:
its texts and the colour of its icon), the cell's size, the state the view gives it (selected,
current, focused, hovered, enabled, active) and its features. The view's font, palette, style or
direction changing clears every pixmap (``clear``, from the view's ``changeEvent``). Right-to-left
text is laid out by Qt as before: only its result is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.ui.bidi_style import BidiStyle

# Cells kept: a list 40 rows high has 120 cells; scrolled back and forth, and with the selected
# and unselected look of some, a few times that. About 10 KB each.
LIMIT = 600
_SOLID = Qt.SolidPattern
_ROW = QStyle.PE_PanelItemViewRow
_ITEM = QStyle.CE_ItemViewItem


class CellCache(QStyledItemDelegate):
    """The view's delegate: ``key_of(index)`` says what the model shows in a cell (hashable), or
    None for a cell to draw as usual (never kept)."""

    def __init__(self, view, key_of) -> None:
        super().__init__(view)
        self.key_of = key_of
        self._pixmaps: dict[tuple, QPixmap] = {}
        self.drawn = 0  # cells drawn by the style (not copied): what tests count

    def clear(self) -> None:
        self._pixmaps.clear()

    def paint(self, painter, option, index) -> None:
        key = self.key_of(index)
        if key is None:
            super().paint(painter, option, index)
            return
        rect = option.rect
        full = (key, rect.width(), rect.height(), option.state.value, option.features.value)
        pixmap = self._pixmaps.get(full)
        if pixmap is None:
            pixmap = self._draw(painter, option, index, rect)
            if pixmap is None:  # a background that is not one colour: drawn each time
                super().paint(painter, option, index)
                return
            if len(self._pixmaps) >= LIMIT:  # forget the older half (dicts keep insertion order)
                for old in list(self._pixmaps)[:LIMIT // 2]:
                    del self._pixmaps[old]
            self._pixmaps[full] = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _draw(self, painter, option, index, rect) -> QPixmap | None:
        """The cell as the view would draw it, on the viewport's background, into a pixmap."""
        palette = option.palette
        base = palette.brush(palette.currentColorGroup(), QPalette.Base)
        if base.style() != _SOLID or not base.isOpaque() or rect.isEmpty():
            return None
        self.drawn += 1
        ratio = painter.device().devicePixelRatio()
        pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(base.color())
        cell = QStyleOptionViewItem(option)
        cell.rect = QRect(0, 0, rect.width(), rect.height())
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        target = QPainter(pixmap)
        try:
            target.setFont(painter.font())
            style.drawPrimitive(_ROW, cell, target, widget)  # what the view drew under the cell
            self.initStyleOption(cell, index)  # what QStyledItemDelegate.paint does, then
            # the item drawn by the platform style itself: the application's BidiStyle changes only
            # menu items, and going through its Python drawControl costs some 20 µs a cell
            if isinstance(style, BidiStyle):
                style = style.baseStyle()
            style.drawControl(_ITEM, cell, target, widget)
        finally:
            target.end()
        return pixmap
