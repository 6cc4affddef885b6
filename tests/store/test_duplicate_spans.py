"""One coder never holds the same span twice (same document, label, start and end): the store's
write path refuses it, whichever way it comes (add, batch add, resize, relabel, import, merge,
pre-merge into gold)."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.store import Project
from annotator.store.adjudicate import adjudicate
from annotator.store.merge import merge_projects


def _spans(project, doc_id, coder_id):
    return sorted((s.start, s.end, s.label_id) for s in project.spans(doc_id, coder_id))


def test_add_span_refuses_an_exact_duplicate(project, doc):
    ali = project.coder("ali")
    entity = project.labels().by_name("entity").id
    project.add_span(doc.id, ali.id, entity, 16, 28)
    with pytest.raises(ProjectError, match="already has this span"):
        project.add_span(doc.id, ali.id, entity, 16, 28)
    assert _spans(project, doc.id, ali.id) == [(16, 28, entity)]
    # not duplicates: another label on the same range, another coder, another range
    project.add_span(doc.id, ali.id, project.labels().by_name("figure").id, 16, 28)
    project.add_span(doc.id, project.ensure_coder("omar").id, entity, 16, 28)
    project.add_span(doc.id, ali.id, entity, 16, 27)


def test_a_refused_duplicate_rolls_back_its_whole_transaction(project, doc):
    ali = project.coder("ali")
    entity = project.labels().by_name("entity").id
    project.add_span(doc.id, ali.id, entity, 0, 4)
    with pytest.raises(ProjectError):
        with project.transaction() as tx:
            tx.add_span(doc.id, ali.id, entity, 5, 12)
            tx.add_span(doc.id, ali.id, entity, 0, 4)
    assert _spans(project, doc.id, ali.id) == [(0, 4, entity)]


def test_batch_add_refuses_duplicates_within_and_against_the_project(project, doc):
    ali = project.coder("ali")
    entity = project.labels().by_name("entity").id
    with pytest.raises(ProjectError, match="already has this span|twice"):
        with project.transaction() as tx:
            tx.add_spans([(doc.id, ali.id, entity, 0, 4, None), (doc.id, ali.id, entity, 0, 4, "again")])
    assert _spans(project, doc.id, ali.id) == []
    project.add_span(doc.id, ali.id, entity, 0, 4)
    with pytest.raises(ProjectError, match="already has this span"):
        with project.transaction() as tx:
            tx.add_spans([(doc.id, ali.id, entity, 5, 12, None), (doc.id, ali.id, entity, 0, 4, None)])
    assert _spans(project, doc.id, ali.id) == [(0, 4, entity)]


def test_resize_and_relabel_cannot_make_a_duplicate(project, doc):
    ali = project.coder("ali")
    entity, figure = project.labels().by_name("entity").id, project.labels().by_name("figure").id
    project.add_span(doc.id, ali.id, entity, 16, 28)
    longer = project.add_span(doc.id, ali.id, entity, 16, 35)
    with pytest.raises(ProjectError, match="already has this span"):
        project.resize_span(longer.id, 16, 28)
    other = project.add_span(doc.id, ali.id, figure, 16, 28)
    with pytest.raises(ProjectError, match="already has this span"):
        project.relabel_span(other.id, entity)
    assert _spans(project, doc.id, ali.id) == sorted([(16, 28, entity), (16, 35, entity), (16, 28, figure)])
    project.resize_span(longer.id, 16, 35)  # to where it is already: not a duplicate of itself
    project.relabel_span(other.id, figure)


def test_import_refuses_a_record_with_the_same_span_twice(project, tmp_path):
    from annotator.formats.importing import import_files
    from annotator.formats.registry import ImportOptions

    text = "ذهب الولد إلى المدرسة"
    path = tmp_path / "dup.jsonl"
    record = {"text": text, "spans": [{"start": 0, "end": 3, "label": "entity"},
                                      {"start": 0, "end": 3, "label": "entity"}]}
    path.write_text(json.dumps({"text": "نص أول"}, ensure_ascii=False) + "\n"
                    + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    before = len(project.documents())
    with pytest.raises(AnnotatorError) as caught:
        import_files(project, [str(path)], options=ImportOptions(coder="ali"))
    message = str(caught.value)
    assert "dup.jsonl" in message and "line 2" in message and "twice" in message
    assert len(project.documents()) == before  # all or nothing


def test_merge_of_a_copy_holding_duplicates_keeps_one(tmp_path):
    lead = tmp_path / "lead.annot"
    with Project.create(lead) as p:
        p.add_document("مقال", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
    copy = tmp_path / "rana.annot"
    shutil.copy(lead, copy)
    with Project.open(copy, backup=False) as p:
        doc = p.documents()[0].id
        rana = p.ensure_coder("rana")
        entity = p.labels().by_name("entity").id
        p.add_span(doc, rana.id, entity, 16, 28)
        p.set_status(doc, rana.id, "done")
    # a copy written by an older version, which let the same span in twice
    with sqlite3.connect(copy) as db:
        db.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                   "updated_at) SELECT document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                   "updated_at FROM spans")
    with Project.open(lead) as p:
        report = merge_projects(p, [copy])
        rana = p.coder("rana")
        doc = p.documents()[0].id
        assert _spans(p, doc, rana.id) == [(16, 28, p.labels().by_name("entity").id)]
        assert report.duplicates_dropped == 1 and "1 duplicate" in report.summary()


def test_pre_merge_twice_adds_each_gold_span_once(project, doc):
    entity = project.labels().by_name("entity").id
    for name in ("rana", "omar"):
        coder = project.ensure_coder(name)
        project.add_span(doc.id, coder.id, entity, 16, 28)
        project.set_status(doc.id, coder.id, "done")
    adjudicate(project, ["rana", "omar"])
    adjudicate(project, ["rana", "omar"])
    gold = project.gold_coder()
    assert _spans(project, doc.id, gold.id) == [(16, 28, entity)]
    with pytest.raises(ProjectError, match="already has this span"):
        project.add_span(doc.id, gold.id, entity, 16, 28)
