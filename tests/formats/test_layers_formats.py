"""Issue 16 through the formats: span ids, attributes, figure values, relations, document labels,
flags and comment in JSONL, doccano's relation form and brat; byte-identical round trips; errors
with file and line that import nothing; --add-labels for what the schema lacks."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.core.schema import DocLabelGroup
from fmt_helpers import do_export, do_import, read_jsonl

GROUPS = [DocLabelGroup("topic", ("politics", "economy"), multiple=True), DocLabelGroup("genre", ("news", "opinion"))]


@pytest.fixture
def layered(make_project):
    def make(name="p", groups=True):
        project = make_project(name, coder="ali", labels=["entity", "claim", "figure"])
        if groups:
            project.set_doc_label_groups(GROUPS)
        return project
    return make


def _annotations(path) -> dict:
    """What a coder annotated, by text: comparable across formats (ids, titles and order aside)."""
    out = {}
    for record in read_jsonl(path):
        spans = {s["id"]: (s["start"], s["end"], s["label"], json.dumps(s.get("attrs")), json.dumps(s.get("value")))
                 for s in record["spans"]}
        out[record["text"]] = (sorted(spans.values()),
                               sorted((spans[r["head"]], spans[r["child"]], r["label"]) for r in record.get("relations", ())),
                               record.get("doc_labels"), record.get("flags"), record.get("comment"))
    return out


def test_the_layers_arrive_in_the_store(layered, fixtures):
    project = layered()
    report = do_import(project, fixtures / "layers.jsonl", status="done", add_labels=False)
    assert (report.documents, report.spans, report.labels_added) == (2, 8, [])
    envoy = next(d for d in project.documents() if d.external_id == "envoy")
    ali = project.coder("ali")
    spans = {project.document(envoy.id).text[s.start:s.end]: s for s in project.spans(envoy.id, ali.id)}
    assert spans["ليس هناك خطة"].attrs == {"stance": "denied"}
    assert spans["500 إلى 750"].value == {"low": 500, "high": 750, "unit": "جندي", "approx": True}
    assert spans["500 إلى 750"].value_by == "core"  # no value in the file: computed
    types = {t.id: t.name for t in project.relation_types()}
    assert sorted((types[r.type_id], r.head_id, r.child_id) for r in project.relations(envoy.id)) == sorted([
        ("source", spans["ليس هناك خطة"].id, spans["المبعوث الأميركي"].id),
        ("about", spans["500 إلى 750"].id, spans["ليس هناك خطة"].id)])
    labelled = project.doc_labels(envoy.id, ali.id)
    assert (labelled.labels, labelled.flags, labelled.comment) == (("politics",), ("unsure",), "راجع المصدر")
    bomb = next(d for d in project.documents() if d.external_id == "bomb")
    tons = next(s for s in project.spans(bomb.id, ali.id) if project.document(bomb.id).text[s.start:s.end] == "36 طنا")
    assert (tons.value, tons.value_by) == ({"low": 36, "high": 36, "unit": "طن", "approx": False}, "coder")


@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
def test_jsonl_and_doccano_round_trips_are_byte_identical(layered, fixtures, tmp_path, fmt):
    first = layered("first")
    do_import(first, fixtures / "layers.jsonl", status="done")
    do_export(first, tmp_path / "a.jsonl", fmt, status="done")
    second = layered("second")
    do_import(second, tmp_path / "a.jsonl", fmt, status="done", add_labels=False)
    do_export(second, tmp_path / "b.jsonl", fmt, status="done")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    if fmt == "doccano":
        record = read_jsonl(tmp_path / "a.jsonl")[0]
        assert {"entities", "relations"} <= set(record) and "label" not in record
        assert set(record["relations"][0]) == {"id", "from_id", "to_id", "type"}
        assert {"id", "label", "start_offset", "end_offset"} <= set(record["entities"][0])
    do_export(second, tmp_path / "c.jsonl", status="done")
    do_export(first, tmp_path / "d.jsonl", status="done")
    assert _annotations(tmp_path / "c.jsonl") == _annotations(tmp_path / "d.jsonl")
    assert len(_annotations(tmp_path / "c.jsonl")) == 2


def test_brat_carries_relations_attributes_values_and_document_labels(layered, fixtures, tmp_path):
    first = layered("first")
    do_import(first, fixtures / "layers.jsonl", status="done")
    do_export(first, tmp_path / "brat", "brat", status="done")
    ann = (tmp_path / "brat" / "envoy.ann").read_text(encoding="utf-8")
    assert "R1\tsource Arg1:T2 Arg2:T1\t\n" in ann and "A2\tstance T2 denied\n" in ann
    assert '\tValue T3\t{"low": 500, "high": 750, "unit": "جندي", "approx": true}' in ann
    assert json.loads((tmp_path / "brat" / "envoy.doclabels").read_text(encoding="utf-8"))["flags"] == ["unsure"]
    second = layered("second")
    do_import(second, tmp_path / "brat", "brat", status="done", add_labels=False)
    do_export(second, tmp_path / "b.jsonl", status="done")
    do_export(first, tmp_path / "a.jsonl", status="done")
    assert _annotations(tmp_path / "b.jsonl") == _annotations(tmp_path / "a.jsonl")


def test_a_broken_relation_is_refused_with_its_line_and_nothing_is_imported(layered, fixtures, tmp_path):
    lines = (fixtures / "layers.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["relations"].append({"head": 6, "child": 99, "label": "source"})
    (tmp_path / "bad.jsonl").write_text(lines[0] + "\n" + json.dumps(broken, ensure_ascii=False) + "\n", encoding="utf-8")
    project = layered()
    with pytest.raises(InputError, match=r"bad.jsonl, line 2: .*\"child\" is 99, but no span of this record has that id"):
        do_import(project, tmp_path / "bad.jsonl", add_labels=False)
    assert project.document_count() == 0 and project.relations(1) == []


@pytest.mark.parametrize("change, message", [
    (lambda r: r["relations"].__setitem__(0, {"head": 7, "child": "e1", "label": "quotes"}),
     "relation type 'quotes' is not in the project's relation types"),
    (lambda r: r["relations"].__setitem__(0, {"head": "e1", "child": 7, "label": "source"}),
     "a 'source' relation cannot go from 'entity' to 'claim'"),
    (lambda r: r["spans"][0]["attrs"].__setitem__("stance", "maybe"), "'maybe' is not one of asserted"),
    (lambda r: r["spans"][0]["attrs"].__setitem__("tone", "calm"), "unknown attribute 'tone'"),
    (lambda r: r.__setitem__("doc_labels", ["sport"]), "document label 'sport' is not in the project"),
    (lambda r: r.__setitem__("flags", ["later"]), "unknown flag 'later'"),
    (lambda r: r["spans"][2].__setitem__("value", {"low": "many"}), "must be a number"),
    (lambda r: r["spans"][0].__setitem__("value", {"low": 1}), "carry none"),
])
def test_what_the_schema_lacks_is_an_error_with_file_and_line(layered, fixtures, tmp_path, change, message):
    lines = (fixtures / "layers.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    change(record)
    (tmp_path / "x.jsonl").write_text(lines[1] + "\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = layered()
    with pytest.raises(InputError, match=f"x.jsonl, line 2: .*{message}"):
        do_import(project, tmp_path / "x.jsonl", add_labels=False)
    assert project.document_count() == 0


def test_add_labels_adds_relation_types_pairs_attribute_values_and_document_labels(layered, fixtures, tmp_path):
    record = json.loads((fixtures / "layers.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record["relations"] += [{"head": "e1", "child": 7, "label": "source"}, {"head": 7, "child": 3, "label": "cites"}]
    record["spans"][0]["attrs"] = {"stance": "hedged", "certainty": 0.5}
    record["doc_labels"] = ["sport", "politics"]
    (tmp_path / "x.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = layered()
    do_import(project, tmp_path / "x.jsonl", add_labels=True)
    assert project.relation_type("source").pairs == (("claim", "entity"), ("entity", "claim"))
    assert project.relation_type("cites").pairs == (("claim", "figure"),)
    claim = project.labels().by_name("claim")
    assert claim.attribute("stance").values[-1] == "hedged" and claim.attribute("certainty").kind == "number"
    assert [g.name for g in project.doc_label_groups()] == ["topic", "genre", "imported"]
    assert project.doc_label_groups()[-1].values == ("sport",)
    assert len(project.relations(project.documents()[0].id)) == 4


def test_formats_that_cannot_carry_the_layers_say_so(layered, fixtures, tmp_path):
    project = layered()
    do_import(project, fixtures / "layers.jsonl", status="done")
    summary = do_export(project, tmp_path / "a.conll", "conll", status="done").summary()
    assert "4 relations (conll cannot carry them" in summary and "4 figure values (conll" in summary
    assert "4 spans' attribute values (conll" in summary and "2 documents' labels, flags or comment (conll" in summary
