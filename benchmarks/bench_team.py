"""Team mode on a real PostgreSQL (started here, as the tests do: tests/pgserver.py, loopback only).

1. N coder processes at once, each adding ``OPS`` spans one call at a time through the store and
   removing every other one: afterwards every coder has exactly ``OPS / 2`` spans (nothing lost),
   no process failed (no deadlock, no error). Add-span latency median and p99 over loopback, next
   to the same single-span add on a project file (one process: a file has one writer).
2. ``copy`` of the generated project of the size: file -> server -> file, time each way, and the
   JSONL exports (every coder, every status) of the file and of the round-trip copy byte-identical.
3. Export and agreement on the server vs on the file for the same project: same bytes, same
   numbers, and their times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import generate, harness
from benchmarks.harness import Stopwatch, percentile

CODERS = {"small": 2, "medium": 10, "large": 20}
OPS = {"small": 20, "medium": 300, "large": 1000}
TESTS = Path(__file__).resolve().parents[1] / "tests"

WORKER = r"""
import json, random, sys, time
from annotator.store import Project
url, name, ops, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
with Project.open(url) as p:
    coder = p.ensure_coder(name)
    docs = p.documents()
    label = next(iter(p.labels())).id
    adds, removes, ids = [], [], []
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    used = set()  # a coder never has the same span twice (the store refuses it): draw again
    for i in range(ops):
        doc = rng.choice(docs)
        start = rng.randrange(0, max(1, doc.length - 8))
        while (doc.id, start) in used:
            doc = rng.choice(docs)
            start = rng.randrange(0, max(1, doc.length - 8))
        used.add((doc.id, start))
        t = time.perf_counter()
        span = p.add_span(doc.id, coder.id, label, start, min(doc.length, start + 5))
        adds.append((time.perf_counter() - t) * 1000)
        ids.append(span.id)
    for span_id in ids[::2]:
        t = time.perf_counter()
        p.remove_span(span_id)
        removes.append((time.perf_counter() - t) * 1000)
