"""The report builder: which documents count, units, the overlap rules, and every per-document and
pooled value against the metric functions themselves."""

import json
import math
import random

import numpy as np
import pytest

from annotator.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha, span_prf, unitizing_alpha
from annotator.agreement.report import build_report
from annotator.agreement.report.collect import collect
from annotator.agreement.report.data import DocumentData, ReportError, ReportInput, make_units, tokens
from annotator.agreement.report.formats import to_json
from annotator.store import Project

LABELS = ["PER", "LOC", "ORG"]
CODERS = ["a", "b", "c"]


def random_input(seed=3, n_docs=6):
    rng = random.Random(seed)
    docs = []
    for d in range(n_docs):
        length = rng.randint(40, 120)
        text = "".join(rng.choice("ابت ثج حَخ دذ") for _ in range(length))
        spans = {}
        for c in CODERS:
            spans[c] = []
            for _ in range(rng.randint(0, 6)):
                s = rng.randrange(length - 1)
                spans[c].append((s, min(length, s + rng.randint(1, 12)), rng.choice(LABELS)))
        docs.append(DocumentData(d + 1, f"doc {d}", text, spans))
    return ReportInput(list(CODERS), list(LABELS), docs)


def unit_values(data, unit="char"):
    units = make_units(data, unit)
    return units, units.values.astype(np.int64)


@pytest.mark.parametrize("unit", ["char", "token"])
def test_coded_values_equal_the_metric_functions(unit):
    data = random_input()
    report = build_report(data, unit)
    units, values = unit_values(data, unit)
    cats = sorted(set(values.ravel().tolist()))
    counts = np.stack([(values == k).sum(axis=0) for k in cats], axis=1)
    assert report["cohen_kappa"]["a|b"]["pooled"] == pytest.approx(cohen_kappa(values[0], values[1]), abs=1e-12)
    assert report["fleiss_kappa"]["pooled"] == pytest.approx(fleiss_kappa(counts), abs=1e-12)
    assert report["krippendorff_alpha"]["pooled"] == pytest.approx(krippendorff_alpha(values), abs=1e-12)
    per_doc_alpha = []
    for d, row in enumerate(report["per_document"]):
        lo, hi = units.offsets[d], units.offsets[d + 1]
        expected = krippendorff_alpha(values[:, lo:hi])
        per_doc_alpha.append(expected)
        assert row["krippendorff_alpha"] == pytest.approx(expected, abs=1e-12, nan_ok=True)
        assert row["cohen_kappa"]["b|c"] == pytest.approx(cohen_kappa(values[1, lo:hi], values[2, lo:hi]),
                                                          abs=1e-12, nan_ok=True)
        assert row["fleiss_kappa"] == pytest.approx(fleiss_kappa(counts[lo:hi]), abs=1e-12, nan_ok=True)
    assert report["krippendorff_alpha"]["mean_of_documents"] == pytest.approx(np.nanmean(per_doc_alpha))
    for bit, label in enumerate(LABELS):
        binary = (values >> bit) & 1
        block = report["per_label"][label]
        assert block["krippendorff_alpha"]["pooled"] == pytest.approx(krippendorff_alpha(binary), abs=1e-12, nan_ok=True)
        assert block["cohen_kappa"]["a|c"]["pooled"] == pytest.approx(cohen_kappa(binary[0], binary[2]), abs=1e-12,
                                                                      nan_ok=True)
        assert block["units"] == {c: int(binary[i].sum()) for i, c in enumerate(CODERS)}


