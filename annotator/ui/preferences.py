"""Edit > Preferences: the interface language (system, English, Arabic)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from annotator.ui import i18n


class PreferencesDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        self.choices = [("system", self.tr("Same as the system")), ("en", "English"), ("ar", "العربية")]
        for _code, text in self.choices:
            self.language.addItem(text)
        codes = [code for code, _ in self.choices]
        self.language.setCurrentIndex(codes.index(i18n.chosen_language()))
        self.note = QLabel(self.tr("The new language applies from the next start of the program."))
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        label = QLabel(self.tr("Interface &language:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        i18n.set_chosen_language(self.choices[self.language.currentIndex()][0])
        super().accept()
