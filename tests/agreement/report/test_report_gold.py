"""The report's gold section: each coder against the adjudicated gold layer.

A project with three coders; the gold layer is filled by ``adjudicate`` and then corrected by hand.
Span P/R/F1 are checked against numbers worked out by hand (and ``span_prf``), Cohen's kappa
against scikit-learn on unit vectors built here independently of the report's code."""

import json
import math

import numpy as np
import pytest

from annotator.agreement import span_prf
from annotator.agreement.report import build_report
from annotator.agreement.report.collect import collect
from annotator.agreement.report.data import ReportError
from annotator.agreement.report.formats import clean, to_json
from annotator.agreement.report.render import renderer
from annotator.agreement.report.gold import NO_ADJUDICATED, NO_GOLD, collect_gold, gold_report
from annotator.core.model import GOLD_CODER
from annotator.store import Project
from annotator.store.adjudicate import adjudicate
from reference_packages import cohen_kappa_score

LABELS = ["entity", "claim", "figure"]  # a new project's labels, in schema order
T1 = "قال محمد إن الوزارة في بغداد أعلنت الخبر"
T2 = "وصل الوفد إلى القاهرة صباح الأحد"
T3 = "كتب الصحفي تقريرا عن الانتخابات"
T4 = "نص لم يعتمد بعد في الطبقة الذهبية"
T5 = "نص معتمد لم ينهه أحد"


def sp(text, words, label):
    start = text.index(words)
    return (start, start + len(words), label)


CODER_SPANS = {  # document -> coder -> spans
    1: {"a": [sp(T1, "محمد", "entity"), sp(T1, "الوزارة", "entity"), sp(T1, "أعلنت الخبر", "claim")],
        "b": [sp(T1, "محمد", "entity"), sp(T1, "الوزارة", "entity"), sp(T1, "بغداد", "entity")],
        "c": [sp(T1, "محمد", "entity"), sp(T1, "الوزارة في", "entity"), sp(T1, "أعلنت الخبر", "claim")]},
    2: {"a": [sp(T2, "الوفد", "entity"), sp(T2, "القاهرة", "entity")],
        "b": [sp(T2, "الوفد", "entity"), sp(T2, "القاهرة", "claim")],
        "c": [sp(T2, "الوفد", "entity")]},
    3: {"a": [sp(T3, "الصحفي", "entity")],
        "b": [sp(T3, "الصحفي", "entity"), sp(T3, "الانتخابات", "entity")],
        "c": [sp(T3, "كتب", "claim"), sp(T3, "تقريرا", "entity")]},   # c has not finished document 3
    4: {"a": [sp(T4, "نص", "figure")], "b": [], "c": [sp(T4, "الذهبية", "claim")]},
    5: {"a": [sp(T5, "نص", "claim")], "b": [], "c": []},
}
GOLD_BY_HAND = {  # added after `adjudicate`
    1: [sp(T1, "بغداد", "entity")],
    2: [sp(T2, "القاهرة", "entity"), sp(T2, "صباح الأحد", "claim")],
    3: [sp(T3, "الصحفي", "entity"), sp(T3, "الانتخابات", "entity")],
    4: [sp(T4, "لم يعتمد", "claim")],
    5: [sp(T5, "معتمد", "entity")],
}
GOLD = {  # what gold holds in the end (adjudicate's majority + the hand additions)
    1: [sp(T1, "محمد", "entity"), sp(T1, "الوزارة", "entity"), sp(T1, "أعلنت الخبر", "claim"), sp(T1, "بغداد", "entity")],
    2: [sp(T2, "الوفد", "entity"), sp(T2, "القاهرة", "entity"), sp(T2, "صباح الأحد", "claim")],
    3: GOLD_BY_HAND[3], 4: GOLD_BY_HAND[4], 5: GOLD_BY_HAND[5],
}
TEXTS = {1: T1, 2: T2, 3: T3, 4: T4, 5: T5}
DONE = {1: "abc", 2: "abc", 3: "ab", 4: "abc", 5: ""}   # coders who marked each document done
ADJUDICATED = {1, 2, 3, 5}                                # gold status done (4 stays in progress)
EXPECTED_DOCS = {"a": [1, 2, 3], "b": [1, 2, 3], "c": [1, 2]}


def build(path, *, names=("a", "b", "c"), adjudicated=ADJUDICATED):
    project = Project.create(path)
    labels = {name: project.labels().by_name(name).id for name in LABELS}
    ids = {n: project.add_document(f"doc {n}", TEXTS[n]).id for n in TEXTS}
    coders = {key: project.ensure_coder(name) for key, name in zip("abc", names)}
    for n, by_coder in CODER_SPANS.items():
        for key, spans in by_coder.items():
            for start, end, label in spans:
                project.add_span(ids[n], coders[key].id, labels[label], start, end)
            if key in DONE[n]:
                project.set_status(ids[n], coders[key].id, "done")
            else:
                project.set_status(ids[n], coders[key].id, "in_progress")
    adjudicate(project, list(names))
    gold = project.gold_coder()
    for n, spans in GOLD_BY_HAND.items():
        for start, end, label in spans:
            project.add_span(ids[n], gold.id, labels[label], start, end)
        project.set_status(ids[n], gold.id, "done" if n in adjudicated else "in_progress")
    return project, ids


