"""Figure values in the export: a table of Arabic figure expressions (wojood_sample's own figure
spans, and the forms issue 16 lists), imported as `figure` spans without a value and exported with
the value ``core`` computes. A figure the grammar cannot value exports ``null``, never a wrong number."""

from __future__ import annotations

import json

import pytest

from fmt_helpers import do_export, do_import, read_jsonl

N = None
# (record id, span text): (low, high, unit, approx), or None for "no value"
WOJOOD = {
    ("wojood-train-00005", "140"): (140, 140, "شخصا", False),
    ("wojood-train-00086", "بحوالي ستة"): None,          # a part of ستة وثلاثين مليون وأربعمائة ألف
    ("wojood-train-00086", "وثلاثين"): None,
    ("wojood-train-00124", "الثلاث"): (3, 3, N, False),
    ("wojood-train-00131", "و20 بالمئة"): (20, 20, "%", False),
    ("wojood-train-00147", "بثماني"): (8, 8, N, False),
    ("wojood-train-00154", "1000"): (1000, 1000, "عنصر", True),   # يُقدر بنحو 1000 عنصر
    ("wojood-train-00238", "الف"): (1000, 1000, N, False),
    ("wojood-train-00238", "والف"): (1000, 1000, N, False),
    ("wojood-train-00251", "عشرات"): None,               # "tens of": how many is not said
    ("wojood-train-00274", "1 , 787"): None,             # spaced separators: two numbers or one?
    ("wojood-train-00274", "201"): (201, 201, N, False),
    ("wojood-train-00440", "أربعة آلاف"): (4000, 4000, N, False),
    ("wojood-train-00440", "خمسة آلاف"): (5000, 5000, "مقاتل", False),
    ("wojood-train-00532", "500 متر"): (500, 500, "متر", False),
    ("wojood-train-00668", "نصف مليون دولار"): (500000, 500000, "دولار", False),  # one end of a range
    ("wojood-train-00668", "مليوني دولار"): (2000000, 2000000, "دولار", False),
    ("wojood-train-00699", "750 ألف"): (750000, 750000, "نازح", False),
    ("wojood-train-00699", "500 ألف"): (500000, 500000, N, False),
    ("wojood-train-00792", "60 مليون دولار أمريكي"): (60000000, 60000000, "دولار أمريكي", False),
    ("wojood-train-00942", "3 آلاف"): (3000, 3000, "لاجئ", True),
    ("wojood-train-01015", "2000"): None,                # a four-digit number alone may be a year
    ("wojood-train-01042", "3 مليار دولار"): (3000000000, 3000000000, "دولار", False),
    ("wojood-val-00004", "70 %"): (70, 70, "%", False),
    ("wojood-val-00067", "12 ألف"): (12000, 12000, N, True),
    ("wojood-val-00067", "ألفين"): (2000, 2000, N, False),
    ("wojood-val-00067", "4 آلاف"): (4000, 4000, N, False),
    ("wojood-test-00018", "13 . 2 مليون"): None,
    ("wojood-test-00056", "مائة وأربعون"): (140, 140, N, False),
    ("wojood-test-00134", "25 ألف ليرة سورية"): (25000, 25000, "ليرة سورية", False),
    ("wojood-test-00134", "50 دولارا"): (50, 50, "دولارا", True),
    ("wojood-test-00212", "59 %"): (59, 59, "%", False),
}
# The forms the issue lists that the corpus excerpt lacks: (sentence, span): value
WRITTEN = {
    ("وزن القنبلة 80 ألف باوند (36 طنا).", "80 ألف باوند"): (80000, 80000, "باوند", False),
    ("وزن القنبلة 80 ألف باوند (36 طنا).", "36 طنا"): (36, 36, "طنا", False),
    ("أرسلوا نحو 500 إلى 750 مقاتل.", "500 إلى 750"): (500, 750, "مقاتل", True),
    ("بين 3 و5 ملايين دولار خسرها.", "بين 3 و5 ملايين دولار"): (3000000, 5000000, "دولار", False),
    ("بلغت الخسائر ٢٫٥ مليون دولار.", "٢٫٥ مليون دولار"): (2500000, 2500000, "دولار", False),
    ("نسبة ٪۱۲ لا تهم، بل ١٥٪ منهم.", "١٥٪"): (15, 15, "%", False),
    ("وصل زهاء ١٬٢٠٠ جندي.", "١٬٢٠٠"): (1200, 1200, "جندي", True),
    ("قتل قرابة ۳۰۰ شخص.", "۳۰۰"): (300, 300, "شخص", True),
    ("عاد ثلاثمئة لاجئ و مئتان آخرون.", "ثلاثمئة"): (300, 300, "لاجئ", False),
    ("حضر خمسة وعشرون طالبا.", "خمسة وعشرون"): (25, 25, "طالبا", False),
    ("وصل عشرين ألفا من الزوار.", "عشرين ألفا"): (20000, 20000, N, False),
    ("قال إن آلاف الناس خرجوا.", "آلاف"): None,
}


