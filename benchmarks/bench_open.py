"""Project open, as the app does it: ``Project.open`` (checks, writer lock), the document list, the
first document's text and one coder's spans in it. Target (DESIGN.md section 7): under 1 s for
10,000 documents and 1,000,000 spans.

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

from annotator.store.project import Project
from benchmarks import generate, harness
from benchmarks.harness import Stopwatch

REPEATS = {"small": 10, "medium": 7, "large": 7}


def _open_and_show(path, *, backup: bool) -> tuple[Project, int]:
    project = Project.open(path, backup=backup)
    documents = project.documents()
    coder = project.coders()[0]
    first = project.document(documents[0].id)
    spans = project.spans(first.id, coder.id)
    return project, len(spans)


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
    raise SystemExit(harness.main(run))
