"""`annotator --version` and `--help` start as fast as Python itself: building the command line
imports no SQLAlchemy, NumPy, matplotlib or Qt (each command imports what it needs when it runs).
Checked on the modules a fresh process has loaded, not on a timing (timings live in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "numpy", "matplotlib", "PySide6", "shiboken6", "regex")

PROBE = """
import json, sys
from annotator.launcher import main
try:
    code = main({argv!r})
except SystemExit as exc:
    code = exc.code
heavy = sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r}))
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def _probe(argv: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)], capture_output=True,
                          text=True, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["import", "--help"], ["export", "--help"],
                                  ["agreement", "--help"]])
def test_the_command_line_starts_without_heavy_modules(argv):
    result = _probe(argv)
    assert result["code"] in (0, None)
    if argv[0].startswith("--"):
        assert result["heavy"] == [], f"annotator {' '.join(argv)} imported {result['heavy']}"
    else:  # a command's own help lists its formats, which loads the format modules, but never Qt
        assert "PySide6" not in result["heavy"]


def test_format_choices_are_still_checked_and_listed():
    done = subprocess.run([sys.executable, "-m", "annotator", "export", "p.annot", "-o", "x", "--format", "nope"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "invalid choice: 'nope'" in done.stderr and "'jsonl'" in done.stderr
    shown = subprocess.run([sys.executable, "-m", "annotator", "import", "--help"], capture_output=True, text=True,
                           timeout=120).stdout
    assert "auto, " in shown and "jsonl" in shown


def test_the_command_table_matches_the_command_modules_and_their_help_lines():
    import argparse
    import importlib
    import pkgutil

    import annotator.cli.commands as package
    from annotator.cli.commands import COMMANDS

    modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    assert {module for module, _help in COMMANDS.values()} == modules
    assert list(COMMANDS) == sorted(COMMANDS, key=lambda name: COMMANDS[name][0])  # the order --help shows
    for name, (module, help_line) in COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"annotator.cli.commands.{module}").register(sub)
        assert [(a.dest, a.help) for a in sub._choices_actions] == [(name, help_line)]


def test_help_lists_every_command_without_importing_their_modules():
    from annotator.cli.commands import COMMANDS

    probe = ("import sys\nfrom annotator.launcher import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('annotator.cli.commands.')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "[]"
    for name, (_module, help_line) in COMMANDS.items():
        assert name in done.stdout and help_line.split()[0] in done.stdout


def test_the_lazy_parser_is_the_full_parser_for_the_command_named():
    from annotator.cli.main import build_parser

    full, lazy = build_parser(), build_parser(argv=["import", "p.annot", "x.jsonl"])
    assert lazy.format_help() == full.format_help()
    args = lazy.parse_args(["import", "p.annot", "x.jsonl", "--status", "done", "--coder", "ali"])
    assert (args.command, args.status, args.coder, args.paths) == ("import", "done", "ali", ["x.jsonl"])
    with pytest.raises(SystemExit):
        build_parser(argv=["imprt"]).parse_args(["imprt"])  # an unknown command is still a usage error
