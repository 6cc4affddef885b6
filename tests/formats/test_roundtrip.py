"""Round trips: export, import into a new project, export again."""

from __future__ import annotations

import pytest

from annotator.formats.conll import tokenize
from fmt_helpers import do_export, do_import, read_jsonl

SOURCES = ["anercorp_excerpt.jsonl", "wojood_nested.jsonl", "aqmar_excerpt.jsonl"]


def _spans_by_text(path) -> dict[str, list]:
    return {r["text"]: sorted((s["start"], s["end"], s["label"]) for s in r["spans"]) for r in read_jsonl(path)}


@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
@pytest.mark.parametrize("source", SOURCES)
def test_jsonl_and_doccano_give_identical_bytes(make_project, fixtures, tmp_path, fmt, source):
    first = make_project("first")
    do_import(first, fixtures / source, status="done")
    do_export(first, tmp_path / "a.jsonl", fmt, status="done")
    second = make_project("second", coder=None)
    do_import(second, tmp_path / "a.jsonl", status="done")
    do_export(second, tmp_path / "b.jsonl", fmt, status="done")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.jsonl").read_bytes().count(b"\n") == first.document_count()


def test_notes_titles_and_meta_survive_a_jsonl_round_trip(make_project, tmp_path):
    project = make_project(labels=["LOC"])
    (tmp_path / "d.txt").write_text("زار محمد دمشق", encoding="utf-8")
    do_import(project, tmp_path / "d.txt")
    doc = project.documents()[0]
    coder = project.coders()[0]
    project.add_span(doc.id, coder.id, project.labels().by_name("LOC").id, 9, 13, "العاصمة")
    do_export(project, tmp_path / "a.jsonl")
    (record,) = read_jsonl(tmp_path / "a.jsonl")
    assert record["title"] == "d" and record["meta"] == {"source_file": "d.txt"} and record["id"] == f"doc-{doc.id}"
    assert record["spans"] == [{"id": 1, "start": 9, "end": 13, "label": "LOC", "text": "دمشق", "note": "العاصمة"}]
    again = make_project("again")
    do_import(again, tmp_path / "a.jsonl")
    do_export(again, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


@pytest.mark.parametrize("source", SOURCES)
def test_brat_gives_the_same_spans(make_project, fixtures, tmp_path, source):
    first = make_project("first")
    do_import(first, fixtures / source)
    do_export(first, tmp_path / "a.jsonl")
    do_export(first, tmp_path / "brat", "brat")
    second = make_project("second")
    report = do_import(second, tmp_path / "brat")  # a folder: each .ann with its .txt
    assert report.documents == first.document_count()
    do_export(second, tmp_path / "b.jsonl")
    assert _spans_by_text(tmp_path / "b.jsonl") == _spans_by_text(tmp_path / "a.jsonl")


@pytest.mark.parametrize("source", SOURCES)
def test_conll_gives_the_same_spans_on_the_same_tokens(make_project, fixtures, tmp_path, source):
    first = make_project("first")
    do_import(first, fixtures / source)
    do_export(first, tmp_path / "a.jsonl")
    do_export(first, tmp_path / "a.conll", "conll")
    second = make_project("second")
    do_import(second, tmp_path / "a.conll")
    do_export(second, tmp_path / "b.jsonl")

    def as_tokens(path):
        out = {}
        for r in read_jsonl(path):
            words = lambda t: " ".join(t[s:e] for s, e in tokenize(t))  # noqa: E731
            out[words(r["text"])] = sorted((words(s["text"]), s["label"]) for s in r["spans"])
        return out

    assert as_tokens(tmp_path / "b.jsonl") == as_tokens(tmp_path / "a.jsonl")
