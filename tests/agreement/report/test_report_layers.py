"""The report's relation, attribute and document-label agreement (issue 16): hand-worked examples,
the reference packages (krippendorff, scikit-learn, statsmodels) on the same values, every format,
a real project read batch by batch, and a project without the layers reading none of them."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from html.parser import HTMLParser

import krippendorff
import pytest

from annotator.agreement import relation_prf
from annotator.agreement.report.build import build_report
from annotator.agreement.report.collect import collect
from annotator.agreement.report.data import DocumentData, ReportInput
from annotator.agreement.report.layers import LayerSchema
from annotator.agreement.report.render import FORMATS, renderer
from annotator.core.schema import DocLabelGroup
from annotator.store import Project
from reference_packages import aggregate_raters, cohen_kappa_score, fleiss_kappa

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة، وقالت الوزارة إن 80 ألف جندي وصلوا."
LABELS = ["claim", "entity", "figure"]


def _doc(doc_id, spans, relations=None, attributes=None):
    return DocumentData(doc_id, f"doc {doc_id}", TEXT, spans, relations=relations or {}, attributes=attributes or {})


def _report(documents, coders=("a", "b"), **schema):
    schema.setdefault("relation_types", ["source", "about"])
    schema.setdefault("relations", True)
    schema.setdefault("attribute_values", True)
    data = ReportInput(list(coders), LABELS, documents, layers=LayerSchema(**schema))
    return build_report(data)


# -- relations ----------------------------------------------------------------------------------------
CLAIM, ENVOY, MINISTRY, MINISTRY_B = (25, 38, "claim"), (4, 20, "entity"), (46, 53, "entity"), (45, 53, "entity")


def test_relation_f1_counts_relations_whose_both_ends_match_exact_and_overlap():
    """a: claim -> envoy, claim -> ministry (source). b: claim -> envoy (source), claim -> ministry
    drawn one letter longer (45, 53), and claim -> envoy (about). Exact: the ministry spans do not
    match, so 1 of a's 2 relations agrees, and 1 of b's 3: P = 1/3, R = 1/2, F1 = 2*1/(2+3) = 0.4.
    Overlap: the ministry spans match, 2 agree: P = 2/3, R = 1, F1 = 4/5. Per type, source: exact
    F1 = 2*1/(2+2) = 0.5, overlap 1; about: 0 of b's 1 (a has none): F1 = 0."""
    spans = {"a": [CLAIM, ENVOY, MINISTRY], "b": [CLAIM, ENVOY, MINISTRY_B]}
    relations = {"a": [(CLAIM, ENVOY, "source"), (CLAIM, MINISTRY, "source")],
                 "b": [(CLAIM, ENVOY, "source"), (CLAIM, MINISTRY_B, "source"), (CLAIM, ENVOY, "about")]}
    report = _report([_doc(1, spans, relations)])
    block = report["relation_f1"]
    exact, overlap = block["exact"]["a|b"], block["overlap"]["a|b"]
    assert (exact["tp"], exact["fp"], exact["fn"]) == (1, 2, 1)
    assert exact["precision"] == pytest.approx(1 / 3) and exact["recall"] == 0.5 and exact["f1"] == pytest.approx(0.4)
    assert (overlap["tp"], overlap["precision"], overlap["recall"]) == (2, pytest.approx(2 / 3), 1.0)
    assert overlap["f1"] == pytest.approx(0.8)
    assert block["per_type"]["source"]["exact"]["a|b"]["f1"] == 0.5
    assert block["per_type"]["source"]["overlap"]["a|b"]["f1"] == 1.0
    assert block["per_type"]["about"]["exact"]["a|b"]["f1"] == 0.0
    assert (block["documents"], block["relations"]) == (1, {"a": 2, "b": 3})
    # the same numbers as the library function on the same spans
    for mode in ("exact", "overlap"):
        ref = relation_prf(dict(enumerate(spans["a"])), [(spans["a"].index(h), spans["a"].index(c), t)
                                                         for h, c, t in relations["a"]],
                           dict(enumerate(spans["b"])), [(spans["b"].index(h), spans["b"].index(c), t)
                                                         for h, c, t in relations["b"]], mode)
        assert {k: block[mode]["a|b"][k] for k in ref} == pytest.approx(ref)