def test_span_f1_and_alpha_u_equal_the_metric_functions():
    data = random_input(seed=9)
    report = build_report(data, "char")
    for mode in ("exact", "overlap"):
        tp = fp = fn = 0
        for doc in data.documents:
            r = span_prf(doc.spans["a"], doc.spans["b"], mode)
            tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
        pooled = report["span_f1"][mode]["a|b"]["pooled"]
        assert (pooled["tp"], pooled["fp"], pooled["fn"]) == (tp, fp, fn)
        assert pooled["f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    doc = data.documents[0]
    merged = make_units(data, "char").spans[0]
    spans = [(c, s, e, lab) for c in CODERS for s, e, lab in merged[c]]
    assert report["per_document"][0]["unitizing_alpha"] == pytest.approx(
        unitizing_alpha(spans, CODERS, len(doc.text), labels=LABELS)["alpha"], nan_ok=True)


def test_same_coder_same_label_overlaps_are_merged_for_alpha_u():
    text = "abcdefghijklmnopqrstuvwxyz"
    docs = [DocumentData(1, "t", text, {"a": [(0, 6, "PER"), (4, 10, "PER"), (10, 12, "PER")],
                                        "b": [(0, 10, "PER"), (10, 12, "PER")]})]
    report = build_report(ReportInput(["a", "b"], ["PER"], docs))
    assert report["unitizing_alpha"]["pooled"] == pytest.approx(1.0)  # a's [0,6)+[4,10) = [0,10); abutting stay apart
    assert "1 span(s) merged away" in report["notes"]["unitizing_alpha"]
    exact = report["span_f1"]["exact"]["a|b"]["pooled"]  # span F1 sees the spans as marked
    assert (exact["tp"], exact["fn"], exact["fp"]) == (1, 2, 1)


def test_a_unit_with_two_labels_of_one_coder_is_a_combined_category():
    docs = [DocumentData(1, "t", "abcdef", {"a": [(0, 3, "PER"), (1, 3, "LOC")], "b": [(0, 3, "PER")]})]
    report = build_report(ReportInput(["a", "b"], ["PER", "LOC"], docs))
    assert report["confusion"]["categories"] == ["none", "PER", "PER+LOC"]
    assert report["confusion"]["matrix"] == [[6, 0, 0], [0, 2, 2], [0, 2, 0]]
    assert report["disagreements"][0]["labels"] == {"a": "PER+LOC", "b": "PER"}
    assert (report["disagreements"][0]["start"], report["disagreements"][0]["end"]) == (1, 3)


def test_tokens_keep_arabic_marks_with_their_letters():
    text = "ذهبَ الوَلَدُ، إلى 12 مدرسةٍ."
    s, e = tokens(text)
    assert [text[a:b] for a, b in zip(s, e)] == ["ذهبَ", "الوَلَدُ", "،", "إلى", "12", "مدرسةٍ", "."]
    docs = [DocumentData(1, "t", text, {"a": [(6, 8, "PER")], "b": [(5, 13, "PER")]})]  # a touches one word
    report = build_report(ReportInput(["a", "b"], ["PER"], docs), "token")
    assert report["documents"]["units"] == 7
    assert report["krippendorff_alpha"]["pooled"] == pytest.approx(1.0)


def test_only_documents_every_coder_marked_done(tmp_path):
    with Project.create(tmp_path / "p.annot") as p:
        d1 = p.add_document("one", "نص أول للتجربة")
        d2 = p.add_document("two", "نص ثان للتجربة")
        entity = p.labels().by_name("entity").id
        a, b = p.ensure_coder("a"), p.ensure_coder("b")
        for doc in (d1, d2):
            p.add_span(doc.id, a.id, entity, 0, 2)
            p.set_status(doc.id, a.id, "done")
        p.set_status(d1.id, b.id, "done")
        p.set_status(d2.id, b.id, "in_progress")
        data = collect(p)
        report = build_report(data)
        assert report["documents"]["ids"] == [d1.id]
        assert report["documents"]["excluded"] == [{"id": d2.id, "title": "two", "not_done_by": ["b"]}]
        assert report["per_label"]["entity"]["units"] == {"a": 2, "b": 0}
        with pytest.raises(ReportError, match="no coder named 'zed'"):
            collect(p, ["a", "zed"])
        with pytest.raises(ReportError, match="at least two coders"):
            collect(p, ["a"])


def test_json_is_valid_with_null_for_undefined_and_reasons():
    docs = [DocumentData(1, "t", "abcdef", {"a": [], "b": []})]
    report = build_report(ReportInput(["a", "b"], ["PER"], docs))
    text = to_json(report)
    parsed = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    for key in ("coders", "documents", "unit", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha",
                "unitizing_alpha", "span_f1", "per_label", "per_document"):
        assert key in parsed
    assert parsed["cohen_kappa"]["a|b"]["pooled"] is None
    assert set(parsed["span_f1"]) == {"exact", "overlap"}
    reasons = {u["where"]: u["reason"] for u in parsed["undefined"]}
    assert "chance agreement is 1" in reasons["cohen_kappa.a|b.pooled"]
    assert "no compared coder marked a span" in reasons["unitizing_alpha.pooled"]


def test_no_common_documents_gives_an_empty_report_not_an_error():
    report = build_report(ReportInput(["a", "b"], ["PER"], []))
    assert report["documents"]["count"] == 0
    assert math.isnan(report["krippendorff_alpha"]["pooled"])
    assert any("no units" in u["reason"] for u in report["undefined"])


def test_format_characters_are_never_tokens():
    starts, ends = tokens("محمد\u200f")
    assert list(zip(starts.tolist(), ends.tolist())) == [(0, 5)]
    text = "\ufeffقال \u200f محمد\u200d\u0644 ."
    got = [text[s:e] for s, e in zip(*tokens(text))]
    assert got == ["\ufeffقال", "محمد\u200d\u0644", "."]  # the lone RLM between spaces belongs to no token
    for mark in ("\u200e", "\u061c", "\u200c"):
        sample = f"a{mark} b"
        assert [sample[s:e] for s, e in zip(*tokens(sample))] == [f"a{mark}", "b"]
