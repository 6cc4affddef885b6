"""Start the desktop app: ``annotator [PROJECT] [--coder NAME] [--demo]``."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.store import Project
from annotator.ui.fonts import load_fonts, ui_font


def make_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication(["annotator", *argv])
    app.setApplicationName("Arabic Annotator")
    app.setOrganizationName("arabic-annotator")
    load_fonts()
    app.setFont(ui_font())
    return app


def open_window(project: Project, coder_name: str | None):
    from annotator.ui.main_window import MainWindow

    name = coder_name or project.setting("default_coder")
    if not name:
        coders = [c.name for c in project.coders(include_gold=False)]
        name, ok = QInputDialog.getItem(None, "Who is annotating?", "Your name (coder):", coders, 0, True)
        if not ok or not name.strip():
            return None
    coder = project.coder(name.strip()) or project.ensure_coder(name.strip())
    return MainWindow(project, coder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="annotator", description="Open the desktop app.")
    parser.add_argument("project", nargs="?", help="project file to open")
    parser.add_argument("--coder", help="annotate as this coder")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo project")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    app = make_app()
    try:
        if args.demo:
            from annotator.demo import DEMO_CODER, ensure_demo_project
            path, coder = ensure_demo_project(), args.coder or DEMO_CODER
        elif args.project:
            path, coder = args.project, args.coder
        else:
            parser.error("give a PROJECT file to open, or --demo")
        project = Project.open(path)
    except AnnotatorError as exc:
        QMessageBox.critical(None, "Cannot open the project", str(exc))
        return 1
    window = open_window(project, coder)
    if window is None:
        project.close()
        return 0
    window.show()
    code = app.exec()
    project.close()
    return code
