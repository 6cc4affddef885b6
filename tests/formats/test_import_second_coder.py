"""Importing a second coder's file of texts the project already has: the spans attach to those
documents (matched by sha256), as merge does; only the same coder with other spans is a conflict."""

from __future__ import annotations

import json
import sqlite3

from annotator.launcher import main

TEXTS = ["زار محمد دمشق", "قرأ علي كتابا", "سافرت ليلى إلى حلب"]


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _spans(project):
    con = sqlite3.connect(project)
    try:
        return sorted(con.execute(
            "select c.name, d.text, s.start_offset, s.end_offset, l.name from spans s join coders c on c.id = s.coder_id "
            "join documents d on d.id = s.document_id join labels l on l.id = s.label_id"))
    finally:
        con.close()


def _setup(tmp_path, capsys):
    project = tmp_path / "study.annot"
    assert main(["new", str(project), "--coder", "ann", "--labels", "PER,LOC"]) == 0
    ann = _jsonl(tmp_path / "ann.jsonl", [{"id": f"d{i}", "text": t, "spans": [{"start": 0, "end": 3, "label": "PER"}]}
                                          for i, t in enumerate(TEXTS[:2])])
    assert main(["import", str(project), str(ann), "--coder", "ann", "--status", "done"]) == 0
    capsys.readouterr()
    return project


def test_second_coder_spans_attach_to_existing_documents_and_new_ones_are_added(tmp_path, capsys):
    project = _setup(tmp_path, capsys)
    bob = _jsonl(tmp_path / "bob.jsonl", [
        {"id": "d0", "text": TEXTS[0], "spans": [{"start": 4, "end": 8, "label": "PER"}]},   # same id, same text
        {"text": TEXTS[1], "spans": [{"start": 8, "end": 13, "label": "LOC"}]},                # no id
        {"id": "d2", "text": TEXTS[2], "spans": [{"start": 15, "end": 18, "label": "LOC"}]},   # a new document
    ])
    assert main(["import", str(project), str(bob), "--coder", "bob", "--status", "done"]) == 0
    err = capsys.readouterr().err
    assert "imported 1 document(s)" in err and "spans attached to 2 document(s) already in the project" in err
    assert [s for s in _spans(project) if s[0] == "bob"] == sorted([
        ("bob", TEXTS[0], 4, 8, "PER"), ("bob", TEXTS[1], 8, 13, "LOC"), ("bob", TEXTS[2], 15, 18, "LOC")])
    assert len([s for s in _spans(project) if s[0] == "ann"]) == 2
    con = sqlite3.connect(project)
    assert con.execute("select count(*) from documents").fetchone()[0] == 3
    assert con.execute("select count(*) from doc_status s join coders c on c.id = s.coder_id "
                       "where c.name = 'bob' and s.status = 'done'").fetchone()[0] == 3
    con.close()
    # the same file again changes nothing (idempotent, as merge)
    before = _spans(project)
    assert main(["import", str(project), str(bob), "--coder", "bob"]) == 0
    assert _spans(project) == before


def test_same_coder_with_other_spans_is_a_conflict_and_nothing_is_imported(tmp_path, capsys):
    project = _setup(tmp_path, capsys)
    before = _spans(project)
    again = _jsonl(tmp_path / "ann2.jsonl", [
        {"text": TEXTS[2], "spans": [{"start": 0, "end": 5, "label": "PER"}]},
        {"text": TEXTS[0], "spans": [{"start": 4, "end": 8, "label": "LOC"}]},
    ])
    assert main(["import", str(project), str(again), "--coder", "ann"]) == 1
    err = capsys.readouterr().err
    assert "1 conflict(s), nothing imported" in err and "coder 'ann'" in err and "ann2.jsonl, line 2" in err
    assert _spans(project) == before
    con = sqlite3.connect(project)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2
    con.close()


def test_a_project_file_given_to_import_points_to_merge(tmp_path, capsys):
    project = _setup(tmp_path, capsys)
    copy = tmp_path / "bob.annot"
    assert main(["new", str(copy), "--coder", "bob"]) == 0
    capsys.readouterr()
    assert main(["import", str(project), str(copy)]) == 1
    assert "annotator merge" in capsys.readouterr().err
