"""CoNLL export says what it lost or moved, per reason, in the summary (issue 20)."""

from __future__ import annotations

import json

from fmt_helpers import do_export, do_import


def test_conll_summary_counts_dropped_merged_moved_per_reason(make_project, tmp_path):
    records = [
        {"id": "a", "text": "والقدس مدينة قديمة", "spans": [
            {"start": 1, "end": 6, "label": "LOC"},               # cuts the token: moved (grown)
            {"start": 0, "end": 6, "label": "LOC"},               # the same token and label: merged
            {"start": 7, "end": 12, "label": "CITY TYPE", "note": "ملاحظة"}]},  # space in the label, a note
        {"id": "b", "text": "زار  محمد بن سلمان", "spans": [
            {"start": 3, "end": 5, "label": "PER"},               # spaces only: dropped
            {"start": 5, "end": 18, "label": "PER"},
            {"start": 5, "end": 9, "label": "PER"}]},             # nested: second column
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    project = make_project(coder="c")
    do_import(project, tmp_path / "in.jsonl")
    report = do_export(project, tmp_path / "out.conll", "conll")
    summary = report.summary()
    for line in ["1 spans dropped: they cover no token (spaces only)",
                 "1 spans merged: another span of the same label covers the same tokens",
                 "1 spans moved: they cut a token and were grown to whole tokens",
                 "1 nested or overlapping spans moved to a second (or later) tag column",
                 "1 labels with spaces written with _ (a CoNLL tag cannot hold a space)",
                 "1 span notes not carried (CoNLL has no place for them)",
                 "2 documents' ids, titles and metadata (CoNLL has only tokens and tags)"]:
        assert line in summary, summary
    assert "coders' names" not in summary  # one coder: nothing to tell apart
    lines = (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")
    assert "مدينة B-CITY_TYPE" in lines and "محمد B-PER B-PER" in lines


def test_conll_and_doccano_say_what_they_drop_of_coders_and_notes(make_project, tmp_path):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "زار محمد دمشق", "spans": [
        {"start": 4, "end": 8, "label": "PER", "note": "ملاحظة"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    project = make_project(coder="c")
    do_import(project, tmp_path / "in.jsonl")
    do_import(project, tmp_path / "in.jsonl", coder="d")  # the same text: the second coder's spans attach
    summary = do_export(project, tmp_path / "out.conll", "conll", all_coders=True).summary()
    assert "2 coders' names (CoNLL has none" in summary, summary
    summary = do_export(project, tmp_path / "out.jsonl", "doccano", all_coders=True).summary()
    assert "2 span notes (doccano's spans have none" in summary, summary


def test_brat_says_it_drops_document_ids_and_metadata(make_project, tmp_path):
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "title": "أ", "text": "زار محمد دمشق", "meta": {"source": "x"}},
        {"id": "b", "text": "ثم عاد"}]) + "\n", encoding="utf-8")
    project = make_project(coder="c")
    do_import(project, tmp_path / "in.jsonl")
    summary = do_export(project, tmp_path / "brat", "brat").summary()
    assert "1 documents' ids and metadata (brat has a text" in summary, summary  # "b": its id is its title
