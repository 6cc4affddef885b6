"""The shared parts of every benchmark: result rows, percentiles, discovery, running a module in
its own process, the table, and the machine description.

A row is a dict with the keys of ``KEYS`` (and optionally ``note``, free text): ``what, size, n,
median_ms, p95_ms, p99_ms, peak_mb, target, ok``. ``p95_ms``/``p99_ms`` are None unless the figure is
a latency; ``ok`` is None when there is no target. A figure that is neither a time nor a memory size
(a share of clicks, a ratio of two medians) goes in ``value`` with its ``unit`` ("%", "x").
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Sequence

SIZES = ("small", "medium", "large")
KEYS = ("what", "size", "n", "median_ms", "p95_ms", "p99_ms", "peak_mb", "target", "ok")
HERE = Path(__file__).resolve().parent
MODULE_TIMEOUT_S = 3600


# -- rows ------------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def row(what: str, size: str, *, n: int | None = None, median_ms: float | None = None,
        p95_ms: float | None = None, p99_ms: float | None = None, peak_mb: float | None = None,
        target: str | None = None, ok: bool | None = None, note: str | None = None,
        value: float | None = None, unit: str | None = None) -> dict:
    out = dict(what=what, size=size, n=n, median_ms=median_ms, p95_ms=p95_ms, p99_ms=p99_ms,
               peak_mb=peak_mb, target=target, ok=ok)
    if value is not None:
        out["value"], out["unit"] = value, unit or ""
    if note:
        out["note"] = note
    return out


def latency_row(what: str, size: str, samples_ms: Sequence[float], *, median_under: float | None = None,
                p99_under: float | None = None, target: str | None = None, note: str | None = None) -> dict:
    """A latency: median, p95 and p99 of many timed operations, checked against optional limits."""
    median, p95, p99 = (percentile(samples_ms, q) for q in (50, 95, 99))
    checks = []
    if median_under is not None:
        checks.append(median < median_under)
    if p99_under is not None:
        checks.append(p99 < p99_under)
    if target is None and checks:
        parts = ([f"median < {median_under:g} ms"] if median_under is not None else []) + \
                ([f"p99 < {p99_under:g} ms"] if p99_under is not None else [])
        target = ", ".join(parts)
    return row(what, size, n=len(samples_ms), median_ms=median, p95_ms=p95, p99_ms=p99, target=target,
               ok=all(checks) if checks else None, note=note)


def timing_row(what: str, size: str, samples_ms: Sequence[float], *, under_ms: float | None = None,
               target: str | None = None, peak_mb: float | None = None, note: str | None = None) -> dict:
    """A one-shot duration repeated a few times: the median counts, no percentiles."""
    median = percentile(samples_ms, 50)
    if target is None and under_ms is not None:
        target = f"< {format_ms(under_ms)}"
    return row(what, size, n=len(samples_ms), median_ms=median, peak_mb=peak_mb, target=target,
               ok=None if under_ms is None else median < under_ms, note=note)


def ratio_row(what: str, size: str, seconds: float, floor_seconds: float, *, max_ratio: float | None,
              floor: str, peak_mb: float | None = None, peak_under_mb: float | None = None,
              wall_s: float | None = None, note: str | None = None, kind: str = "CPU") -> dict:
    """A figure measured next to its floor in the same run: seconds (``kind``: CPU or wall) of ours
    and of the floor, and their ratio, checked against ``max_ratio`` (and the peak memory against
    ``peak_under_mb``). A missed ratio target makes ``python -m benchmarks`` exit with status 1."""
    ratio = seconds / floor_seconds if floor_seconds > 0 else math.inf
    checks, parts = [], []
    if max_ratio is not None:
        checks.append(ratio <= max_ratio)
        parts.append(f"{kind} <= {max_ratio:g}x floor")
    if peak_under_mb is not None and peak_mb is not None:
        checks.append(peak_mb < peak_under_mb)
        parts.append(f"< {peak_under_mb:g} MB")
    text = f"{ratio:.2f}x the floor ({floor}: {floor_seconds:.2f} {kind}-s)"
    if wall_s is not None:
        text += f"; wall {wall_s:.2f} s"
    out = row(what, size, n=1, median_ms=seconds * 1000.0, peak_mb=peak_mb, target=", ".join(parts) or None,
              ok=all(checks) if checks else None, note=f"{text}; {note}" if note else text)
    out["ratio"] = round(ratio, 3)
    if max_ratio is not None:
        out["max_ratio"] = max_ratio
    return out


def is_ratio_target(item: dict) -> bool:
    """A figure with a ratio target: ours against a floor (``ratio_row``'s ``max_ratio``), against a
    reference package (``min_ratio``: at least that many times faster), or a ratio of two figures of
    the same run (a ``value`` in ``x`` with a target). Missing one fails the run: the machine's load
    moves both sides of a ratio alike, so a miss is a regression, not noise to shrug off."""
    return (item.get("max_ratio") is not None or item.get("min_ratio") is not None
            or (item.get("unit") == "x" and bool(item.get("target"))))


def missed_ratios(rows: Iterable[dict]) -> list[dict]:
    """Rows whose ratio target was missed (these fail the run)."""
    return [r for r in rows if is_ratio_target(r) and r.get("ok") is False]


def error_row(module: str, size: str, message: str) -> dict:
    return row(f"{module}: ERROR", size, ok=False, note=message) | {"error": message}


def check_row(item: object) -> list[str]:
    """What is wrong with a row (empty when it is well formed)."""
    if not isinstance(item, dict):
        return [f"a row must be a dict, got {type(item).__name__}"]
    problems = [f"missing key {key!r}" for key in KEYS if key not in item]
    if problems:
        return problems
    if not isinstance(item["what"], str) or not item["what"]:
        problems.append("'what' must be a non-empty string")
    if item["size"] not in SIZES:
        problems.append(f"'size' must be one of {SIZES}, got {item['size']!r}")
    for key in ("median_ms", "p95_ms", "p99_ms", "peak_mb"):
        value = item[key]
        if value is not None and (not isinstance(value, (int, float)) or value < 0 or math.isnan(value)):
            problems.append(f"{key!r} must be None or a non-negative number, got {value!r}")
    if item["n"] is not None and (not isinstance(item["n"], int) or item["n"] < 0):
        problems.append(f"'n' must be None or a non-negative int, got {item['n']!r}")
    if item["ok"] not in (True, False, None):
        problems.append(f"'ok' must be True, False or None, got {item['ok']!r}")
    if item["ok"] is not None and not item["target"] and "error" not in item:
        problems.append("'ok' is set but there is no 'target'")
    value = item.get("value")
    if value is not None and (not isinstance(value, (int, float)) or math.isnan(value)):
        problems.append(f"'value' must be None or a number, got {value!r}")
    if item["median_ms"] is None and item["peak_mb"] is None and value is None and "error" not in item:
        problems.append("a row needs a time (median_ms), a memory figure (peak_mb) or a value")
    return problems


# -- measuring -------------------------------------------------------------------------------
class Stopwatch:
    """``with Stopwatch() as sw: ...`` then ``sw.ms``."""

    def __enter__(self) -> "Stopwatch":
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.ms = (time.perf_counter() - self._start) * 1000.0


def peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM) in MB (10^6 bytes)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def format_ms(ms: float | None) -> str:
    if ms is None:
        return ""
    if ms >= 1000:
        return f"{ms / 1000:.3g} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


# -- discovery and running -------------------------------------------------------------------
def discover() -> list[str]:
    """Module names ``bench_*`` in this folder, sorted."""
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def run_module(name: str, size: str, *, timeout: float = MODULE_TIMEOUT_S, echo: bool = False) -> list[dict]:
    """Run ``benchmarks.<name>`` in a fresh process; its rows, or one error row if it failed."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "rows.json"
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        cmd = [sys.executable, "-m", f"benchmarks.{name}", "--size", size, "--json-out", str(out)]
        tail: deque[str] = deque(maxlen=15)
        try:
            proc = subprocess.Popen(cmd, cwd=HERE.parent, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, start_new_session=True)
        except OSError as exc:
            return [error_row(name, size, f"could not start: {exc}")]
        assert proc.stdout is not None
        reader = threading.Thread(target=_drain, args=(proc.stdout, tail, name if echo else None), daemon=True)
        reader.start()
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
            reader.join(5)
            return [error_row(name, size, f"timed out after {timeout:.0f} s")]
        reader.join(5)
        if code != 0:
            last = " | ".join(line for line in tail if line.strip())[-600:]
            return [error_row(name, size, f"exit status {code}: {last}")]
        try:
            rows = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [error_row(name, size, f"no readable results ({exc})")]
    return validated(name, size, rows)


def _drain(stream, tail: deque, echo_as: str | None) -> None:
    for line in stream:
        tail.append(line.rstrip())
        if echo_as:
            print(f"  [{echo_as}] {line.rstrip()}", file=sys.stderr, flush=True)


def validated(name: str, size: str, rows: object) -> list[dict]:
    if not isinstance(rows, list) or not rows:
        return [error_row(name, size, "run() returned no rows")]
    for item in rows:
        problems = check_row(item)
        if problems:
            return [error_row(name, size, f"malformed row {item!r}: {'; '.join(problems)}")]
    return rows


def main(run: Callable[[str], list[dict]], argv: Sequence[str] | None = None) -> int:
    """The command line of one module: ``python -m benchmarks.bench_x [--size large]``."""
    parser = argparse.ArgumentParser(prog=f"python -m {run.__module__}")
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--json-out", help="write the rows as JSON to this file (used by the harness)")
    args = parser.parse_args(argv)
    rows = run(args.size)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, ensure_ascii=False, default=str), encoding="utf-8")
    else:
        print(format_table(rows))
    return 0


