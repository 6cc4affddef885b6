"""Prodigy and Label Studio: round trips, several coders, answers kept as flags, bad input."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from fmt_helpers import do_export, do_import
from interop_helpers import round_trip, sample_project, spans_of


@pytest.mark.parametrize("fmt", ["prodigy", "labelstudio"])
def test_round_trip_gives_identical_bytes_and_every_coder(make_project, tmp_path, fmt):
    first, second, a, b = round_trip(make_project, tmp_path, fmt, f"out.{fmt}")
    assert a.read_bytes() == b.read_bytes()
    expected = spans_of(first)
    got = spans_of(second)
    if fmt == "prodigy":  # Prodigy spans have no notes
        expected = {k: [(s, e, lab, None) for s, e, lab, _ in v] for k, v in expected.items()}
    assert got == expected
    assert {c.name for c in second.coders(include_gold=False)} == {"ali", "sara"}


def test_prodigy_tasks_have_tokens_that_every_span_falls_on(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "p.jsonl", "prodigy", all_coders=True, status="done")
    tasks = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == 6 and {t["_annotator_id"] for t in tasks} == {"ali", "sara"}
    for task in tasks:
        assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)
        assert task["answer"] == "accept"
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for tok in tokens:
            assert task["text"][tok["start"]:tok["end"]] == tok["text"]
        for span in task["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
    q1 = next(t for t in tasks if t["id"] == "q1" and t["_annotator_id"] == "ali")
    assert q1["_view_id"] == "spans_manual"  # nested spans
    assert q1["spans"][0]["text"] == "محمد"  # code points: the emoji is one character
    assert "2 span notes (Prodigy spans have none)" in report.summary()


def test_prodigy_db_out_answers_become_flags_not_losses(make_project, tmp_path):
    lines = [
        {"text": "زار محمد دمشق", "spans": [{"start": 4, "end": 8, "label": "PER"}], "answer": "accept",
         "_annotator_id": "ner-ali", "_session_id": "ner-ali", "_input_hash": 1, "_task_hash": 2, "_timestamp": 5},
        {"text": "زار محمد دمشق", "spans": [{"start": 9, "end": 13, "label": "LOC"}], "answer": "reject",
         "_annotator_id": "ner-sara"},
        {"text": "نص آخر", "answer": "ignore", "_annotator_id": "ner-ali"},
    ]
    (tmp_path / "db.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    project = make_project("p", coder=None)
    report = do_import(project, tmp_path / "db.jsonl", "prodigy")
    assert report.documents == 2 and report.spans == 1
    assert any("1 span(s) of reject/ignore answers not imported" in w for w in report.warnings)
    docs = project.documents()
    assert project.document(docs[0].id).meta == {"prodigy_answers": {"ner-sara": "reject"}}
    assert project.document(docs[1].id).meta == {"prodigy_answers": {"ner-ali": "ignore"}}
    every = make_project("every", coder=None)
    assert do_import(every, tmp_path / "db.jsonl", "prodigy", answers="all").spans == 2
    do_export(every, tmp_path / "out.jsonl", "prodigy", all_coders=True, status="all")
    answers = {(t["text"], t["_annotator_id"]): t["answer"]
               for t in map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())}
    assert answers[("زار محمد دمشق", "ner-sara")] == "reject"
    assert answers[("زار محمد دمشق", "ner-ali")] == "accept"


def _ls_task(**over):
    task = {"id": 7, "data": {"text": "😀 زار محمد دمشق"},
            "annotations": [{"id": 1, "completed_by": 3, "result": [
                {"id": "x", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 6, "end": 10, "text": "محمد", "labels": ["PER"]}}]}]}
    task.update(over)
    return task


def test_label_studio_import_of_its_own_export_shape(make_project, tmp_path):
    task = _ls_task()
    task["annotations"].append({"id": 2, "completed_by": {"id": 4, "email": "sara@lab.org"}, "result": [
        {"id": "y", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 11, "end": 15, "text": "دمشق", "labels": ["LOC"]}, "meta": {"text": ["مدينة"]}},
        {"id": "z", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 6, "end": 10, "text": "محمد", "labels": ["PER"]}},
        {"type": "relation", "from_id": "z", "to_id": "y", "direction": "right"},
        {"id": "c", "type": "rating", "value": {"rating": 3}, "from_name": "c", "to_name": "text"}]})
    task["annotations"].append({"id": 3, "completed_by": 5, "was_cancelled": True, "result": []})
    task["predictions"] = [{"result": []}]
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None)
    report = do_import(project, tmp_path / "ls.json", "labelstudio")
    assert report.spans == 3
    (warning,) = [w for w in report.warnings if "not imported" in w]
    assert "1 relations without a label" in warning and "1 cancelled" in warning
    assert "1 results of type 'rating'" in warning
    got = spans_of(project)
    assert got == {("😀 زار محمد دمشق", "labelstudio-user-3"): [(6, 10, "PER", None)],
                   ("😀 زار محمد دمشق", "sara@lab.org"): [(6, 10, "PER", None), (11, 15, "LOC", "مدينة")]}


def test_label_studio_utf16_offsets_are_converted_with_a_warning(make_project, tmp_path):
    task = _ls_task()
    task["annotations"][0]["result"][0]["value"].update(start=7, end=11)  # UTF-16: the emoji counts twice
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None)
    report = do_import(project, tmp_path / "ls.json", "labelstudio")
    assert any("UTF-16" in w for w in report.warnings)
    assert list(spans_of(project).values()) == [[(6, 10, "PER", None)]]


@pytest.mark.parametrize("payload, message", [
    ("[1, 2", "invalid JSON"),
    ('[{"data": {"text": "abc"}, "annotations": 3}]', 'task 1: "annotations" must be a list'),
    ('[{"id": 5, "data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": '
     '{"start": 0, "end": 9, "labels": ["X"]}}]}]}]', "task 1 (id 5), annotation 1, result 1: span [0, 9] is outside"),
    ('[{"data": {"a": "x", "b": "y"}}]', "name the text field with --text-column"),
    ('[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": '
     '{"start": 0, "end": 2, "text": "zz", "labels": ["X"]}}]}]}]', "is not the text at those offsets"),
])
def test_label_studio_bad_input_names_the_element_and_changes_nothing(make_project, tmp_path, payload, message):
    (tmp_path / "ok.json").write_text('[{"data": {"text": "نص سليم"}}]', encoding="utf-8")
    (tmp_path / "bad.json").write_text(payload, encoding="utf-8")
    project = make_project("p", coder="c")
    with pytest.raises(InputError) as err:
        do_import(project, [tmp_path / "ok.json", tmp_path / "bad.json"], "labelstudio")
    assert message in str(err.value) and "bad.json" in str(err.value)
    assert project.document_count() == 0


@pytest.mark.parametrize("line, message", [
    ('{"text": 3}', 'no "text" string'),
    ('{"text": "abc", "answer": "maybe"}', '"answer" must be one of'),
    ('{"text": "abc", "spans": [{"start": 2, "end": 1, "label": "X"}]}', "reversed"),
    ('{"text": "abc", "_annotator_id": 5}', '"_annotator_id" must be a non-empty string'),
])
def test_prodigy_bad_input_names_the_line_and_changes_nothing(make_project, tmp_path, line, message):
    (tmp_path / "bad.jsonl").write_text('{"text": "نص سليم"}\n' + line + "\n", encoding="utf-8")
    project = make_project("p", coder="c")
    with pytest.raises(InputError) as err:
        do_import(project, tmp_path / "bad.jsonl", "prodigy")
    assert message in str(err.value) and "line 2" in str(err.value)
    assert project.document_count() == 0


# Label Studio's documented task format (docs/source/includes/task_format.md in HumanSignal/label-studio,
# "Label Studio JSON format of annotated tasks", and the Labels tag's text result: value.start, value.end,
# value.text, value.labels): the fields an import into Label Studio reads, with their JSON types.
TASK = {"id": int, "data": dict, "annotations": list, "predictions": list}
ANNOTATION = {"id": int, "result": list, "was_cancelled": bool, "ground_truth": bool, "completed_by": int}
RESULT = {"id": str, "from_name": str, "to_name": str, "type": str, "value": dict}
LABELS_VALUE = {"start": int, "end": int, "text": str, "labels": list}


def _conforms(obj: dict, shape: dict, where: str) -> None:
    for key, kind in shape.items():
        assert key in obj, f"{where}: no {key!r}"
        assert isinstance(obj[key], kind) and not (kind is int and isinstance(obj[key], bool)), \
            f"{where}: {key!r} is {type(obj[key]).__name__}, the format says {kind.__name__}"


def test_label_studio_export_follows_the_documented_task_format(make_project, tmp_path):
    """The documented format, field by field (the converter's own reading: test_labelstudio_converter.py)."""
    from annotator.formats.labelstudio import labeling_config

    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "ls.json", "labelstudio", all_coders=True, status="done")
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 3
    config = labeling_config(["PER", "LOC", "ORG"])
    expected = spans_of(project)
    for task in tasks:
        _conforms(task, TASK, f"task {task.get('id')}")
        text = task["data"]["text"]
        assert "$text" in config and '<Labels name="label" toName="text">' in config
        assert len({a["completed_by"] for a in task["annotations"]}) == len(task["annotations"]) == 2
        for annotation in task["annotations"]:
            _conforms(annotation, ANNOTATION, f"annotation {annotation.get('id')}")
            got = []
            for result in annotation["result"]:
                _conforms(result, RESULT, f"result {result.get('id')}")
                assert (result["from_name"], result["to_name"], result["type"]) == ("label", "text", "labels")
                value = result["value"]
                _conforms(value, LABELS_VALUE, f"value of {result['id']}")
                assert text[value["start"]:value["end"]] == value["text"]
                got.append((value["start"], value["end"], value["labels"][0], (result.get("meta") or {}).get("text")))
            ids = [r["id"] for r in annotation["result"]]
            assert len(set(ids)) == len(ids)  # region ids are unique (relations would refer to them)
            want = [(s, e, lab, [n] if n else None) for s, e, lab, n in expected[(text, annotation["created_username"])]]
            assert sorted(got, key=str) == sorted(want, key=str)


def test_prodigy_relations_are_not_kept_as_metadata(make_project, tmp_path):
    line = {"text": "زار محمد دمشق", "spans": [{"start": 4, "end": 8, "label": "PER", "token_start": 1, "token_end": 1},
            {"start": 9, "end": 13, "label": "LOC", "token_start": 2, "token_end": 2}],
            "relations": [{"head": 1, "child": 2, "label": "visited"}], "_annotator_id": "ali"}
    (tmp_path / "db.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    project = make_project("p", coder=None)
    report = do_import(project, tmp_path / "db.jsonl", "prodigy")
    assert report.spans == 2 and report.relations == 1 and not report.warnings
    assert "relations" not in project.document(project.documents()[0].id).meta
