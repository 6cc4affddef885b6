"""``annotator review PROJECT [--coders a,b,c] [--as NAME] [--screenshot PNG]``: the review window
on the command line, and :func:`render_review` for screenshots. Registering imports no Qt."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # registering (annotator --help) imports neither typing nor pathlib
if TYPE_CHECKING:
    from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("review", help="open the adjudication review window",
                       description="Review the coders' spans document by document and decide the gold layer.")
    p.add_argument("project")
    p.add_argument("--coders", help="comma-separated coders to compare (default: every coder)")
    p.add_argument("--as", dest="adjudicator", help="the adjudicator's name, recorded in provenance")
    p.add_argument("--doc", type=int, help="document id to open first")
    p.add_argument("--screenshot", metavar="PNG", help="render the window offscreen to this PNG and exit")
    p.add_argument("--size", default="1400x900", help="with --screenshot: WIDTHxHEIGHT (default 1400x900)")
    p.set_defaults(func=_run)


def _coders(text: str | None) -> list[str] | None:
    return [n.strip() for n in text.split(",") if n.strip()] if text else None


def _adjudicator(args) -> str:
    return args.adjudicator or os.environ.get("USER") or "adjudicator"


def _run(args) -> int:
    from annotator.core.errors import AnnotatorError

    if args.screenshot:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            raise AnnotatorError(f"--size: expected WIDTHxHEIGHT such as 1400x900, got {args.size!r}") from None
        render_review(args.project, args.screenshot, args.doc, (width, height), coders=_coders(args.coders),
                      adjudicator=_adjudicator(args))
        return 0
    from annotator.store import Project
    from annotator.ui.app import make_app
    from annotator.ui.errors import install_excepthook, setup_logging
    from annotator.ui.review.window import ReviewWindow

    app = make_app()
    setup_logging()
    install_excepthook()
    with Project.open(args.project) as project:
        window = ReviewWindow(project, _adjudicator(args), _coders(args.coders), doc_id=args.doc)
        window.show()
        return app.exec()


def render_review(project_path, out_png, doc_id: int | None = None, size=(1400, 900), *,
                  coders: list[str] | None = None, adjudicator: str = "adjudicator") -> Path:
    """The review window on a project, rendered offscreen (read-only: nothing is changed) to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from annotator.core.errors import AnnotatorError
    from annotator.store import Project
    from annotator.ui.app import make_app
    from annotator.ui.review.window import ReviewWindow

    app = make_app()
    with Project.open(project_path, readonly=True) as project:
        if doc_id is not None and doc_id not in {info.id for info in project.documents()}:
            raise AnnotatorError(f"--doc: there is no document with id {doc_id}")
        window = ReviewWindow(project, adjudicator, coders, doc_id=doc_id)
        window.resize(*size)
        c = window.controller
        if c.review is not None and c.review.open:
            c.select(c.review.open[0])  # show a candidate in focus (without scrolling)
        window.show()
        for _ in range(3):
            app.processEvents()
        from pathlib import Path

        out = Path(out_png)
        if not window.grab().save(str(out), "PNG"):
            raise AnnotatorError(f"{out}: cannot write the PNG file")
        window.close()
        app.processEvents()
    return out