def _exported(make_project, tmp_path, records) -> dict:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    project = make_project(labels=["figure"])
    project.update_label(project.labels().by_name("figure").id, figure_values=True)
    do_import(project, path, add_labels=False)
    do_export(project, tmp_path / "out.jsonl")
    out = {}
    for record in read_jsonl(tmp_path / "out.jsonl"):
        for span in record["spans"]:
            value = span["value"]
            out[(record["id"], span["text"])] = None if value is None else (
                value["low"], value["high"], value["unit"], value["approx"])
    return out


def test_wojood_figures_come_out_with_their_values(make_project, fixtures, tmp_path):
    records = read_jsonl(fixtures / "wojood_figures.jsonl")
    got = _exported(make_project, tmp_path, records)
    assert got == WOJOOD
    assert sum(v is not None for v in got.values()) == 26 and len(got) == 32


def test_the_forms_the_issue_lists_come_out_right(make_project, tmp_path):
    records: dict[str, dict] = {}
    for text, part in WRITTEN:
        start = text.index(part)
        record = records.setdefault(text, {"id": f"w{len(records)}", "text": text, "spans": []})
        record["spans"].append({"start": start, "end": start + len(part), "label": "figure"})
    got = _exported(make_project, tmp_path, list(records.values()))
    assert got == {(records[text]["id"], part): value for (text, part), value in WRITTEN.items()}


@pytest.mark.parametrize("fmt", ["doccano", "brat"])
def test_the_values_survive_doccano_and_brat(make_project, fixtures, tmp_path, fmt):
    project = make_project(labels=["figure"])
    project.update_label(project.labels().by_name("figure").id, figure_values=True)
    do_import(project, fixtures / "wojood_figures.jsonl")
    do_export(project, tmp_path / "a.jsonl")
    out = tmp_path / ("x.jsonl" if fmt == "doccano" else "brat")
    do_export(project, out, fmt)
    again = make_project("again", labels=["figure"])
    do_import(again, out, fmt)
    do_export(again, tmp_path / "b.jsonl")
    values = lambda p: {(r["text"], s["start"]): s["value"] for r in read_jsonl(p) for s in r["spans"]}  # noqa: E731
    assert values(tmp_path / "a.jsonl") == values(tmp_path / "b.jsonl")


def test_a_bulk_import_stores_each_figure_spans_computed_value(make_project, fixtures):
    """Spans without a value imported in bulk (the flat path of every format) are stored with the
    value ``core`` computes, set by "core", as a span drawn in the window gets it."""
    from annotator.core.figure_value import span_value

    project = make_project(labels=["figure"])
    project.update_label(project.labels().by_name("figure").id, figure_values=True)
    do_import(project, fixtures / "wojood_figures.jsonl", add_labels=False)
    stored = []
    for info in project.documents():
        text = project.document(info.id).text
        for span in project.spans(info.id):
            assert span.value_by == "core" and span.value == span_value(text, span.start, span.end)
            stored.append(span.value)
    assert len(stored) == 32 and sum(v is not None for v in stored) == 26
