"""The annotation window on a 1 MB Arabic document with 50,000 spans (DESIGN.md section 7, issue 12).

- open + first paint: ``MainWindow`` built on the open project (document list, the document's
  text and this coder's spans read, the paragraph index built, the text given to the view) and the
  window painted offscreen (``QWidget.grab``), which lays out the visible paragraphs and paints
  their spans over them. Target < 300 ms.
- add one span, committed and painted: a word of the visible text is selected, then the label key
  "1" is pressed on the view (``QTest.keyClick``: normalise, undo command, ``Project.add_span``
  committed to disk with synchronous=FULL, index update, span list model) and the lines the span
  covers are repainted (``repaint`` of the region the view asked for). Remove: the new span is selected,
  Delete, the same. Target for both: median < 5 ms, p99 < 16 ms. The write's checkpoint (the WAL
  copied into the main file, so that a copy of the file alone holds the change) runs right after
  that paint (``checkpoints.checkpoint_after_paint``): "until the file alone holds it" adds it
  (``Project.checkpoint_now``), no target. "Until the whole window is idle" adds the event loop
  too (the span list, the label counts and the status bar repaint); no target.
- the same in two documents of the same size and span density whose paragraphs are about 200 and
  about 20,000 characters long: a span change lays out nothing, so the medians must agree within 1.5x
  (the row "ratio" prints long / short).

The documents (``build_document``): AQMAR's sentences (shared corpus; the bundled demo texts when it
is absent), one per line until 1,000,000 UTF-8 bytes (small: 100,000 bytes and 5,000 spans), or their
words re-cut into paragraphs of a given length; spans of one to three words at word boundaries, seeded.
Run alone: ``python -m benchmarks.bench_view --size large``.
"""

from __future__ import annotations

import json
import os
import re
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OPS = {"small": 100, "medium": 300, "large": 500}
OPENS = {"small": 3, "medium": 5, "large": 7}
WARMUP = 10
SEED = 1234


SIZES = {"small": (100_000, 5_000), "medium": (300_000, 15_000), "large": (1_000_000, 50_000)}


def _sentences() -> list[str]:
    """AQMAR's sentences (shared corpus), or the bundled demo texts' lines when it is absent."""
    from benchmarks import corpus

    aqmar = corpus.corpus_dir() / "aqmar" / "aqmar.spans.jsonl"
    if aqmar.is_file():
        with open(aqmar, encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    from annotator.demo import demo_texts

    return [line for _, text in demo_texts() for line in text.splitlines() if line.strip()]


def build_document(size: str, seed: int = SEED, paragraph_chars: int | None = None) -> tuple[str, list[tuple[int, int, int]]]:
    """AQMAR sentences one per line (or their words in paragraphs of about ``paragraph_chars``)
    until the text holds the size's UTF-8 bytes, and spans of one to three words at word
    boundaries (random, seeded: some overlap, as real layers do)."""
    nbytes, n_spans = SIZES[size]
    parts, total = [], 0
    sentences = _sentences()
    i = 0
    while total < nbytes:
        sentence = sentences[i % len(sentences)]
        parts.append(sentence)
        total += len(sentence.encode("utf-8")) + 1
        i += 1
    if paragraph_chars:
        words = " ".join(parts).split()
        parts, current, length = [], [], 0
        for word in words:
            current.append(word)
            length += len(word) + 1
            if length >= paragraph_chars:
                parts.append(" ".join(current))
                current, length = [], 0
        if current:
            parts.append(" ".join(current))
    text = "\n".join(parts)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    rng = random.Random(f"{seed}:view")
    spans = set()
    while len(spans) < n_spans:
        k = rng.randrange(len(words) - 3)
        last = k + rng.choice((0, 0, 0, 1, 1, 2))
        if "\n" in text[words[k][0]:words[last][1]]:
            continue
        spans.add((words[k][0], words[last][1], rng.randrange(3)))
    return text, sorted(spans)


def _built_project(folder: Path, size: str, paragraph_chars: int | None = None) -> Path:
    from annotator.store import Project

    text, spans = build_document(size, paragraph_chars=paragraph_chars)
    path = folder / f"view-{size}-{paragraph_chars}.annot"
    with Project.create(path, coder="coder-a") as project:
        labels = [label.id for label in project.labels()]
        with project.transaction() as tx:
            info = tx.add_document(f"AQMAR sentences ({len(text.encode('utf-8')) / 1e6:.1f} MB)", text)
            coder_id = tx.ensure_coder("coder-a").id
            tx.add_spans([(info.id, coder_id, labels[label], s, e, None) for s, e, label in spans])
    return path


def _open_window(path: Path):
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

    project = Project.open(path, backup=False)
    coder = project.coders()[0]
    return project, MainWindow(project, coder, restore=False)


def run(size: str = "small") -> list[dict]:
    from PySide6.QtCore import QSettings

    from annotator.ui.app import make_app
    from benchmarks.harness import row

    app = make_app()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)
        QSettings.setDefaultFormat(QSettings.IniFormat)
        rows += _measure(app, _built_project(Path(tmp), size), size, "", OPS[size])
        ops = OPS[size] if size != "small" else 20
        short = _measure(app, _built_project(Path(tmp), size, 200), size, " [200-char paragraphs]", ops, opens=1)
        long = _measure(app, _built_project(Path(tmp), size, 20_000), size, " [20,000-char paragraphs]", ops, opens=1)
        rows += short + long
        for what in ("add", "remove"):
            k = next(i for i, r in enumerate(short) if r["what"].startswith(f"window: {what} span ("))
            ratio = long[k]["median_ms"] / short[k]["median_ms"]
            rows.append(row(f"window: {what} span, ratio of medians 20,000 / 200-char paragraphs", size,
                            target="< 1.5", ok=ratio < 1.5, value=ratio, unit="x",
                            note=f"{ratio:.2f} ({long[k]['median_ms']:.2f} / {short[k]['median_ms']:.2f} ms)"))
    return rows


