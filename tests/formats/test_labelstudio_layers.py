"""Label Studio JSON with issue 16's layers: relations (``type: relation`` results between region
ids), span attributes (per-region Choices, Number, TextArea results with the region's id) and
document labels, flags and comment (document-level Choices and TextArea), per coder; byte-identical
round trips into a project with the same schema and into an empty one; errors that name the file,
task, annotation and result and import nothing."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from annotator.core.errors import InputError
from annotator.core.schema import AttributeDef, DocLabelGroup
from fmt_helpers import do_export, do_import, read_jsonl

GROUPS = [DocLabelGroup("topic", ("politics", "economy"), multiple=True), DocLabelGroup("genre", ("news", "opinion"))]
EXTRA = [AttributeDef("quoted", "bool"), AttributeDef("gloss", "text"), AttributeDef("confidence", "number")]


def _schema(project, groups=True):
    if groups:
        project.set_doc_label_groups(GROUPS)
    entity = project.labels().by_name("entity")
    with project.transaction() as tx:
        tx.update_label_schema(entity.id, attributes=list(entity.attributes) + EXTRA)
    return project


@pytest.fixture
def layered(make_project, fixtures, tmp_path):
    """Two coders (ali; sara with an attribute more and one relation fewer) on the layers fixture."""
    def make(name="first", source=True):
        project = _schema(make_project(name, coder="ali", labels=["entity", "claim", "figure"]))
        if source:
            do_import(project, fixtures / "layers.jsonl", status="done", add_labels=False)
            record = json.loads((fixtures / "layers.jsonl").read_text(encoding="utf-8").splitlines()[0])
            record["spans"][1]["attrs"] = {"type": "person", "quoted": False, "gloss": "المبعوث\nالأميركي",
                                           "confidence": 0.75}
            record["spans"][0]["attrs"]["stance"] = "reported"
            record["relations"] = record["relations"][:1]
            record["flags"], record["comment"], record["doc_labels"] = [], None, ["politics", "economy"]
            (tmp_path / f"{name}-sara.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
            do_import(project, tmp_path / f"{name}-sara.jsonl", coder="sara", status="done", add_labels=False)
        return project
    return make


def _annotations(project, tmp_path, name) -> dict:
    """Each coder's spans with attributes, relations, document labels, flags and comment, by text."""
    out = {}
    for coder in ("ali", "sara"):
        do_export(project, tmp_path / f"{name}-{coder}.jsonl", coder=coder, status="done")
        for record in read_jsonl(tmp_path / f"{name}-{coder}.jsonl"):
            spans = {s["id"]: (s["start"], s["end"], s["label"], json.dumps(s.get("attrs"), ensure_ascii=False))
                     for s in record["spans"]}
            out[(record["text"], coder)] = (
                sorted(spans.values()),
                sorted((spans[r["head"]], spans[r["child"]], r["label"]) for r in record.get("relations", ())),
                record.get("doc_labels"), record.get("flags"), record.get("comment"))
    return out


