"""Help > Keyboard shortcuts: every action of the window that has a shortcut, grouped by menu.

Collected from the window's menus at the moment the dialog opens, so the list never goes stale;
then the label hotkeys of the project and the keys the text view handles itself."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout


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
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        groups = menu_shortcuts(window)
        schema = getattr(getattr(window, "editor", None), "schema", None)
        if schema is not None:
            labels = [(self.tr("Label the selection as “{0}”").format(label.name), label.hotkey)
                      for label in schema if label.hotkey]
            if labels:
                groups.append((self.tr("Labels"), labels))
        groups.append((self.tr("In the text"), self.text_keys()))
        for title, rows in groups:
            head = QTreeWidgetItem([title])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for text, keys in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([text, keys]))
        self.groups = groups
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 640)

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
            (self.tr("Next / previous match in the find bar"), self.tr("Enter, Shift+Enter")),
            (self.tr("Move between the panels"), self.tr("Tab, Shift+Tab")),
        ]

    def texts(self) -> list[str]:
        """Every action text listed (for tests and for the user guide)."""
        return [text for _title, rows in self.groups for text, _keys in rows]
