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


def _assigned_project(path):
    """Four documents, each assigned to two of three coders (``annotator assign``)."""
    from annotator.core.assignment import plan_assignments

    with Project.create(path, coder="lead") as p:
        docs = [p.add_document(f"d{i}", f"نص رقم {i} عن دمشق") for i in range(4)]
        plan = plan_assignments([d.id for d in docs], ["layla", "omar", "rana"], 2, seed=3)
        p.assign(plan)
        queues = {name: [d.title for d in p.assignments_for(name)] for name in plan.coders}
    return path, queues


def test_handout_gives_each_coder_the_documents_assigned_to_them_and_says_so(tmp_path, capsys):
    source, queues = _assigned_project(tmp_path / "study.annot")
    out = tmp_path / "copies"
    assert main(["handout", str(source), "--coders", "layla,omar", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "assignments: each coder gets the documents assigned to them" in err
    assert "every coder gets every document" not in err
    for coder in ("layla", "omar"):
        assert f"{coder}.annot for {coder}: {len(queues[coder])} document(s)" in err
        with Project.open(out / f"{coder}.annot", readonly=True) as copy:
            assert sorted(d.title for d in copy.documents()) == sorted(queues[coder])
            # the coder's queue comes along, in its order: the app opens their next document
            assert [d.title for d in copy.assignments_for(coder)] == queues[coder]
            assert list(copy.assignments().values()) == [[coder]] * len(queues[coder])


def test_handout_without_coders_hands_out_to_every_assigned_coder(tmp_path, capsys):
    source, queues = _assigned_project(tmp_path / "study.annot")
    out = tmp_path / "copies"
    assert main(["handout", str(source), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["layla.annot", "omar.annot", "rana.annot"]
    capsys.readouterr()
    assert main(["handout", str(source), "-o", str(tmp_path / "all"), "--coders", "omar", "--all-documents"]) == 0
    assert "every coder gets every document" in capsys.readouterr().err
    with Project.open(tmp_path / "all" / "omar.annot", readonly=True) as copy:
        assert copy.document_count() == 4


def test_handout_refuses_a_coder_without_assignments_and_writes_nothing(tmp_path, capsys):
    source, _ = _assigned_project(tmp_path / "study.annot")
    out = tmp_path / "copies"
    assert main(["handout", str(source), "--coders", "layla,omr", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "'omr' has no documents assigned" in err and "layla, omar, rana" in err
    assert not out.exists()
    assert main(["handout", str(_project(tmp_path / "plain.annot")), "-o", str(out)]) == 1
    assert "no document assignments; name the coders" in capsys.readouterr().err
