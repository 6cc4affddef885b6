"""Start the desktop app: ``annotator [PROJECT] [--coder NAME] [--demo]``."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

# Before PySide6, on purpose: once PySide6 is imported, its import hook reads the source of every
# module imported after it (shibokensupport's feature check, inspect.getsource); SQLAlchemy's
# hundreds of modules then cost about 0.2 CPU-s of the window's start (measured, issue 21).
import annotator.store  # noqa: F401,I001

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.ui import bidi_style, qt_messages, settings
from annotator.ui.errors import install_excepthook, setup_logging
from annotator.ui.fonts import load_fonts, ui_font
from annotator.ui.i18n import apply_language
from annotator.ui.windows import open_or_recover, open_window

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def make_app(argv: Sequence[str] = (), language: str | None = None) -> QApplication:
    """The application, with fonts and the interface language (``language``: en, ar, system, or None
    for the one saved in the preferences); Qt's known headless notices kept off the terminal, and
    shortcuts in menus isolated left to right."""
    qt_messages.install()  # before the QApplication: its own start-up messages go through it too
    app = QApplication.instance() or QApplication(["annotator", *argv])
    app.setApplicationName("Arabic Annotator")
    app.setOrganizationName("arabic-annotator")
    load_fonts()
    app.setFont(ui_font())
    apply_language(app, language)
    bidi_style.install(app)
    return app


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
    try:
        if args.demo:
            from annotator.demo import DEMO_CODER, ensure_demo_project
            path, coder = ensure_demo_project(), args.coder or DEMO_CODER
        elif args.project:
            path, coder = args.project, args.coder
        else:
            recent = settings.recent_projects()
            if not recent:
                parser.error("give a PROJECT file to open, or --demo")
            path, coder = recent[0], args.coder
        project = open_or_recover(path)
    except AnnotatorError as exc:
        QMessageBox.critical(None, translate("App", "Cannot open the project"), str(exc))
        return 1
    if project is None:
        return 1
    window = open_window(project, coder)
    if window is None:
        project.close()
        return 0
    window.show()
    return app.exec()
