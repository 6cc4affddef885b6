"""Open a project in a main window: who annotates, a damaged file's backup offered, errors as
dialogs. The windows stay alive in ``_windows`` until they close."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from annotator.core.errors import AnnotatorError, PasswordRequired, ProjectDamaged, ProjectLocked
from annotator.core.model import Coder
from annotator.store import Project
from annotator.store.location import display, is_server_url
from annotator.store.recovery import restore_backup
from annotator.ui import settings
from annotator.ui.errors import show_error
from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
_windows: list = []  # open main windows (a window deletes itself from here when it closes)


def coder_name(project: Project, given: str | None, *, ask: bool = True, parent=None) -> str | None:
    """Who annotates: ``--coder``, else the project's default coder, else the name this user gave
    before (QSettings), else asked once and remembered."""
    name = given or project.setting("default_coder") or settings.remembered_coder()
    if name:
        return name.strip()
    if not ask:
        return None
    coders = [c.name for c in project.coders(include_gold=False)]
    name, ok = QInputDialog.getItem(parent, translate("App", "Who is annotating?"),
                                    translate("App", "Your name (coder):"), coders, 0, True)
    if not ok or not name.strip():
        return None
    settings.remember_coder(name.strip())
    return name.strip()


def open_window(project: Project, coder_name_given: str | None, parent=None):
    name = coder_name(project, coder_name_given, parent=parent)
    if name is None:
        return None
    coder = project.coder(name)
    if coder is None:
        if project.readonly:
            coder = Coder(-1, name)
        else:
            coder = project.ensure_coder(name)
    window = MainWindow(project, coder, open_project=open_project_window)
    window.setAttribute(Qt.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    if project.path is not None:  # a server URL is not remembered (nor, ever, a password)
        settings.add_recent(project.path)
    return window


def open_server(url: str, parent=None, *, ask_password=None, tries: int = 3):
    """``Project.open`` of a server URL, asking for the password when the server wants one."""
    password = None
    for attempt in range(tries):
        try:
            return Project.open(url, password=password)
        except PasswordRequired as exc:
            if attempt == tries - 1:
                raise
            prompt = translate("App", "Password for {0}:").format(display(url))
            if password is not None:
                prompt = translate("App", "That password was refused.") + "\n" + prompt
            if ask_password is None:
                value, ok = QInputDialog.getText(parent, translate("App", "Connect to the team project"), prompt,
                                                 QLineEdit.Password)
                password = value if ok and value else None
            else:
                password = ask_password(prompt)
            if password is None:
                log.info("no password given for %s (%s)", display(url), exc)
                return None
    return None


def _ask(parent, title: str, text: str, ask) -> bool:
    if ask is not None:
        return ask(title, text)
    answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    return answer == QMessageBox.Yes


def open_or_recover(path, parent=None, *, ask=None, ask_password=None):
    """``Project.open``; when the project is open for writing elsewhere, offer to open it read-only;
    when the file is damaged and a sound backup exists, offer to restore it (the damaged file is kept
    aside); any other refusal is raised as it came. ``None`` when the user declines.
    ``ask(title, text) -> bool`` replaces the question dialog (tests). A server that wants a password libpq did not find asks
    for it (``ask_password(prompt) -> str | None`` replaces that dialog); it is never stored."""
    if is_server_url(str(path)):
        return open_server(str(path), parent, ask_password=ask_password)
    try:
        return Project.open(path)
    except ProjectLocked as exc:
        title = translate("App", "The project is open elsewhere")
        text = translate("App", "{0}\n\nOpen it read-only? You can read and export it, but not change it; "
                                "the other window keeps saving.").format(str(exc))
        if not _ask(parent, title, text, ask):
            return None
        return Project.open(path, readonly=True)
    except ProjectDamaged as exc:
        # Project.open found the damage and looked through the backups once (``exc.backup``): the
        # file is not checked again here, nor is a file refused for any other reason checked at all
        backup = exc.backup
        if backup is None or not Path(path).is_file():
            raise
        title = translate("App", "The project file is damaged")
        text = translate("App", "{0}\n\nRestore the latest sound backup, {1}? The damaged file is kept "
                                "next to it, renamed, and nothing is deleted.").format(str(exc), backup.name)
        if not _ask(parent, title, text, ask):
            return None
        restore_backup(path, backup)
        return Project.open(path)


def open_project_window(path, coder: str | None = None, parent=None):
    """Open a project in a new window (File > Open, Open Recent); errors become a dialog."""
    try:
        project = open_or_recover(path, parent)
    except AnnotatorError as exc:
        show_error(parent, translate("App", "Cannot open the project"), exc)
        return None
    if project is None:
        return None
    if project.readonly and project.read_only_reason:
        log.info("%s opened read-only: %s", path, project.read_only_reason)
    window = open_window(project, coder, parent)
    if window is None:
        project.close()
        return None
    window.show()
    return window
