"""Project open, as the app does it: ``Project.open`` (checks, writer lock), the document list, the
first document's text and one coder's spans in it. Target (DESIGN.md section 7): under 1 s for
10,000 documents and 1,000,000 spans; issue 21 adds: under 200 MB.

Since issue 21 the window's list is one query (``Project.document_list``: titles, lengths, this
coder's statuses and queue, no text read), measured here as the window asks it; and in a fresh
process each, the store's open as the window does it and the main window itself (offscreen, from
``Project.open`` to the window painted), with their peak resident memory.

Measured in this process on a copy of the cached project, with the operating system's file cache
warm (the copy was just written), and once more after evicting the file from that cache
(``posix_fadvise(DONTNEED)``, Linux), as a first open after a reboot would find it.
Also measured: the same with the opening backup the app takes (``Project.open(backup=True)`` starts
a ``VACUUM INTO`` copy in a background thread), how long that backup runs, and the per-coder status
map that the document list shows.
"""

from __future__ import annotations

import os
import tempfile

import json
import subprocess
import sys
from pathlib import Path

from annotator.store.project import Project
from benchmarks import generate, harness
from benchmarks.harness import Stopwatch

REPEATS = {"small": 10, "medium": 7, "large": 7}
OPEN_MS = 1000
PEAK_MB = 200


def _open_and_show(path, *, backup: bool) -> tuple[Project, int]:
    project = Project.open(path, backup=backup)
    documents = project.documents()
    coder = project.coders()[0]
    first = project.document(documents[0].id)
    spans = project.spans(first.id, coder.id)
    return project, len(spans)


def _open_as_the_window(path) -> tuple[Project, int]:
    """What the main window reads to show itself: the list's one query, the first document, its spans."""
    project = Project.open(path, backup=False)
    coder = project.coders()[0]
    rows = project.document_list(coder.id)
    first = project.document(rows[0][0])
    spans = project.span_rows(first.id)
    project.span_counts_of(coder.id, [row[0] for row in rows[:40]])  # the rows the list paints
    return project, len(spans)


def _child(mode: str, path: str) -> None:
    """In a fresh process: one open (``store`` or ``window``), printed as JSON with the peak RSS."""
    import time

    from benchmarks.harness import peak_rss_mb

    if mode == "window":
        from annotator.ui.app import make_app
        from annotator.ui.main_window import MainWindow
        app = make_app()
    wall, cpu = time.perf_counter(), time.process_time()
    if mode == "store":
        project, _ = _open_as_the_window(path)
    else:
        project = Project.open(path, backup=False)
        window = MainWindow(project, project.coders()[0], restore=False)
        window.show()
        for _ in range(3):
            app.processEvents()
        window.grab()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = peak_rss_mb()
    if mode == "window":
        window.close()
    project.close()
    print(json.dumps(dict(wall_ms=wall * 1000.0, cpu_ms=cpu * 1000.0, peak_mb=peak)))


def _fresh(mode: str, path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_open", f"--child-{mode}", str(path)], env=env,
                          cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process ({mode}) failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cold_open(path, repeats: int = 3) -> list[float] | None:
    """Open after asking the kernel to drop the file's cached pages (Linux; None elsewhere)."""
    if not hasattr(os, "posix_fadvise"):
        return None
    times = []
    for _ in range(repeats):
        for name in (str(path), f"{path}-wal"):
            if os.path.exists(name):
                fd = os.open(name, os.O_RDONLY)
                try:
                    os.fsync(fd)
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
        with Stopwatch() as sw:
            project, _ = _open_and_show(path, backup=False)
        project.close()
        times.append(sw.ms)
    return times


def run(size: str = "small") -> list[dict]:
    source = generate.project(size)
    info = generate.describe(source)
    what = f"{info.get('documents', 0):,} documents, {info.get('spans', 0):,} spans"
    rows = []
    with tempfile.TemporaryDirectory(dir=generate.cache_dir(), prefix="work-") as tmp:
        path = generate.working_copy(source, tmp)
        plain = []
        for _ in range(REPEATS[size] + 1):  # the first open also warms the interpreter's caches
            with Stopwatch() as sw:
                project, _ = _open_and_show(path, backup=False)
            project.close()
            plain.append(sw.ms)
        rows.append(harness.timing_row("project open + document list + first document's spans", size,
                                       plain[1:], under_ms=1000, note=what))
        rows.append(harness.timing_row("the first open of a copy this app has not checked yet", size, plain[:1],
                                       note="every row checked once (store/trust.py), then remembered"))

        window_reads = []
        for _ in range(REPEATS[size] + 1):
            with Stopwatch() as sw:
                project, _ = _open_as_the_window(path)
            project.close()
            window_reads.append(sw.ms)
        rows.append(harness.timing_row("project open as the window reads it: one list query, first document, "
                                       "its spans, the painted rows' counts", size, window_reads[1:],
                                       under_ms=OPEN_MS, note="Project.document_list: no text read"))
        for mode, what in (("store", "the same in a fresh process"),
                           ("window", "the main window in a fresh process: Project.open to painted (offscreen)")):
            fresh = [_fresh(mode, path) for _ in range(3)]
            wall = harness.percentile([f["wall_ms"] for f in fresh], 50)
            cpu = harness.percentile([f["cpu_ms"] for f in fresh], 50)
            peak = max(f["peak_mb"] for f in fresh)
            rows.append(harness.row(f"{what} (CPU, median of 3)", size, n=3, median_ms=cpu, peak_mb=peak,
                                    target=f"< {OPEN_MS} ms CPU, < {PEAK_MB} MB",
                                    ok=cpu < OPEN_MS and peak < PEAK_MB,
                                    note=f"wall {wall:.0f} ms; load {harness.load()}"))

        cold = _cold_open(path)
        if cold is not None:
            rows.append(harness.timing_row("the same, file evicted from the OS cache first (cold)", size,
                                           cold, under_ms=1000, note="posix_fadvise(DONTNEED) on the file"))
        with Stopwatch() as sw:
            project, _ = _open_and_show(path, backup=True)
        with Stopwatch() as backup:
            made = project.wait_for_backup()
        project.close()
        rows.append(harness.timing_row("the same, with the opening backup started (first open of the day)",
                                       size, [sw.ms], under_ms=1000,
                                       note="backup runs in a background thread"))
        if made is not None:
            rows.append(harness.timing_row("opening backup (VACUUM INTO), after the open returned", size,
                                           [backup.ms], note=f"{made.stat().st_size / 1e6:.0f} MB copy; "
                                                             "closing the project waits for it"))
        with Project.open(path, backup=False) as project:
            coder = project.coders()[0]
            times = []
            for _ in range(REPEATS[size]):
                with Stopwatch() as sw:
                    project.statuses(coder.id)
                    project.span_counts(coder.id)
                times.append(sw.ms)
        rows.append(harness.timing_row("document list extras: one coder's statuses + span counts", size, times,
                                       note="what a list with progress columns needs"))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--child-store", "--child-window"):
        _child(sys.argv[1].rsplit("-", 1)[1], sys.argv[2])
    else:
        raise SystemExit(harness.main(run))
