"""annotator handout: one complete, self-contained project per coder."""

from __future__ import annotations

import sqlite3

from annotator.launcher import main
from annotator.store import Project


def _project(path):
    with Project.create(path, coder="lead") as p:
        entity = p.labels().by_name("entity").id
        for text in ("زار محمد دمشق", "قرأ علي كتابا"):
            doc = p.add_document(text[:6], text)
            lead = p.ensure_coder("lead")
            p.add_span(doc.id, lead.id, entity, 0, 3)
            omar = p.ensure_coder("omar")
            p.add_span(doc.id, omar.id, entity, 4, 8)
    return path


def test_handout_writes_one_whole_copy_per_coder(tmp_path, capsys):
    source = _project(tmp_path / "study.annot")
    out = tmp_path / "copies"
    assert main(["handout", str(source), "--coders", "layla,omar,a/b", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "no document assignments: every coder gets every document" in err
    assert sorted(p.name for p in out.iterdir()) == ["a_b.annot", "layla.annot", "omar.annot"]  # nothing beside them
    for name, coder, own_spans in (("layla", "layla", 0), ("omar", "omar", 2), ("a_b", "a/b", 0)):
        path = out / f"{name}.annot"
        con = sqlite3.connect(path)  # the file alone is whole: no -wal needed
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
        assert [r[0] for r in con.execute("select name from coders")] == [coder]
        assert con.execute("select count(*) from spans").fetchone()[0] == own_spans
        con.close()
        with Project.open(path) as copy:
            assert copy.setting("default_coder") == coder
            assert copy.labels().names() == ["entity", "claim", "figure"]


def test_handout_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys):
    source = _project(tmp_path / "study.annot")
    out = tmp_path / "copies"
    out.mkdir()
    (out / "omar.annot").write_bytes(b"mine")
    assert main(["handout", str(source), "--coders", "layla,omar", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["omar.annot"]
    assert (out / "omar.annot").read_bytes() == b"mine"


def test_handout_works_while_the_project_is_open_for_writing(tmp_path, capsys):
    source = _project(tmp_path / "study.annot")
    with Project.open(source) as open_in_app:
        doc = open_in_app.documents()[0]
        open_in_app.add_span(doc.id, open_in_app.coder("omar").id, open_in_app.labels().by_name("entity").id, 9, 13)
        assert main(["handout", str(source), "--coders", "omar", "-o", str(tmp_path / "c")]) == 0
    con = sqlite3.connect(tmp_path / "c" / "omar.annot")
    assert con.execute("select count(*) from spans").fetchone()[0] == 3  # the span saved a moment ago too
