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
