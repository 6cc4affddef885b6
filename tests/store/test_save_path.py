"""What the window's saves rely on, on both dialects: one versioned change of a span (label, range and
note at once), the versions of a document's spans, a stale change refused without touching the
row; and on a server, an outage reported as ``ServerUnreachable`` (kept and retried by the window),
after which the same project saves again."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError, ServerUnreachable, StaleEdit
from annotator.store import Project


def test_change_span_is_one_versioned_update(project, doc):
    ali = project.coder("ali")
    labels = project.labels()
    entity, claim = labels.by_name("entity").id, labels.by_name("claim").id
    span = project.add_span(doc.id, ali.id, entity, 0, 4)
    assert project.span_versions(doc.id) == {span.id: 1}
    seen = []
    project.subscribe(seen.extend)
    version = project.change_span(span.id, label_id=claim, start=0, end=5, note="ملاحظة", expected_version=1)
    assert version == 2 == project.version("span", span.id)
    stored = project.span(span.id)
    assert (stored.label_id, stored.start, stored.end, stored.note) == (claim, 0, 5, "ملاحظة")
    assert seen[-1].kind == "span" and set(seen[-1].ranges) == {(0, 4), (0, 5)}
    # made against version 1 again (another window's view of it): refused, nothing changed
    with pytest.raises(StaleEdit, match="changed by someone else"):
        project.change_span(span.id, label_id=entity, expected_version=1)
    with pytest.raises(StaleEdit):
        project.remove_span(span.id, expected_version=1)
    assert project.span(span.id).label_id == claim and project.version("span", span.id) == 2
    # the note alone, and no expected version: the version still moves on
    assert project.change_span(span.id, note=None) == 3 and project.span(span.id).note is None
    with pytest.raises(ProjectError, match="outside"):
        project.change_span(span.id, start=0, end=10_000, expected_version=3)
    twin = project.add_span(doc.id, ali.id, entity, 6, 9)  # one change may not make a span's twin
    with pytest.raises(ProjectError):
        project.change_span(twin.id, label_id=claim, start=0, end=5, expected_version=1)
    assert project.version("span", span.id) == 3 and project.version("span", twin.id) == 1


def test_two_connections_see_each_others_versions(project, doc, tmp_path):
    """A second connection (a second project object on a server; on a file, the project's own
    engine, as a second window of the app reads it) changes a span: the first one's edit made
    against the version it saw is refused."""
    ali = project.coder("ali")
    entity = project.labels().by_name("entity").id
    span = project.add_span(doc.id, ali.id, entity, 0, 4)
    seen = project.span_versions(doc.id)[span.id]
    other = Project.open(project.where) if project.is_server else project
    try:
        other.change_span(span.id, start=0, end=5, expected_version=other.span_versions(doc.id)[span.id])
    finally:
        if other is not project:
            other.close()
    with pytest.raises(StaleEdit):
        project.change_span(span.id, start=1, end=4, expected_version=seen)
    assert (project.span(span.id).start, project.span(span.id).end) == (0, 5)


def test_a_save_during_an_outage_is_server_unreachable_and_saves_after(pg_server, pg_url):
    database = pg_url.rsplit("/", 1)[1]
    with Project.create(pg_url, coder="ali") as project:
        doc = project.add_document("d", "نص قصير هنا")
        ali, entity = project.coder("ali"), project.labels().by_name("entity").id
        pg_server.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        pg_server.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
        try:
            with pytest.raises(ServerUnreachable, match="cannot be reached|connection to the server was lost"):
                project.add_span(doc.id, ali.id, entity, 0, 3)
        finally:
            pg_server.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        assert project.spans(doc.id) == []  # nothing half-saved
        project.add_span(doc.id, ali.id, entity, 0, 3)
        assert len(project.spans(doc.id)) == 1


def test_a_stopped_server_is_server_unreachable_until_it_is_back(pg_server, pg_url):
    with Project.create(pg_url, coder="ali") as project:
        doc = project.add_document("d", "نص قصير هنا")
        ali, entity = project.coder("ali"), project.labels().by_name("entity").id
        pg_server.pause()
        try:
            with pytest.raises(ServerUnreachable):
                project.add_span(doc.id, ali.id, entity, 0, 3)
        finally:
            pg_server.resume()
        project.add_span(doc.id, ali.id, entity, 0, 3)
        assert len(project.spans(doc.id)) == 1
