"""Floors: what a plain script does over the same data, measured in the same run as the figure it
bounds, so that a target can be a ratio (the machine is shared and noisy; ratios against a floor
measured minutes apart on it are what stay comparable).

Each floor runs as ``python -m benchmarks.floors NAME ARGS...`` in a child process of its own, like
the command it is compared with, and ``child(cmd)`` measures either: CPU seconds (user + system, of
that process alone, from ``os.wait4``), wall seconds and peak resident memory.

- ``kappa PROJECT``: the agreement floor. Read every document's text and every span with the sqlite3
  module, give each coder one int64 label per character (0 = none; a span's label over its characters,
  set by a Python loop over the spans, later spans winning), and Cohen's kappa of every pair of coders
  pooled over all characters with ``np.bincount``. Less than the report computes (no per-document or
  per-label values, no alpha, alpha_U, F1 or disagreements), with memory no better than 8 bytes per
  character and coder.
- ``merge TARGET SOURCE...``: the merge floor. One transaction: ``ATTACH`` each source and ``INSERT ...
  SELECT`` its spans and statuses into the target, matching documents by sha256 and coders and labels
  by name (``INSERT OR IGNORE`` for new coders); no conflict check.
- ``import PROJECT FILE.jsonl``: the import floor. Parse the JSONL with ``json.loads`` and insert the
  documents (external id, sha256, length, metadata), their spans and a "done" status for the
  project's first coder with ``executemany`` in one transaction; no validation, no duplicate check.
- ``export PROJECT OUT.jsonl``: the export floor. Read the documents and the first coder's spans
  with the sqlite3 module (500 documents a query, spans ordered by start and end) and write each
  document as one ``json.dumps`` line with the fields the export writes; no status filter, no
  label-name ordering, no attributes, values or relations, no temporary file and rename.
- ``pass``: nothing (``python -c pass`` with the same interpreter).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    cpu_s: float
    wall_s: float
    peak_mb: float
    code: int
    output: str = ""


def child(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None) -> Measured:
    """Run ``cmd`` and measure that process alone (its CPU, wall time and peak RSS)."""
    started = time.perf_counter()
    with open(os.devnull, "rb") as devnull:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=devnull, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read()  # to the end: the child has exited or closed its output
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    peak = usage.ru_maxrss * 1024 / 1e6 if sys.platform != "darwin" else usage.ru_maxrss / 1e6
    return Measured(usage.ru_utime + usage.ru_stime, wall, peak, proc.returncode, output.decode("utf-8", "replace"))


def floor(name: str, *args: str) -> Measured:
    """Run one floor in its own process."""
    return child([sys.executable, "-m", "benchmarks.floors", name, *map(str, args)],
                 cwd=Path(__file__).resolve().parent.parent)


# -- the floors themselves (run in the child) -------------------------------------------------
def kappa(path: str) -> None:
    import numpy as np

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    offsets, at = {}, 0
    for doc_id, text in con.execute("SELECT id, text FROM documents ORDER BY position, id"):
        offsets[doc_id] = at
        at += len(text)
    coders = [c for (c,) in con.execute("SELECT id FROM coders WHERE name NOT LIKE '@%' ORDER BY id")]
    values = {c: np.zeros(at, dtype=np.int64) for c in coders}
    for doc_id, coder, label, start, end in con.execute(
            "SELECT document_id, coder_id, label_id, start_offset, end_offset FROM spans"):
        if coder in values:
            base = offsets[doc_id]
            values[coder][base + start:base + end] = label
    k = int(max(int(v.max(initial=0)) for v in values.values())) + 1
    result = {}
    for i, a in enumerate(coders):
        for b in coders[i + 1:]:
            table = np.bincount(values[a] * k + values[b], minlength=k * k).reshape(k, k).astype(np.float64)
            n = table.sum()
            chance = (table.sum(axis=1) * table.sum(axis=0)).sum()
            result[f"{a}|{b}"] = (n * np.trace(table) - chance) / (n * n - chance)
    print(json.dumps({"characters": at, "kappa": result}))


def merge(target: str, *sources: str) -> None:
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    for n, source in enumerate(sources):
        con.execute(f"ATTACH DATABASE ? AS s{n}", (str(source),))
    for n, _source in enumerate(sources):
        s = f"s{n}"
        con.execute(f"INSERT OR IGNORE INTO coders (name, is_gold, created_at) "
                    f"SELECT name, is_gold, created_at FROM {s}.coders")
        con.execute(f"""INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, note,
                                          created_at, updated_at, provenance)
            SELECT d.id, c.id, l.id, x.start_offset, x.end_offset, x.note, x.created_at, x.updated_at, x.provenance
            FROM {s}.spans x JOIN {s}.documents sd ON sd.id = x.document_id JOIN documents d ON d.sha256 = sd.sha256
            JOIN {s}.coders sc ON sc.id = x.coder_id JOIN coders c ON c.name = sc.name
            JOIN {s}.labels sl ON sl.id = x.label_id JOIN labels l ON l.name = sl.name""")
        con.execute(f"""INSERT OR REPLACE INTO doc_status (document_id, coder_id, status, updated_at)
            SELECT d.id, c.id, x.status, x.updated_at
            FROM {s}.doc_status x JOIN {s}.documents sd ON sd.id = x.document_id
            JOIN documents d ON d.sha256 = sd.sha256 JOIN {s}.coders sc ON sc.id = x.coder_id
            JOIN coders c ON c.name = sc.name""")
    con.execute("COMMIT")
    print(json.dumps({"spans": con.execute("SELECT count(*) FROM spans").fetchone()[0]}))


def import_jsonl(path: str, source: str) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    labels = dict(con.execute("SELECT name, id FROM labels"))
    coder = con.execute("SELECT id FROM coders ORDER BY id").fetchone()[0]
    position = con.execute("SELECT coalesce(max(position), 0) FROM documents").fetchone()[0]
    next_id = con.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0] + 1
    now = "2024-03-01 09:00:00.000000"
    docs, spans, statuses = [], [], []
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record["text"]
            position += 1
            docs.append((next_id, record.get("title") or f"doc {position}", record.get("id"), text, len(text),
                         hashlib.sha256(text.encode("utf-8")).hexdigest(),
                         json.dumps(record.get("meta") or {}, ensure_ascii=False), position, now))
            spans += [(next_id, labels[sp["label"]], sp["start"], sp["end"], now, now) for sp in record.get("spans", [])]
            statuses.append((next_id, "done", now))
            next_id += 1
    con.executemany("INSERT INTO documents (id, title, external_id, text, length, sha256, meta_json, position, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    con.executemany("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                    f"updated_at) VALUES (?, {coder}, ?, ?, ?, ?, ?)", spans)
    con.executemany(f"INSERT INTO doc_status (document_id, coder_id, status, updated_at) VALUES (?, {coder}, ?, ?)",
                    statuses)
    con.execute("COMMIT")
    print(json.dumps({"documents": len(docs), "spans": len(spans)}))


def export_jsonl(path: str, out: str) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    labels = dict(con.execute("SELECT id, name FROM labels"))
    coder_id, coder = con.execute("SELECT id, name FROM coders WHERE name NOT LIKE '@%' ORDER BY id").fetchone()
    docs = con.execute("SELECT id, external_id, title, text, meta_json FROM documents ORDER BY position, id").fetchall()
    written = 0
    with open(out, "w", encoding="utf-8") as fh:
        for at in range(0, len(docs), 500):
            batch = docs[at:at + 500]
            spans: dict[int, list] = {}
            for doc_id, start, end, label in con.execute(
                    f"SELECT document_id, start_offset, end_offset, label_id FROM spans WHERE coder_id = ? AND "
                    f"document_id IN ({', '.join('?' * len(batch))}) ORDER BY document_id, start_offset, end_offset",
                    (coder_id, *(d[0] for d in batch))):
                spans.setdefault(doc_id, []).append((start, end, label))
            for doc_id, external_id, title, text, meta in batch:
                mine = spans.get(doc_id, [])
                fh.write(json.dumps({"id": external_id or f"doc-{doc_id}", "text": text, "spans": [
                    {"id": i, "start": s, "end": e, "label": labels[l], "text": text[s:e]}
                    for i, (s, e, l) in enumerate(mine, 1)], "meta": json.loads(meta or "{}"), "coder": coder},
                    ensure_ascii=False))
                fh.write("\n")
                written += len(mine)
    print(json.dumps({"documents": len(docs), "spans": written}))


FLOORS = {"kappa": kappa, "merge": merge, "import": import_jsonl, "export": export_jsonl, "pass": lambda: None}

if __name__ == "__main__":
    FLOORS[sys.argv[1]](*sys.argv[2:])
