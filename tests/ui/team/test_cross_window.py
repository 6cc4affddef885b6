"""Two real windows on one project see each other's single-span edits within seconds: on a file (two
windows of this process on the one open project) through the store's change notices; on a server
(two connections, as two computers would have) through the watch's poll of the change marker.

Each window draws the other's new span, relabel and delete without reading the document again
from scratch (its place and selection stay), follows the span's version, so its own next edit of
that span is saved and not refused as stale, and never redraws for its own edits.
"""

from __future__ import annotations

import pytest

from annotator.store import Project
from annotator.ui.annotate.span_index import END, LABEL, START
from helpers import error_texts, shown_window

TEXT = "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت.\n" * 40


@pytest.fixture(params=["file", "server"])
def windows(request, app, qtbot, tmp_path):
    target = tmp_path / "p.annot" if request.param == "file" else request.getfixturevalue("pg_url")
    with Project.create(target, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
        rana = setup.coder("rana").id
        kept = setup.add_span(doc.id, rana, setup.labels().by_name("entity").id, 0, 4)
    first = Project.open(target)
    second = first if request.param == "file" else Project.open(target)  # a file has one writer
    a, b = shown_window(qtbot, first, poll_ms=300), shown_window(qtbot, second, poll_ms=300)
    yield a, b, doc, kept
    for window in (a, b):
        if window.team_watch is not None:
            window.team_watch.stop()
    first.close()
    if second is not first:
        second.close()


def test_each_window_sees_the_others_span_edits_within_seconds(windows, qtbot):
    a, b, doc, kept = windows
    claim, figure = a.editor.schema.by_name("claim"), a.editor.schema.by_name("figure")
    b.view.scroll_to_top(len(TEXT) // 2)  # b is reading further down, with a span selected
    place = b.view.top_offset()
    b.editor.select_span(b.editor.index.spans[kept.id])

    a.view.select_range(16, 28)
    a.editor.apply_label(figure)  # a new span in a
    (added,) = [i for i in a.editor.index.spans if i != kept.id]
    qtbot.waitUntil(lambda: added in b.editor.index.spans, timeout=8000)
    assert b.editor.index.spans[added][LABEL] == figure.id
    assert b.spans.model_.rowCount() == 2  # its span list too

    a.editor.select_span(a.editor.index.spans[kept.id])
    a.editor.apply_label(claim)  # a relabel in a
    qtbot.waitUntil(lambda: b.editor.index.spans[kept.id][LABEL] == claim.id, timeout=8000)
    assert b.editor.selected is not None and b.editor.selected[LABEL] == claim.id  # still selected, as it is now

    a.editor.select_span(a.editor.index.spans[added])
    a.editor.delete_selected()  # a delete in a
    qtbot.waitUntil(lambda: added not in b.editor.index.spans, timeout=8000)
    assert b.view.top_offset() == place  # drawn where it is, not read again from the top

    # b follows the versions: its own edit of the span a changed is saved, not refused as stale
    b.editor.select_span(b.editor.index.spans[kept.id])
    b.editor.move_edge("end", 1, "word")
    assert not error_texts(b)
    moved = b.project.span(kept.id)
    assert moved.label_id == claim.id and moved.end > 4
    qtbot.waitUntil(lambda: a.editor.index.spans[kept.id][END] == moved.end, timeout=8000)
    assert a.editor.index.spans[kept.id][START] == 0 and not error_texts(a)
    # neither window redrew for its own edits: each read the other's in (a: once, b's move)
    assert a.sync.refreshes >= 1 and b.sync.refreshes >= 3
    refreshes = a.sync.refreshes
    a.view.select_range(30, 34)
    a.editor.apply_label(figure)
    qtbot.wait(1200)  # a few polls of the watch on a server
    assert a.sync.refreshes == refreshes


def test_a_read_only_window_follows_the_file_another_program_writes(app, qtbot, tmp_path, monkeypatch):
    """The file is open for writing elsewhere (here a second connection, as another program would
    hold it): a window on it read-only sees the writer's single-span edits within seconds."""
    from annotator.ui.annotate import window_sync

    monkeypatch.setattr(window_sync, "FILE_POLL_MS", 200)
    path = tmp_path / "p.annot"
    with Project.create(path, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
    writer = Project.open(path)
    reader = Project.open(path, readonly=True)
    try:
        window = shown_window(qtbot, reader)
        rana, labels = writer.coder("rana").id, writer.labels()
        span = writer.add_span(doc.id, rana, labels.by_name("entity").id, 16, 28)
        qtbot.waitUntil(lambda: span.id in window.editor.index.spans, timeout=8000)
        writer.change_span(span.id, label_id=labels.by_name("claim").id, expected_version=1)
        qtbot.waitUntil(lambda: window.editor.index.spans[span.id][LABEL] == labels.by_name("claim").id,
                        timeout=8000)
        writer.remove_span(span.id)
        qtbot.waitUntil(lambda: span.id not in window.editor.index.spans, timeout=8000)
        assert not error_texts(window)
    finally:
        writer.close()
        reader.close()
