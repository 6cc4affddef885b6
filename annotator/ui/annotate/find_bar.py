"""Find (Ctrl+F): Arabic-insensitive search with ``annotator.core.arabic.Searcher``.

Every match is highlighted; Enter goes to the next (Shift+Enter the previous), selecting it, so
a label key right after turns the match into a span. Escape closes the bar.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.core.arabic import Searcher


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.edit = QLineEdit(placeholderText=self.tr("Find (ignores harakat, tatweel and alef/ya forms)"))
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        prev_button, next_button, close_button = QToolButton(text="▲"), QToolButton(text="▼"), QToolButton(text="✕")
        prev_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        next_button.setToolTip(self.tr("Next match (Enter)"))
        close_button.setToolTip(self.tr("Close (Escape)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(close_button)
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._searcher: Searcher | None = None
        self.edit.textChanged.connect(self.search)
        self.edit.installEventFilter(self)
        prev_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        close_button.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self.search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.view.highlighter.set_matches([])
        self.view.setFocus()
        self.closed.emit()

    def document_changed(self) -> None:
        self._searcher = None
        if self.isVisible() and self.edit.text():
            self.search(self.edit.text())
        else:
            self.matches, self.current = [], -1

    def search(self, query: str) -> None:
        if self._searcher is None or self._searcher.text is not self.view.text:
            self._searcher = Searcher(self.view.text)
        self.matches = self._searcher.find_all(query) if query.strip() else []
        self.view.highlighter.set_matches(self.matches)
        self.current = -1
        if self.matches:
            chosen = self.view.selection()
            cursor = chosen[0] if chosen else self.view.caret_position()
            self.current = bisect_left(self.matches, (cursor, -1)) % len(self.matches) - 1
            self.step(1)
        else:
            self.count.setText(self.tr("no match") if query.strip() else "")

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        start, end = self.matches[self.current]
        self.view.select_range(start, end)
        self.count.setText(f"{self.current + 1} / {len(self.matches)}")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.KeyPress:
            if event.key() == Qt.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.step(-1 if event.modifiers() & Qt.ShiftModifier else 1)
                return True
        return super().eventFilter(watched, event)
