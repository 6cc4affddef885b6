"""A small two-coder Arabic project for the interoperability formats' tests: an emoji before spans
(code points vs UTF-16), nested and overlapping spans, notes, a span that cuts a token, metadata."""

from __future__ import annotations

import json
from pathlib import Path

from fmt_helpers import do_export, do_import

TEXTS = [
    # (id, title, text)
    ("q1", "سؤال ١", "😀 زار محمد بن سلمان مدينة الرياض"),
    ("q2", "q2", "ذهب علي إلى جامعة الملك سعود في الرياض.\nثم عاد."),
    ("q3", "ثالث", "والقدس مدينة قديمة"),
]


def _find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return at, at + len(word)


def spans_for(coder: str) -> dict[str, list[dict]]:
    t1, t2, t3 = (t for _, _, t in TEXTS)
    s = {
        "q1": [(*_find(t1, "محمد بن سلمان"), "PER", None), (*_find(t1, "محمد"), "PER", "الاسم الأول"),
               (*_find(t1, "الرياض"), "LOC", None)],
        "q2": [(*_find(t2, "علي"), "PER", None), (*_find(t2, "جامعة الملك سعود"), "ORG", None),
               (*_find(t2, "الملك سعود"), "PER", None), (*_find(t2, "الرياض"), "LOC", "عاصمة")],
        "q3": [(1, 6, "LOC", None)],  # cuts the token والقدس after its conjunction و
    }
    if coder == "sara":
        s["q1"] = [(*_find(t1, "الرياض"), "LOC", None)]
        s["q2"] = s["q2"][:2]
    return {k: [{"start": a, "end": b, "label": c, **({"note": n} if n else {})} for a, b, c, n in v]
            for k, v in s.items()}


def write_source(folder: Path) -> Path:
    lines = []
    for coder in ("ali", "sara"):
        spans = spans_for(coder)
        for doc_id, title, text in TEXTS:
            lines.append(json.dumps({"id": doc_id, "title": title, "text": text, "coder": coder,
                                     "meta": {"source": "test"}, "spans": spans[doc_id]}, ensure_ascii=False))
    path = folder / "source.jsonl"
    # the second coder's copy of each text is a duplicate for the JSONL reader: import per coder
    (folder / "ali.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (folder / "sara.jsonl").write_text("\n".join(lines[3:]) + "\n", encoding="utf-8")
    return path


def sample_project(make_project, folder: Path):
    """Project 'first' with coders ali and sara (both marked done), labels PER LOC ORG."""
    project = make_project("first", coder=None, labels=["PER", "LOC", "ORG"])
    write_source(folder)
    do_import(project, folder / "ali.jsonl", status="done")
    # the same texts for a second coder: add spans through the API (the JSONL reader skips duplicates)
    docs = {d.external_id: d for d in project.documents()}
    labels = project.labels()
    with project.transaction() as tx:
        coder = tx.ensure_coder("sara")
        rows = []
        for doc_id, spans in spans_for("sara").items():
            for s in spans:
                rows.append((docs[doc_id].id, coder.id, labels.by_name(s["label"]).id, s["start"], s["end"],
                             s.get("note")))
        tx.add_spans(rows)
        from annotator.core.model import DocStatus
        tx.add_statuses([(d.id, coder.id) for d in docs.values()], DocStatus.parse("done"))
    return project


def spans_of(project) -> dict[tuple[str, str], list[tuple]]:
    """(text, coder) -> sorted (start, end, label, note) of every coder's spans."""
    out = {}
    coders = {c.id: c.name for c in project.coders(include_gold=False)}
    for doc in project.documents():
        for coder_id, name in coders.items():
            spans = sorted((s.start, s.end, project.labels().by_id(s.label_id).name, s.note or None)
                           for s in project.spans(doc.id, coder_id))
            if spans:
                out[(project.document(doc.id).text, name)] = spans
    return out


def round_trip(make_project, tmp_path, fmt, out_name, first=None, **export_kw):
    """Export ``first`` (the sample project), import into a new project, export again; returns
    (first project, second project, first output, second output)."""
    first = first or sample_project(make_project, tmp_path)
    a, b = tmp_path / f"a-{out_name}", tmp_path / f"b-{out_name}"
    export_kw.setdefault("all_coders", True)
    do_export(first, a, fmt, status="done", **export_kw)
    second = make_project("second", coder=None)
    do_import(second, a, fmt, status="done")
    do_export(second, b, fmt, status="done", **export_kw)
    return first, second, a, b
