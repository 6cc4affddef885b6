"""The document view: read-only, right to left, our own fonts (DESIGN.md section 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.fonts import text_font


class DocumentView(QPlainTextEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.RightToLeft)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setFont(text_font())
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(Qt.RightToLeft)
        option.setAlignment(Qt.AlignRight | Qt.AlignAbsolute)
        option.setFlags(option.flags() | QTextOption.IncludeTrailingSpaces)
        option.setWrapMode(QTextOption.WordWrap)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(16)

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
