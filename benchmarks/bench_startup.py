"""Start-up: how long a user waits before the program answers, each next to its floor in the same run.

- ``annotator --version`` and ``annotator --help`` (the console script's code path, run as
  ``python -m annotator``), wall time, median of several runs, against ``python -c pass`` with the same
  interpreter: at most 3x (building the command line imports no SQLAlchemy, NumPy, matplotlib or Qt;
  tests/cli/test_startup.py checks the modules, this checks the time).
- ``annotator stats`` on the small generated project (100 documents): under 0.5 s.
- The desktop app's first window: from starting the process to the main window shown and the event
  loop running (offscreen), on a copy of the small generated project: under 1.5 s.

``python -m benchmarks.bench_startup --size large`` (the size only picks the project for ``stats``
and the window at medium and large: small is always used for them, as the targets say "small").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import floors, generate, harness

RUNS = {"small": 3, "medium": 5, "large": 7}
MAX_RATIO = 3.0
STATS_MS = 500
WINDOW_MS = 1500
REPO = Path(__file__).resolve().parents[1]

WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
real_exec = QApplication.exec
def exec_once(*args):
    def shown():
        print("SHOWN", flush=True)
        QApplication.quit()
    QTimer.singleShot(0, shown)
    return real_exec()
QApplication.exec = exec_once
from annotator.launcher import main
sys.exit(main(sys.argv[1:]))
"""


def _wall(cmd: list[str], env: dict) -> float:
    done = floors.child(cmd, cwd=REPO, env=env)
    if done.code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.output[-500:]}")
    return done.wall_s


def _median(cmd: list[str], env: dict, runs: int) -> tuple[float, list[float]]:
    times = [_wall(cmd, env) for _ in range(runs)]
    return harness.percentile(times, 50), times


def _window_ms(project: Path, env: dict) -> float:
    """Launch the app on ``project`` and time until its first window is shown and the loop runs."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", WINDOW, str(project), "--coder", "coder-a"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    shown = None
    for line in proc.stdout:
        if line.strip() == "SHOWN" and shown is None:
            shown = (time.perf_counter() - started) * 1000.0
    proc.wait()
    if shown is None or proc.returncode != 0:
        raise RuntimeError(f"the app did not show its window (exit status {proc.returncode})")
    return shown


def run(size: str = "small") -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    python = [sys.executable]
    runs = RUNS[size]
    floor, _ = _median([*python, "-c", "pass"], env, runs)
    rows = []
    for args in (["--version"], ["--help"]):
        ours, _ = _median([*python, "-m", "annotator", *args], env, runs)
        rows.append(harness.ratio_row(f"annotator {args[0]} (wall, median of {runs})", size, ours, floor,
                                      max_ratio=MAX_RATIO, floor="python -c pass", kind="wall"))
    small = generate.project("small")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env_app = dict(env, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"))
        stats, _ = _median([*python, "-m", "annotator", "stats", str(small)], env_app, runs)
        rows.append(harness.timing_row("annotator stats, small project (wall, median)", size, [stats * 1000.0],
                                       under_ms=STATS_MS, note=f"100 documents; python -c pass {floor * 1000:.0f} ms"))
        shown = []
        for attempt in range(3):
            copy = Path(tmp) / f"window{attempt}.annot"
            shutil.copyfile(small, copy)
            shown.append(_window_ms(copy, env_app))
        rows.append(harness.timing_row("desktop app: launch to first window shown (offscreen)", size, shown,
                                       under_ms=WINDOW_MS, note="small project, a fresh copy each time; "
                                                                f"load {harness.load()}"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
