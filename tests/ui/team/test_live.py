"""A window on a team project sees other coders' work within seconds, shows the team's progress,
puts its queue first, and shows a banner while the server cannot be reached."""

from __future__ import annotations

import psycopg

from annotator.core.assignment import plan_assignments
from annotator.store import Project
from annotator.ui.main_window import MainWindow


def _window(qtbot, project, coder):
    window = MainWindow(project, project.coder(coder) or project.ensure_coder(coder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.team_watch.timer.setInterval(200)
    return window


def test_another_coders_span_and_progress_show_up_and_the_queue_comes_first(app, qtbot, pg_url, tmp_path):
    with Project.create(pg_url, coder="rana") as setup:
        docs = [setup.add_document(f"d{i}", f"قالت الوزارة إن {i} ألف باوند من الذخيرة استخدمت.") for i in range(4)]
        setup.ensure_coder("mona")
        plan = plan_assignments([d.id for d in docs], ["rana", "mona"], 1, seed=1)
        setup.assign(plan)
    project = Project.open(pg_url)
    other = Project.open(pg_url)
    window = _window(qtbot, project, "rana")
    try:
        queue = plan.queue("rana")
        assert window.documents.all_order()[:len(queue)] == sorted(queue, key=[d.id for d in docs].index)
        doc = window.editor.doc_id
        assert doc in queue  # the first unfinished document of the queue is opened
        window.set_show_others(True)
        mona = other.coder("mona")
        other.add_span(doc, mona.id, other.labels().by_name("entity").id, 0, 4)
        other.set_status(doc, mona.id, "done")
        # her span is drawn in this window without reopening (the view reads the document again)
        qtbot.waitUntil(lambda: any(row[1] == mona.id for row in window.editor.index.at(1)), timeout=8000)
        qtbot.waitUntil(lambda: "mona 1 done" in window.team_watch.progress_label.text(), timeout=8000)
        window.grab().save(str(tmp_path / "live.png"))
    finally:
        other.close()
        window.team_watch.timer.stop()  # qtbot closes the window after the test
        project.close()


def test_a_lost_connection_shows_a_banner_and_recovers(app, qtbot, pg_server, pg_url):
    Project.create(pg_url, coder="rana").close()
    project = Project.open(pg_url)
    database = pg_url.rsplit("/", 1)[1]
    window = _window(qtbot, project, "rana")
    try:
        assert not window.team_watch.offline
        pg_server.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        pg_server.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
        qtbot.waitUntil(lambda: window.team_watch.offline, timeout=8000)
        assert "lost" in window.team_watch.banner.text()
        pg_server.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        qtbot.waitUntil(lambda: not window.team_watch.offline, timeout=8000)
        doc = project.add_document("بعد", "نص بعد عودة الاتصال")  # writes work again
        with psycopg.connect(pg_server.url(database, password=True)) as conn:
            assert conn.execute("select count(*) from documents where id = %s", (doc.id,)).fetchone()[0] == 1
    finally:
        window.team_watch.timer.stop()
        project.close()
