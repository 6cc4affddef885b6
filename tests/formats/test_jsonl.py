"""JSONL import (spaCy/Prodigy and doccano shapes) and export."""

from __future__ import annotations

import json

from annotator.formats.exporting import ExportItem
from fmt_helpers import do_export, do_import, read_jsonl


def test_corpus_excerpt_comes_back_with_the_same_ids_texts_and_spans(make_project, fixtures, tmp_path):
    project = make_project()
    report = do_import(project, fixtures / "anercorp_excerpt.jsonl", status="done")
    assert (report.documents, report.spans) == (6, sum(len(r["spans"]) for r in read_jsonl(fixtures / "anercorp_excerpt.jsonl")))
    do_export(project, tmp_path / "out.jsonl", status="done")
    original = read_jsonl(fixtures / "anercorp_excerpt.jsonl")
    exported = read_jsonl(tmp_path / "out.jsonl")
    assert all([s.pop("id") for s in r["spans"]] == list(range(1, len(r["spans"]) + 1)) for r in exported)  # 1, 2, ...
    assert [(r["id"], r["text"], r["spans"]) for r in exported] == [(r["id"], r["text"], r["spans"]) for r in original]
    assert all(r["coder"] == "gold" and r["meta"] == {} for r in exported)


def test_nested_and_overlapping_spans_survive_sorted(make_project, fixtures, tmp_path):
    project = make_project()
    do_import(project, fixtures / "wojood_nested.jsonl")
    do_export(project, tmp_path / "out.jsonl")
    key = lambda s: (s["start"], s["end"], s["label"])  # noqa: E731
    for original, exported in zip(read_jsonl(fixtures / "wojood_nested.jsonl"), read_jsonl(tmp_path / "out.jsonl")):
        assert [{k: v for k, v in s.items() if k != "id"} for s in exported["spans"]] == sorted(original["spans"], key=key)
    nested = [r for r in read_jsonl(tmp_path / "out.jsonl")
              if any(a["start"] <= b["start"] and b["end"] <= a["end"] and a != b for a in r["spans"] for b in r["spans"])]
    assert nested, "the fixture is chosen for its nested spans"


def test_unknown_fields_go_to_meta_and_titles_default_to_ids(make_project, fixtures, tmp_path):
    project = make_project()
    do_import(project, fixtures / "aqmar_excerpt.jsonl")
    do_export(project, tmp_path / "out.jsonl")
    first = read_jsonl(tmp_path / "out.jsonl")[0]
    assert first["meta"] == {"doc": "X_window_system"} and "title" not in first
    assert project.documents()[0].title == "aqmar-X_window_system-0105"


def test_duplicate_text_is_skipped_and_a_different_annotation_is_reported(make_project, fixtures):
    project = make_project()
    warnings: list[str] = []
    report = do_import(project, fixtures / "aqmar_excerpt.jsonl", warn=warnings.append)
    assert report.documents == 4 and report.duplicates == 1 and report.duplicates_differing == 1
    assert any("line 2" in w and "other spans" in w and "line 1" in w for w in warnings)


def test_doccano_shape_and_spacy_shape_read_the_same(make_project, tmp_path):
    text = "زار محمد دمشق"
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text, "label": [[4, 8, "PER"], [9, 13, "LOC"]]},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": text + ".", "spans": [
        {"start": 4, "end": 8, "label": "PER"}, {"start": 9, "end": 13, "label": "LOC", "text": "دمشق"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    project = make_project()
    do_import(project, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    spans = [[(s.start, s.end) for s in project.spans(doc.id)] for doc in project.documents()]
    assert spans == [[(4, 8), (9, 13)], [(4, 8), (9, 13)]]


def test_coder_from_the_record_or_the_option(make_project, tmp_path):
    lines = [{"text": "نص أول", "spans": [{"start": 0, "end": 2, "label": "x"}], "coder": "alice"},
             {"text": "نص ثان", "spans": [{"start": 0, "end": 2, "label": "x"}], "_annotator_id": "bob"}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    project = make_project(coder=None)
    do_import(project, tmp_path / "c.jsonl")
    assert sorted(c.name for c in project.coders()) == ["alice", "bob"]
    other = make_project("q", coder=None)
    do_import(other, tmp_path / "c.jsonl", coder="carol")
    assert [c.name for c in other.coders()] == ["carol"]


def test_crlf_in_a_jsonl_text_becomes_lf_and_offsets_follow(make_project, tmp_path):
    record = {"text": "سطر\r\nدمشق", "spans": [{"start": 5, "end": 9, "label": "LOC", "text": "دمشق"}]}
    (tmp_path / "r.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = make_project()
    do_import(project, tmp_path / "r.jsonl")
    doc = project.document(project.documents()[0].id)
    span = project.spans(doc.id)[0]
    assert doc.text == "سطر\nدمشق" and doc.text[span.start:span.end] == "دمشق"


def test_export_writes_spaCy_ready_offsets_with_astral_characters(make_project, tmp_path):
    text = "𝐀 زار دمشق 😀 أمس"  # two characters above U+FFFF: code points, not UTF-16 units
    start = text.index("دمشق")
    (tmp_path / "e.jsonl").write_text(json.dumps({"id": "e1", "text": text, "spans": [
        {"start": start, "end": start + 4, "label": "LOC"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    project = make_project()
    do_import(project, tmp_path / "e.jsonl")
    do_export(project, tmp_path / "out.jsonl")
    (record,) = read_jsonl(tmp_path / "out.jsonl")
    assert record["spans"] == [{"id": 1, "start": start, "end": start + 4, "label": "LOC", "text": "دمشق"}]
    assert record["text"][record["spans"][0]["start"]:record["spans"][0]["end"]] == "دمشق"


def test_export_item_shape_is_what_the_writers_get():
    item = ExportItem(1, "d1", "d1", "نص", {}, "gold", [(0, 2, "x", None)])
    assert item.all_coders is False and item.spans[0][:3] == (0, 2, "x")
