"""``copy``: file -> server -> file is lossless (byte-identical exports), all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect

from annotator.core.errors import ProjectError
from annotator.formats.exporting import ExportOptions, export_project
from annotator.store import Project
from annotator.store.copy import copy_project


def _fill(path):
    with Project.create(path, coder="ali") as p:
        ali, mona = p.coder("ali"), p.ensure_coder("منى")
        entity = p.labels().by_name("entity").id
        d1 = p.add_document("مقال", "قالت الوزارة إن 80 ألف باوند 🙂 (36 طنا).", meta={"سنة": 2024}, external_id="a-1")
        d2 = p.add_document("second", "ذهب أحمد إلى القاهرة.")
        p.add_span(d1.id, ali.id, entity, 0, 4, note="ملاحظة")
        p.add_span(d1.id, mona.id, entity, 16, 19)
        p.add_span(d2.id, mona.id, entity, 4, 8)
        gold = p.ensure_gold_coder()
        p.add_span(d1.id, gold.id, entity, 0, 4, provenance={"from": ["ali"]})
        p.set_status(d1.id, ali.id, "done")
        p.set_status(d2.id, mona.id, "in_progress")
        p.set_setting("guidelines", "اقرأ")
        removed = p.add_span(d2.id, ali.id, entity, 0, 3)
        p.remove_span(removed.id)  # a gap in the ids, kept as it is


def _export(target, out):
    with Project.open(target, readonly=True) as p:
        export_project(p, out, "jsonl", ExportOptions(all_coders=True, status="all"))
    return out.read_bytes()


def test_file_to_server_to_file_is_lossless(tmp_path, pg_url):
    source, back = tmp_path / "a.annot", tmp_path / "b.annot"
    _fill(source)
    seen = []
    report = copy_project(source, pg_url, progress=lambda done, total: seen.append((done, total)))
    assert report.rows["spans"] == 4 and report.rows["documents"] == 2
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
    copy_project(pg_url, back)
    original = _export(source, tmp_path / "a.jsonl")
    assert original and original == _export(pg_url, tmp_path / "s.jsonl") == _export(back, tmp_path / "b.jsonl")
    with Project.open(source, readonly=True) as a, Project.open(pg_url) as s, Project.open(back, readonly=True) as b:
        assert a.stats() | {"project": ""} == s.stats() | {"project": ""} == b.stats() | {"project": ""}
        assert s.setting("guidelines") == b.setting("guidelines") == "اقرأ"
        assert [(x.id, x.name) for x in a.coders()] == [(x.id, x.name) for x in s.coders()]
        # new rows on the server continue after the copied ids
        doc = s.documents()[1]
        span = s.add_span(doc.id, s.coder("ali").id, s.labels().by_name("entity").id, 0, 3)
        assert span.id > max(x.id for d in a.documents() for x in a.spans(d.id))
        assert s.add_document("three", "نص ثالث").id == 3


def test_copy_into_a_database_with_a_project_changes_nothing(tmp_path, pg_url):
    source = tmp_path / "a.annot"
    _fill(source)
    Project.create(pg_url, coder="x").close()
    with pytest.raises(ProjectError, match="already holds a project"):
        copy_project(source, pg_url)
    with Project.open(pg_url, readonly=True) as s:
        assert s.stats()["documents"] == 0 and [c.name for c in s.coders()] == ["x"]


def test_a_failed_copy_to_the_server_leaves_it_empty(tmp_path, pg_url):
    source = tmp_path / "a.annot"
    _fill(source)
    import sqlite3
    con = sqlite3.connect(source)  # PostgreSQL text cannot hold NUL: the copy fails half-way
    con.execute("update documents set title = 'bad' || char(0) || 'title' where id = 2")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="cannot copy a row of documents.*nothing was copied"):
        copy_project(source, pg_url)
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


def test_a_failed_copy_to_a_file_leaves_no_file(tmp_path, pg_url, monkeypatch):
    source = tmp_path / "a.annot"
    _fill(source)
    copy_project(source, pg_url)
    target = tmp_path / "out.annot"
    import annotator.store.copy as copy_module

    def boom(done, total):
        if done > 3:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        copy_module.copy_project(pg_url, target, progress=boom)
    assert not [p.name for p in tmp_path.iterdir() if "out.annot" in p.name], "no file, not even a partial one"
    with pytest.raises(ProjectError, match="already exists"):
        copy_project(pg_url, source)