def test_relation_f1_is_pooled_over_documents_and_undefined_without_relations():
    one = _doc(1, {"a": [CLAIM, ENVOY], "b": [CLAIM, ENVOY]},
               {"a": [(CLAIM, ENVOY, "source")], "b": [(CLAIM, ENVOY, "source")]})
    two = _doc(2, {"a": [CLAIM, ENVOY], "b": [CLAIM, ENVOY]}, {"a": [(CLAIM, ENVOY, "source")]})
    three = _doc(3, {"a": [CLAIM], "b": [CLAIM]})
    block = _report([one, two, three])["relation_f1"]
    assert block["exact"]["a|b"]["f1"] == pytest.approx(2 * 1 / (2 + 1))  # pooled: 1 agreed, 2 + 1 relations
    assert block["documents"] == 2
    report = _report([three])
    assert math.isnan(report["relation_f1"]["exact"]["a|b"]["f1"])
    assert any(u["where"] == "relation_f1.exact.a|b.f1" for u in report["undefined"])


# -- attributes ---------------------------------------------------------------------------------------
def test_attribute_kappa_and_alpha_over_matched_spans_by_hand_and_by_the_reference_packages():
    """Four claims both coders marked, stances a: (denied, denied, reported, reported), b: (denied,
    reported, reported, reported): p_o = 3/4; p_e = (2*1 + 2*3)/16 = 1/2; kappa = (3/4 - 1/2)/(1/2) = 0.5.
    A fifth claim only b marked is not matched; a sixth both marked, b left unset: matched, not both set."""
    claims = [(i * 10, i * 10 + 5, "claim") for i in range(6)]
    stances_a = ["denied", "denied", "reported", "reported", None, "asserted"]
    stances_b = ["denied", "reported", "reported", "reported", "asserted", None]
    spans = {"a": claims[:4] + [claims[5]], "b": claims}
    attributes = {"a": {c: {"stance": s} for c, s in zip(claims, stances_a) if s and c != claims[4]},
                  "b": {c: {"stance": s} for c, s in zip(claims, stances_b) if s}}
    report = _report([_doc(1, spans, attributes=attributes)], attributes={"claim": [("stance", "nominal")]})
    entry = report["attribute_agreement"]["claim.stance"]["exact"]["a|b"]
    assert (entry["matched"], entry["both_set"]) == (5, 4)
    assert entry["cohen_kappa"] == pytest.approx(0.5)
    assert entry["cohen_kappa"] == pytest.approx(cohen_kappa_score(stances_a[:4], stances_b[:4]))
    codes = {"denied": 0, "reported": 1, "asserted": 2}
    data = [[codes.get(s, math.nan) if s else math.nan for s in stances_a[:4] + [stances_a[5]]],
            [codes[s] if s else math.nan for s in stances_b[:4] + [stances_b[5]]]]
    assert entry["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(reliability_data=data,
                                                                           level_of_measurement="nominal"))
    assert report["attribute_agreement"]["claim.stance"]["all_coders"]["units"] == 6


def test_attribute_agreement_of_three_coders_pooled_over_documents_matches_the_packages():
    rng = random.Random(16)
    values = ["asserted", "denied", "reported", "questioned"]
    documents, truth = [], {c: [] for c in "abc"}
    units = []
    for doc_id in range(1, 6):
        claims = [(i * 6, i * 6 + 4, "claim") for i in range(8)]
        spans, attributes = {}, {}
        for coder in "abc":
            spans[coder] = list(claims)
            attributes[coder] = {}
            for claim in claims:
                value = rng.choice(values + [None])
                if value is not None:
                    attributes[coder][claim] = {"stance": value}
        for claim in claims:
            units.append([attributes[c].get(claim, {}).get("stance") for c in "abc"])
        documents.append(_doc(doc_id, spans, attributes=attributes))
    report = _report(documents, coders="abc", attributes={"claim": [("stance", "nominal")]})
    block = report["attribute_agreement"]["claim.stance"]
    code = {v: i for i, v in enumerate(values)}
    data = [[code[u[c]] if u[c] else math.nan for u in units] for c in range(3)]
    assert block["all_coders"]["units"] == 40
    assert block["all_coders"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    both = [(u[0], u[1]) for u in units if u[0] and u[1]]
    assert block["exact"]["a|b"]["both_set"] == len(both)
    assert block["exact"]["a|b"]["cohen_kappa"] == pytest.approx(cohen_kappa_score(*zip(*both)))


def test_a_number_attribute_is_compared_at_the_interval_level():
    spans = [(i * 5, i * 5 + 3, "figure") for i in range(5)]
    a, b = [1, 2, 3, 4, 10], [1, 2, 4, 4, 9]
    attributes = {"a": {s: {"n": v} for s, v in zip(spans, a)}, "b": {s: {"n": v} for s, v in zip(spans, b)}}
    report = _report([_doc(1, {"a": spans, "b": spans}, attributes=attributes)],
                     attributes={"figure": [("n", "interval")]})
    entry = report["attribute_agreement"]["figure.n"]
    assert entry["level"] == "interval" and math.isnan(entry["exact"]["a|b"]["cohen_kappa"])
    assert entry["exact"]["a|b"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=[a, b], level_of_measurement="interval"))