@pytest.fixture
def project(tmp_path):
    project, ids = build(tmp_path / "p.annot")
    yield project
    project.close()


def test_gold_layer_is_filled_as_the_test_assumes(project):
    labels = {label.id: label.name for label in project.labels()}
    gold = project.gold_coder()
    for n in TEXTS:
        spans = sorted((s.start, s.end, labels[s.label_id]) for s in project.spans(n, gold.id))
        assert spans == sorted(GOLD[n]), n


def test_gold_never_an_ordinary_coder(project):
    assert GOLD_CODER in [c.name for c in project.coders()]  # the store lists it ...
    report = build_report(collect(project))
    assert report["coders"] == ["a", "b", "c"]                  # ... the inter-coder sections do not
    assert set(report["cohen_kappa"]) == {"a|b", "a|c", "b|c"}
    assert all(GOLD_CODER not in doc["spans"] for doc in report["per_document"])
    assert list(report["gold"]["coders"]) == ["a", "b", "c"]
    with pytest.raises(ReportError, match="reserved"):
        collect(project, ["a", GOLD_CODER])
    with pytest.raises(ReportError, match="reserved"):
        collect_gold(project, [GOLD_CODER])

    class WithoutKeyword:  # a read-only stand-in whose coders() has no include_gold
        def __init__(self, inner):
            self.inner = inner

        def coders(self):
            return self.inner.coders()

        def __getattr__(self, name):
            return getattr(self.inner, name)

    assert collect(WithoutKeyword(project)).coders == ["a", "b", "c"]


def test_documents_adjudicated_and_done_by_the_coder(project):
    gold = build_report(collect(project))["gold"]
    assert gold["adjudicated_documents"] == 4 and gold["adjudicated_ids"] == [1, 2, 3, 5]
    for coder, docs in EXPECTED_DOCS.items():
        block = gold["coders"][coder]
        assert block["document_ids"] == docs and block["documents"] == len(docs)
        assert block["not_done"] == 4 - len(docs)
        assert block["gold_spans"] == sum(len(GOLD[n]) for n in docs)
        assert block["coder_spans"] == sum(len(CODER_SPANS[n][coder]) for n in docs)
        assert block["units"] == sum(len(TEXTS[n]) for n in docs)


HAND = {  # (tp, fp, fn) worked out by hand over EXPECTED_DOCS
    ("a", "exact"): (6, 0, 3), ("a", "overlap"): (6, 0, 3),
    ("b", "exact"): (6, 1, 3), ("b", "overlap"): (6, 1, 3),
    ("c", "exact"): (3, 1, 4), ("c", "overlap"): (4, 0, 3),
}


