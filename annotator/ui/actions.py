"""One menu action with its shortcuts: shared by the main window's menus and the Team menu."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def make_action(window, menu, text, slot, shortcuts=(), *, checkable=False, enabled=True) -> QAction:
    action = QAction(text, window)
    keys = []  # platform keys first; empty ones (no standard key on this platform) and repeats dropped
    for shortcut in shortcuts:
        key = QKeySequence(shortcut)
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    if keys:
        action.setShortcuts(keys)
    action.setCheckable(checkable)
    action.setEnabled(enabled)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