print(json.dumps({"adds": adds, "removes": removes}), flush=True)
"""


def _server():
    sys.path.insert(0, str(TESTS))
    from pgserver import PgServer

    server = PgServer().start()
    os.environ["PGPASSWORD"] = server.password  # libpq reads it, as a coder's ~/.pgpass would give it
    return server


def _first_label(project) -> int:
    return next(iter(project.labels())).id


def _file_latency(folder: Path, ops: int) -> list[float]:
    from annotator.store import Project

    path = folder / "latency.annot"
    with Project.create(path, coder="solo") as p:
        doc = p.add_document("t", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت. " * 40)
        coder, label = p.coder("solo"), _first_label(p)
        samples = []
        for i in range(ops):
            start = (i * 7) % (doc.length - 8)
            end = start + 5 + (i * 7) // (doc.length - 8)  # another span each round: never the same twice
            with Stopwatch() as sw:
                p.add_span(doc.id, coder.id, label, start, min(end, doc.length))
            samples.append(sw.ms)
    return samples


def _coders_at_once(server, size: str, rows: list) -> None:
    from annotator.store import Project

    n, ops = CODERS[size], OPS[size]
    url = server.url(server.new_database("bench"))
    with Project.create(url) as p:
        for i in range(20):
            p.add_document(f"doc {i}", f"نص رقم {i}: قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت. " * 10)
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, f"coder{i:02d}", str(ops), str(i)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i in range(n)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    started = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    adds, removes, failed = [], [], 0
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            failed += 1
            print(err[-2000:], file=sys.stderr)
            continue
        result = json.loads(out.strip().splitlines()[-1])
        adds += result["adds"]
        removes += result["removes"]
    wall = time.perf_counter() - started
    with Project.open(url, readonly=True) as p:
        counts = {c.name: sum(p.span_counts(c.id).values()) for c in p.coders()}
    expected = ops - len(range(0, ops, 2))
    lost = sum(abs(counts.get(f"coder{i:02d}", 0) - expected) for i in range(n))
    note = (f"{n} processes x {ops} adds + {len(range(0, ops, 2))} removes in {wall:.1f} s; "
            f"{failed} failed; spans left per coder {sorted(set(counts.values()))} (expected {expected}); "
            f"{lost} lost or extra")
    rows.append(harness.latency_row(f"server: add span, {n} coders at once (loopback)", size, adds, note=note,
                                    target="nothing lost, no error", ) | {"ok": failed == 0 and lost == 0})
    rows.append(harness.latency_row(f"server: remove span, {n} coders at once", size, removes))
    server.drop_database(url.rsplit("/", 1)[1])


def _export(target, out: Path) -> tuple[bytes, float]:
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.store import Project

    with Project.open(target, readonly=True) as p, Stopwatch() as sw:
        export_project(p, out, "jsonl", ExportOptions(all_coders=True, status="all"))
    return out.read_bytes(), sw.ms


def _agreement(target) -> tuple[str, float]:
    from annotator.agreement.report import build_report, collect
    from annotator.store import Project

    with Project.open(target, readonly=True) as p, Stopwatch() as sw:
        report = build_report(collect(p))
    report = {k: v for k, v in report.items() if k not in ("project", "path")} if isinstance(report, dict) else report
    return json.dumps(report, sort_keys=True, default=str), sw.ms


def _tiny_project(folder: Path) -> Path:
    """For the smoke run (size small): 20 documents, 3 coders, every document done."""
    import random

    from annotator.store import Project

    path, rng = folder / "tiny.annot", random.Random(7)
    with Project.create(path) as p:
        labels = [label.id for label in p.labels()]
        coders = [p.ensure_coder(name) for name in ("a", "b", "c")]
        for i in range(20):
            doc = p.add_document(f"doc {i}", f"نص رقم {i}: قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
            for coder in coders:
                for start in sorted(rng.sample(range(0, doc.length - 6, 6), 3)):
                    p.add_span(doc.id, coder.id, rng.choice(labels), start, start + 4)
                p.set_status(doc.id, coder.id, "done")
    return path


def _copy_round_trip(server, size: str, folder: Path, rows: list) -> None:
    from annotator.store.copy import copy_project

    source = _tiny_project(folder) if size == "small" else generate.project(size)
    url = server.url(server.new_database("copy"))
    with Stopwatch() as up:
        report = copy_project(source, url)
    back = folder / "back.annot"
    with Stopwatch() as down:
        copy_project(url, back)
    spans = report.rows.get("spans", 0)
    file_bytes, file_export_ms = _export(source, folder / "file.jsonl")
    server_bytes, server_export_ms = _export(url, folder / "server.jsonl")
    back_bytes, _ = _export(back, folder / "back.jsonl")
    same = file_bytes == server_bytes == back_bytes
    rows.append(harness.timing_row(f"copy file -> server ({report.rows.get('documents', 0):,} docs, {spans:,} spans)",
                                   size, [up.ms]))
    rows.append(harness.timing_row("copy server -> file", size, [down.ms],
                                   target="JSONL exports byte-identical") | {"ok": same})
    rows.append(harness.timing_row("export JSONL (all coders) from the file", size, [file_export_ms]))
    rows.append(harness.timing_row("export JSONL (all coders) from the server", size, [server_export_ms],
                                   note=f"{server_export_ms / file_export_ms:.1f}x the file; bytes "
                                        f"{'identical' if file_bytes == server_bytes else 'DIFFER'}"))
    file_report, file_ms = _agreement(source)
    server_report, server_ms = _agreement(url)
    rows.append(harness.timing_row("agreement report from the file", size, [file_ms]))
    rows.append(harness.timing_row("agreement report from the server", size, [server_ms],
                                   target="same numbers as the file") | {"ok": file_report == server_report,
                                                                        "note": f"{server_ms / file_ms:.1f}x the file"})
    server.drop_database(url.rsplit("/", 1)[1])


def run(size: str) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=generate.cache_dir()) as tmp:
        folder = Path(tmp)
        file_adds = _file_latency(folder, OPS[size])
        server = _server()
        try:
            _coders_at_once(server, size, rows)
            rows.insert(0, harness.latency_row("file: add span (one writer), same store call", size, file_adds))
            _copy_round_trip(server, size, folder, rows)
        finally:
            server.stop()
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
