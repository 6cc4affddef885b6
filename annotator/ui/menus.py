"""Menus and shortcuts of the main window (listed for users in docs/ui.md)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from annotator import __version__
from annotator.core.model import DocStatus
from annotator.ui import settings
from annotator.ui.errors import show_info

SHORTCUTS_HELP = """<table cellspacing=4>
<tr><td><b>Select</b></td><td>drag with the mouse, double-click a word, or Shift+arrows</td></tr>
<tr><td><b>1, 2, 3…</b></td><td>label the selection (or relabel the selected span)</td></tr>
<tr><td><b>Click a span</b></td><td>select it (click again: the next overlapping span)</td></tr>
<tr><td><b>Delete</b></td><td>delete the selected span</td></tr>
<tr><td><b>Shift+←/→</b></td><td>move the selected span's end by one character (← is forward in right-to-left text)</td></tr>
<tr><td><b>Ctrl+Shift+←/→</b></td><td>move its end by one word</td></tr>
<tr><td><b>Alt+Shift+←/→</b></td><td>move its start by one character (Ctrl+Alt+Shift: one word)</td></tr>
<tr><td><b>Ctrl+E</b></td><td>note on the selected span</td></tr>
<tr><td><b>Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y</b></td><td>undo, redo (saved to the file)</td></tr>
<tr><td><b>Alt+←/→, PgUp/PgDn</b></td><td>previous / next document</td></tr>
<tr><td><b>Ctrl+Enter</b></td><td>mark the document done and go to the next unfinished</td></tr>
<tr><td><b>Ctrl+F, Enter, Shift+Enter</b></td><td>find (ignores harakat), next, previous match</td></tr>
<tr><td><b>Ctrl+plus / Ctrl+minus / Ctrl+0</b></td><td>text size</td></tr>
</table>"""


def _action(window, menu, text, slot, shortcuts=(), *, checkable=False, enabled=True) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    action.setEnabled(enabled)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w) -> dict[str, QAction]:
    bar = w.menuBar()
    editor = w.editor
    writable = not w.project.readonly
    a: dict[str, QAction] = {}

    file_menu = bar.addMenu("&File")
    a["open"] = _action(w, file_menu, "&Open Project…", lambda: w.open_other(), [QKeySequence.Open])
    recent = file_menu.addMenu("Open &Recent")

    def fill_recent():
        recent.clear()
        for path in settings.recent_projects():
            recent.addAction(path, lambda p=path: w.open_other(p))
        recent.setEnabled(bool(recent.actions()))

    recent.aboutToShow.connect(fill_recent)
    fill_recent()
    a["import"] = _action(w, file_menu, "&Import Files…", lambda: w.import_files(), ["Ctrl+I"], enabled=writable)
    file_menu.addSeparator()
    a["close"] = _action(w, file_menu, "&Close", w.close, [QKeySequence.Close])
    a["quit"] = _action(w, file_menu, "&Quit", w.close, [QKeySequence.Quit])

    edit_menu = bar.addMenu("&Edit")
    a["undo"] = editor.stack.createUndoAction(w, "&Undo")
    a["undo"].setShortcuts([QKeySequence("Ctrl+Z")])
    a["redo"] = editor.stack.createRedoAction(w, "&Redo")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(a["undo"])
    edit_menu.addAction(a["redo"])
    edit_menu.addSeparator()
    a["find"] = _action(w, edit_menu, "&Find…", w.find_bar.open_bar, [QKeySequence.Find])
    a["note"] = _action(w, edit_menu, "&Note on Span…", editor.edit_note, ["Ctrl+E"], enabled=writable)
    a["delete"] = _action(w, edit_menu, "&Delete Span (Del)", editor.delete_selected, enabled=writable)
    edit_menu.addSeparator()
    a["labels"] = _action(w, edit_menu, "&Labels…", lambda: _edit_labels(w), ["Ctrl+L"], enabled=writable)

    view_menu = bar.addMenu("&View")
    a["zoom_in"] = _action(w, view_menu, "Zoom &In", lambda: w.zoom(1), ["Ctrl++", "Ctrl+="])
    a["zoom_out"] = _action(w, view_menu, "Zoom &Out", lambda: w.zoom(-1), ["Ctrl+-"])
    a["zoom_reset"] = _action(w, view_menu, "&Reset Zoom", lambda: w.zoom(None), ["Ctrl+0"])
    view_menu.addSeparator()
    a["others"] = _action(w, view_menu, "Show &Other Coders' Spans", w.set_show_others, ["Ctrl+Shift+O"],
                          checkable=True)
    a["others"].setChecked(editor.show_others)

    go_menu = bar.addMenu("&Go")
    a["prev"] = _action(w, go_menu, "&Previous Document", lambda: w.go(-1), ["Alt+Left", "PgUp"])
    a["next"] = _action(w, go_menu, "&Next Document", lambda: w.go(1), ["Alt+Right", "PgDown"])
    a["unfinished"] = _action(w, go_menu, "Next &Unfinished", w.next_unfinished, ["Ctrl+Shift+N"])
    go_menu.addSeparator()
    a["done"] = _action(w, go_menu, "Mark &Done", w.mark_done, ["Ctrl+Return", "Ctrl+Enter"], enabled=writable)
    a["in_progress"] = _action(w, go_menu, "Mark In &Progress", lambda: editor.set_status(DocStatus.IN_PROGRESS),
                               enabled=writable)

    help_menu = bar.addMenu("&Help")
    a["keys"] = _action(w, help_menu, "&Keyboard Shortcuts", lambda: _show(w, "Keyboard shortcuts", SHORTCUTS_HELP),
                        [QKeySequence.HelpContents])
    a["about"] = _action(w, help_menu, "&About", lambda: _show(
        w, "About", f"Arabic Annotator {__version__}<br>Span annotation for Arabic text.<br>"
                    f"Project: {w.project.path}"))
    return a


def _show(window, title: str, html: str) -> None:
    show_info(window, title, html)


def _edit_labels(window) -> None:
    from annotator.ui.label_editor import LabelEditor

    LabelEditor(window.project, window).exec()
