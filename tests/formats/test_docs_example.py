"""The examples in docs/formats.md, run on a real export: plain Python always, spaCy when installed."""

from __future__ import annotations

import re
from pathlib import Path

from fmt_helpers import do_export, do_import

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def _export(make_project, fixtures, tmp_path) -> Path:
    project = make_project()
    do_import(project, fixtures / "anercorp_excerpt.jsonl")
    out = tmp_path / "export.jsonl"
    do_export(project, out)
    return out


def test_plain_python_example_gives_spacy_ready_tuples_and_token_labels(make_project, fixtures, tmp_path):
    export = _export(make_project, fixtures, tmp_path)
    scope: dict = {}
    exec(_blocks()[0], scope)
    pairs = list(scope["read_export"](export))
    text, spans = pairs[0]
    assert spans[0] == (0, 8, "LOC") and text[0:8] == "الصالحية"
    offsets = [m.span() for m in re.finditer(r"\S+", text)] + [(0, 0)]
    labels = scope["bio_for_offsets"](spans, offsets)
    assert labels[:5] == ["B-LOC", "B-LOC", "O", "B-PERS", "I-PERS"] and labels[-1] is None
    line = scope["to_record"]("x", text, spans, "c")
    back = tmp_path / "back.jsonl"
    back.write_text(line + "\n", encoding="utf-8")
    other = make_project("other")
    do_import(other, back)
    assert [(s.start, s.end) for s in other.spans(other.documents()[0].id)] == [(a, b) for a, b, _ in spans]


def test_spacy_example_loads_the_export(make_project, fixtures, tmp_path):
    export = _export(make_project, fixtures, tmp_path)
    scope: dict = {"EXPORT": str(export), "TRAIN": str(tmp_path / "train.spacy")}
    exec(_blocks()[0], scope)
    try:
        import spacy  # noqa: F401
    except ImportError:  # spaCy is optional: without it the conversion above is what runs
        assert list(scope["read_export"](export))
        return
    exec(_blocks()[1], scope)
    docs = list(scope["db"].get_docs(scope["nlp"].vocab))
    assert len(docs) == 6 and (tmp_path / "train.spacy").stat().st_size > 0
    assert [(e.text, e.label_) for e in docs[0].ents][:2] == [("الصالحية", "LOC"), ("المفرق", "LOC")]
    total = sum(len(r) for _, r in scope["read_export"](export))
    assert sum(len(d.ents) for d in docs) == total
    assert scope["lines"][0].startswith('{"id": "d0"')
