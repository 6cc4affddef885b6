"""A window on a team server whose host goes silent, or whose commit's reply is lost, through a relay
in front of the suite's real PostgreSQL (tests/pgproxy.py).

- Silent: connecting waits for its timeout; the window's thread never does (the watch asks on its
  worker; a question unanswered for a while already keeps changes waiting), so the event loop keeps
  turning, spans added meanwhile are drawn at once as pending and counted, and saved (the document
  marked in progress) when the server answers again.
- A lost reply: the server committed, the window heard nothing; the retry finds the change on the
  server and takes it as saved (no duplicate, no error), for a new span, a relabel and a delete.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from annotator.core.model import DocStatus
from annotator.store import Project, server
from annotator.ui.annotate.span_index import ID, LABEL
from annotator.ui.team import live
from helpers import error_texts, shown_window

TEXT = "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت في الهجوم على المدينة."


def _timed(action) -> float:
    began = time.monotonic()
    action()
    return time.monotonic() - began


def test_the_window_keeps_working_while_the_server_is_silent(app, qtbot, pg_url, pg_proxy, monkeypatch, tmp_path):
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 2)  # each try waits 2 s for the silent host
    monkeypatch.setattr(live, "SLOW_MS", 500)  # a question unanswered this long: changes wait
    with Project.create(pg_url, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
    project = Project.open(pg_proxy.url(pg_url.rsplit("/", 1)[1]))
    window = shown_window(qtbot, project, poll_ms=500)
    watch, saves, editor = window.team_watch, window.editor.saves, window.editor
    entity, claim = editor.schema.by_name("entity"), editor.schema.by_name("claim")
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(50)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    try:
        qtbot.waitUntil(lambda: not watch.busy, timeout=10000)
        assert editor.status == DocStatus.NEW
        ticker.start()
        pg_proxy.outage()
        watch.poll()
        # the worker's question goes unanswered: before its try has even failed, changes wait
        qtbot.waitUntil(lambda: saves.offline, timeout=2500)
        assert not watch.offline and len(saves) == 0
        # the coder goes on: each span is kept at once (no try on this thread) and drawn as pending
        window.view.select_range(0, 4)
        assert _timed(lambda: editor.apply_label(entity)) < 0.5
        qtbot.waitUntil(lambda: watch.offline, timeout=15000)  # the worker's try failed: the banner
        window.view.select_range(16, 28)
        assert _timed(lambda: editor.apply_label(claim)) < 0.5
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
        assert len(saves) == 2 and not error_texts(window)
        temporary = sorted(editor.index.spans)
        assert len(temporary) == 2 and all(i < 0 for i in temporary)  # shown before the server has them
        assert window.view.highlighter.pending == set(temporary)
        assert "2 change(s) not saved yet" in saves.label.text()
        assert "2 changes made meanwhile wait, drawn hatched" in watch.banner.text()
        assert window.documents.statuses[doc.id] == DocStatus.IN_PROGRESS  # shown at once, as when saved
        # selecting a pending span asks nothing of the silent server either (its panels fail at once)
        assert _timed(lambda: editor.select_span(editor.index.spans[temporary[0]])) < 0.5
        qtbot.wait(3000)  # the worker's tries go on, each waiting its 2 s
        window.grab().save(str(tmp_path / "outage.png"))
        window.statusBar().grab().save(str(tmp_path / "outage-bar.png"))
        outage_ticks = list(ticks)
        gaps = [b - a for a, b in zip(outage_ticks, outage_ticks[1:])]
        assert len(outage_ticks) > 30 and max(gaps) < 1.0, max(gaps)  # the event loop never stopped for a try
        pg_proxy.restore()
        qtbot.waitUntil(lambda: len(saves) == 0, timeout=20000)
        assert not watch.offline and not error_texts(window)
        assert window.view.highlighter.pending == set()
        with Project.open(pg_url, readonly=True) as check:
            spans = sorted((s.start, s.end, s.label_id) for s in check.spans(doc.id))
            assert spans == [(0, 4, entity.id), (16, 28, claim.id)]
            assert check.status(doc.id, check.coder("rana").id) == DocStatus.IN_PROGRESS  # as a saved first span does
            saved_ids = {s.id for s in check.spans(doc.id)}
        assert set(editor.index.spans) == saved_ids  # the temporary ids gave way to the server's
        assert window.documents.statuses[doc.id] == DocStatus.IN_PROGRESS
        assert editor.stack.count() == 2
    finally:
        ticker.stop()
        watch.stop()
        project.close()


def test_a_lost_commit_reply_is_neither_a_duplicate_nor_an_error(app, qtbot, pg_url, pg_proxy):
    with Project.create(pg_url, coder="rana") as setup:
        doc = setup.add_document("مقال", TEXT)
    project = Project.open(pg_proxy.url(pg_url.rsplit("/", 1)[1]))
    window = shown_window(qtbot, project)  # the watch asks when the test says
    watch, saves, editor = window.team_watch, window.editor.saves, window.editor
    entity, claim = editor.schema.by_name("entity"), editor.schema.by_name("claim")

    def lose_the_reply(action):
        qtbot.waitUntil(lambda: not watch.busy, timeout=10000)
        pg_proxy.cut_after_commit()
        cut = pg_proxy.commits_cut
        action()
        assert pg_proxy.commits_cut == cut + 1
        assert len(saves) == 1 and not error_texts(window)  # kept: the window cannot tell it was saved
        watch.poll()  # the server answers: the kept change is tried again
        qtbot.waitUntil(lambda: len(saves) == 0, timeout=15000)
        assert not error_texts(window), error_texts(window)

    def on_server():
        with Project.open(pg_url, readonly=True) as check:
            return [(s.id, s.start, s.end, s.label_id) for s in check.spans(doc.id)]

    try:
        window.view.select_range(16, 28)
        lose_the_reply(lambda: editor.apply_label(entity))
        ((span_id, *_),) = rows = on_server()  # one span, not two
        assert rows == [(span_id, 16, 28, entity.id)]
        assert list(editor.index.spans) == [span_id] and editor.index.spans[span_id][LABEL] == entity.id
        with Project.open(pg_url, readonly=True) as check:
            assert check.status(doc.id, check.coder("rana").id) == DocStatus.IN_PROGRESS

        editor.select_span(editor.index.spans[span_id])
        lose_the_reply(lambda: editor.apply_label(claim))  # a relabel: not refused as stale
        assert on_server() == [(span_id, 16, 28, claim.id)] and editor.index.spans[span_id][LABEL] == claim.id
        assert editor.versions[span_id] == project.version("span", span_id)

        editor.select_span(editor.index.spans[span_id])
        lose_the_reply(editor.delete_selected)  # a delete: not refused as gone
        assert on_server() == [] and editor.index.spans == {}
        assert editor.stack.count() == 3
        editor.stack.undo()  # the delete undone: the span comes back, as it was
        assert [(r[1:]) for r in on_server()] == [(16, 28, claim.id)] and not error_texts(window)
        assert [row[ID] for row in editor.index.spans.values()] == [r[0] for r in on_server()]
    finally:
        watch.stop()
        project.close()
