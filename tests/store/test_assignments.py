"""Assignments in the store (file and server) and through ``annotator assign``; stale edits of
shared rows refused (versions)."""

from __future__ import annotations

import pytest

from annotator.core.assignment import plan_assignments
from annotator.core.errors import ProjectError, StaleEdit
from annotator.store import Project


def _docs(project, n=6):
    return [project.add_document(f"d{i}", f"نص رقم {i} هنا") for i in range(n)]


def test_assignments_are_stored_and_read_in_queue_order(project):
    docs = _docs(project)
    plan = plan_assignments([d.id for d in docs], ["ali", "mona", "omar"], 2, seed=5)
    seen = []
    project.subscribe(seen.extend)
    assert project.assign(plan) == 12
    assert any(change.kind == "assignment" for change in seen)
    for name in ("ali", "mona", "omar"):
        queue = project.assignments_for(name)
        assert [d.id for d in queue] == sorted(plan.queue(name), key=lambda i: [d.id for d in docs].index(i))
        assert all(hasattr(d, "title") for d in queue)
    assert project.assignments() == {doc: sorted(coders) for doc, coders in plan.by_document.items()}
    assert project.assignments_for("nobody") == []
    project.remove_document(docs[0].id)  # assignments go with their document
    assert docs[0].id not in project.assignments()
    project.assign(plan_assignments([d.id for d in docs[1:]], ["ali"], 1))  # replaced, not added to
    assert set(project.assignments()) == {d.id for d in docs[1:]} and project.assignments_for("mona") == []


def test_a_stale_edit_of_a_label_setting_or_span_is_refused(project, doc):
    label = project.labels().by_name("entity")
    version = project.version("label", label.id)
    project.update_label(label.id, color="#123456", expected_version=version)  # current: fine
    with pytest.raises(StaleEdit, match="changed by someone else"):
        project.update_label(label.id, name="stale", expected_version=version)
    assert project.labels().by_id(label.id).name == "entity"
    project.set_setting("guidelines", "v1")
    v = project.version("setting", "guidelines")
    project.set_setting("guidelines", "v2", expected_version=v)
    with pytest.raises(StaleEdit):
        project.set_setting("guidelines", "lost", expected_version=v)
    assert project.setting("guidelines") == "v2"
    gold = project.ensure_gold_coder()
    span = project.add_span(doc.id, gold.id, label.id, 0, 4)
    v = project.version("span", span.id)
    project.resize_span(span.id, 0, 5, expected_version=v)
    for change in (lambda: project.relabel_span(span.id, label.id, expected_version=v),
                   lambda: project.set_note(span.id, "x", expected_version=v),
                   lambda: project.remove_span(span.id, expected_version=v)):
        with pytest.raises(StaleEdit):
            change()
    assert (project.span(span.id).start, project.span(span.id).end) == (0, 5)
    with pytest.raises(ProjectError, match="no span"):
        project.remove_span(999999)


def test_two_leads_editing_one_label_on_the_server(pg_url):
    with Project.create(pg_url) as first, Project.open(pg_url) as second:
        label = first.labels().by_name("claim")
        seen_by_second = second.version("label", label.id)
        first.update_label(label.id, name="claim-a", expected_version=first.version("label", label.id))
        with pytest.raises(StaleEdit, match="someone else"):
            second.update_label(label.id, name="claim-b", expected_version=seen_by_second)
        assert second.labels().by_id(label.id).name == "claim-a"


def test_assign_on_the_command_line(tmp_path, capsys):
    from annotator.launcher import main

    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        _docs(p, 9)
    assert main(["assign", str(path), "--coders", "a,b,c", "--per-document", "2", "--seed", "4"]) == 0
    err = capsys.readouterr().err
    assert "assigned 9 document(s), 2 coder(s) each: a 6, b 6, c 6" in err and "a & b: 3 shared" in err
    with Project.open(path, readonly=True) as p:
        assert sorted(len(v) for v in p.assignments().values()) == [2] * 9
    before = path.read_bytes()
    assert main(["assign", str(path), "--coders", "a,b", "--per-document", "3"]) == 1
    assert "between 1 and the number of coders" in capsys.readouterr().err
    assert path.read_bytes() == before
