"""Resident memory with the project open and one 1 MB document shown: the peak resident set size
(VmHWM, or ``ru_maxrss`` where there is no /proc) of a fresh Python process that opens the project
(with its opening backup, as the app does), lists the documents, reads every coder's statuses and
span counts, loads the 1 MB document with its 50,000 spans and builds its UTF-16 offset map.

The project is a copy of the generated one of the given size with the 1 MB document (and its
spans) added. Target (DESIGN.md section 7): under 500 MB for 10,000 documents / 1,000,000 spans.
A second fresh process does the same through the app's main window (offscreen), which adds Qt,
the fonts and the laid-out document.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import generate, harness

TARGET_MB = 500


def _child(path: str) -> None:
    """Run in the fresh process: measure, print one JSON line."""
    from benchmarks.harness import peak_rss_mb

    from annotator.core.offsets import Utf16Map
    from annotator.store.project import Project

    baseline = peak_rss_mb()
    with Project.open(path) as project:
        documents = project.documents()
        coders = project.coders()
        for coder in coders:
            project.statuses(coder.id)
            project.span_counts(coder.id)
        big = max(documents, key=lambda d: d.length)
        document = project.document(big.id)
        spans = [s for coder in coders for s in project.spans(big.id, coder.id)]
        Utf16Map(document.text)
        project.wait_for_backup()
        peak = peak_rss_mb()
        print(json.dumps(dict(baseline_mb=baseline, peak_mb=peak, documents=len(documents),
                              characters=len(document.text), spans=len(spans))))


def _child_window(path: str) -> None:
    """Run in the fresh process: the app's main window on the 1 MB document, painted offscreen."""
    from benchmarks.harness import peak_rss_mb

    from annotator.store.project import Project
    from annotator.ui.app import make_app
    from annotator.ui.main_window import MainWindow

    app = make_app()
    with Project.open(path) as project:
        documents = project.documents()
        window = MainWindow(project, project.coders()[0])
        window.show()
        big = max(documents, key=lambda d: d.length)
        window.open_document(big.id)
        for _ in range(5):
            app.processEvents()
        window.grab()
        project.wait_for_backup()
        peak = peak_rss_mb()
        window.close()
        print(json.dumps(dict(peak_mb=peak)))


def _measure(mode: str, path: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_memory", mode, str(path)], env=env,
                          cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process ({mode}) failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _add_big_document(path: Path) -> None:
    """Put the 1 MB document and its spans into the working copy, through the store."""
    from sqlalchemy import insert

    from annotator.store.models import SpanRow
    from annotator.store.project import Project

    with Project.open(generate.big_document_project(), readonly=True) as big:
        doc = big.documents()[0]
        text = big.document(doc.id).text
        spans = big.spans(doc.id)
        label_names = {label.id: label.name for label in big.labels()}
    with Project.open(path, backup=False) as project:
        labels = {label.name: label.id for label in project.labels()}
        coder_id = project.coders()[0].id
        with project.transaction() as tx:
            info = tx.add_document(doc.title, text)
            tx.conn.execute(insert(SpanRow.__table__), [
                dict(document_id=info.id, coder_id=coder_id, label_id=labels[label_names[s.label_id]],
                     start_offset=s.start, end_offset=s.end, created_at=s.created_at, updated_at=s.updated_at)
                for s in spans])


def run(size: str = "small") -> list[dict]:
    source = generate.project(size)
    info = generate.describe(source)
    with tempfile.TemporaryDirectory(dir=generate.cache_dir(), prefix="work-") as tmp:
        path = generate.working_copy(source, tmp)
        _add_big_document(path)
        result = _measure("--child", path)
        window = _measure("--child-window", path)
    return [
        harness.row("peak RSS: project open + 1 MB document and its spans loaded", size,
                    n=1, peak_mb=result["peak_mb"], target=f"< {TARGET_MB} MB", ok=result["peak_mb"] < TARGET_MB,
                    note=f"{info.get('documents', 0):,} documents + the 1 MB one "
                         f"({result['characters']:,} characters, {result['spans']:,} spans); "
                         f"{info.get('spans', 0):,} spans in the project"),
        harness.row("peak RSS: the same in the app's main window, painted offscreen", size, n=1,
                    peak_mb=window["peak_mb"], target=f"< {TARGET_MB} MB", ok=window["peak_mb"] < TARGET_MB,
                    note="MainWindow with the 1 MB document chosen, as the window is today (Qt, fonts, "
                         "text layout; spans only as far as the window itself loads them)"),
        harness.row("peak RSS: Python + annotator.store imported (baseline)", size, n=1,
                    peak_mb=result["baseline_mb"]),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--child-window":
        _child_window(sys.argv[2])
    else:
        raise SystemExit(harness.main(run))
