"""Two small widgets of the annotation window (issue 13): the coder's progress over the corpus
(done / in progress / new, with a bar) for the status bar, and the legend that names the other
coders whose spans are shown, each with the line style their spans are drawn in."""

from __future__ import annotations

from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from annotator.core.model import DocStatus

OTHER_STYLES = (Qt.DotLine, Qt.DashLine, Qt.DashDotLine, Qt.DashDotDotLine)


def other_style(rank: int):
    """The line style of the ``rank``-th other coder (by coder id) in the text and the legend."""
    return OTHER_STYLES[rank % len(OTHER_STYLES)]


class CoderProgress(QWidget):
    """"done 3 · in progress 1 · new 6" and a bar of the share done, over every document."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setTextVisible(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.bar)

    def show_statuses(self, doc_ids, statuses: dict[int, DocStatus]) -> tuple[int, int, int]:
        done = sum(1 for d in doc_ids if statuses.get(d) == DocStatus.DONE)
        going = sum(1 for d in doc_ids if statuses.get(d) == DocStatus.IN_PROGRESS)
        new = len(doc_ids) - done - going
        self.counts.setText(self.tr("done {0} · in progress {1} · new {2}").format(done, going, new))
        self.bar.setRange(0, max(1, len(doc_ids)))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("{0} of {1} done").format(done, len(doc_ids)))
        self.setToolTip(self.tr("Your documents: done, in progress and not started"))
        return done, going, new


def style_sample(style, color: str = "#444444", width: int = 28) -> QPixmap:
    pixmap = QPixmap(width, 10)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    pen = QPen(QColor(color), 2.0, style)
    pen.setCapStyle(Qt.FlatCap)
    painter.setPen(pen)
    painter.drawLine(QLineF(1, 5, width - 1, 5))
    painter.end()
    return pixmap


class OthersLegend(QWidget):
    """Shown above the text while other coders' spans are: each coder's name and line style."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 2, 8, 2)
        self.entries: list[tuple[str, object]] = []
        self.hide()

    def show_coders(self, coders: list[tuple[str, object]]) -> None:
        """``[(name, pen style), ...]``; an empty list hides the legend."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.entries = list(coders)
        if not coders:
            self.hide()
            return
        self._layout.addWidget(QLabel(self.tr("Other coders (read-only):")))
        for name, style in coders:
            sample = QLabel()
            sample.setPixmap(style_sample(style))
            self._layout.addWidget(sample)
            self._layout.addWidget(QLabel(f"\u2068{name}\u2069"))
        self._layout.addStretch(1)
        self.show()
