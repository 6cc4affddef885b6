"""The jsonl:FILE source (the worked example of docs/suggestions.md): predictions from a file,
matched to documents by their text; every bad line is refused with its line number."""

import json

import pytest

from annotator.core.errors import InputError
from annotator.suggest import Request, make_source

TEXT = "أمر جلالة الملك عبدالله الثاني أمس بتنفيذ حزمة من المشاريع في قضاء الصالحية"


def write(tmp_path, *records):
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def test_predictions_become_suggestions_of_the_document_with_that_text(tmp_path):
    start = TEXT.index("عبدالله")
    path = write(tmp_path, {"text": TEXT, "spans": [{"start": start, "end": start + 14, "label": "PERS", "score": 0.93},
                                                   {"start": TEXT.index("الصالحية"), "end": len(TEXT), "label": "LOC"}]},
                 {"text": "نص آخر ليس في المشروع", "spans": []})
    found = list(make_source(f"jsonl:{path}").suggest(Request([(7, TEXT), (8, "نص غيره")])))
    assert [(TEXT[s.start:s.end], s.label, s.score, s.source, s.document_id) for s in found] == [
        ("عبدالله الثاني", "PERS", 0.93, "jsonl:pred.jsonl", 7), ("الصالحية", "LOC", 0.5, "jsonl:pred.jsonl", 7)]


@pytest.mark.parametrize("line, message", [
    ("{not json", "line 2: not JSON"),
    ('{"spans": []}', 'line 2: expected an object with the document\'s "text"'),
    ({"text": "abc", "spans": [{"start": 1, "end": 9, "label": "X"}]}, r"line 2: span \[1, 9\) is not inside the text \(length 3\)"),
    ({"text": "abc", "spans": [{"start": 0, "end": 2, "label": "X", "score": 3}]}, "line 2: .* a score is between 0 and 1"),
    ({"text": "abc", "spans": [{"start": 0, "end": 2}]}, r"line 2: span \[0, 2\) has no label"),
])
def test_bad_lines_are_refused_with_file_and_line(tmp_path, line, message):
    path = write(tmp_path, {"text": TEXT, "spans": []}, line)
    with pytest.raises(InputError, match=message):
        make_source(f"jsonl:{path}")


def test_a_missing_file_and_a_missing_argument(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        make_source(f"jsonl:{tmp_path / 'none.jsonl'}")
    with pytest.raises(InputError, match="needs an argument"):
        make_source("jsonl")
