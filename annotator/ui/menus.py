"""Menus and shortcuts of the main window (Help > Keyboard shortcuts lists them; docs/ui.md too)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from annotator import __version__
from annotator.core.model import DocStatus
from annotator.ui import settings
from annotator.ui.actions import make_action
from annotator.ui.annotate import span_keys
from annotator.ui.errors import show_info
from annotator.ui.suggest.menu import add_suggest_menu
from annotator.ui.team import handoff
from annotator.ui.team.menu import add_team_menu

translate = QCoreApplication.translate


def build_menus(w) -> dict[str, QAction]:
    bar = w.menuBar()
    editor = w.editor
    writable = not w.project.readonly
    a: dict[str, QAction] = {}

    file_menu = bar.addMenu(translate("Menus", "&File"))
    a["new"] = make_action(w, file_menu, translate("Menus", "&New Project…"), lambda: handoff.new_project(w), [QKeySequence.New])
    a["open"] = make_action(w, file_menu, translate("Menus", "&Open Project…"), lambda: w.open_other(), [QKeySequence.Open])
    recent = file_menu.addMenu(translate("Menus", "Open &Recent"))

    def fill_recent():
        recent.clear()
        for path in settings.recent_projects():
            recent.addAction(path, lambda p=path: w.open_other(p))
        recent.setEnabled(bool(recent.actions()))

    recent.aboutToShow.connect(fill_recent)
    fill_recent()
    a["import"] = make_action(w, file_menu, translate("Menus", "&Import Files…"), lambda: w.import_files(), ["Ctrl+I"], enabled=writable)
    a["handout"] = make_action(w, file_menu, translate("Menus", "&Hand Out Copies…"), lambda: handoff.hand_out(w))
    file_menu.addSeparator()
    a["close"] = make_action(w, file_menu, translate("Menus", "&Close"), w.close, [QKeySequence.Close, "Ctrl+W"])
    a["quit"] = make_action(w, file_menu, translate("Menus", "&Quit"), w.close, [QKeySequence.Quit, "Ctrl+Q"])

    edit_menu = bar.addMenu(translate("Menus", "&Edit"))
    a["undo"] = editor.stack.createUndoAction(w, translate("Menus", "&Undo"))
    a["undo"].setShortcuts([QKeySequence("Ctrl+Z")])
    a["redo"] = editor.stack.createRedoAction(w, translate("Menus", "&Redo"))
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(a["undo"])
    edit_menu.addAction(a["redo"])
    edit_menu.addSeparator()
    a["find"] = make_action(w, edit_menu, translate("Menus", "&Find…"), w.find_bar.open_bar, [QKeySequence.Find])
    a["note"] = make_action(w, edit_menu, translate("Menus", "&Note on Span…"), editor.edit_note, ["Ctrl+E"], enabled=writable)
    a["delete"] = make_action(w, edit_menu, translate("Menus", "&Delete Span (Del)"), editor.delete_selected,
                          enabled=writable)
    a["resize"] = make_action(w, edit_menu, translate("Menus", "&Resize Span (arrows, Enter ends)"),
                              lambda: span_keys.start_resize(editor), ["F2"], enabled=writable)
    a["clitics"] = make_action(w, edit_menu, translate("Menus", "Proclitics &Off / On (و ف ب ك ل س ال)"),
                               lambda: span_keys.toggle_clitics(editor), ["Ctrl+Shift+C"], enabled=writable)
    edit_menu.addSeparator()
    a["labels"] = make_action(w, edit_menu, translate("Menus", "&Labels…"), lambda: _edit_labels(w), ["Ctrl+L"],
                          enabled=writable)
    a["preferences"] = make_action(w, edit_menu, translate("Menus", "&Preferences…"), lambda: _preferences(w),
                               [QKeySequence.Preferences, "Ctrl+,"])

    view_menu = bar.addMenu(translate("Menus", "&View"))
    a["zoom_in"] = make_action(w, view_menu, translate("Menus", "Zoom &In"), lambda: w.zoom(1), ["Ctrl++", "Ctrl+="])
    a["zoom_out"] = make_action(w, view_menu, translate("Menus", "Zoom &Out"), lambda: w.zoom(-1), ["Ctrl+-"])
    a["zoom_reset"] = make_action(w, view_menu, translate("Menus", "&Reset Zoom"), lambda: w.zoom(None), ["Ctrl+0"])
    view_menu.addSeparator()
    a["others"] = make_action(w, view_menu, translate("Menus", "Show &Other Coders' Spans"), w.set_show_others, ["Ctrl+Shift+O"],
                          checkable=True)
    a["others"].setChecked(editor.show_others)

    go_menu = bar.addMenu(translate("Menus", "&Go"))
    # Keys no common desktop takes for itself (docs/ui.md says which were checked and how); PgUp,
    # PgDn and Space scroll the text.
    a["prev"] = make_action(w, go_menu, translate("Menus", "&Previous Document"), lambda: w.go(-1),
                            ["Ctrl+PgUp", "Alt+Left"])
    a["next"] = make_action(w, go_menu, translate("Menus", "&Next Document"), lambda: w.go(1),
                            ["Ctrl+PgDown", "Alt+Right"])
    a["unfinished"] = make_action(w, go_menu, translate("Menus", "Next &Unfinished"), w.next_unfinished, ["Ctrl+Shift+N"])
    go_menu.addSeparator()
    a["next_span"] = make_action(w, go_menu, translate("Menus", "Next &Span"), lambda: span_keys.step_span(editor, 1),
                                 ["Ctrl+Down"])
    a["prev_span"] = make_action(w, go_menu, translate("Menus", "Previous Spa&n"),
                                 lambda: span_keys.step_span(editor, -1), ["Ctrl+Up"])
    a["next_label"] = make_action(w, go_menu, translate("Menus", "Next Span of &This Label"),
                                  lambda: span_keys.step_span(editor, 1, same_label=True), ["Ctrl+Shift+Down"])
    a["prev_label"] = make_action(w, go_menu, translate("Menus", "Previous Span of This &Label"),
                                  lambda: span_keys.step_span(editor, -1, same_label=True), ["Ctrl+Shift+Up"])
    go_menu.addSeparator()
    a["done"] = make_action(w, go_menu, translate("Menus", "Mark &Done"), w.mark_done, ["Ctrl+Return", "Ctrl+Enter"], enabled=writable)
    a["in_progress"] = make_action(w, go_menu, translate("Menus", "Mark In &Progress"), lambda: editor.set_status(DocStatus.IN_PROGRESS),
                               enabled=writable)

    a.update(add_team_menu(w))
    a.update(add_suggest_menu(w))

    help_menu = bar.addMenu(translate("Menus", "&Help"))
    a["keys"] = make_action(w, help_menu, translate("Menus", "&Keyboard Shortcuts"), lambda: _shortcuts(w),
                        [QKeySequence.HelpContents, "Ctrl+/"])
    a["about"] = make_action(w, help_menu, translate("Menus", "&About"), lambda: _show(
        w, translate("Menus", "About"),
        translate("Menus", "Arabic Annotator {0}<br>Span annotation for Arabic text.<br>Project: {1}").format(
            __version__, w.project.where)))
    return a


def _show(window, title: str, html: str) -> None:
    show_info(window, title, html)


def _shortcuts(window) -> None:
    from annotator.ui.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog(window).open()


def _preferences(window) -> None:
    from annotator.ui.preferences import PreferencesDialog

    PreferencesDialog(window).open()


def _edit_labels(window) -> None:
    from annotator.ui.annotate.schema_editor import SchemaEditor  # the label list and the rest of the schema

    SchemaEditor(window.project, window).exec()
