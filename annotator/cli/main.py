"""``annotator``: the command line. Each command lives in ``annotator/cli/commands/`` and registers
itself; errors become one clear line on stderr with exit code 1 (usage errors exit 2)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Callable, Sequence

from annotator import __version__
from annotator.cli.output import SanitizedStream

EXIT_ERROR = 1
EXIT_USAGE = 2

Extra = Callable[[argparse._SubParsersAction], None]


def build_parser(extra: Sequence[Extra] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Arabic (and any right-to-left) text: spans, labels, coders, agreement.",
        epilog="Run 'annotator [PROJECT] [--coder NAME]' without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import annotator.cli.commands as package
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"annotator.cli.commands.{module.name}").register(sub)
    for register in extra:
        register(sub)
    return parser


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def run(argv: Sequence[str], extra: Sequence[Extra] = (), parser: argparse.ArgumentParser | None = None) -> int:
    """Run one command; ``parser`` saves building it again when the caller already has it."""
    parser = parser or build_parser(extra)
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    sys.stderr = SanitizedStream(err)
    if out.isatty():  # data written to a pipe or file (a report to stdout) is left exactly as it is
        sys.stdout = SanitizedStream(out)
    try:
        return _run(args, parser)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args, parser) -> int:
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from annotator.core.errors import AnnotatorError  # after parsing: --help needs none of annotator.core

    try:
        return args.func(args) or 0
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing was changed by the unfinished step", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
