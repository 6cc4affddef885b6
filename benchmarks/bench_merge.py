"""``annotator merge``: the lead merges three coders' copies into the project, next to its floor.

The project is the generated one (``generate.project(size)``: at large 10,000 documents, about
1,000,000 spans, 3 coders). It is split into the lead's project (the documents and labels, no coder,
span or status) and three copies that each hold one coder's spans and statuses. Timed as a user runs
it, ``annotator merge TARGET C1 C2 C3`` in a child process (its own CPU time and peak memory), next
to the floor in the same run: ``floors.merge``, one sqlite3 transaction of ATTACH + INSERT ... SELECT
(no conflict check, no validation). Then the same merge again: nothing to write (idempotent).

``python -m benchmarks.bench_merge --size large``
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks import floors, generate, harness

MAX_RATIO = 3.0
REPO = Path(__file__).resolve().parents[1]


def _sql(path: Path, *statements: tuple) -> list:
    """Run statements on a file and leave it whole (WAL checkpointed, connection closed), so that a
    plain file copy of it carries every change."""
    con = sqlite3.connect(path, isolation_level=None)  # autocommit: each statement its own transaction
    try:
        out = [con.execute(*statement).fetchall() for statement in statements]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return out


def coder_copies(full: Path, lead: Path, folder: Path) -> list[Path]:
    """Split a project with several coders into the lead's empty project and one copy per coder
    (plain sqlite3 on copies of the file: this is the benchmark's set-up, not what it measures)."""
    shutil.copyfile(full, lead)
    _sql(lead, ("DELETE FROM spans",), ("DELETE FROM doc_status",), ("DELETE FROM coders",), ("VACUUM",))
    names = [n for (n,) in _sql(full, ("SELECT name FROM coders ORDER BY id",))[0]]
    copies = []
    for name in names:
        copy = folder / f"{name}.annot"
        shutil.copyfile(full, copy)
        _sql(copy, ("DELETE FROM spans WHERE coder_id IN (SELECT id FROM coders WHERE name != ?)", (name,)),
             ("DELETE FROM doc_status WHERE coder_id IN (SELECT id FROM coders WHERE name != ?)", (name,)),
             ("VACUUM",))
        copies.append(copy)
    return copies


def _merge(target: Path, copies: list[Path]) -> floors.Measured:
    done = floors.child([sys.executable, "-m", "annotator", "merge", str(target), *map(str, copies)], cwd=REPO,
                        env=generate.app_env())
    if done.code != 0:
        raise RuntimeError(f"annotator merge failed: {done.output[-800:]}")
    return done


def _spans(path: Path) -> int:
    """Distinct spans: the synthetic project may hold a span twice for one coder, which the floor's
    INSERT ... SELECT copies and the merge keeps once (the store never holds a duplicate)."""
    return _sql(path, ("SELECT count(*) FROM (SELECT DISTINCT document_id, coder_id, label_id, start_offset, "
                       "end_offset FROM spans)",))[0][0][0]


def run(size: str = "small") -> list[dict]:
    full = generate.project(size)
    with tempfile.TemporaryDirectory(dir=generate.cache_dir(), prefix="bench-merge-") as tmp:
        folder = Path(tmp)
        lead = folder / "lead.annot"
        copies = coder_copies(full, lead, folder)
        target, floor_target = folder / "target.annot", folder / "floor.annot"
        shutil.copyfile(lead, target)
        shutil.copyfile(lead, floor_target)
        ours = _merge(target, copies)
        again = _merge(target, copies)
        floor = floors.floor("merge", floor_target, *copies)
        if floor.code != 0:
            raise RuntimeError(f"merge floor failed: {floor.output[-800:]}")
        merged, floored = _spans(target), _spans(floor_target)
    if merged != floored:
        raise RuntimeError(f"the merge wrote {merged} spans, the floor {floored}")
    large = size == "large"
    return [
        harness.ratio_row("merge 3 coders' copies into the lead's project (CLI, CPU)", size, ours.cpu_s, floor.cpu_s,
                          max_ratio=MAX_RATIO if large else None, floor="sqlite3 ATTACH + INSERT ... SELECT",
                          peak_mb=ours.peak_mb, wall_s=ours.wall_s,
                          note=f"{merged:,} spans written, one transaction; floor peak {floor.peak_mb:.0f} MB"),
        harness.ratio_row("merge the same 3 copies again (nothing to write; CLI, CPU)", size, again.cpu_s,
                          floor.cpu_s, max_ratio=None, floor="the same floor", peak_mb=again.peak_mb,
                          wall_s=again.wall_s),
    ]


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