def test_relations_attributes_and_document_labels_are_written_as_label_studio_writes_them(layered, tmp_path):
    project = layered()
    report = do_export(project, tmp_path / "ls.json", "labelstudio", all_coders=True, status="done")
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    envoy = next(t for t in tasks if t["data"]["id"] == "envoy")
    ali, sara = envoy["annotations"]
    assert (ali["created_username"], sara["created_username"]) == ("ali", "sara")
    regions = {r["id"]: r for r in ali["result"] if r["type"] == "labels"}
    text = envoy["data"]["text"]
    by_text = {text[r["value"]["start"]:r["value"]["end"]]: r["id"] for r in regions.values()}
    relations = [r for r in ali["result"] if r["type"] == "relation"]
    assert sorted((r["from_id"], r["to_id"], r["labels"][0]) for r in relations) == sorted([
        (by_text["ليس هناك خطة"], by_text["المبعوث الأميركي"], "source"),
        (by_text["500 إلى 750"], by_text["ليس هناك خطة"], "about")])
    assert all(set(r) == {"from_id", "to_id", "type", "direction", "labels"} and r["direction"] == "right"
               for r in relations)
    stance = next(r for r in ali["result"] if r["type"] == "choices" and r["from_name"] == "stance")
    assert stance["id"] == by_text["ليس هناك خطة"] and stance["value"]["choices"] == ["denied"]
    assert (stance["value"]["start"], stance["value"]["end"]) == (25, 37)
    document = {r["from_name"]: r for r in ali["result"] if "start" not in r.get("value", {"start": 0})}
    assert document["topic"]["value"] == {"choices": ["politics"]} and document["topic"]["type"] == "choices"
    assert document["flags"]["value"] == {"choices": ["unsure"]}
    assert document["comment"] == {**document["comment"], "type": "textarea", "value": {"text": ["راجع المصدر"]}}
    per_region = {r["from_name"]: r for r in sara["result"] if r["type"] in ("choices", "number", "textarea")
                  and "start" in r["value"]}
    assert per_region["quoted"]["value"]["choices"] == ["no"]
    assert per_region["confidence"]["type"] == "number" and per_region["confidence"]["value"]["number"] == 0.75
    assert per_region["gloss"]["type"] == "textarea" and per_region["gloss"]["value"]["text"] == ["المبعوث\nالأميركي"]
    ids = [r["id"] for a in envoy["annotations"] for r in a["result"] if r["type"] in ("labels", "choices")
           and "start" not in r["value"]]
    assert len(ids) == len(set(ids))  # document-level results have ids of their own
    summary = report.summary()
    assert "figure values (Label Studio has no form for them" in summary
    assert "relations (labelstudio" not in summary and "attribute values (labelstudio" not in summary


def test_round_trip_into_the_same_schema_gives_identical_bytes_and_every_layer(layered, tmp_path):
    first = layered()
    do_export(first, tmp_path / "a.json", "labelstudio", all_coders=True, status="done")
    second = layered("second", source=False)
    report = do_import(second, tmp_path / "a.json", "labelstudio", status="done", add_labels=False)
    assert report.relations == 5 and report.labels_added == []
    do_export(second, tmp_path / "b.json", "labelstudio", all_coders=True, status="done")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    want = _annotations(first, tmp_path, "first")
    assert _annotations(second, tmp_path, "second") == want and len(want) == 3
    sara = second.coder("sara")
    envoy = next(d for d in second.documents() if d.external_id == "envoy")
    quoted = {s.attrs.get("quoted") for s in second.spans(envoy.id, sara.id)}
    assert False in quoted  # the yes/no attribute came back as a yes/no, not the text "no"


def test_round_trip_into_an_empty_project_builds_the_schema_and_gives_identical_bytes(layered, make_project,
                                                                                       tmp_path):
    first = layered()
    do_export(first, tmp_path / "a.json", "labelstudio", all_coders=True, status="done")
    empty = make_project("empty", coder=None)
    do_import(empty, tmp_path / "a.json", "labelstudio", status="done", add_labels=True)
    do_export(empty, tmp_path / "c.json", "labelstudio", all_coders=True, status="done")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()
    entity = empty.labels().by_name("entity")
    assert (entity.attribute("gloss").kind, entity.attribute("confidence").kind) == ("text", "number")
    assert [g.name for g in empty.doc_label_groups()] == ["topic", "genre"]
    assert {t.name for t in empty.relation_types()} == {"source", "about"}
    assert {c.name for c in empty.coders(include_gold=False)} == {"ali", "sara"}


def _task(*results, second=None):
    text = "قال المبعوث إن الخطة قائمة"
    regions = [{"id": "e", "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": 4, "end": 11, "text": "المبعوث", "labels": ["entity"]}},
               {"id": "c", "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": 15, "end": 26, "text": "الخطة قائمة", "labels": ["claim"]}}]
    annotations = [{"id": 1, "completed_by": 1, "created_username": "rana, 1", "result": regions + list(results)}]
    if second is not None:
        annotations.append({"id": 2, "completed_by": 2, "created_username": "omar", "result": second})
    return {"id": 9, "data": {"text": text}, "annotations": annotations}


