"""Import and export at scale: JSONL export of the whole project (target < 10 s for 10,000 documents
with 1,000,000 spans), JSONL import of the same file into a new project (target < 30 s), and their
floors, each a child process in the same run: for the import ``floors.import_jsonl`` (json.loads +
executemany; CPU at most 2x it), for the export ``floors.export_jsonl`` (sqlite3 reads + json.dumps
lines; CPU at most 2x it); and a bare in-process ``json.dumps`` loop over the exported records. Import
and export run as the user runs them (``python -m annotator ...`` in a child process), so the times
include starting Python, and the peak memory is that child's own.

Data: documents made of consecutive sentences of the shared corpus (AQMAR and ANERCorp JSONL, in
``../shared/corpus`` or ``$ANNOTATOR_CORPUS``; the bundled demo texts when it is absent), with
spans on word boundaries drawn with a fixed seed.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.paths import resource_path
from benchmarks import floors, generate, harness
from benchmarks.harness import Stopwatch

SIZES = {"small": (200, 20), "medium": (2_000, 100), "large": (10_000, 100)}  # documents, spans each
SEED = 20240611
REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\S+")
LABELS = ("PER", "LOC", "ORG", "MISC")
IMPORT_RATIO = 2.0  # the import at most 2x the executemany floor's CPU
EXPORT_RATIO = 2.0  # the export at most 2x the sqlite3 + json.dumps floor's CPU (floors.export_jsonl)


def _sentences() -> tuple[list[str], str]:
    folder = Path(os.environ.get("ANNOTATOR_CORPUS", REPO.parent / "shared" / "corpus"))
    files = [folder / "aqmar/aqmar.spans.jsonl", folder / "anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl"]
    if all(f.is_file() for f in files):
        out = [json.loads(line)["text"] for f in files for line in f.read_text(encoding="utf-8").splitlines()]
        return [s for s in out if len(WORD.findall(s)) >= 3], "shared corpus (AQMAR + ANERCorp sentences)"
    demo = resource_path("demo")
    out = [line.strip() for p in sorted(demo.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    return [s for s in out if len(WORD.findall(s)) >= 3], "bundled demo texts (shared corpus absent)"


def make_jsonl(path: Path, documents: int, spans_each: int) -> str:
    """Write the benchmark's input file; returns where its text came from."""
    rng = random.Random(SEED)
    sentences, origin = _sentences()
    at = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(documents):
            parts: list[str] = []
            words = 0
            while words < spans_each * 4:  # ~4 words per span: room for 1-3 word spans
                sentence = sentences[at % len(sentences)]
                at += 1
                parts.append(sentence)
                words += len(WORD.findall(sentence))
            text = f"[{number}] " + " ".join(parts)  # the number keeps every text distinct
            bounds = [m.span() for m in WORD.finditer(text)]
            spans, given = [], set()
            while len(spans) < spans_each:  # a coder never has the same span twice (the store refuses it)
                first = rng.randrange(len(bounds))
                last = min(len(bounds) - 1, first + rng.randint(0, 2))
                span = (bounds[first][0], bounds[last][1], rng.choice(LABELS))
                if span not in given:
                    given.add(span)
                    spans.append({"start": span[0], "end": span[1], "label": span[2]})
            out.write(json.dumps({"id": f"bench-{number:05d}", "text": text, "spans": spans,
                                  "meta": {"n": number}}, ensure_ascii=False) + "\n")
    return origin


def _run_cli(args: list[str]) -> tuple[float, float]:
    """Run ``python -m annotator ARGS``; wall time in ms and the child's peak RSS in MB."""
    env = generate.app_env()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "annotator", *args], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"annotator {' '.join(args)} failed: {err[-500:]}")
    peak = usage.ru_maxrss / 1e6 if sys.platform == "darwin" else usage.ru_maxrss * 1024 / 1e6
    return elapsed, peak


def _floor(records: list[dict], path: Path) -> float:
    with Stopwatch() as sw:
        with open(path, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
    return sw.ms


def run(size: str = "small") -> list[dict]:
    documents, spans_each = SIZES[size]
    total = documents * spans_each
    with tempfile.TemporaryDirectory(prefix="bench-io-") as raw:
        tmp = Path(raw)
        source = tmp / "input.jsonl"
        origin = make_jsonl(source, documents, spans_each)
        project, floor_project = tmp / "p.annot", tmp / "floor.annot"
        for path in (project, floor_project):
            _run_cli(["new", str(path), "--coder", "bench", "--labels", ",".join(LABELS)])
        imported = floors.child([sys.executable, "-m", "annotator", "import", str(project), str(source),
                                 "--status", "done"], cwd=REPO, env=generate.app_env())
        if imported.code != 0:
            raise RuntimeError(f"annotator import failed: {imported.output[-500:]}")
        import_floor = floors.floor("import", floor_project, source)
        if import_floor.code != 0:
            raise RuntimeError(f"import floor failed: {import_floor.output[-500:]}")
        out = tmp / "out.jsonl"
        exported = floors.child([sys.executable, "-m", "annotator", "export", str(project), "-o", str(out)],
                                cwd=REPO, env=generate.app_env())
        if exported.code != 0:
            raise RuntimeError(f"annotator export failed: {exported.output[-500:]}")
        export_ms, export_mb = exported.wall_s * 1000.0, exported.peak_mb
        export_floor = floors.floor("export", project, tmp / "floor-export.jsonl")
        if export_floor.code != 0:
            raise RuntimeError(f"export floor failed: {export_floor.output[-500:]}")
        conll_ms, conll_mb = _run_cli(["export", str(project), "-o", str(tmp / "out.conll"), "--format", "conll"])
        # Last: a child forked from a process holding these records would count them in its peak.
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        exported_spans = sum(len(r["spans"]) for r in records)
        floor_ms = _floor(records, tmp / "floor.jsonl")
    what = f"{documents} docs, {total} spans"
    note = f"data: {origin}"
    return [
        harness.timing_row(f"JSONL import ({what})", size, [imported.wall_s * 1000.0], under_ms=30_000,
                           peak_mb=imported.peak_mb, note=f"CLI in a child process, one transaction, wall; {note}"),
        harness.ratio_row(f"JSONL import ({what}) (CLI, CPU)", size, imported.cpu_s, import_floor.cpu_s,
                          max_ratio=IMPORT_RATIO if size == "large" else None,
                          floor="json.loads + sqlite3 executemany, one transaction", peak_mb=imported.peak_mb),
        harness.timing_row(f"JSONL export ({what})", size, [export_ms], under_ms=10_000, peak_mb=export_mb,
                           note=f"CLI in a child process, wall; {exported_spans} spans written; "
                                f"{export_ms / floor_ms:.1f}x the in-process json.dumps loop below"),
        harness.ratio_row(f"JSONL export ({what}) (CLI, CPU)", size, exported.cpu_s, export_floor.cpu_s,
                          max_ratio=EXPORT_RATIO if size == "large" else None,
                          floor="sqlite3 reads + json.dumps lines, same fields", peak_mb=export_mb),
        harness.timing_row(f"floor: bare json.dumps loop, same records ({what})", size, [floor_ms],
                           note="in-process, records already in memory: no database, no process start"),
        harness.timing_row(f"CoNLL export ({what})", size, [conll_ms], peak_mb=conll_mb,
                           note="tokenising every document; no target"),
    ]


if __name__ == "__main__":
    sys.exit(harness.main(run))
