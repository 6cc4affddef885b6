"""``annotator screenshot``: the main window rendered offscreen to a PNG."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import AnnotatorError


def screenshot(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from annotator.store import Project
    from annotator.ui.app import make_app
    from annotator.ui.main_window import MainWindow

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise AnnotatorError(f"--size: expected WIDTHxHEIGHT such as 1280x800, got {args.size!r}") from None
    app = make_app(language=getattr(args, "lang", None))
    with Project.open(args.project, readonly=True) as project:
        name = args.coder or project.setting("default_coder") or next(
            (c.name for c in project.coders(include_gold=False)), "coder")
        coder = project.coder(name)
        if coder is None:
            from annotator.core.model import Coder
            coder = Coder(-1, name)
        window = MainWindow(project, coder, restore=False)
        window.resize(width, height)
        if args.doc is not None:
            ids = [info.id for info in project.documents()]
            if args.doc not in ids:
                raise AnnotatorError(f"--doc: there is no document with id {args.doc}")
            window.open_document(args.doc)
        window.show()
        for _ in range(3):  # layout, then the lazily highlighted paragraphs
            app.processEvents()
        image = window.grab()
        out = Path(args.output)
        if not image.save(str(out), "PNG"):
            raise AnnotatorError(f"{out}: cannot write the PNG file")
        window.close()
        app.processEvents()
    return 0
