"""Commands that need Qt to draw, offered on the ``annotator`` command line by the launcher.

Registering them imports nothing from Qt; running one does.
"""

from __future__ import annotations


def register_commands(sub) -> None:
    p = sub.add_parser("screenshot", help="render the main window offscreen to a PNG",
                       description="Render the main window on a project, offscreen, to a PNG file.")
    p.add_argument("project")
    p.add_argument("-o", "--output", required=True, help="PNG file to write")
    p.add_argument("--doc", type=int, help="document id to show (default: the first unfinished)")
    p.add_argument("--coder", help="coder whose view to show")
    p.add_argument("--size", default="1280x800", help="window size WIDTHxHEIGHT (default 1280x800)")
    p.add_argument("--lang", choices=("system", "en", "ar"), help="interface language (default: the saved choice)")
    p.set_defaults(func=_screenshot)

    from annotator.ui.review.command import register as register_review

    register_review(sub)


def _screenshot(args) -> int:
    from annotator.ui.screenshot import screenshot

    return screenshot(args)