def test_label_studio_relations_left_and_bi_and_several_labels(make_project, tmp_path):
    task = _task({"from_id": "e", "to_id": "c", "type": "relation", "direction": "left", "labels": ["source"]},
                 {"from_id": "c", "to_id": "e", "type": "relation", "direction": "bi", "labels": ["source", "cites"]})
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None, labels=["entity", "claim", "figure"])
    report = do_import(project, tmp_path / "ls.json", "labelstudio")
    assert report.relations == 2  # left: from to_id to from_id, the same relation as the bi one's "source"
    assert any("1 bidirectional relation(s) imported as going from from_id to to_id" in w for w in report.warnings)
    doc = project.documents()[0]
    types = {t.id: t.name for t in project.relation_types()}
    spans = {s.id: project.labels().by_id(s.label_id).name for s in project.spans(doc.id)}
    assert sorted((types[r.type_id], spans[r.head_id], spans[r.child_id]) for r in project.relations(doc.id)) == [
        ("cites", "claim", "entity"), ("source", "claim", "entity")]
    assert {c.name for c in project.coders(include_gold=False)} == {"rana"}


@pytest.mark.parametrize("results, message", [
    ([{"from_id": "e", "to_id": "nope", "type": "relation", "labels": ["source"]}],
     "task 1 (id 9), annotation 1, result 3: the relation's 'to_id' is 'nope', but no labels result of this "
     "annotation has that id"),
    ([{"from_id": "e", "to_id": "c", "type": "relation", "labels": ["quotes"]}],
     "task 1 (id 9), annotation 1: relation type 'quotes' is not in the project's relation types"),
    ([{"from_id": "c", "to_id": "e", "type": "relation", "direction": "up", "labels": ["source"]}],
     '"direction" must be right, left or bi'),
    ([{"from_id": "c", "to_id": "e", "type": "relation", "labels": "source"}], 'must be a list of relation type'),
    ([{"id": "zz", "from_name": "stance", "to_name": "text", "type": "choices",
       "value": {"start": 15, "end": 26, "choices": ["denied"]}}],
     "result 3: this per-region 'choices' result names region id 'zz', which no labels result"),
    ([{"id": "c", "from_name": "stance", "to_name": "text", "type": "choices",
       "value": {"start": 15, "end": 26, "choices": ["maybe"]}}], "'maybe' is not one of asserted"),
    ([{"id": "c", "from_name": "tone", "to_name": "text", "type": "textarea",
       "value": {"start": 15, "end": 26, "text": ["calm"]}}], "unknown attribute 'tone'"),
    ([{"id": "c", "from_name": "stance", "to_name": "text", "type": "number", "value": {"number": "x"}}],
     '"value.number" must be a number'),
    ([{"id": "d", "from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["sport"]}}],
     "document label 'sport' is not in the project"),
])
def test_label_studio_bad_layers_name_file_task_and_result_and_import_nothing(make_project, tmp_path, results,
                                                                            message):
    (tmp_path / "ok.json").write_text(json.dumps([{"data": {"text": "نص سليم"}}]), encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps([_task(*results)], ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder="c", labels=["entity", "claim", "figure"])
    with pytest.raises(InputError) as err:
        do_import(project, [tmp_path / "ok.json", tmp_path / "bad.json"], "labelstudio", add_labels=False)
    assert message in str(err.value) and "bad.json" in str(err.value)
    assert project.document_count() == 0 and not project.relation_types()[2:]


@pytest.mark.parametrize("tag, choice, message", [
    ("topic", "سياسة, اقتصاد", "invalid document label name"),
    ("ت" * 70, "سياسة", "document label group name"),
])
def test_document_labels_the_app_would_never_write_are_refused_even_with_add_labels(make_project, tmp_path, tag,
                                                                                    choice, message):
    task = _task({"id": "d", "from_name": tag, "to_name": "text", "type": "choices", "value": {"choices": [choice]}})
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None, labels=["entity", "claim", "figure"])
    with pytest.raises(InputError, match=f"ls.json, task 1 \\(id 9\\), annotation 1: .*{message}"):
        do_import(project, tmp_path / "ls.json", "labelstudio", add_labels=True)
    assert project.document_count() == 0 and project.doc_label_groups() == ()


def test_each_coder_keeps_their_own_relations_and_document_labels(make_project, tmp_path):
    second = [{"id": "x", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 4, "end": 11, "text": "المبعوث", "labels": ["entity"]}},
              {"id": "y", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 15, "end": 26, "text": "الخطة قائمة", "labels": ["claim"]}},
              {"id": "x", "from_name": "type", "to_name": "text", "type": "choices",
               "value": {"start": 4, "end": 11, "text": "المبعوث", "choices": ["person"]}},
              {"id": "k", "from_name": "flags", "to_name": "text", "type": "choices", "value": {"choices": ["skip"]}}]
    task = _task({"from_id": "c", "to_id": "e", "type": "relation", "labels": ["source"]}, second=second)
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None, labels=["entity", "claim", "figure"])
    report = do_import(project, tmp_path / "ls.json", "labelstudio", coder="someone-else", add_labels=False)
    assert (report.documents, report.spans, report.relations) == (1, 4, 1)
    doc = project.documents()[0]
    rana, omar = project.coder("rana"), project.coder("omar")
    assert [r.head_id for r in project.relations(doc.id)] == [
        s.id for s in project.spans(doc.id, rana.id) if s.start == 15]
    assert project.doc_labels(doc.id, omar.id).flags == ("skip",)
    assert project.doc_labels(doc.id, rana.id) is None or project.doc_labels(doc.id, rana.id).flags == ()
    assert [s.attrs for s in project.spans(doc.id, omar.id) if s.start == 4] == [{"type": "person"}]


