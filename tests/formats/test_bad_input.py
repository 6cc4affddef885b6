"""Bad input: a clear message naming the file and line, and nothing changed in the project."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from fmt_helpers import do_import

GOOD = json.dumps({"id": "a", "text": "زار محمد دمشق", "spans": [{"start": 4, "end": 8, "label": "PER"}]},
                  ensure_ascii=False)


def _line(**fields) -> str:
    record = {"id": "b", "text": "قرأ علي كتابا"}
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


CASES = {
    "invalid JSON": ('{"text": "نص", "spans": [}', "invalid JSON", "column"),
    "not an object": ("[1, 2]", "expected a JSON object", None),
    "missing text": ('{"id": "b"}', 'no "text"', None),
    "text not a string": (_line(text=5), '"text" must be a string', None),
    "out of range": (_line(spans=[{"start": 4, "end": 99, "label": "x"}]), "outside the text", None),
    "negative": (_line(spans=[{"start": -1, "end": 3, "label": "x"}]), "outside the text", None),
    "reversed": (_line(spans=[{"start": 7, "end": 4, "label": "x"}]), "reversed", None),
    "empty": (_line(spans=[{"start": 4, "end": 4, "label": "x"}]), "empty", None),
    "label not a string": (_line(spans=[{"start": 4, "end": 7, "label": 3}]), "label must be a non-empty string", None),
    "offset not an integer": (_line(spans=[{"start": "4", "end": 7, "label": "x"}]), "start must be an integer", None),
    "span text disagrees": (_line(spans=[{"start": 0, "end": 3, "label": "x", "text": "علي"}]), "code points", None),
    "duplicate id": (_line(id="a"), "duplicate document id 'a'", None),
    "doccano item not a triple": (_line(label=[[0, 3]]), "[start, end, label]", None),
    "meta not an object": (_line(meta=[1]), '"meta" must be an object', None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_record_names_file_and_line_and_rolls_back(make_project, tmp_path, case):
    bad, words, extra = CASES[case]
    path = tmp_path / "in.jsonl"
    path.write_text(f"{GOOD}\n{bad}\n", encoding="utf-8")
    project = make_project(labels=["PER"])
    with pytest.raises(InputError) as caught:
        do_import(project, path)
    message = str(caught.value)
    assert str(path) in message and "line 2" in message and words in message, message
    if extra:
        assert extra in message
    assert project.document_count() == 0 and project.coders()[0].name == "gold"
    assert [label.name for label in project.labels()] == ["PER"]


def test_invalid_json_gives_line_and_column(make_project, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(GOOD + "\n\n" + '{"text": "x",, }' + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        do_import(make_project(), path)
    assert (caught.value.line, caught.value.column) == (3, 14)


def test_not_utf8_names_line_and_byte(make_project, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(GOOD.encode() + b"\n" + '{"text": "'.encode() + "دمشق".encode("cp1256") + b'"}\n')
    project = make_project()
    with pytest.raises(InputError) as caught:
        do_import(project, path)
    assert caught.value.line == 2 and caught.value.byte_offset == len(GOOD.encode()) + 1 + 10
    assert "UTF-8" in str(caught.value) and project.document_count() == 0


def test_unknown_label_is_an_error_naming_it_unless_add_labels(make_project, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    project = make_project(labels=["LOC"])
    with pytest.raises(InputError, match=r"label 'PER' is not in the project's labels \(LOC\)"):
        do_import(project, path, add_labels=False)
    assert project.document_count() == 0
    report = do_import(project, path, add_labels=True)
    assert report.labels_added == ["PER"] and project.labels().names() == ["LOC", "PER"]


def test_an_id_already_in_the_project_is_an_error_on_its_line(make_project, tmp_path):
    project = make_project()
    (tmp_path / "one.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    do_import(project, tmp_path / "one.jsonl")
    (tmp_path / "two.jsonl").write_text(_line(id="x") + "\n" + _line(id="a", text="نص آخر") + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        do_import(project, tmp_path / "two.jsonl")
    assert caught.value.line == 2 and "'a'" in str(caught.value)
    assert project.document_count() == 1


def test_cancel_rolls_back(make_project, fixtures):
    from annotator.formats.importing import ImportCancelled, import_files
    from annotator.formats.registry import ImportOptions
    project = make_project()
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ImportCancelled):
        import_files(project, [fixtures / "anercorp_excerpt.jsonl"], options=ImportOptions(add_labels=True),
                     cancelled=cancelled)
    assert project.document_count() == 0 and project.labels().names() == []


def test_a_large_file_is_read_as_a_stream(tmp_path, monkeypatch):
    """The reader never holds the whole file: it yields the first record before reading the rest."""
    from annotator.formats.jsonl import read_jsonl
    from annotator.formats.registry import ImportOptions
    path = tmp_path / "big.jsonl"
    path.write_text(GOOD + "\n" + "{broken\n", encoding="utf-8")
    records = read_jsonl(path, ImportOptions())
    assert next(records).external_id == "a"  # the broken line 2 is not read yet
    with pytest.raises(InputError):
        next(records)