# -- output ----------------------------------------------------------------------------------
COLUMNS = ("what", "size", "n", "median", "p95", "p99", "peak MB", "target", "result", "note")


def _cells(item: dict) -> list[str]:
    result = {True: "OK", False: "MISSED", None: ""}[item.get("ok")]
    if "error" in item:
        result = "ERROR"
    peak = item.get("peak_mb")
    median = format_ms(item.get("median_ms"))
    if item.get("median_ms") is None and item.get("value") is not None:
        median = f"{item['value']:.2f} {item.get('unit', '')}".rstrip()
    return [item["what"], item["size"], "" if item.get("n") is None else str(item["n"]),
            median, format_ms(item.get("p95_ms")), format_ms(item.get("p99_ms")),
            "" if peak is None else f"{peak:.0f}", item.get("target") or "", result, item.get("note") or ""]


def format_table(rows: Iterable[dict], *, markdown: bool = False) -> str:
    body = [_cells(item) for item in rows]
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max([len(col)] + [len(cells[i]) for cells in body]) for i, col in enumerate(COLUMNS)]
    right = {2, 3, 4, 5, 6}

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([fmt(COLUMNS), fmt(["-" * w for w in widths])] + [fmt(cells) for cells in body])


def machine() -> dict:
    """What the figures were measured on."""
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) * 1024 / 1e9, 1)
    except OSError:
        pass
    info["disk"] = _disk(HERE)
    info["load"] = load()
    return info


