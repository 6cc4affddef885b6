"""Help > Keyboard shortcuts: every action of the window that has a shortcut, grouped by menu.

Collected from the window's menus at the moment the dialog opens, so the list never goes stale;
then the label hotkeys of the project and the keys the text view handles itself."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from annotator.ui.bidi import isolate, ltr
from annotator.ui.bidi import plain as plain_text


def _has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)  # not the Arabic comma (CS)


def keys_cell(text: str, *, sequence: bool = False) -> str:
    """What the Keys column shows: a key sequence isolated left to right (in the Arabic interface
    ``Ctrl+,`` read ``,+Ctrl`` and ``F1, Ctrl+/`` read ``/+F1, Ctrl``). ``sequence``: ``text`` is a key
    sequence even if it holds Arabic (Qt names some keys in Arabic: ``Alt+اليسار``); otherwise a text
    with Arabic words is a sentence of the interface (``Click``, translated) and stays as it is."""
    return ltr(text) if sequence or not _has_rtl_letters(text) else text


def plain(text: str) -> str:
    """A menu text without its mnemonic marker (``&File`` -> ``File``, ``&&`` -> ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_of(action) -> str:
    return ", ".join(s.toString(QKeySequence.NativeText) for s in action.shortcuts() if not s.isEmpty())


def menu_shortcuts(window) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(menu title, [(action text, keys), ...]), ...] for every menu of ``window``'s menu bar."""
    out = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        rows = []
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            keys = keys_of(action)
            if keys:
                rows.append((plain(action.text()), keys))
        if rows:
            out.append((plain(top.text()), rows))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        # Both columns as wide as their longest text (nothing is cut off); the dialog fits them below.
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setTextElideMode(Qt.ElideNone)
        groups = menu_shortcuts(window)
        schema = getattr(getattr(window, "editor", None), "schema", None)
        if schema is not None:
            labels = [(self.tr("Label the selection as “{0}”").format(isolate(label.name)), label.hotkey)
                      for label in schema if label.hotkey]
            if labels:
                groups.append((self.tr("Labels"), labels))
        relations = getattr(getattr(window, "layers", None), "relations", None)  # issue 16's relation types
        if relations is not None:
            rows = [(self.tr("Draw a “{0}” relation from the selected span").format(isolate(t.name)),
                     t.hotkey) for t in relations.types if t.hotkey]
            if rows:
                groups.append((self.tr("Relations"), rows))
        groups.append((self.tr("In the text"), self.text_keys()))
        for title, rows in groups:
            head = QTreeWidgetItem([title])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            in_text = title == self.tr("In the text")
            for text, keys in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([text, keys_cell(keys, sequence=not in_text)]))
        self.groups = groups
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        """As wide as both columns (and the scroll bar), as tall as 640 px; never beyond the screen."""
        tree = self.tree
        for column in (0, 1):
            tree.resizeColumnToContents(column)
        width = tree.columnWidth(0) + tree.columnWidth(1) + tree.verticalScrollBar().sizeHint().width() + 2 * tree.frameWidth() + 40
        screen = (self.parentWidget().screen() if self.parentWidget() is not None else None) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        height = 640
        if available is not None:
            width, height = min(width, available.width() - 40), min(height, available.height() - 60)
        self.resize(max(width, 480), height)

    def text_keys(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Select text (whole words; hold Ctrl while dragging for single letters)"),
             self.tr("drag, double-click a word, or Shift+arrows")),
            (self.tr("Select whole words from the caret (← is forward in Arabic)"), self.tr("Ctrl+Shift+←/→")),
            (self.tr("Move the caret by a letter / a word"), self.tr("←/→, Ctrl+←/→")),
            (self.tr("Scroll the text a page"), self.tr("PgDn, PgUp, Space, Shift+Space")),
            (self.tr("Select a span (again: the next overlapping span)"), self.tr("Click")),
            (self.tr("Delete the selected span"), self.tr("Del")),
            (self.tr("Resize mode (F2): move the span's end by a letter / a word"), self.tr("←/→, Ctrl+←/→")),
            (self.tr("Resize mode (F2): move the span's start by a letter / a word"),
             self.tr("Shift+←/→, Ctrl+Shift+←/→")),
            (self.tr("Leave resize mode"), self.tr("Enter, Escape, F2")),
            (self.tr("Drawing a relation: the next / previous possible child, in reading order"),
             self.tr("←/→, ↓/↑, Tab/Shift+Tab")),
            (self.tr("Drawing a relation: draw it to the framed child / cancel"), self.tr("Enter, Escape")),
            (self.tr("Drawing a relation: draw it to this span"), self.tr("Click a framed span")),
            (self.tr("In the Attributes and Document panels: next field / back to the text"), self.tr("Tab, Escape")),
            (self.tr("Next / previous match in the find bar"), self.tr("Enter, Shift+Enter")),
            (self.tr("Move between the panels"), self.tr("Tab, Shift+Tab")),
        ]

    def texts(self) -> list[str]:
        """Every action text listed (for tests and for the user guide)."""
        return [plain_text(text) for _title, rows in self.groups for text, _keys in rows]
