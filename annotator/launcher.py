"""The ``annotator`` program: a command from ``annotator.cli``, or the desktop app.

This is the one module that may reach both the CLI and the Qt UI (lazily): ``annotator COMMAND``
runs headless; ``annotator [PROJECT] [--coder NAME] [--demo]`` opens the window; commands that
need Qt to draw (``screenshot``) come from ``annotator.ui.commands``.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's: importing typing (and re, enum, functools with it) is most of --version
if TYPE_CHECKING:
    from collections.abc import Sequence


def _ui_commands():
    from annotator.ui.commands import register_commands  # no Qt import until a command runs

    return [register_commands]


def opens_window(argv: Sequence[str]) -> bool:
    """True when ``argv`` can only mean the desktop app, so that building the command line (every
    command module) is skipped: no arguments, options only (``--demo``, ``--coder NAME``,
    ``--lang X``), or a project first that no command is named like (a path with a folder, a
    ``.annot`` file, a server URL). Anything else goes through the parser, as before."""
    if not argv:
        return True
    first = argv[0]
    if first.startswith("-"):
        return first not in ("-h", "--help", "--version")
    return "/" in first or "\\" in first or first.lower().endswith(".annot") or "://" in first


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if opens_window(argv):
        from annotator.ui.app import main as gui_main

        return gui_main(argv)
    if argv == ["--version"]:  # answered before anything else is imported (what argparse would print)
        from annotator import __version__

        print(f"annotator {__version__}")
        raise SystemExit(0)  # as argparse's version action does
    from annotator.cli.main import build_parser, command_names, run

    parser = build_parser(_ui_commands(), argv)  # built once: only the named command's module is imported
    first = argv[0] if argv else None
    if first is not None and (first in command_names(parser) or first in ("-h", "--help", "--version")):
        return run(argv, parser=parser)
    from annotator.ui.app import main as gui_main

    return gui_main(argv)
