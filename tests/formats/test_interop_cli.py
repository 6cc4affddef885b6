"""The new formats from the command line: names for --format, their options, the summary on stderr."""

from __future__ import annotations

import json

import pytest

from annotator.cli.main import build_parser, run
from interop_helpers import write_source

FORMATS_IN = {"hf", "spacy", "prodigy", "labelstudio", "xmi", "webanno", "refi"}
FORMATS_OUT = {"hf", "spacy", "prodigy", "labelstudio", "xmi", "refi"}


def _choices(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    action = next(a for a in sub.choices[command]._actions if a.dest == "format")
    return set(action.choices)


def test_every_format_name_is_a_choice():
    assert FORMATS_IN <= _choices("import") and FORMATS_OUT <= _choices("export")


@pytest.fixture
def project(tmp_path):
    path = str(tmp_path / "p.annot")
    assert run(["new", path, "--coder", "ali", "--labels", "PER,LOC,ORG"]) == 0
    write_source(tmp_path)
    assert run(["import", path, str(tmp_path / "ali.jsonl"), "--status", "done"]) == 0
    return path


def test_hf_split_and_seed_from_the_cli(project, tmp_path, capsys):
    capsys.readouterr()
    assert run(["export", project, "-o", str(tmp_path / "ds"), "--format", "hf", "--split", "34/33/33",
                "--seed", "7"]) == 0
    err = capsys.readouterr().err
    assert "(hf)" in err and "nested or overlapping spans not in ner_tags" in err
    assert sorted(p.name for p in (tmp_path / "ds" / "data").iterdir()) == [
        "test-00000-of-00001.parquet", "train-00000-of-00001.parquet", "validation-00000-of-00001.parquet"]
    assert run(["export", project, "-o", str(tmp_path / "bad"), "--format", "hf", "--split", "50/60"]) == 1
    assert "--split '50/60': the parts must add up to 100" in capsys.readouterr().err


def test_spacy_align_and_prodigy_answers_from_the_cli(project, tmp_path, capsys):
    assert run(["export", project, "-o", str(tmp_path / "t.spacy"), "--format", "spacy", "--align", "strict"]) == 0
    assert "spans that do not fall on spaCy token boundaries, dropped (--align strict)" in capsys.readouterr().err
    lines = [{"text": "زار محمد دمشق", "spans": [{"start": 4, "end": 8, "label": "PER"}], "answer": "reject",
              "_annotator_id": "sara"}]
    (tmp_path / "db.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert run(["import", project, str(tmp_path / "db.jsonl"), "--format", "prodigy"]) == 0
    assert "imported 1 document(s) with 0 span(s)" in capsys.readouterr().err
    assert run(["import", project, str(tmp_path / "db.jsonl"), "--format", "prodigy", "--answers", "all"]) == 0
    assert "already in the project" in capsys.readouterr().err


def test_label_studio_import_says_how_many_relations_and_suggestions_came_in(project, tmp_path, capsys):
    text = "زار محمد دمشق"
    task = {"data": {"text": text}, "annotations": [{"completed_by": 2, "result": [
        {"id": "a", "type": "labels", "value": {"start": 4, "end": 8, "labels": ["PER"]}},
        {"id": "b", "type": "labels", "value": {"start": 9, "end": 13, "labels": ["LOC"]}},
        {"from_id": "a", "to_id": "b", "type": "relation", "labels": ["visited"]}]}],
        "predictions": [{"model_version": "m1", "result": [
            {"type": "labels", "score": 0.9, "value": {"start": 9, "end": 13, "labels": ["LOC"]}}]}]}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert run(["import", project, str(tmp_path / "ls.json"), "--format", "labelstudio"]) == 1
    assert "relation type 'visited' is not in the project's relation types" in capsys.readouterr().err
    assert run(["import", project, str(tmp_path / "ls.json"), "--format", "labelstudio", "--add-labels"]) == 0
    assert "imported 1 document(s) with 2 span(s), 1 relation(s), 1 suggestion(s)" in capsys.readouterr().err
