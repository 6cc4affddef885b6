"""The desktop app from launch to a usable window, as a child process, next to its floors.

"Usable": the main window shown and painted once with the project open, its document list filled
and the first document in the view, the event loop running (offscreen). The child prints the
moment of that first paint (``PAINTED``, its own CPU seconds so far); the parent times the wall
clock from starting the process. Floors, measured the same way in the same run: ``python -c
pass``, ``python -c "import PySide6.QtWidgets"`` and a bare ``QWidget`` window shown and painted
(Qt's own price for a first window). Every child runs with bytecode caching on (in a folder of the
benchmark cache, one warm-up run first): what a user's second start costs. The machines here set
``PYTHONDONTWRITEBYTECODE``, which made each start compile every module of the app again.

``python -m benchmarks.bench_gui_start --size large`` (the demo project, and at medium/large the
generated project of that size).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import generate, harness

REPO = Path(__file__).resolve().parents[1]
RUNS = {"small": 1, "medium": 3, "large": 5}
WINDOW_MS = 1500  # the target for the demo project, wall, on these cores
MAX_RATIO = 3.0   # CPU to the first paint at most this many times a bare Qt window's

PROBE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class _FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print(f"PAINTED {time.process_time():.4f}", flush=True)
        QApplication.quit()

_real_exec = QApplication.exec
def _exec(*args):
    app = QApplication.instance()
    watch = app._first_paint = _FirstPaint()
    for top in app.topLevelWidgets():
        if top.isVisible():
            top.installEventFilter(watch)
    return _real_exec()
QApplication.exec = _exec
"""

APP = PROBE + "from annotator.launcher import main\nsys.exit(main(sys.argv[1:]))\n"
BARE = PROBE + "from PySide6.QtWidgets import QWidget\napp = QApplication([])\nw = QWidget()\nw.resize(800, 600)\nw.show()\nsys.exit(app.exec())\n"


def env_for(home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_STATE_HOME=str(home / ".state"), PYTHONPYCACHEPREFIX=str(generate.cache_dir() / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def first_paint(args: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds from starting ``python ARGS`` to its first paint, and its CPU seconds then."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    wall = cpu = None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("PAINTED") and wall is None:
            wall, cpu = time.perf_counter() - started, float(line.split()[1])
    proc.wait()
    if wall is None:
        raise RuntimeError(f"no first paint (exit status {proc.returncode}): {''.join(lines)[-600:]}")
    return wall, cpu


def plain(args: list[str], env: dict) -> tuple[float, float]:
    from benchmarks import floors

    done = floors.child([sys.executable, *args], cwd=REPO, env=env)
    if done.code != 0:
        raise RuntimeError(f"{args} failed: {done.output[-500:]}")
    return done.wall_s, done.cpu_s


def _medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return harness.percentile([s[0] for s in samples], 50), harness.percentile([s[1] for s in samples], 50)


def run(size: str = "small") -> list[dict]:
    import shutil
    import tempfile

    runs = RUNS[size]
    with tempfile.TemporaryDirectory(prefix="bench-gui-start-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = env_for(home)
        projects = [("demo project", ["--demo"])]
        if size != "small":
            copy = Path(tmp) / "large.annot"
            shutil.copyfile(generate.project(size), copy)
            projects.append((f"{size} generated project", [str(copy), "--coder", "coder-a"]))
        for _name, args in projects:  # warm-up: bytecode written, the demo made, the file checked once
            first_paint(["-c", APP, *args], env)
        first_paint(["-c", BARE], env)
        floors_ = {
            "python -c pass": _medians([plain(["-c", "pass"], env) for _ in range(runs)]),
            "import PySide6.QtWidgets": _medians([plain(["-c", "import PySide6.QtWidgets"], env) for _ in range(runs)]),
            "a bare QWidget window painted": _medians([first_paint(["-c", BARE], env) for _ in range(runs)]),
        }
        ours = {name: _medians([first_paint(["-c", APP, *args], env) for _ in range(runs)]) for name, args in projects}
    bare_wall, bare_cpu = floors_["a bare QWidget window painted"]
    rows = []
    for name, (wall, cpu) in ours.items():
        rows.append(harness.ratio_row(f"desktop app, {name}: launch to first paint (CPU, median of {runs})", size,
                                      cpu, bare_cpu, max_ratio=MAX_RATIO, floor="a bare QWidget window painted",
                                      wall_s=wall, note="; ".join(f"{f}: {c:.2f} CPU-s, {w:.2f} s wall"
                                                                  for f, (w, c) in floors_.items())))
        rows.append(harness.timing_row(f"desktop app, {name}: launch to first paint (wall, median of {runs})", size,
                                       [wall * 1000.0], under_ms=WINDOW_MS if name == "demo project" else None,
                                       note=f"{wall / floors_['python -c pass'][0]:.1f}x python -c pass, "
                                            f"{wall / floors_['import PySide6.QtWidgets'][0]:.1f}x importing "
                                            f"QtWidgets, {wall / bare_wall:.1f}x a bare window (wall); "
                                            f"load {harness.load()}"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
