"""The desktop app from launch to its first window and to a usable window, as a child process,
next to its floors.

"First window": the first top-level window painted (since issue 21 the "Opening NAME…" window,
shown before the store is imported and the project opened). "Usable": the main window painted once
with the project open, its document list filled and the first document in the view, the event loop
running (offscreen). The child prints the moment of each (``FIRST``, ``READY``, with its own CPU
seconds so far); the parent times the wall clock from starting the process. Floors, measured the same
way in the same run: ``python -c pass``, ``python -c "import PySide6.QtWidgets"`` and a bare
``QWidget`` window shown and painted (Qt's own price for a first window). Every child runs with
bytecode caching on (in a folder of the benchmark cache, one warm-up run first): what a user's second
start costs. The machines here set ``PYTHONDONTWRITEBYTECODE``, which made each start compile every
module of the app again.

Targets (issue 21): the first window within 1.5 s of the launch (wall) and within 3x a bare Qt
window's CPU. ``python -m benchmarks.bench_gui_start --size large`` (the demo project, and at
medium/large the generated project of that size).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks import generate, harness

REPO = Path(__file__).resolve().parents[1]
RUNS = {"small": 1, "medium": 3, "large": 5}
WINDOW_MS = 1500  # the target for the first window, wall, on these cores
MAX_RATIO = 3.0   # CPU to the first window at most this many times a bare Qt window's

# Every paint event of the app passes this filter (installed before the first window is made): the
# first window painted prints FIRST, a window named MainWindow (the app's main window) prints READY
# and ends the run; a bare window is both.
PROBE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

PAINT = QEvent.Type.Paint

class _Paints(QObject):
    first = ready = False
    def eventFilter(self, obj, event):
        if event.type() == PAINT and obj.isWidgetType() and obj.isWindow():
            if not self.first:
                self.first = True
                print(f"FIRST {time.process_time():.4f}", flush=True)
            if not self.ready and (obj.objectName() == "MainWindow" or BARE):
                self.ready = True
                QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print(f"READY {time.process_time():.4f}", flush=True)
        QApplication.quit()

_real_init = QApplication.__init__
def _init(self, *args):
    _real_init(self, *args)
    self._paints = _Paints()
    self.installEventFilter(self._paints)
QApplication.__init__ = _init
"""

APP = "BARE = False\n" + PROBE + "from annotator.launcher import main\nsys.exit(main(sys.argv[1:]))\n"
BARE = "BARE = True\n" + PROBE + ("from PySide6.QtWidgets import QWidget\napp = QApplication([])\nw = QWidget()\n"
                                   "w.resize(800, 600)\nw.show()\nsys.exit(app.exec())\n")


def env_for(home: Path) -> dict:
    return generate.app_env(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"),
                            XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".state"))


def first_paint(args: list[str], env: dict) -> tuple[float, float, float, float]:
    """Wall and CPU seconds from starting ``python ARGS`` to its first window painted, and to its
    main window painted (READY)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    seen: dict[str, tuple[float, float]] = {}
    lines = []
    for line in proc.stdout:
        lines.append(line)
        word = line.split(" ", 1)[0]
        if word in ("FIRST", "READY") and word not in seen:
            seen[word] = (time.perf_counter() - started, float(line.split()[1]))
    proc.wait()
    if "READY" not in seen or "FIRST" not in seen:
        raise RuntimeError(f"no usable window (exit status {proc.returncode}): {''.join(lines)[-600:]}")
    return (*seen["FIRST"], *seen["READY"])


def plain(args: list[str], env: dict) -> tuple[float, float]:
    from benchmarks import floors

    done = floors.child([sys.executable, *args], cwd=REPO, env=env)
    if done.code != 0:
        raise RuntimeError(f"{args} failed: {done.output[-500:]}")
    return done.wall_s, done.cpu_s


def _medians(samples) -> tuple[float, ...]:
    return tuple(harness.percentile([s[i] for s in samples], 50) for i in range(len(samples[0])))


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
            "a bare QWidget window painted": _medians([first_paint(["-c", BARE], env)[:2] for _ in range(runs)]),
        }
        ours = {name: _medians([first_paint(["-c", APP, *args], env) for _ in range(runs)]) for name, args in projects}
    bare_wall, bare_cpu = floors_["a bare QWidget window painted"]
    floors_note = "; ".join(f"{f}: {c:.2f} CPU-s, {w:.2f} s wall" for f, (w, c) in floors_.items())
    rows = []
    for name, (wall, cpu, ready_wall, ready_cpu) in ours.items():
        rows.append(harness.ratio_row(f"desktop app, {name}: launch to the first window painted (CPU, median of {runs})",
                                      size, cpu, bare_cpu, max_ratio=MAX_RATIO, floor="a bare QWidget window painted",
                                      wall_s=wall, note=floors_note))
        rows.append(harness.timing_row(f"desktop app, {name}: launch to the first window painted (wall, median of "
                                       f"{runs})", size, [wall * 1000.0], under_ms=WINDOW_MS,
                                       note=f"{wall / floors_['python -c pass'][0]:.1f}x python -c pass, "
                                            f"{wall / floors_['import PySide6.QtWidgets'][0]:.1f}x importing "
                                            f"QtWidgets, {wall / bare_wall:.1f}x a bare window (wall); "
                                            f"load {harness.load()}"))
        rows.append(harness.timing_row(f"desktop app, {name}: launch to the main window painted, project open "
                                       f"(wall, median of {runs})", size, [ready_wall * 1000.0],
                                       note=f"{ready_cpu:.2f} CPU-s, {ready_cpu / bare_cpu:.1f}x a bare window's CPU; "
                                            f"load {harness.load()}"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
