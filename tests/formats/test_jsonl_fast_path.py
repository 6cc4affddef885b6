"""The JSONL reader's quick path for plain spans ({start, end, label} and nothing else) gives the same
records as the full check, and any span it does not take goes through the full check, which says
what is wrong and where (issue 21: a million spans are read in one pass)."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.formats import jsonl
from annotator.formats.records import check_span
from annotator.formats.registry import SpanRecord

TEXT = "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت."


def _parsed(spans):
    return jsonl.parse_record({"text": TEXT, "spans": spans}, "f.jsonl", 7, default_title="f 7").spans


def test_plain_spans_are_read_as_the_full_check_reads_them():
    spans = [{"start": 0, "end": 4, "label": "LOC"}, {"start": 5, "end": 12, "label": "ORG"},
             {"start": 0, "end": len(TEXT), "label": "X"}]
    assert jsonl._plain_spans(spans, TEXT) is not None
    assert _parsed(spans) == [check_span(TEXT, s["start"], s["end"], s["label"], "f.jsonl", 7) for s in spans]


@pytest.mark.parametrize("odd, expected", [
    ({"start": 0, "end": 4, "label": " LOC "}, SpanRecord(0, 4, "LOC")),          # label stripped
    ({"start": 0, "end": 4, "label": "LOC", "note": "n"}, SpanRecord(0, 4, "LOC", "n")),
    ({"start": 0, "end": 4, "label": "LOC", "text": TEXT[0:4]}, SpanRecord(0, 4, "LOC")),
    ({"start": 0, "end": 4, "label": "LOC", "id": 3}, SpanRecord(0, 4, "LOC", ref=3)),
])
def test_a_span_with_more_goes_through_the_full_check(odd, expected):
    spans = [{"start": 5, "end": 12, "label": "ORG"}, odd]
    assert jsonl._plain_spans(spans, TEXT) is None
    assert _parsed(spans) == [SpanRecord(5, 12, "ORG"), expected]


@pytest.mark.parametrize("bad, message", [
    ({"start": True, "end": 4, "label": "LOC"}, "must be an integer"),
    ({"start": 0, "end": 400, "label": "LOC"}, "outside the text"),
    ({"start": 4, "end": 4, "label": "LOC"}, "empty"),
    ({"start": 0, "end": 4, "label": ""}, "non-empty string"),
    ({"start": 0, "end": 4, "label": 5}, "non-empty string"),
    ({"start": 0, "end": 4, "lable": "LOC"}, "non-empty string"),
    ({"start": 0, "end": 4, "label": "LOC", "text": "خطأ"}, "is not the text at those offsets"),
])
def test_a_bad_span_is_an_error_with_file_and_line(bad, message):
    with pytest.raises(InputError, match=message) as caught:
        _parsed([{"start": 5, "end": 12, "label": "ORG"}, bad])
    assert "f.jsonl" in str(caught.value) and "7" in str(caught.value)
