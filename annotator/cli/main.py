"""``annotator``: the command line. Each command lives in ``annotator/cli/commands/`` and registers
itself; errors become one clear line on stderr with exit code 1 (usage errors exit 2)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence  # not typing: --help does without it

from annotator import __version__
from annotator.cli.output import SanitizedStream

EXIT_ERROR = 1
EXIT_USAGE = 2

Extra = Callable[[argparse._SubParsersAction], None]


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own formatter at the width it would choose, without importing ``shutil`` for
    ``get_terminal_size`` (and with it bz2, lzma and zlib): the same rule, on ``os`` alone."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return argparse.HelpFormatter(prog, width=(columns or 80) - 2)


class _Parser(argparse.ArgumentParser):
    """A command's parser: ``_help_formatter`` unless the command asks for another formatter."""

    def __init__(self, *args, formatter_class=_help_formatter, **kwargs) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def build_parser(extra: Sequence[Extra] = (), argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line. With ``argv``, only the command it names (its first word) gets its full
    parser, importing its module; every other command is listed by name and help line alone
    (``COMMANDS``), which is all ``annotator --help`` or a usage error shows. Without ``argv``,
    every command's full parser."""
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Arabic (and any right-to-left) text: spans, labels, coders, agreement.",
        epilog="Run 'annotator [PROJECT] [--coder NAME]' without a command to open the desktop app.",
        formatter_class=_help_formatter,
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from annotator.cli.commands import COMMANDS

    named = None if argv is None else (argv[0] if argv else "")
    for name, (module, help_line) in COMMANDS.items():
        if named is None or name == named:
            importlib.import_module(f"annotator.cli.commands.{module}").register(sub)
        else:
            sub.add_parser(name, help=help_line)
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