def test_the_labeling_config_declares_relations_attributes_and_document_labels(layered):
    from xml.etree import ElementTree

    from annotator.formats.labelstudio import project_labeling_config

    root = ElementTree.fromstring(project_labeling_config(layered(source=False)))
    assert [r.get("value") for r in root.iter("Relation")] == ["source", "about"]
    tags = {t.get("name"): t for t in root if t.get("name")}
    assert tags["label"].tag == "Labels" and tags["text"].tag == "Text"
    assert tags["stance"].tag == "Choices" and tags["stance"].get("perRegion") == "true"
    assert [c.get("value") for c in tags["quoted"]] == ["yes", "no"]
    assert (tags["gloss"].tag, tags["confidence"].tag, tags["comment"].tag) == ("TextArea", "Number", "TextArea")
    assert tags["topic"].get("choice") == "multiple" and tags["genre"].get("choice") == "single"
    assert [c.get("value") for c in tags["flags"]] == ["unsure", "skip", "needs_discussion"]


# --- hypothesis: arbitrary spans, relations, attributes and document labels survive export, import, export

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


@st.composite
def layered_documents(draw):
    text = draw(st.text(alphabet=ARABIC + " 😀\n", min_size=2, max_size=40).filter(lambda t: t.strip()))
    spans = {}
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["entity", "claim"]))
        spans[(start, end, label)] = None
    out = []
    for number, (start, end, label) in enumerate(sorted(spans), start=1):
        span = {"id": number, "start": start, "end": end, "label": label}
        attr = draw(st.sampled_from([None, "type", "stance"]))
        if attr == "type" and label == "entity":
            span["attrs"] = {"type": draw(st.sampled_from(["person", "place"]))}
        elif attr == "stance" and label == "claim":
            span["attrs"] = {"stance": draw(st.sampled_from(["denied", "asserted"]))}
        out.append(span)
    claims = [s["id"] for s in out if s["label"] == "claim"]
    entities = [s["id"] for s in out if s["label"] == "entity"]
    relations = {(c, e) for c in claims for e in entities if draw(st.booleans())}
    doc = {"text": text, "spans": out, "relations": [{"head": c, "child": e, "label": "source"}
                                                    for c, e in sorted(relations)]}
    if draw(st.booleans()):
        doc["doc_labels"] = [draw(st.sampled_from(["politics", "economy"]))]
    if draw(st.booleans()):
        doc["flags"] = ["unsure"]
    return doc