# -- document labels ----------------------------------------------------------------------------------
def test_document_label_agreement_by_hand_and_by_the_reference_packages():
    """Five documents, single choice. a: P P E E P; b: P E E E P: p_o = 4/5, p_e = (3*2 + 2*3)/25 =
    12/25, kappa = (20/25 - 12/25)/(13/25) = 8/13. c leaves document 5 unlabelled (missing)."""
    labels = {"a": ["politics", "politics", "economy", "economy", "politics"],
              "b": ["politics", "economy", "economy", "economy", "politics"],
              "c": ["politics", "politics", "economy", "politics", None]}
    documents = [_doc(i + 1, {c: [] for c in "abc"}) for i in range(5)]
    given = {c: {i + 1: (v,) for i, v in enumerate(row) if v} for c, row in labels.items()}
    report = _report(documents, coders="abc", groups=[("topic", False, ("politics", "economy"))], doc_labels=given)
    block = report["document_labels"]["topic"]
    assert block["cohen_kappa"]["a|b"] == pytest.approx(8 / 13)
    assert block["cohen_kappa"]["a|b"] == pytest.approx(cohen_kappa_score(labels["a"], labels["b"]))
    assert block["cohen_kappa"]["a|c"] == pytest.approx(cohen_kappa_score(labels["a"][:4], labels["c"][:4]))
    assert (block["documents"], block["complete_documents"], block["labelled"]["c"]) == (5, 4, 4)
    table, _cats = aggregate_raters([[labels[c][d] for c in "abc"] for d in range(4)])
    assert block["fleiss_kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"))
    code = {"politics": 0, "economy": 1}
    data = [[code[v] if v else math.nan for v in labels[c]] for c in "abc"]
    assert block["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(reliability_data=data,
                                                                           level_of_measurement="nominal"))


def test_multiple_choice_document_labels_have_per_category_coefficients():
    given = {"a": {1: ("x", "y"), 2: ("x",), 3: ()}, "b": {1: ("x", "y"), 2: ("y",), 3: ("x",)}}
    documents = [_doc(i, {"a": [], "b": []}) for i in (1, 2, 3)]
    report = _report(documents, groups=[("tone", True, ("x", "y"))], doc_labels=given)
    block = report["document_labels"]["tone"]
    x = block["per_category"]["x"]
    assert x["cohen_kappa"]["a|b"] == pytest.approx(cohen_kappa_score([1, 1, 0], [1, 0, 1]))
    assert block["multiple"] and block["complete_documents"] == 3


# -- formats ------------------------------------------------------------------------------------------
def _layered_report():
    spans = {"a": [CLAIM, ENVOY], "b": [CLAIM, ENVOY]}
    relations = {"a": [(CLAIM, ENVOY, "source")], "b": [(CLAIM, ENVOY, "source")]}
    attributes = {"a": {CLAIM: {"stance": "denied"}}, "b": {CLAIM: {"stance": "reported"}}}
    docs = [_doc(1, spans, relations, attributes), _doc(2, spans, relations, attributes)]
    return _report(docs, attributes={"claim": [("stance", "nominal")]}, groups=[("topic", False, ("p", "e"))],
                   doc_labels={"a": {1: ("p",), 2: ("e",)}, "b": {1: ("p",), 2: ("p",)}})


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "img", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag

    def handle_data(self, data):
        self.text.append(data)


def test_every_format_shows_the_three_blocks():
    report = _layered_report()
    out = {name: renderer(name)(report) for name in FORMATS}
    loaded = json.loads(out["json"])
    assert loaded["relation_f1"]["exact"]["a|b"]["f1"] == 1.0
    assert loaded["attribute_agreement"]["claim.stance"]["exact"]["a|b"]["matched"] == 2
    assert loaded["document_labels"]["topic"]["cohen_kappa"]["a|b"] == 0.0
    for name in ("text", "markdown", "latex", "html"):
        for title in ("Relations", "Span attributes", "Document labels"):
            assert title in out[name], (name, title)
        assert "claim.stance" in out[name] and "topic" in out[name]
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    by = {(r["scope"], r["label"], r["metric"], r["coders"]): r["value"] for r in rows}
    assert by[("relation", "", "relation_f1_exact", "a|b")] == "1.0"
    assert by[("relation", "source", "relation_tp_overlap", "a|b")] == "2"
    assert by[("attribute", "claim.stance", "attribute_matched_exact", "a|b")] == "2"
    assert by[("document_label", "topic", "cohen_kappa", "a|b")] == "0.0"
    parser = _Tags()
    parser.feed(out["html"])
    assert parser.open == []
    assert "\\begin{tabular}" in out["latex"] and out["latex"].count("\\begin{table}") == 4