def _measure(app, path: Path, size: str, suffix: str, ops: int, *, targets: bool = True,
             opens: int | None = None) -> list[dict]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from benchmarks.harness import Stopwatch, latency_row, timing_row

    rows = []
    # -- open + first paint ------------------------------------------------------------------
    times, opens = opens or OPENS[size], []  # (the argument is how many opens to time)
    floor, open_cpu, floor_cpu = [], [], []
    for _ in range(times):
        # the floor next to each open, so that both see the same load
        wall, cpu = _read_floor(path)
        floor.append(wall)
        floor_cpu.append(cpu)
        c0 = time.process_time()
        with Stopwatch() as sw:
            project, window = _open_window(path)
            window.show()
            window.grab()  # paints: the visible paragraphs are laid out and their spans painted
        open_cpu.append((time.process_time() - c0) * 1000)
        opens.append(sw.ms)
        painted = window.view.laid_out()
        spans = len(window.editor.index.spans)
        characters = len(window.editor.text)
        blocks = len(window.editor.index.starts)
        window.close()
        app.processEvents()
        project.close()
        assert painted, "the first paint laid out no paragraph"
    rows.append(timing_row("window: open + first paint (offscreen)" + suffix, size, opens,
                           under_ms=300 if targets else None,
                           note=f"{characters:,} characters in {blocks:,} paragraphs, {spans:,} spans"))
    rows.append(timing_row("floor: raw sqlite3 reads the text and all spans (same run)" + suffix, size, floor,
                           note="one SELECT of the text, one of the spans ordered by start, fetchall: what any "
                                "open must read (timed just before each open)"))
    from benchmarks.harness import percentile, row

    ratio = percentile(opens, 50) / percentile(floor, 50)
    rows.append(row("window: open + first paint / that floor (medians)" + suffix, size, value=ratio, unit="x",
                    note=f"{ratio:.2f} ({percentile(opens, 50):.0f} / {percentile(floor, 50):.0f} ms)"))
    cpu_ratio = percentile(open_cpu, 50) / percentile(floor_cpu, 50)
    rows.append(row("window: open + first paint, CPU / the floor's CPU (medians)" + suffix, size, value=cpu_ratio,
                    unit="x", note=f"{cpu_ratio:.2f} ({percentile(open_cpu, 50):.0f} / {percentile(floor_cpu, 50):.0f} "
                                   "CPU-ms: what the load does not change)"))

    # -- add and remove one span through the view, committed and painted -------------------------
    project, window = _open_window(path)
    window.show()
    window.grab()
    view, editor = window.view, window.editor
    rng = random.Random(SEED)
    text = editor.text
    adds, removes, idle, layouts = [], [], [], 0
    add_copy, remove_copy = [], []  # the same, until the main file alone holds the change
    add_cpu = []  # this thread's CPU in the add (what the load does not change)
    for i in range(ops + WARMUP):
        start = _free_word(rng, text, editor)
        view.scroll_to(start)
        app.processEvents()
        view.select_range(start, start + _word_length(text, start), scroll=False)
        app.processEvents()
        laid_out = view.layouts_made
        c0 = time.thread_time()
        with Stopwatch() as sw:
            QTest.keyClick(view, Qt.Key_1, Qt.NoModifier, -1)
            view.viewport().repaint(view.dirty_region())  # the lines the change touched, painted now
        cpu = (time.thread_time() - c0) * 1000
        with Stopwatch() as cp:
            project.checkpoint_now()  # what the window runs next (checkpoints.checkpoint_after_paint)
        with Stopwatch() as rest:
            app.processEvents()  # the rest of the window (span list, counts, status bar)
        added = editor.selected
        assert added is not None and added[3] == start, "the key press did not add the span"
        with Stopwatch() as sw2:
            QTest.keyClick(view, Qt.Key_Delete, Qt.NoModifier, -1)
            view.viewport().repaint(view.dirty_region())
        with Stopwatch() as cp2:
            project.checkpoint_now()
        app.processEvents()
        assert added[0] not in editor.index.spans
        layouts += view.layouts_made - laid_out
        if i >= WARMUP:
            adds.append(sw.ms)
            removes.append(sw2.ms)
            add_copy.append(sw.ms + cp.ms)
            add_cpu.append(cpu)
            remove_copy.append(sw2.ms + cp2.ms)
            idle.append(sw.ms + cp.ms + rest.ms)
    # the floor in the same run: the store alone adding and removing the same kind of span
    doc_id, coder_id = editor.doc_id, editor.coder.id
    label_id = editor.schema.by_hotkey("1").id
    floor, floor_copy = [], []
    for i in range(ops // 2 + WARMUP):
        start = _free_word(rng, text, editor)
        with Stopwatch() as sw:
            span = project.add_span(doc_id, coder_id, label_id, start, start + _word_length(text, start))
        with Stopwatch() as cp:
            project.checkpoint_now()
        project.remove_span(span.id)
        project.checkpoint_now()
        app.processEvents()
        if i >= WARMUP:
            floor.append(sw.ms)
            floor_copy.append(sw.ms + cp.ms)
    from benchmarks.bench_store import _fsync_times

    disk = _fsync_times(str(path.parent), ops // 2)  # what each commit waits for at least (synchronous=FULL)
    limits = dict(median_under=5, p99_under=16) if targets else {}
    rows.append(latency_row("window: add span (key 1), committed and painted" + suffix, size, adds,
                            note=f"{len(editor.index.spans):,} spans shown; paragraphs laid out meanwhile: {layouts}",
                            **limits))
    rows.append(latency_row("window: remove span (Delete), committed and painted" + suffix, size,
                            removes, **limits))
    rows.append(latency_row("window: add span, CPU of the key press and paint" + suffix, size, add_cpu,
                            note="time.thread_time: what the add costs on a core of its own, fsync waits excluded"))
    rows.append(latency_row("window: add span, until the file alone holds it" + suffix, size, add_copy,
                            note="committed and painted, then the checkpoint the window runs right after the paint"))
    rows.append(latency_row("window: remove span, until the file alone holds it" + suffix, size, remove_copy))
    rows.append(latency_row("store alone: add_span committed (the floor, same run)" + suffix, size, floor,
                            note="Project.add_span on the same file, no window work; its checkpoint deferred as "
                                 "in the window"))
    rows.append(latency_row("store alone: add_span committed and checkpointed" + suffix, size, floor_copy,
                            note="the same, then Project.checkpoint_now (the main file alone holds it)"))
    rows.append(latency_row("floor: this disk's write of 4 KB + fsync (same run)" + suffix, size, disk,
                            note="a commit returns once its WAL frames are fsynced: at least this"))
    from benchmarks.harness import percentile, row

    over = percentile(adds, 50) - percentile(floor, 50)
    rows.append(row("window: add span, median above the store's floor" + suffix, size, median_ms=max(0.0, over),
                    note=f"{percentile(adds, 50):.1f} - {percentile(floor, 50):.1f} ms: the view, index, span list model"))
    rows.append(latency_row("window: add span, until the whole window is idle" + suffix, size, idle,
                            note="the add, then the event loop: span list, label counts, status bar repainted"))
    window.close()
    app.processEvents()
    return rows


def _read_floor(path: Path) -> tuple[float, float]:
    """Milliseconds (wall, CPU) for plain sqlite3 to read the document's text and its spans, as the window must."""
    import sqlite3

    from benchmarks.harness import Stopwatch

    c0 = time.process_time()
    with Stopwatch() as sw:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        doc_id, _text = conn.execute("SELECT id, text FROM documents ORDER BY position LIMIT 1").fetchone()
        conn.execute("SELECT id, coder_id, label_id, start_offset, end_offset, note FROM spans "
                     "WHERE document_id = ? ORDER BY start_offset", (doc_id,)).fetchall()
        conn.close()
    return sw.ms, (time.process_time() - c0) * 1000


def _word_length(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return end - start


def _free_word(rng: random.Random, text: str, editor) -> int:
    """The start of a random word that no span covers (so key 1 adds, and Delete removes, a new span)."""
    while True:
        pos = rng.randrange(0, len(text) - 1)
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
        length = _word_length(text, pos)
        if length > 1 and not any(editor.index.at(p) for p in (pos, pos + length - 1)):
            return pos


if __name__ == "__main__":
    from benchmarks import harness

    raise SystemExit(harness.main(run))
