"""Start the desktop app: ``annotator [PROJECT] [--coder NAME] [--demo]``.

Issue 21: a window within a second and a half of a launch. The first window ("Opening NAME…",
``ui/opening.py``) needs Qt and nothing else of the app; only after it has painted does the launch
import the store (SQLAlchemy: about half of what the main window needs), open the project (with the
same dialogs as before for a locked, damaged or refused file: ``windows.open_or_recover``) and show
the main window in its place.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.ui import bidi_style, qt_messages, settings
from annotator.ui.errors import install_excepthook, setup_logging
from annotator.ui.fonts import load_fonts, ui_font
from annotator.ui.i18n import apply_language

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# Packages that never import Qt (tests/test_layers.py keeps ours so), besides Python's own: PySide6's
# import hook need not read their sources to find out (see quicker_feature_check).
NO_QT = ("sqlalchemy", "alembic", "numpy", "mako", "greenlet", "typing_extensions", "regex", "annotator.core",
         "annotator.store", "annotator.formats", "annotator.agreement")


def quicker_feature_check() -> bool:
    """Once PySide6 is imported, its import hook (``shibokensupport.feature``) asks of every module
    imported after it whether it uses PySide6, by reading its whole source (``inspect.getsource``):
    SQLAlchemy's hundreds of modules cost about 0.2 CPU-s of a launch that way (measured, issue
    21). Modules of the standard library and of the packages in ``NO_QT`` are answered "no" without
    reading; every other module is asked as before. Nothing changes when PySide6's internals are not the ones expected."""
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if asked is None or getattr(asked, "quicker", False):
        return False

    stdlib = getattr(sys, "stdlib_module_names", frozenset())

    def uses_pyside(module) -> bool:
        name = getattr(module, "__name__", "") or ""
        if name.partition(".")[0] in stdlib or any(name == p or name.startswith(p + ".") for p in NO_QT):
            return False
        return asked(module)

    uses_pyside.quicker = True
    feature._mod_uses_pyside = uses_pyside
    return True


def make_app(argv: Sequence[str] = (), language: str | None = None) -> QApplication:
    """The application, with fonts and the interface language (``language``: en, ar, system, or None
    for the one saved in the preferences); Qt's known headless notices kept off the terminal, and
    shortcuts in menus isolated left to right."""
    qt_messages.install()  # before the QApplication: its own start-up messages go through it too
    quicker_feature_check()
    app = QApplication.instance() or QApplication(["annotator", *argv])
    app.setApplicationName("Arabic Annotator")
    app.setOrganizationName("arabic-annotator")
    load_fonts()
    app.setFont(ui_font())
    apply_language(app, language)
    bidi_style.install(app)
    return app


class Launch:
    """After the opening window's first paint: open the project, show its main window in place of
    the opening one; a refusal or a declined question ends the app with the code it had before."""

    def __init__(self, app: QApplication, opening, where, coder: str | None, demo: bool) -> None:
        self.app, self.opening, self.where, self.coder, self.demo = app, opening, where, coder, demo
        self.window = None
        self.code: int | None = None

    def run(self) -> None:
        self.code = 1  # unless the main window shows (an unexpected error: the excepthook's dialog)
        try:
            self.code = self._open()
        finally:
            if self.code is not None:
                # the opening window is closed after the loop: closed in it, as the last window, it
                # would post a Quit that outlives this loop (and ends the next one at once)
                self.app.exit(self.code)

    def close(self) -> None:
        """After the event loop: the opening window of a launch that ended without a main window."""
        if self.window is None:
            self.opening.close()

    def _open(self) -> int | None:
        from annotator.ui.windows import open_or_recover, open_window

        try:
            if self.demo:
                from annotator.demo import ensure_demo_project
                self.where = ensure_demo_project()
            project = open_or_recover(self.where, self.opening)
        except AnnotatorError as exc:
            QMessageBox.critical(self.opening, translate("App", "Cannot open the project"), str(exc))
            return 1
        if project is None:
            return 1
        window = open_window(project, self.coder, self.opening)
        if window is None:
            project.close()
            return 0
        self.window = window
        window.show()
        self.opening.hide()  # the main window is shown: hiding this one does not end the app
        self.opening.deleteLater()
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="annotator", description="Open the desktop app.")
    parser.add_argument("project", nargs="?", help="project file to open")
    parser.add_argument("--coder", help="annotate as this coder")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo project")
    parser.add_argument("--lang", choices=("system", "en", "ar"),
                        help="interface language for this run (default: the one chosen in Preferences)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    app = make_app(language=args.lang)
    setup_logging()
    install_excepthook()
    if args.demo:
        from annotator.demo import DEMO_CODER, demo_path
        where, coder = demo_path(), args.coder or DEMO_CODER
    elif args.project:
        where, coder = args.project, args.coder
    else:
        recent = settings.recent_projects()
        if not recent:
            parser.error("give a PROJECT file to open, or --demo")
        where, coder = recent[0], args.coder
    from annotator.ui.opening import OpeningWindow

    opening = OpeningWindow(where)
    launch = Launch(app, opening, where, coder, args.demo)
    opening.painted.connect(launch.run, Qt.QueuedConnection)
    opening.show()
    code = app.exec()
    launch.close()
    return code
