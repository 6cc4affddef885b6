"""Edit > Preferences: the interface language (system, English, Arabic), and whether drags take whole
words."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from annotator.ui import i18n, settings


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
        self.snap = QCheckBox(self.tr("&Whole words: drags, double-clicks and Ctrl+Shift+arrows take whole words "
                                      "without the punctuation next to them (hold Ctrl while dragging for letters)"))
        self.snap.setChecked(settings.snap_to_words())
        form.addRow(self.snap)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        i18n.set_chosen_language(self.choices[self.language.currentIndex()][0])
        settings.set_snap_to_words(self.snap.isChecked())
        view = getattr(self.parent(), "view", None)
        if view is not None:
            view.snap_to_words = self.snap.isChecked()
        super().accept()
