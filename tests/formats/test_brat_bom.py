"""The brat round trip that lost 47 of 1,190 spans of an Arabic QA corpus (9 documents' texts
changed): texts starting with U+FEFF. The .txt was written as stored, the reader decoded it with
utf-8-sig (dropping the U+FEFF) and kept the offsets, which count it: every span one character early."""

from __future__ import annotations

import json
import re

from fmt_helpers import do_export, do_import, read_jsonl

TEXTS = ["\ufeffما هي عاصمة سوريا؟ عاصمة سوريا دمشق.", "من كتب رواية الأيام؟ طه حسين.", "\ufeff\ufeffنص ببايتين"]


def _words(text):
    return [m.span() for m in re.finditer(r"\w+", text)][:3]


def test_every_span_keeps_its_characters_through_brat(make_project, tmp_path):
    lines = [json.dumps({"id": f"q{i}", "text": t, "spans": [{"start": s, "end": e, "label": "X"} for s, e in _words(t)]},
                        ensure_ascii=False) for i, t in enumerate(TEXTS)]
    (tmp_path / "qa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = make_project("first", coder="c")
    do_import(first, tmp_path / "qa.jsonl")
    do_export(first, tmp_path / "a.jsonl")
    do_export(first, tmp_path / "brat", "brat")
    second = make_project("second", coder="c")
    do_import(second, tmp_path / "brat")
    do_export(second, tmp_path / "b.jsonl")
    before = {r["text"].removeprefix("\ufeff"): [(s["text"], s["label"]) for s in r["spans"]]
              for r in read_jsonl(tmp_path / "a.jsonl")}
    after = {r["text"]: [(s["text"], s["label"]) for s in r["spans"]] for r in read_jsonl(tmp_path / "b.jsonl")}
    assert after == before  # the same spans on the same characters; only a leading U+FEFF (a BOM) is dropped
    assert sum(len(v) for v in after.values()) == 8
