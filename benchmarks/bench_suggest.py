"""Suggestions never slow the window (issue 19): the same document opened and edited with 5,000
suggestions of the coder and without any, in the same run.

- open + first paint (``MainWindow`` built, the document and its spans read, the coder's
  suggestions of the visible range read from the store, the window painted offscreen with their
  ghosts): target, the median with suggestions under 1.5x the median without, in wall time and in
  CPU time (``process_time``); the two kinds of open alternate, so a change of load hits both.
- open until the rest is read (the first paint, then the event loop until the whole document's
  suggestions are read, what the keys step through): the same, 1.5x.
- add one span (key 1, committed and painted) and remove it (Delete): the same, 1.5x.
The document is bench_view's (AQMAR sentences; small: 100,000 bytes and 5,000 spans). The 5,000
suggestions are words and word pairs at random (seeded), of the three labels, scores 0.3-1.0.
Run alone: ``python -m benchmarks.bench_suggest --size small``.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SUGGESTIONS = 5_000
OPENS = {"small": 3, "medium": 5, "large": 7}
OPS = {"small": 30, "medium": 100, "large": 200}
WARMUP = 5
SEED = 1919


def _project(folder: Path, size: str, with_suggestions: bool) -> Path:
    from annotator.store import Project
    from benchmarks.bench_view import build_document

    text, spans = build_document(size)
    path = folder / f"suggest-{size}-{with_suggestions}.annot"
    with Project.create(path, coder="coder-a") as project:
        labels = [label.id for label in project.labels()]
        with project.transaction() as tx:
            info = tx.add_document("AQMAR sentences", text)
            coder_id = tx.ensure_coder("coder-a").id
            tx.add_spans([(info.id, coder_id, labels[label], s, e, None) for s, e, label in spans])
        if with_suggestions:
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
            rng = random.Random(SEED)
            rows = set()
            while len(rows) < SUGGESTIONS:
                k = rng.randrange(len(words) - 2)
                last = k + rng.choice((0, 0, 1))
                if "\n" in text[words[k][0]:words[last][1]]:
                    continue
                rows.add((info.id, words[k][0], words[last][1], labels[rng.randrange(3)],
                          round(rng.uniform(0.3, 1.0), 2), "bench", None))
            with project.transaction() as tx:
                tx.put_suggestions(sorted(rows))
    return path


def run(size: str = "small") -> list[dict]:
    from PySide6.QtCore import QSettings

    from annotator.ui.app import make_app
    from benchmarks.harness import percentile, row

    app = make_app()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)
        QSettings.setDefaultFormat(QSettings.IniFormat)
        paths = {False: _project(Path(tmp), size, False), True: _project(Path(tmp), size, True)}
        opens = _opens(app, paths, size)
        without = opens[False] + _edits(app, paths[False], size, " [no suggestions]")
        with_ = opens[True] + _edits(app, paths[True], size, f" [{SUGGESTIONS:,} suggestions]")
        rows += without + with_
        for k, what in enumerate(("open + first paint", "open + first paint, CPU", "open until the rest is read",
                                  "add span", "remove span")):
            a, b = percentile(with_[k]["samples"], 50), percentile(without[k]["samples"], 50)
            ratio = a / b if b else 1.0
            rows.append(row(f"window with suggestions: {what}, ratio of medians with / without", size,
                            target="< 1.5", ok=ratio < 1.5, value=ratio, unit="x",
                            note=f"{ratio:.2f} ({a:.1f} / {b:.1f} ms)"))
    for r in rows:
        r.pop("samples", None)
    return rows


def _opens(app, paths: dict[bool, Path], size: str) -> dict[bool, list[dict]]:
    """Open + first paint (wall and CPU) and open until every suggestion is read, with and
    without suggestions in turn."""
    from benchmarks.harness import timing_row

    samples = {w: ([], [], []) for w in paths}
    shown = {}
    for _ in range(OPENS[size]):
        for w, path in paths.items():
            first, cpu, rest, shown[w] = _open_once(app, path)
            for got, value in zip(samples[w], (first, cpu, rest)):
                got.append(value)
    out = {}
    for w in paths:
        suffix = f" [{SUGGESTIONS:,} suggestions]" if w else " [no suggestions]"
        rows = [timing_row("window: open + first paint" + suffix, size, samples[w][0]),
                timing_row("window: open + first paint, CPU" + suffix, size, samples[w][1]),
                timing_row("window: open until the rest is read" + suffix, size, samples[w][2],
                           note=f"{shown[w]:,} suggestions shown")]
        for r, got in zip(rows, samples[w]):
            r["samples"] = got
        out[w] = rows
    return out


def _open_once(app, path: Path) -> tuple[float, float, float, int]:
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

    start, cpu = time.perf_counter(), time.process_time()
    project = Project.open(path, backup=False)
    window = MainWindow(project, project.coders()[0], restore=False)
    window.show()
    window.grab()
    first, cpu = (time.perf_counter() - start) * 1000.0, (time.process_time() - cpu) * 1000.0
    deadline = time.perf_counter() + 60
    while not window.suggest.complete and time.perf_counter() < deadline:
        app.processEvents()
    rest = (time.perf_counter() - start) * 1000.0
    if not window.suggest.complete:
        raise RuntimeError("the window never read the rest of its suggestions after its first paint")
    shown = len(window.suggest.suggestions)
    window.close()
    project.close()
    app.processEvents()
    return first, cpu, rest, shown


def _edits(app, path: Path, size: str, suffix: str) -> list[dict]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from annotator.store import Project
    from annotator.ui.main_window import MainWindow
    from benchmarks.bench_view import _free_word, _word_length
    from benchmarks.harness import Stopwatch, latency_row

    project = Project.open(path, backup=False)
    window = MainWindow(project, project.coders()[0], restore=False)
    window.show()
    window.grab()
    view, editor = window.view, window.editor
    rng = random.Random(SEED)
    text = editor.text
    adds, removes = [], []
    for i in range(OPS[size] + WARMUP):
        start = _free_word(rng, text, editor)
        view.scroll_to(start)
        app.processEvents()
        view.select_range(start, start + _word_length(text, start), scroll=False)
        app.processEvents()
        with Stopwatch() as sw:
            QTest.keyClick(view, Qt.Key_1, Qt.NoModifier, -1)
            view.viewport().repaint(view.dirty_region())
        app.processEvents()
        with Stopwatch() as sw2:
            QTest.keyClick(view, Qt.Key_Delete, Qt.NoModifier, -1)
            view.viewport().repaint(view.dirty_region())
        app.processEvents()
        if i >= WARMUP:
            adds.append(sw.ms)
            removes.append(sw2.ms)
    add = latency_row("window: add span (key 1), committed and painted" + suffix, size, adds)
    add["samples"] = adds
    remove = latency_row("window: remove span (Delete), committed and painted" + suffix, size, removes)
    remove["samples"] = removes
    window.close()
    project.close()
    app.processEvents()
    return [add, remove]


if __name__ == "__main__":
    from benchmarks import harness

    raise SystemExit(harness.main(run))
