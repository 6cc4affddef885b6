"""Start-up: how long a user waits before the program answers, each next to its floor in the same run.

- ``annotator --version`` and ``annotator --help`` (the console script's code path, run as
  ``python -m annotator``), wall time, median of several runs, against ``python -c pass`` with the same
  interpreter: at most 3x (building the command line imports no SQLAlchemy, NumPy, matplotlib or Qt;
  tests/cli/test_startup.py checks the modules, this checks the time).
- ``annotator stats`` on the small generated project (100 documents): under 0.5 s.
- The desktop app's first window: ``bench_gui_start`` (to the first paint, next to a bare Qt window).

``python -m benchmarks.bench_startup --size large`` (``stats`` always runs on the small project,
as its target says).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks import floors, generate, harness

RUNS = {"small": 3, "medium": 5, "large": 7}
MAX_RATIO = 3.0
STATS_MS = 500
REPO = Path(__file__).resolve().parents[1]


def _wall(cmd: list[str], env: dict) -> float:
    done = floors.child(cmd, cwd=REPO, env=env)
    if done.code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.output[-500:]}")
    return done.wall_s


def _median(cmd: list[str], env: dict, runs: int) -> tuple[float, list[float]]:
    times = [_wall(cmd, env) for _ in range(runs)]
    return harness.percentile(times, 50), times


def run(size: str = "small") -> list[dict]:
    # Bytecode cached, as on a user's second start: these machines set PYTHONDONTWRITEBYTECODE, which
    # made every run compile the app's modules again (one warm-up run per command writes the cache).
    env = generate.app_env()
    python = [sys.executable]
    runs = RUNS[size]
    for args in (["--version"], ["--help"], ["stats", str(generate.project("small"))]):
        _wall([*python, "-m", "annotator", *args], env)
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
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