@settings(max_examples=12, deadline=None)
@given(docs=st.lists(layered_documents(), min_size=1, max_size=3, unique_by=lambda d: d["text"].replace("\r", "")))
def test_export_import_export_with_layers_is_identity(tmp_path_factory, docs):
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.formats.importing import import_files
    from annotator.formats.registry import ImportOptions
    from annotator.store import Project

    folder = tmp_path_factory.mktemp("ls-layers")
    source, fmt = folder / "in.jsonl", "jsonl"
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    exports = []
    for number in range(2):
        with Project.create(folder / f"p{number}.annot", coder="c") as project:
            import_files(project, [source], fmt, ImportOptions(status="done", add_labels=True))
            out = folder / f"o{number}.json"
            export_project(project, out, "labelstudio", ExportOptions(coder="c"))
            if number == 0:
                relations = sum(len(d["relations"]) for d in docs)
                assert sum(len(project.relations(d.id)) for d in project.documents()) == relations
        exports.append(out.read_bytes())
        source, fmt = out, "labelstudio"
    assert exports[0] == exports[1]
    tasks = json.loads(exports[1])
    assert sum(r["type"] == "relation" for t in tasks for a in t["annotations"] for r in a["result"]) == \
        sum(len(d["relations"]) for d in docs)


def test_predictions_become_suggestions_with_their_scores_and_model(make_project, tmp_path):
    task = _task()
    task["predictions"] = [
        {"model_version": "ner-v2", "score": 0.7, "result": [
            {"id": "p1", "from_name": "label", "to_name": "text", "type": "labels", "score": 0.95,
             "value": {"start": 4, "end": 11, "text": "المبعوث", "labels": ["entity"]}},
            {"id": "p2", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 15, "end": 20, "text": "الخطة", "labels": ["claim", "entity"]}},
            {"from_id": "p1", "to_id": "p2", "type": "relation", "labels": ["source"]}]},
        {"result": [{"id": "q", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": 21, "end": 26, "text": "قائمة", "labels": ["figure"]}}]}]
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None, labels=["entity", "claim", "figure"])
    report = do_import(project, tmp_path / "ls.json", "labelstudio", add_labels=False)
    assert (report.spans, report.suggestions) == (2, 4)
    assert any("1 prediction results of type 'relation'" in w for w in report.warnings)
    doc = project.documents()[0]
    labels = {label.id: label.name for label in project.labels()}
    got = sorted((s.start, s.end, labels[s.label_id], s.score, s.source) for s in project.suggestions(doc.id))
    assert got == [(4, 11, "entity", 0.95, "labelstudio:ner-v2"), (15, 20, "claim", 0.7, "labelstudio:ner-v2"),
                   (15, 20, "entity", 0.7, "labelstudio:ner-v2"), (21, 26, "figure", 0.5, "labelstudio")]
    assert len(project.spans(doc.id)) == 2  # the coder's own spans only: predictions are not spans


@pytest.mark.parametrize("prediction, message", [
    ({"score": 3, "result": []}, 'task 1 (id 9), prediction 1: "score" must be a number from 0 to 1'),
    ({"result": [{"type": "labels", "value": {"start": 4, "end": 11, "labels": ["PER"]}}]},
     "label 'PER' is not in the project's labels"),
    ({"result": [{"type": "labels", "value": {"start": 4, "end": 99, "labels": ["entity"]}}]},
     "task 1 (id 9), prediction 1, result 1: span [4, 99] is outside the text"),
    ("x", "prediction 1: a prediction must be an object"),
])
def test_bad_predictions_are_errors_that_import_nothing(make_project, tmp_path, prediction, message):
    task = _task()
    task["predictions"] = [prediction]
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    project = make_project("p", coder=None, labels=["entity", "claim", "figure"])
    with pytest.raises(InputError, match=re.escape(message)):
        do_import(project, tmp_path / "ls.json", "labelstudio", add_labels=False)
    assert project.document_count() == 0
