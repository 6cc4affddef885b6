"""The window's saves against other windows and outages.

- Two windows on one project (a file: two windows of this process on it; a server: two connections)
  change the same span: the one that saw an older version is refused with a clear message, shows
  the span as it is now, and nothing is overwritten.
- The team server stops while the coder works: the changes wait in order (the status bar says how
  many), are retried, and reach the server when it is back; a change another coder overtook
  meanwhile is reported, the rest are saved.
"""

from __future__ import annotations

import pytest

from annotator.store import Project
from annotator.ui.annotate.span_index import END, ID, LABEL, START
from helpers import error_texts, shown_window

TEXT = "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت."


@pytest.fixture(params=["file", "server"])
def two_windows(request, app, qtbot, tmp_path):
    target = tmp_path / "p.annot" if request.param == "file" else request.getfixturevalue("pg_url")
    with Project.create(target, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
        span = setup.add_span(doc.id, setup.coder("rana").id, setup.labels().by_name("entity").id, 16, 28)
    first = Project.open(target)
    second = first if request.param == "file" else Project.open(target)  # a file has one writer
    windows = (shown_window(qtbot, first), shown_window(qtbot, second))
    yield windows, doc, span
    for window in windows:
        if window.team_watch is not None:
            window.team_watch.timer.stop()
    first.close()
    if second is not first:
        second.close()


def test_a_stale_edit_from_a_second_window_is_refused_and_the_window_refreshes(two_windows):
    (a, b), doc, span = two_windows
    claim, figure = a.editor.schema.by_name("claim"), a.editor.schema.by_name("figure")
    for window in (a, b):
        assert window.editor.doc_id == doc.id
        window.editor.select_span(window.editor.index.spans[span.id])
    a.editor.apply_label(claim)  # saved: version 2
    assert a.project.span(span.id).label_id == claim.id and not error_texts(a)
    b.editor.apply_label(figure)  # made against version 1: refused, not saved over a's change
    assert a.project.span(span.id).label_id == claim.id
    (message,) = error_texts(b)
    assert "someone else" in message and "not saved" in message
    # b now shows the span as it is (a's label), its own change is named in the status bar
    assert b.editor.index.spans[span.id][LABEL] == claim.id
    assert "relabel as figure" in b.statusBar().currentMessage()
    assert b.editor.stack.count() == 0
    # b, now current, may change it; then a's undo (made against the old version) is refused too
    b.editor.select_span(b.editor.index.spans[span.id])
    b.editor.move_edge("end", 1, "word")
    moved = a.project.span(span.id)
    assert moved.end > 28 and moved.label_id == claim.id
    a.editor.stack.undo()
    assert a.project.span(span.id).label_id == claim.id and a.project.span(span.id).end == moved.end
    assert any("changed by someone else" in text for text in error_texts(a))
    a.editor.reload()
    assert (a.editor.index.spans[span.id][START], a.editor.index.spans[span.id][END]) == (16, moved.end)


def _select(window, start, end):
    window.view.select_range(start, end)


def test_changes_made_while_the_server_is_down_are_kept_and_saved_in_order(app, qtbot, pg_server, pg_url,
                                                                          tmp_path):
    with Project.create(pg_url, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
        rana = setup.coder("rana")
        entity = setup.labels().by_name("entity").id
        kept = setup.add_span(doc.id, rana.id, entity, 0, 4)
        overtaken = setup.add_span(doc.id, rana.id, entity, 5, 12)
    project = Project.open(pg_url)
    window = shown_window(qtbot, project)
    saves = window.editor.saves
    saves.first_delay_ms = saves.delay_ms = saves.max_delay_ms = 60_000  # the test says when to retry
    claim, figure = window.editor.schema.by_name("claim"), window.editor.schema.by_name("figure")
    try:
        pg_server.pause()
        try:
            _select(window, 16, 28)
            window.editor.apply_label(figure)                       # 1: add a span
            window.editor.select_span(window.editor.index.spans[overtaken.id])
            window.editor.apply_label(claim)                        # 2: relabel (overtaken below)
            window.editor.select_span(window.editor.index.spans[kept.id])
            window.editor.apply_label(claim)                        # 3: relabel
            assert len(saves) == 3 and not error_texts(window)          # no dialog, no traceback
            assert saves.label.isVisible() and "3 change(s) not saved yet" in saves.label.text()
            assert "trying again in" in saves.label.text()
            window.statusBar().grab().save(str(tmp_path / "waiting.png"))
            assert window.editor.stack.count() == 0  # nothing is shown as saved before it is
            saves.retry()                                           # still down: waits longer
            assert len(saves) == 3 and saves.delay_ms == 60_000 and saves.attempts == 1
        finally:
            pg_server.resume()
        with Project.open(pg_url) as other:  # another coder's window changed span 2 meanwhile
            other.change_span(overtaken.id, note="غيّرها غيري", expected_version=1)
        window.team_watch.poll()  # the watch sees the server again and saves what was kept
        qtbot.waitUntil(lambda: len(saves) == 0, timeout=15000)
        assert not saves.label.isVisible()
        with Project.open(pg_url, readonly=True) as check:
            spans = {(s.start, s.end): s for s in check.spans(doc.id, rana.id)}
            assert spans[(16, 28)].label_id == figure.id                       # 1 saved
            assert spans[(5, 12)].label_id == entity and spans[(5, 12)].note  # 2 refused: theirs kept
            assert spans[(0, 4)].label_id == claim.id                          # 3 saved, after 2
        (message,) = error_texts(window)
        assert "not saved" in message and "relabel as claim" in message
        assert window.editor.stack.count() == 2  # the two saved ones can be undone
        assert window.editor.index.spans[overtaken.id][LABEL] == entity  # shown as on the server
        window.editor.stack.undo()  # undo of 3, against the version it saved
        with Project.open(pg_url, readonly=True) as check:
            assert check.span(kept.id).label_id == entity
    finally:
        window.team_watch.timer.stop()
        project.close()


def test_undo_while_the_server_is_down_changes_nothing_and_can_be_repeated(app, qtbot, pg_server, pg_url):
    with Project.create(pg_url, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
    project = Project.open(pg_url)
    window = shown_window(qtbot, project)
    try:
        _select(window, 16, 28)
        window.editor.apply_label(window.editor.schema.by_name("figure"))
        assert window.editor.stack.index() == 1
        pg_server.pause()
        try:
            window.editor.stack.undo()
            qtbot.waitUntil(lambda: window.editor.stack.index() == 1, timeout=5000)  # put back, not lost
            assert "cannot be reached" in window.statusBar().currentMessage() and not error_texts(window)
        finally:
            pg_server.resume()
        # nothing more is tried from the window's thread until its worker hears the server again
        assert window.editor.saves.offline
        qtbot.waitUntil(lambda: not window.editor.saves.offline, timeout=10000)
        window.editor.stack.undo()  # now it works
        assert window.editor.stack.index() == 0 and project.spans(doc.id) == []
    finally:
        window.team_watch.timer.stop()
        project.close()