def load() -> str:
    """The machine's load average (1, 5, 15 minutes) now: the machine is shared, so say how busy it was."""
    try:
        one, five, fifteen = os.getloadavg()
        return f"{one:.2f} {five:.2f} {fifteen:.2f}"
    except OSError:
        return "unknown"


def cpu_ticks() -> tuple[int, ...] | None:
    """The machine's CPU time counters (``/proc/stat``: user, nice, system, idle, iowait, irq, softirq,
    steal), or None where there are none (not Linux)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu" or len(fields) < 9:
        return None
    return tuple(int(f) for f in fields[1:9])


def busy_since(before: tuple[int, ...] | None) -> str:
    """How the cores' time went since ``before`` (``cpu_ticks()``): busy (user, system, interrupts),
    idle and *steal*, the time the virtual machine's host gave to others. The load average does not
    show steal: on this machine a run with load 1 had steal at two thirds of its own CPU time."""
    after = cpu_ticks()
    if before is None or after is None:
        return "cores' time unknown"
    d = [b - a for a, b in zip(before, after)]
    total = sum(d) or 1
    busy = d[0] + d[1] + d[2] + d[5] + d[6]
    return (f"cores' time: {100 * busy / total:.0f} % busy, {100 * (d[3] + d[4]) / total:.0f} % idle, "
            f"{100 * d[7] / total:.0f} % stolen by the host")


def _disk(path: Path) -> str:
    """File system type and whether the disk is rotational, for the folder the projects live in."""
    try:
        best = ("", "", "")
        for line in Path("/proc/mounts").read_text().splitlines():
            device, mount, fstype = line.split()[:3]
            if str(path).startswith(mount) and len(mount) > len(best[1]):
                best = (device, mount, fstype)
        device, mount, fstype = best
        kind = ""
        name = Path(device).name.rstrip("0123456789")
        rotational = Path(f"/sys/block/{name}/queue/rotational")
        if rotational.exists():
            kind = "reported rotational" if rotational.read_text().strip() == "1" else "reported non-rotational"
        free = os.statvfs(path)
        free_gb = free.f_bavail * free.f_frsize / 1e9
        return f"{fstype} on {device} ({kind}), {free_gb:.0f} GB free".replace(" ()", "")
    except (OSError, ValueError):
        return platform.system()
