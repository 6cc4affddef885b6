"""Export choices (coder, status, labels), atomic writing, and the CLI commands."""

from __future__ import annotations

import json

import pytest

from annotator.cli.main import run
from annotator.core.errors import InputError
from annotator.formats.exporting import ExportCancelled, ExportOptions, export_project
from fmt_helpers import do_export, do_import, read_jsonl


@pytest.fixture
def two_coders(make_project, fixtures):
    project = make_project(coder=None)
    do_import(project, fixtures / "anercorp_excerpt.jsonl", coder="alice", status="done")
    doc = project.documents()[0]
    bob = project.ensure_coder("bob")
    project.add_span(doc.id, bob.id, project.labels().by_name("LOC").id, 0, 8)
    return project


def test_coder_must_be_chosen_when_there_are_several(two_coders, tmp_path):
    with pytest.raises(InputError, match=r"several coders \(alice, bob\)"):
        do_export(two_coders, tmp_path / "o.jsonl")
    with pytest.raises(InputError, match=r"no coder 'carol'"):
        do_export(two_coders, tmp_path / "o.jsonl", coder="carol")
    assert not (tmp_path / "o.jsonl").exists()


def test_status_done_is_the_default_and_leaves_out_unfinished_work(two_coders, tmp_path):
    report = export_project(two_coders, tmp_path / "o.jsonl", options=ExportOptions(coder="bob"))
    assert report.items == 0 and report.left_out == 6 and "--status all" in report.summary()
    report = export_project(two_coders, tmp_path / "o.jsonl", options=ExportOptions(coder="alice"))
    assert report.items == 6 and report.left_out == 0


def test_all_coders_gives_one_record_per_document_and_coder(two_coders, tmp_path):
    report = do_export(two_coders, tmp_path / "o.jsonl", all_coders=True)
    records = read_jsonl(tmp_path / "o.jsonl")
    assert [r["coder"] for r in records[:2]] == ["alice", "bob"] and len(records) == 7
    assert records[1]["spans"] == [{"id": 1, "start": 0, "end": 8, "label": "LOC", "text": records[1]["text"][:8]}]
    assert report.coders == ["alice", "bob"] and report.documents == 6


def test_labels_filter_keeps_only_those_labels(two_coders, tmp_path):
    report = do_export(two_coders, tmp_path / "o.jsonl", coder="alice", labels=["PERS"])
    assert set(report.labels) == {"PERS"}
    assert {s["label"] for r in read_jsonl(tmp_path / "o.jsonl") for s in r["spans"]} == {"PERS"}
    with pytest.raises(InputError, match="unknown label"):
        do_export(two_coders, tmp_path / "o.jsonl", coder="alice", labels=["NOPE"])


def test_a_failed_or_cancelled_export_leaves_the_old_file_untouched(two_coders, tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        export_project(two_coders, out, options=ExportOptions(coder="alice"), cancelled=lambda: True)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_progress_counts_documents(two_coders, tmp_path):
    seen = []
    export_project(two_coders, tmp_path / "o.jsonl", options=ExportOptions(coder="alice"),
                   progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 6) for i in range(1, 7)]


def test_brat_refuses_a_folder_that_is_not_empty(two_coders, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keep.txt").write_text("x")
    with pytest.raises(InputError, match="already exists"):
        do_export(two_coders, tmp_path / "b", "brat", coder="alice")


def test_cli_import_then_export(tmp_path, fixtures, capsys):
    project = str(tmp_path / "c.annot")
    assert run(["new", project, "--coder", "gold", "--labels", "LOC,PERS,ORG,MISC"]) == 0
    assert run(["import", project, str(fixtures / "anercorp_excerpt.jsonl"), "--status", "done"]) == 0
    out = tmp_path / "o.jsonl"
    assert run(["export", project, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "exported 6 record(s) of 6 document(s)" in err and "coders: gold; status: done" in err and "LOC " in err
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()][0] == "anercorp-test-00000"
    assert run(["export", project, "-o", str(tmp_path / "o.conll"), "--format", "conll", "--labels", "LOC"]) == 0
    assert "B-PERS" not in (tmp_path / "o.conll").read_text(encoding="utf-8")


def test_cli_errors_exit_1_with_one_line(tmp_path, fixtures, capsys):
    project = str(tmp_path / "c.annot")
    run(["new", project, "--coder", "gold", "--labels", "LOC"])
    assert run(["import", project, str(fixtures / "anercorp_excerpt.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "anercorp_excerpt.jsonl, line 1: label 'PERS' is not in the project's labels" in err
    assert run(["export", project, "-o", str(tmp_path / "o.jsonl"), "--coder", "nobody"]) == 1
    assert "no coder 'nobody'" in capsys.readouterr().err