def test_a_report_without_the_layers_says_so():
    report = _report([_doc(1, {"a": [CLAIM], "b": [CLAIM]})], relations=False, attribute_values=False)
    assert report["relation_f1"] is None and report["attribute_agreement"] == {} and report["document_labels"] == {}
    text = renderer("text")(report)
    assert "relations: none by the compared coders" in text and "Relations: F1" not in text


# -- a project, read batch by batch -------------------------------------------------------------------
def _at(part):
    i = TEXT.index(part)
    return i, i + len(part)


def _project(path, with_layers=True):
    p = Project.create(path)
    p.set_doc_label_groups([DocLabelGroup("topic", ("politics", "economy"))])
    labels, types = p.labels(), {t.name: t.id for t in p.relation_types()}
    for n in range(3):
        doc = p.add_document(f"d{n}", TEXT + " " * n)
        for coder, stance, topic in (("ali", "denied", "politics"), ("mona", "reported" if n else "denied", "economy")):
            c = p.ensure_coder(coder)
            claim = p.add_span(doc.id, c.id, labels.by_name("claim").id, *_at("ليس هناك خطة"))
            envoy = p.add_span(doc.id, c.id, labels.by_name("entity").id, *_at("المبعوث الأميركي"))
            if with_layers:
                p.set_span_attr(claim.id, "stance", stance)
                if coder == "ali" or n:
                    p.add_relation(types["source"], claim.id, envoy.id)
                p.set_doc_labels(doc.id, c.id, labels=[topic if n else "politics"])
            p.set_status(doc.id, c.id, "done")
    return p


def test_a_projects_layers_are_read_batch_by_batch_into_the_report(tmp_path):
    with _project(tmp_path / "p.annot") as p:
        data = collect(p)
        report = build_report(data)
        tokens = build_report(collect(p), unit="token")  # the layers do not depend on the unit
    rel = report["relation_f1"]["exact"]["ali|mona"]
    assert (rel["tp"], rel["fp"], rel["fn"]) == (2, 0, 1)
    stance = report["attribute_agreement"]["claim.stance"]["exact"]["ali|mona"]
    assert (stance["matched"], stance["both_set"], stance["observed_agreement"]) == (3, 3, pytest.approx(1 / 3))
    topic = report["document_labels"]["topic"]
    assert topic["documents"] == 3 and topic["cohen_kappa"]["ali|mona"] == pytest.approx(
        cohen_kappa_score(["politics"] * 3, ["politics", "economy", "economy"]))
    assert tokens["relation_f1"] == report["relation_f1"]


def test_many_batches_give_the_numbers_of_one(tmp_path):
    with _project(tmp_path / "p.annot") as p:
        one = build_report(collect(p))
        data = collect(p)
        whole = data.documents.batches
        seen = []
        data.documents.batches = lambda size: (seen.append(b) or b for b in whole(10))  # a batch per document
        many = build_report(data)
    assert len(seen) == 3
    for key in ("relation_f1", "attribute_agreement", "document_labels"):
        assert json.dumps(many[key], sort_keys=True, default=str) == json.dumps(one[key], sort_keys=True, default=str)


def test_a_project_without_relations_or_attribute_values_reads_neither(tmp_path):
    with _project(tmp_path / "p.annot", with_layers=False) as p:
        calls = []
        for name in ("relation_table", "attribute_table"):
            real = getattr(p, name)
            setattr(p, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))
        report = build_report(collect(p))
    assert calls == []
    assert report["relation_f1"] is None and report["attribute_agreement"] == {}


def test_annotator_agreement_prints_the_layers(tmp_path, capsys):
    from annotator.launcher import main

    _project(tmp_path / "p.annot").close()
    assert main(["agreement", str(tmp_path / "p.annot")]) == 0
    out = capsys.readouterr().out
    assert "Relations: F1 over relations whose both ends match" in out and "claim.stance" in out
    assert main(["agreement", str(tmp_path / "p.annot"), "-o", str(tmp_path / "r.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    f1 = {r["coders"]: float(r["value"]) for r in rows if r["metric"] == "relation_f1_exact" and not r["label"]}
    assert f1 == {"ali|mona": pytest.approx(0.8)}
