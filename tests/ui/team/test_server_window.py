"""The window on a team project: opened from a postgresql:// URL (the password asked for when
libpq has none, never kept), and a change made in it is on the server for everybody."""

from __future__ import annotations

from annotator.store import Project
from annotator.ui import settings
from annotator.ui.windows import open_or_recover, open_window


def test_the_window_opens_a_server_project_and_saves_to_it(app, qtbot, pg_url, monkeypatch, tmp_path):
    with Project.create(pg_url, coder="rana") as p:
        p.add_document("مقال", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
    secret = __import__("os").environ["PGPASSWORD"]
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    asked = []

    def ask_password(prompt):
        asked.append(prompt)
        return "wrong" if len(asked) == 1 else secret

    project = open_or_recover(pg_url, ask_password=ask_password)
    assert project is not None and project.is_server
    assert len(asked) == 2 and "refused" in asked[1] and secret not in "".join(asked)
    window = open_window(project, "rana")
    window.team_watch.timer.stop()  # the window closes itself below (WA_DeleteOnClose)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith(project.name) and "@127.0.0.1" in project.name
    doc = project.documents()[0]
    window.view.select_range(0, 4)  # the selection, then the label: the window's own path to the store
    window.editor.apply_label(project.labels().by_name("entity"))
    window.grab().save(str(tmp_path / "server-window.png"))
    assert str(pg_url) not in [str(p) for p in settings.recent_projects()]
    window.close()
    project.close()
    monkeypatch.setenv("PGPASSWORD", secret)
    with Project.open(pg_url, readonly=True) as again:
        assert [(s.start, s.end) for s in again.spans(doc.id)] == [(0, 4)]


def test_declining_the_password_opens_nothing(app, pg_url, monkeypatch, tmp_path):
    Project.create(pg_url).close()
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    assert open_or_recover(pg_url, ask_password=lambda prompt: None) is None
