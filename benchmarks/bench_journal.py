"""Which journal keeps the project file whole after every change, and what it costs.

A copy of the main file alone (no ``-wal``, no ``-journal``) must hold every committed change
whenever the app is idle (DESIGN.md section 5). Two ways give that with ``synchronous=FULL``:

- a rollback journal (``journal_mode=DELETE``): each commit writes the old pages to ``-journal``,
  fsyncs it, writes the new pages into the main file, fsyncs it, deletes the journal;
- WAL with a checkpoint after every write: each commit appends to ``-wal`` and fsyncs it, then a
  PASSIVE checkpoint copies the frames into the main file and fsyncs it.

Measured here on one working copy of the generated project, raw sqlite3 (the floor for each mode,
one INSERT/DELETE + COMMIT) and the store's own ``Project.add_span``/``remove_span`` in the mode the
app uses; plain WAL (today's mode, which leaves the work in ``-wal``) for comparison, and the
disk's own write+fsync. Ratios are against plain WAL measured in the same run.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from datetime import datetime

from benchmarks import generate, harness
from benchmarks.bench_store import INSERT, _fsync_times, _random_spans
from benchmarks.harness import Stopwatch, percentile

OPS = {"small": 150, "medium": 400, "large": 1000}
WARMUP = 10
MODES = ("wal", "wal+checkpoint", "delete")


def _connect(path, mode: str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA journal_mode = {'DELETE' if mode == 'delete' else 'WAL'}")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _raw(path, mode: str, ops: list[tuple]) -> tuple[list[float], list[float]]:
    conn = _connect(path, mode)
    checkpoint = mode.endswith("+checkpoint")
    adds, removes = [], []
    try:
        for values in ops:
            with Stopwatch() as add:
                conn.execute("BEGIN")
                span_id = conn.execute(INSERT, values).lastrowid
                conn.execute("COMMIT")
                if checkpoint:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            with Stopwatch() as remove:
                conn.execute("BEGIN")
                conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
                conn.execute("COMMIT")
                if checkpoint:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            adds.append(add.ms)
            removes.append(remove.ms)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)" if mode != "delete" else "SELECT 1")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    return adds[WARMUP:], removes[WARMUP:]


def _store(path, ops: list[tuple]) -> tuple[list[float], list[float]]:
    from annotator.store.project import Project

    adds, removes = [], []
    with Project.open(path, backup=False) as project:
        for doc_id, coder_id, label_id, start, end, *_ in ops:
            with Stopwatch() as add:
                span = project.add_span(doc_id, coder_id, label_id, start, end)
            with Stopwatch() as remove:
                project.remove_span(span.id)
            adds.append(add.ms)
            removes.append(remove.ms)
    return adds[WARMUP:], removes[WARMUP:]


def _store_mode() -> str:
    from annotator.store import engine
    return getattr(engine, "JOURNAL", "wal")


def run(size: str = "small") -> list[dict]:
    source = generate.project(size)
    rng = random.Random(11)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=generate.cache_dir(), prefix="journal-") as tmp:
        path = generate.working_copy(source, tmp)
        probe = sqlite3.connect(str(path))
        docs = [type("D", (), {"id": i, "length": n}) for i, n in probe.execute("SELECT id, length FROM documents")]
        coder_ids = [i for (i,) in probe.execute("SELECT id FROM coders")]
        label_ids = [i for (i,) in probe.execute("SELECT id FROM labels")]
        probe.close()
        now = datetime.now().isoformat(sep=" ")
        ops = [op + (None, now, now) for op in _random_spans(rng, docs, coder_ids, label_ids, OPS[size] + WARMUP)]
        raw = {}
        for mode in MODES:
            raw[mode] = _raw(path, mode, ops)
        base_add, base_remove = (percentile(v, 50) for v in raw["wal"])
        for mode in MODES:
            adds, removes = raw[mode]
            whole = "main file NOT whole (work in -wal)" if mode == "wal" else "main file whole after each commit"
            rows.append(harness.latency_row(f"raw sqlite3 add span + COMMIT, {mode}", size, adds,
                                            note=f"{whole}; {percentile(adds, 50) / base_add:.1f}x plain WAL"))
            rows.append(harness.latency_row(f"raw sqlite3 remove span + COMMIT, {mode}", size, removes,
                                            note=f"{percentile(removes, 50) / base_remove:.1f}x plain WAL"))
        adds, removes = _store(path, ops)
        mode = _store_mode()
        rows.append(harness.latency_row(f"Project.add_span, as the app runs ({mode})", size, adds,
                                        median_under=5, p99_under=16,
                                        note=f"{percentile(adds, 50) / percentile(raw[mode if mode in raw else 'wal'][0], 50):.1f}x raw {mode}"))
        rows.append(harness.latency_row(f"Project.remove_span, as the app runs ({mode})", size, removes,
                                        median_under=5, p99_under=16))
        rows.append(harness.latency_row("the disk itself: write 4 KB + fsync", size, _fsync_times(tmp, 100),
                                        note="the floor under every committed change"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
