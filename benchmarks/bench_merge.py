"""``annotator merge``: the lead merges three coders' copies into the project.

Made here: a lead project (``small`` 40 documents, ``medium`` 200, ``large`` 1,000 documents of
12,000 characters, as in bench_agreement), and three copies, each holding one coder's spans (about
50 per document) and statuses. Timed: merging the three copies into a fresh copy of the lead's file
(one transaction), and merging the same three again (idempotent: nothing to write).

``python -m benchmarks.bench_merge --size large``
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from annotator.store import Project
from annotator.store.merge import merge_projects
from benchmarks import bench_agreement, harness
from benchmarks.harness import Stopwatch

REPEATS = {"small": 3, "medium": 3, "large": 3}


def _coder_copies(full: Path, lead: Path, folder: Path) -> list[Path]:
    """Split the generated project (3 coders) into the lead's empty project and one copy per coder."""
    shutil.copy(full, lead)
    with Project.open(lead, backup=False) as project, project.transaction() as tx:
        tx.conn.exec_driver_sql("DELETE FROM spans")
        tx.conn.exec_driver_sql("DELETE FROM doc_status")
        tx.conn.exec_driver_sql("DELETE FROM coders")
    copies = []
    with Project.open(full, readonly=True) as project:
        names = [c.name for c in project.coders()]
    for name in names:
        copy = folder / f"{name}.annot"
        shutil.copy(full, copy)
        with Project.open(copy, backup=False) as project, project.transaction() as tx:
            tx.conn.exec_driver_sql("DELETE FROM spans WHERE coder_id IN (SELECT id FROM coders WHERE name != ?)", (name,))
            tx.conn.exec_driver_sql("DELETE FROM doc_status WHERE coder_id IN (SELECT id FROM coders WHERE name != ?)",
                                    (name,))
        copies.append(copy)
    return copies


def run(size: str = "small") -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full, lead = folder / "full.annot", folder / "lead.annot"
        bench_agreement.make_project(full, size)
        copies = _coder_copies(full, lead, folder)
        first, again, report = [], [], None
        for attempt in range(REPEATS[size]):
            target = folder / f"target{attempt}.annot"
            shutil.copy(lead, target)
            with Project.open(target, backup=False) as project:
                with Stopwatch() as sw:
                    report = merge_projects(project, copies)
                first.append(sw.ms)
                with Stopwatch() as sw:
                    repeat = merge_projects(project, copies)
                again.append(sw.ms)
                assert repeat.spans_added == 0 and repeat.unchanged == report.copied
        n_docs = bench_agreement.SIZES[size][0]
        rows.append(harness.timing_row("merge 3 coders' copies into the lead's project (one transaction)", size, first,
                                       peak_mb=harness.peak_rss_mb(),
                                       note=f"{n_docs} documents, {report.spans_added:,} spans, "
                                            f"{report.copied} coder-document pairs copied"))
        rows.append(harness.timing_row("merge the same 3 copies again (idempotent, nothing written)", size, again))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
