"""Add and remove one span, committed to disk, in the generated project of the given size, side by
side with raw sqlite3 doing the same rows: one INSERT/DELETE + COMMIT at a time (the floor for a
durable single change with the same pragmas: WAL, synchronous=FULL), and executemany in one
transaction (the floor for bulk writes), against the store's own bulk path (SQLAlchemy Core
executemany inside ``project.transaction()``, as the generator and importers use).

Target (DESIGN.md section 7): add/remove span saved to disk, median < 5 ms and p99 < 16 ms.
Works on a copy of the cached project in the cache folder (same disk); the opening backup is off
here (it is measured in bench_open).
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from datetime import datetime

from sqlalchemy import insert

from annotator.core.errors import ProjectError
from annotator.store.models import SpanRow
from annotator.store.project import Project
from benchmarks import generate, harness
from benchmarks.harness import Stopwatch, percentile

OPS = {"small": 200, "medium": 500, "large": 1000}
BULK = {"small": 10_000, "medium": 50_000, "large": 100_000}
REPEATS = 3
WARMUP = 10
INSERT = ("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, note, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def _random_spans(rng: random.Random, docs, coder_ids, label_ids, count: int) -> list[tuple]:
    out = []
    for _ in range(count):
        doc = rng.choice(docs)
        start = rng.randrange(0, max(1, doc.length - 12))
        out.append((doc.id, rng.choice(coder_ids), rng.choice(label_ids), start,
                    min(doc.length, start + rng.randint(1, 12))))
    return out


def _raw_connection(path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _fsync_times(folder: str, count: int) -> list[float]:
    """How long this disk takes to make a small write durable (synchronous=FULL pays this per commit)."""
    times = []
    fd = os.open(os.path.join(folder, "fsync-probe"), os.O_WRONLY | os.O_CREAT)
    try:
        for _ in range(count):
            with Stopwatch() as sw:
                os.write(fd, b"x" * 4096)
                os.fsync(fd)
            times.append(sw.ms)
    finally:
        os.close(fd)
    return times


def run(size: str = "small") -> list[dict]:
    source = generate.project(size)
    rng = random.Random(7)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=generate.cache_dir(), prefix="work-") as tmp:
        path = generate.working_copy(source, tmp)
        with Project.open(path, backup=False) as project:
            docs = project.documents()
            coder_ids = [c.id for c in project.coders()]
            label_ids = [label.id for label in project.labels()]
            ops = _random_spans(rng, docs, coder_ids, label_ids, OPS[size] + WARMUP)
            adds, removes = [], []
            for i, (doc_id, coder_id, label_id, start, end) in enumerate(ops):
                try:
                    with Stopwatch() as add:
                        span = project.add_span(doc_id, coder_id, label_id, start, end)
                except ProjectError:  # drew a span the coder already has: refused, not timed
                    continue
                with Stopwatch() as remove:
                    project.remove_span(span.id)
                if i >= WARMUP:
                    adds.append(add.ms)
                    removes.append(remove.ms)
        spans = f"{len(docs):,} documents, {generate.describe(source).get('spans', 0):,} spans"
        rows.append(harness.latency_row("add span, committed (Project.add_span)", size, adds,
                                        median_under=5, p99_under=16, note=f"in a project of {spans}"))
        rows.append(harness.latency_row("remove span, committed (Project.remove_span)", size, removes,
                                        median_under=5, p99_under=16))

        rows.append(harness.latency_row("the disk itself: write 4 KB + fsync", size, _fsync_times(tmp, 200),
                                        note="the floor under every committed change"))
        now = datetime.now().isoformat(sep=" ")
        measured = [op + (None, now, now) for op in ops[WARMUP:]]
        raw = _raw_connection(path)
        raw_adds, raw_removes = [], []
        for values in measured:
            with Stopwatch() as add:
                raw.execute("BEGIN")
                span_id = raw.execute(INSERT, values).lastrowid
                raw.execute("COMMIT")
            with Stopwatch() as remove:
                raw.execute("BEGIN")
                raw.execute("DELETE FROM spans WHERE id = ?", (span_id,))
                raw.execute("COMMIT")
            raw_adds.append(add.ms)
            raw_removes.append(remove.ms)
        add_ratio = percentile(adds, 50) / percentile(raw_adds, 50)
        rows.append(harness.latency_row("raw sqlite3 INSERT + COMMIT per row", size, raw_adds,
                                        note=f"Project.add_span median = {add_ratio:.1f}x this"))
        rows.append(harness.latency_row("raw sqlite3 DELETE + COMMIT per row", size, raw_removes,
                                        note=f"Project.remove_span median = "
                                             f"{percentile(removes, 50) / percentile(raw_removes, 50):.1f}x this"))

        bulk = [op + (None, now, now) for op in _random_spans(rng, docs, coder_ids, label_ids, BULK[size])]
        raw_ms, store_ms = [], []
        first_new = raw.execute("SELECT max(id) FROM spans").fetchone()[0] + 1
        # The raw floor writes the file the project has open. The store rightly refuses to write to
        # a main file another program has changed (issue 14), and at the large size the raw bulk
        # commits went past SQLite's auto-checkpoint and changed it ("changed by another program",
        # bench_store ERROR in the run of 2026-12-02). Leave the raw commits in the WAL, which the
        # project's own checkpoint folds in: the floor does less work, never more.
        raw.execute("PRAGMA wal_autocheckpoint = 0")
        with Project.open(path, backup=False) as project:
            keys = ("document_id", "coder_id", "label_id", "start_offset", "end_offset", "note")
            as_dicts = [dict(zip(keys, values[:6]), created_at=datetime.now(), updated_at=datetime.now())
                        for values in bulk]
            for _ in range(REPEATS):
                with Stopwatch() as sw:
                    raw.execute("BEGIN")
                    raw.executemany(INSERT, bulk)
                    raw.execute("COMMIT")
                raw_ms.append(sw.ms)
                raw.execute("DELETE FROM spans WHERE id >= ?", (first_new,))
                with Stopwatch() as sw:
                    with project.transaction() as tx:
                        tx.conn.execute(insert(SpanRow.__table__), as_dicts)
                store_ms.append(sw.ms)
                raw.execute("DELETE FROM spans WHERE id >= ?", (first_new,))
        raw.close()
    n = len(bulk)
    raw_median, store_median = percentile(raw_ms, 50), percentile(store_ms, 50)
    per_row_us = raw_median * 1000 / n
    rows.append(harness.timing_row(f"raw sqlite3 executemany, {n:,} rows, 1 transaction", size, raw_ms,
                                   note=f"{n / raw_median * 1000:,.0f} rows/s ({per_row_us:.1f} µs/row); "
                                        f"Project.add_span median = {percentile(adds, 50) * 1000 / per_row_us:,.0f}x a row here"))
    rows.append(harness.timing_row(f"store bulk insert (Core executemany), {n:,} rows, 1 transaction", size,
                                   store_ms, note=f"{n / store_median * 1000:,.0f} rows/s; "
                                                  f"{store_median / raw_median:.1f}x raw executemany"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
