"""Prodigy rel.manual relations: export as Prodigy writes them (head/child token indices with
head_span/child_span), import per annotator, round trip, bad input with the line, and a hypothesis
test of arbitrary relations.

The task shape follows Prodigy's documentation of the relations interface (``relations`` with
``head``, ``child``, ``label``, ``head_span``, ``child_span``; ``head``/``child`` zero-based token
indices, as Prodigy's support forum confirms for rel.manual's saved examples)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from annotator.core.errors import InputError
from fmt_helpers import do_export, do_import, read_jsonl
from test_properties import SETTINGS, import_and_check

TEXT = "زار محمد بن سلمان مدينة الرياض"


def _at(word):
    start = TEXT.index(word)
    return start, start + len(word)


def source_project(make_project, tmp_path):
    project = make_project("first", coder=None, labels=["PER", "LOC"])
    for coder, rels in (("ali", [{"head": 1, "child": 2, "label": "visited"}]),
                        ("sara", [{"head": 2, "child": 1, "label": "home_of"}, {"head": 1, "child": 3, "label": "visited"}])):
        spans = [{"id": 1, "start": _at("محمد بن سلمان")[0], "end": _at("محمد بن سلمان")[1], "label": "PER"},
                 {"id": 2, "start": _at("الرياض")[0], "end": _at("الرياض")[1], "label": "LOC"},
                 {"id": 3, "start": _at("مدينة الرياض")[0], "end": _at("مدينة الرياض")[1], "label": "LOC"}]
        line = {"id": "d1", "text": TEXT, "coder": coder, "spans": spans, "relations": rels}
        (tmp_path / f"{coder}.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        do_import(project, tmp_path / f"{coder}.jsonl", coder=coder)
    return project


def relations_of(project):
    out = set()
    coders = {c.id: c.name for c in project.coders(include_gold=False)}
    types = {t.id: t.name for t in project.relation_types()}
    for doc in project.documents():
        text = project.document(doc.id).text
        for coder_id, coder in coders.items():
            spans = {s.id: (text[s.start:s.end], project.labels().by_id(s.label_id).name)
                     for s in project.spans(doc.id, coder_id)}
            out |= {(coder, spans[r.head_id], types[r.type_id], spans[r.child_id])
                    for r in project.relations(doc.id, coder_id)}
    return out


def test_round_trip_keeps_every_coders_relations_and_bytes(make_project, tmp_path):
    first = source_project(make_project, tmp_path)
    report = do_export(first, tmp_path / "a.jsonl", "prodigy", all_coders=True)
    assert not any("relations" in reason for reason in report.losses)
    tasks = read_jsonl(tmp_path / "a.jsonl")
    ali = next(t for t in tasks if t["_annotator_id"] == "ali")
    assert ali["_view_id"] == "relations"
    (rel,) = ali["relations"]
    head = next(s for s in ali["spans"] if s["label"] == "PER")
    assert rel["head"] == head["token_end"] and rel["label"] == "visited"
    assert rel["head_span"] == {k: head[k] for k in ("start", "end", "token_start", "token_end", "label")}
    assert TEXT[rel["child_span"]["start"]:rel["child_span"]["end"]] == "الرياض"
    second = make_project("second", coder=None)
    imported = do_import(second, tmp_path / "a.jsonl", "prodigy")
    assert imported.relations == 3 and second.document_count() == 1
    do_export(second, tmp_path / "b.jsonl", "prodigy", all_coders=True)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert relations_of(second) == relations_of(first) == {
        ("ali", ("محمد بن سلمان", "PER"), "visited", ("الرياض", "LOC")),
        ("sara", ("الرياض", "LOC"), "home_of", ("محمد بن سلمان", "PER")),
        ("sara", ("محمد بن سلمان", "PER"), "visited", ("مدينة الرياض", "LOC")),
    }


def test_a_format_without_relations_still_counts_them(make_project, tmp_path):
    report = do_export(source_project(make_project, tmp_path), tmp_path / "o.conll", "conll", all_coders=True)
    assert any("relations" in reason and "prodigy and xmi do" in reason for reason in report.losses)


TOKENS = [{"text": w, "start": TEXT.index(w), "end": TEXT.index(w) + len(w), "id": i, "ws": True}
          for i, w in enumerate(TEXT.split())]
PER = {"start": _at("محمد بن سلمان")[0], "end": _at("محمد بن سلمان")[1], "token_start": 1, "token_end": 3, "label": "PER"}
LOC = {"start": _at("الرياض")[0], "end": _at("الرياض")[1], "token_start": 5, "token_end": 5, "label": "LOC"}
TASK = {"text": TEXT, "tokens": TOKENS, "spans": [PER, LOC], "answer": "accept", "_annotator_id": "ali",
        "relations": [{"head": 3, "child": 5, "label": "visited", "head_span": PER, "child_span": LOC}]}


def _write(tmp_path, task):
    (tmp_path / "db.jsonl").write_text('{"text": "سطر أول", "spans": []}\n' + json.dumps(task, ensure_ascii=False)
                                       + "\n", encoding="utf-8")
    return tmp_path / "db.jsonl"


def test_token_indices_alone_name_the_span_that_holds_them(make_project, tmp_path):
    task = {**TASK, "relations": [{"head": 2, "child": 5, "label": "visited"}]}  # 2: a token inside PER
    project = make_project("p", coder=None)
    do_import(project, _write(tmp_path, task), "prodigy")
    assert relations_of(project) == {("ali", ("محمد بن سلمان", "PER"), "visited", ("الرياض", "LOC"))}


def test_relations_of_a_rejected_answer_are_not_imported(make_project, tmp_path):
    project = make_project("p", coder=None)
    report = do_import(project, _write(tmp_path, {**TASK, "answer": "reject"}), "prodigy")
    assert relations_of(project) == set() and any("2 span(s) and 1 relation(s)" in w for w in report.warnings)


def _bad(relation):
    return {**TASK, "relations": [{**TASK["relations"][0], **relation}]}


@pytest.mark.parametrize("task, message", [
    (_bad({"head_span": {**PER, "end": PER["end"] - 1}}), "relation 1's head is ["),
    (_bad({"child_span": {**LOC, "label": "PER"}}), "which is no span of the task"),
    (_bad({"child_span": {**LOC, "token_end": 6}}), "which is no span of the task"),
    (_bad({"head_span": None, "head": 0}), "the token 0, which is no span"),
    (_bad({"head_span": None, "head": "1"}), "must be a token index"),
    (_bad({"child_span": PER}), "goes from a span to itself"),
    (_bad({"label": " "}), "the label must be a non-empty string"),
    (_bad({"head_span": [1, 2]}), "must be an object with integer start and end"),
    ({**TASK, "relations": {"head": 1}}, '"relations" must be a list'),
    ({**TASK, "spans": [PER, LOC, {**LOC}]}, "which 2 spans of the task match"),
])
def test_bad_relations_name_the_line_and_import_nothing(make_project, tmp_path, task, message):
    project = make_project("p", coder=None)
    with pytest.raises(InputError) as err:
        do_import(project, _write(tmp_path, task), "prodigy")
    assert message in str(err.value) and err.value.line == 2 and "db.jsonl" in str(err.value)
    assert project.document_count() == 0


def test_an_unknown_relation_type_without_add_labels_is_an_error(make_project, tmp_path):
    project = make_project("p", coder=None, labels=["PER", "LOC"])
    with pytest.raises(InputError) as err:
        do_import(project, _write(tmp_path, TASK), "prodigy", add_labels=False)
    assert "relation type 'visited'" in str(err.value) and err.value.line == 2
    assert project.document_count() == 0


_END = st.one_of(st.integers(-1, 7), st.sampled_from([PER, LOC, {**LOC, "label": None}, {"start": 0, "end": 3}]))


@SETTINGS
@given(relations=st.lists(st.fixed_dictionaries({"head": st.integers(-1, 7), "child": st.integers(-1, 7),
                                                 "label": st.sampled_from(["r", "", "s t", 3])},
                                                optional={"head_span": _END, "child_span": _END}), max_size=4),
       answer=st.sampled_from(["accept", "reject"]))
def test_arbitrary_relations_import_cleanly_or_fail_clearly(tmp_path, relations, answer):
    task = {**TASK, "relations": relations, "answer": answer}
    import_and_check(tmp_path, "x.jsonl", json.dumps(task, ensure_ascii=False) + "\n", fmt="prodigy",
                     add_labels=True)