@pytest.mark.parametrize("coder,mode", list(HAND))
def test_span_prf_against_hand_counts(project, coder, mode):
    block = build_report(collect(project))["gold"]["coders"][coder]["span"][mode]
    tp, fp, fn = HAND[(coder, mode)]
    pooled = block["pooled"]
    assert (pooled["tp"], pooled["fp"], pooled["fn"]) == (tp, fp, fn)
    assert pooled["precision"] == pytest.approx(tp / (tp + fp))
    assert pooled["recall"] == pytest.approx(tp / (tp + fn))
    assert pooled["f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    per_doc = [span_prf(GOLD[n], CODER_SPANS[n][coder], mode) for n in EXPECTED_DOCS[coder]]
    assert sum(r["tp"] for r in per_doc) == tp
    for key in ("precision", "recall", "f1"):
        assert block["mean_of_documents"][key] == pytest.approx(np.nanmean([r[key] for r in per_doc]))
    assert block["documents"] == len(EXPECTED_DOCS[coder])


def char_categories(text, spans, label=None):
    """Per character: "none", a label, or "A+B" (schema order); with ``label``: 1/0."""
    cats = []
    for i in range(len(text)):
        here = [lab for lab in LABELS if any(s <= i < e and lb == lab for s, e, lb in spans)]
        cats.append(int(label in here) if label else ("+".join(here) or "none"))
    return cats


def token_categories(text, spans, label=None):
    """Tokens = the words (these texts have no punctuation); a token carries a label when a span of
    that label covers one of its characters."""
    cats, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        end = at = start + len(word)
        here = [lab for lab in LABELS if any(s < end and start < e and lb == lab for s, e, lb in spans)]
        cats.append(int(label in here) if label else ("+".join(here) or "none"))
    return cats


@pytest.mark.parametrize("unit,categories", [("char", char_categories), ("token", token_categories)])
def test_kappa_against_sklearn(project, unit, categories):
    gold = build_report(collect(project), unit)["gold"]
    assert gold["unit"] == unit
    for coder, docs in EXPECTED_DOCS.items():
        block = gold["coders"][coder]
        for label in [None, *LABELS]:
            entry = block["cohen_kappa"] if label is None else block["per_label"][label]["cohen_kappa"]
            g = [categories(TEXTS[n], GOLD[n], label) for n in docs]
            c = [categories(TEXTS[n], CODER_SPANS[n][coder], label) for n in docs]
            pooled_g, pooled_c = sum(g, []), sum(c, [])
            if len(set(pooled_g) | set(pooled_c)) < 2:
                assert math.isnan(entry["pooled"]), (coder, label)
            else:
                assert entry["pooled"] == pytest.approx(cohen_kappa_score(pooled_g, pooled_c), abs=1e-12)
            per_doc = [cohen_kappa_score(x, y) if len(set(x) | set(y)) > 1 else math.nan for x, y in zip(g, c)]
            defined = [v for v in per_doc if not math.isnan(v)]
            if defined:
                assert entry["mean_of_documents"] == pytest.approx(np.mean(defined), abs=1e-12)
            assert entry["documents_undefined"] == len(per_doc) - len(defined)
    # a kappa that could be mistaken for another: b's nominal value differs from a's
    assert gold["coders"]["a"]["cohen_kappa"]["pooled"] != gold["coders"]["b"]["cohen_kappa"]["pooled"]


def test_coders_filter_and_gold_only(project):
    report = build_report(collect(project, ["c", "a"]))
    assert list(report["gold"]["coders"]) == ["c", "a"]
    alone = gold_report(collect_gold(project, ["b"]))
    assert alone["gold_only"] and list(alone["gold"]["coders"]) == ["b"]
    assert clean(alone["gold"]["coders"]["b"]) == clean(report_gold_block(project, "b"))  # NaN -> None
    with pytest.raises(ReportError, match="no coder named 'zed'"):
        collect_gold(project, ["zed"])


def report_gold_block(project, coder):
    return build_report(collect(project))["gold"]["coders"][coder]


def test_null_without_gold_or_adjudicated_documents(tmp_path):
    with Project.create(tmp_path / "none.annot") as p:
        doc = p.add_document("d", T1)
        for name in "ab":
            p.set_status(doc.id, p.ensure_coder(name).id, "done")
        report = build_report(collect(p))
        assert report["gold"] is None and report["notes"]["gold"] == NO_GOLD
        assert json.loads(to_json(report))["gold"] is None
        adjudicate(p)  # creates the gold layer; nothing adjudicated by hand yet
        report = build_report(collect(p))
        assert report["gold"] is None and report["notes"]["gold"] == NO_ADJUDICATED
        parsed = json.loads(to_json(report))
        assert "gold" in parsed and parsed["gold"] is None and parsed["notes"]["gold"] == NO_ADJUDICATED
        assert "Coders against gold: not available" in renderer("text")(report)


def test_a_coder_without_adjudicated_documents(tmp_path):
    project, ids = build(tmp_path / "p.annot", adjudicated={3})  # document 3: c has not finished it
    with project:
        gold = build_report(collect(project))["gold"]
        c = gold["coders"]["c"]
        assert c["documents"] == 0 and math.isnan(c["cohen_kappa"]["pooled"])
        assert any(u["where"].startswith("gold.coders.c.") and "not marked" in u["reason"] for u in gold["undefined"])
        assert json.loads(to_json({"gold": gold}))["gold"]["coders"]["c"]["span"]["exact"]["pooled"]["f1"] is None


def test_formats_contain_the_section(project):
    report = build_report(collect(project))
    text = renderer("text")(report)
    assert "Coders against gold" in text and "(@gold = reference" in text
    assert any(line.startswith("b ") and "0.750" in line for line in text.splitlines())  # b's F1 exact
    markdown = renderer("markdown")(report)
    assert "| Coder | Documents | κ pooled" in markdown and "| b | 3 |" in markdown
    assert r"\label{tab:agreement-gold}" in renderer("latex")(report)
    csv = renderer("csv")(report)
    assert "gold,,,,span_f1_exact,b,pooled,0.75" in csv
    page = renderer("html")(report)
    assert "<h2>Coders against gold</h2>" in page and "span F1 of each coder against gold" in page
    for fmt in ("text", "markdown", "latex", "csv", "html"):
        assert "Coders against gold" in renderer(fmt)(gold_report(collect_gold(project))) or fmt == "csv"


def test_html_escapes_coder_names(tmp_path):
    nasty = "<script>x</script>"
    project, ids = build(tmp_path / "p.annot", names=(nasty, "b&b", "c"))
    with project:
        report = build_report(collect(project))
        assert list(report["gold"]["coders"]) == [nasty, "b&b", "c"]
        for page in (renderer("html")(report), renderer("html")(gold_report(collect_gold(project)))):
            assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
            assert "b&amp;b" in page
        assert r"\textless{}script\textgreater{}" in renderer("latex")(report)
