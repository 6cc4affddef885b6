"""Merge carries issue 16's layers: span attributes, figure values (stored, and whether a coder
corrected them), relations (their ends remapped to the merged spans), document labels, flags and
comments; differences in them are conflicts like differences in spans, and schema differences follow
the rule of labels (an error naming it, or --add-labels). Real files of today's schema, made through
the store; the target on both dialects (``location``)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.core.figure_value import span_value
from annotator.core.schema import AttributeDef, DocLabelGroup
from annotator.store import Project
from annotator.store.merge import MergeConflictError, merge_projects

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لإرسال نحو 500 إلى 750 جندي و80 ألف باوند."
OTHER = "ذهب الوَلَدُ إلى المدرسة صباحًا."
GROUPS = [DocLabelGroup("topic", ("politics", "economy")), DocLabelGroup("tone", ("neutral", "critical"), multiple=True)]


def at(part, text=TEXT):
    i = text.index(part)
    return i, i + len(part)


@pytest.fixture
def lead(location):
    with Project.create(location) as p:
        p.add_document("المبعوث", TEXT, external_id="a")
        p.add_document("المدرسة", OTHER, external_id="b")
        p.set_doc_label_groups(GROUPS)
    return location


def copy_for(lead, tmp_path, name):
    path = tmp_path / f"{name}.annot"
    if isinstance(lead, str):
        from annotator.store.copy import copy_project
        copy_project(lead, path)
    else:
        shutil.copy(lead, path)
    return path


def annotate(path, coder, *, stance="denied", corrected=None, about=True, labels=("politics",),
             flags=("unsure",), comment="راجِع الرقم", status="done"):
    """``coder``'s work on TEXT: a claim (stance), an entity, two figures (one corrected when
    ``corrected``), relations source (claim -> entity) and about (figure -> claim), document labels."""
    with Project.open(path, backup=False) as p:
        doc = next(d for d in p.documents() if d.title == "المبعوث")
        c = p.ensure_coder(coder)
        names = p.labels()
        types = {t.name: t.id for t in p.relation_types()}
        with p.transaction() as tx:
            claim = tx.add_span(doc.id, c.id, names.by_name("claim").id, *at("ليس هناك خطة"), attrs={"stance": stance})
            entity = tx.add_span(doc.id, c.id, names.by_name("entity").id, *at("المبعوث الأميركي"),
                                 attrs={"type": "person"})
            troops = tx.add_span(doc.id, c.id, names.by_name("figure").id, *at("500 إلى 750"))
            tx.add_span(doc.id, c.id, names.by_name("figure").id, *at("80 ألف"))
            if corrected is not None:
                tx.set_span_value(troops.id, corrected, by="coder")
            tx.add_relation(types["source"], claim.id, entity.id)
            if about:
                tx.add_relation(types["about"], troops.id, claim.id)
            tx.set_doc_labels(doc.id, c.id, labels=list(labels), flags=list(flags), comment=comment)
            if status:
                tx.set_status(doc.id, c.id, status)


def layers(path):
    """Each coder's work on TEXT by texts and names: spans with attributes and values, relations
    by their ends' texts, document labels."""
    with Project.open(path, readonly=True) as p:
        doc = next(d for d in p.documents() if d.title == "المبعوث")
        labels = {label.id: label.name for label in p.labels()}
        types = {t.id: t.name for t in p.relation_types()}
        out = {}
        for coder in p.coders():
            spans = {s.id: s for s in p.spans(doc.id, coder.id)}
            if not spans:
                continue
            out[coder.name] = {
                "spans": sorted((TEXT[s.start:s.end], labels[s.label_id], tuple(sorted(s.attrs.items())),
                                 repr(s.value), s.value_by) for s in spans.values()),
                "relations": sorted((types[r.type_id], TEXT[spans[r.head_id].start:spans[r.head_id].end],
                                     TEXT[spans[r.child_id].start:spans[r.child_id].end])
                                    for r in p.relations(doc.id, coder.id)),
                "doc": _doc(p.doc_labels(doc.id, coder.id)),
            }
        return out


def _doc(d):
    return d.labels, d.flags, d.comment


CORRECTED = {"low": 500.0, "high": 750.0, "unit": "جندي", "approx": False}


def test_relations_attributes_values_and_document_labels_are_carried(lead, tmp_path):
    ali, mona = copy_for(lead, tmp_path, "ali"), copy_for(lead, tmp_path, "mona")
    annotate(ali, "ali", corrected=CORRECTED)
    annotate(mona, "mona", stance="reported", about=False, labels=("economy", "critical"), flags=(), comment=None)
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [ali, mona])
    merged = layers(lead)
    assert merged["ali"] == layers(ali)["ali"] and merged["mona"] == layers(mona)["mona"]
    assert merged["ali"]["relations"] == [("about", "500 إلى 750", "ليس هناك خطة"),
                                          ("source", "ليس هناك خطة", "المبعوث الأميركي")]
    spans = {s[0]: s for s in merged["ali"]["spans"]}
    assert spans["ليس هناك خطة"][2] == (("stance", "denied"),)
    assert spans["500 إلى 750"][3:] == (repr(CORRECTED), "coder")  # the coder's correction, kept as such
    assert spans["80 ألف"][3:] == (repr(span_value(TEXT, *at("80 ألف"))), "core")
    assert merged["ali"]["doc"] == (("politics",), ("unsure",), "راجِع الرقم")
    assert merged["mona"]["doc"] == (("economy", "critical"), (), None)
    assert (report.relations_added, report.doc_labels_added, report.relations_skipped) == (3, 2, [])
    # merged again: the same work, nothing written, no conflict
    with Project.open(lead, backup=False) as target:
        again = merge_projects(target, [ali, mona])
    assert (again.unchanged, again.copied, again.relations_added, again.doc_labels_added) == (2, 0, 0, 0)
    assert layers(lead) == merged


@pytest.mark.parametrize("change, differs", [
    (dict(about=False), "relations"),
    (dict(labels=("economy",)), "document labels"),
    (dict(comment="رأي آخر"), "document labels"),
    (dict(stance="asserted"), "spans"),
    (dict(corrected=CORRECTED), "spans"),
])
def test_a_difference_in_any_layer_is_a_conflict(lead, tmp_path, fingerprint, change, differs):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    old, new = copy_for(lead, first, "ali"), copy_for(lead, second, "ali")
    annotate(old, "ali")
    annotate(new, "ali", **change)
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [old])
    before = fingerprint(lead)
    with Project.open(lead, backup=False) as target, pytest.raises(MergeConflictError) as caught:
        merge_projects(target, [new])
    assert f"({differs} differ)" in str(caught.value)
    assert fingerprint(lead) == before  # nothing changed
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [new], prefer="target")
    assert fingerprint(lead) == before
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [new], prefer="source")
    assert layers(lead)["ali"] == layers(new)["ali"]
    assert report.replaced == 1


def test_replacing_a_coders_work_replaces_its_relations(lead, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    old, new = copy_for(lead, first, "ali"), copy_for(lead, second, "ali")
    annotate(old, "ali")
    annotate(new, "ali", about=False)
    with Project.open(lead, backup=False) as target:
        merge_projects(target, [old])
        report = merge_projects(target, [new], prefer="source")
    assert (report.relations_removed, report.relations_added) == (2, 1)
    assert layers(lead)["ali"]["relations"] == [("source", "ليس هناك خطة", "المبعوث الأميركي")]


def _add_to_copy(path, what):
    with Project.open(path, backup=False) as p:
        if what == "relation type":
            p.add_relation_type("cites", pairs=[("claim", "claim")])
            doc = next(d for d in p.documents() if d.title == "المدرسة")
            c = p.ensure_coder("ali")
            claim = p.labels().by_name("claim").id
            a = p.add_span(doc.id, c.id, claim, *at("ذهب", OTHER))
            b = p.add_span(doc.id, c.id, claim, *at("المدرسة", OTHER))
            p.add_relation(p.relation_type("cites").id, a.id, b.id)
        elif what == "pair":
            about = p.relation_type("about")
            p.update_relation_type(about.id, pairs=list(about.pairs) + [("figure", "figure")])
            doc = next(d for d in p.documents() if d.title == "المبعوث")
            c = p.ensure_coder("ali")
            figure = p.labels().by_name("figure").id
            a = p.add_span(doc.id, c.id, figure, *at("750"))
            b = p.add_span(doc.id, c.id, figure, *at("80"))
            p.add_relation(about.id, a.id, b.id)
        elif what == "attribute value":
            claim = p.labels().by_name("claim")
            stance = claim.attribute("stance")
            p.update_label_schema(claim.id, attributes=[AttributeDef("stance", "choice", stance.values + ("rumoured",)),
                                                        AttributeDef("strength", "number")])
            doc = next(d for d in p.documents() if d.title == "المدرسة")
            p.add_span(doc.id, p.ensure_coder("ali").id, claim.id, *at("ذهب", OTHER))
            span = p.spans(doc.id)[0]
            p.set_span_attrs(span.id, {"stance": "rumoured", "strength": 2})
        elif what == "document label":
            p.set_doc_label_groups(GROUPS + [DocLabelGroup("genre", ("news", "opinion"))])
            doc = next(d for d in p.documents() if d.title == "المدرسة")
            p.set_doc_labels(doc.id, p.ensure_coder("ali").id, labels=["opinion"])
        elif what == "figure values":
            label = p.add_label("amount")
            p.update_label_schema(label.id, figure_values=True)
            doc = next(d for d in p.documents() if d.title == "المبعوث")
            p.add_span(doc.id, p.ensure_coder("ali").id, label.id, *at("80 ألف"))


@pytest.mark.parametrize("what, message, added", [
    ("relation type", "relation type 'cites' is used by its relations", "relation type 'cites'"),
    ("pair", "from 'figure' to 'figure'", "pair figure -> figure of relation type 'about'"),
    ("attribute value", "unknown attribute 'strength'", "value 'rumoured' of attribute 'stance' of 'claim'"),
    ("document label", "unknown document label 'opinion'", "document label group 'genre'"),
    ("figure values", "carry figure values", "figure values on 'amount'"),
])
def test_schema_a_source_needs_is_an_error_or_added_with_add_labels(lead, tmp_path, fingerprint, what, message, added):
    copy = copy_for(lead, tmp_path, "ali")
    _add_to_copy(copy, what)
    if what == "figure values":  # the label itself exists in the target, without figure values
        with Project.open(lead, backup=False) as p:
            p.add_label("amount")
    before = fingerprint(lead)
    with Project.open(lead, backup=False) as target, pytest.raises(ProjectError, match=message) as caught:
        merge_projects(target, [copy])
    assert "--add-labels" in str(caught.value) and str(copy) in str(caught.value)
    assert fingerprint(lead) == before
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [copy], add_labels=True)
    assert added in report.schema_added
    with Project.open(lead, readonly=True) as p, Project.open(copy, readonly=True) as source:
        ali, theirs = p.coder("ali"), source.coder("ali")
        for doc, their_doc in zip(p.documents(), source.documents()):
            ours = sorted((s.start, s.end, s.attrs, s.value, s.value_by) for s in p.spans(doc.id, ali.id))
            assert ours == sorted((s.start, s.end, s.attrs, s.value, s.value_by)
                                  for s in source.spans(their_doc.id, theirs.id))
            assert len(p.relations(doc.id, ali.id)) == len(source.relations(their_doc.id, theirs.id))
            assert _doc(p.doc_labels(doc.id, ali.id)) == _doc(source.doc_labels(their_doc.id, theirs.id))


def test_spans_of_a_label_with_figure_values_get_their_value_when_the_source_has_none(lead, tmp_path):
    copy = copy_for(lead, tmp_path, "ali")
    with Project.open(copy, backup=False) as p:
        figure = p.labels().by_name("figure").id
        p.update_label_schema(figure, figure_values=False)
        doc = next(d for d in p.documents() if d.title == "المبعوث")
        p.add_span(doc.id, p.ensure_coder("ali").id, figure, *at("نحو 500 إلى 750 جندي"))
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [copy])
    assert report.values_computed == 1
    (span,) = layers(lead)["ali"]["spans"]
    assert span[3:] == (repr({"low": 500, "high": 750, "unit": "جندي", "approx": True}), "core")


def test_a_relation_pointing_at_another_coders_span_is_refused_and_nothing_changes(lead, tmp_path, fingerprint):
    copy = copy_for(lead, tmp_path, "ali")
    annotate(copy, "ali")
    annotate(copy, "mona")
    con = sqlite3.connect(copy)  # a hostile copy: ali's relation now ends at one of mona's spans
    mona_span = con.execute("SELECT s.id FROM spans s JOIN coders c ON c.id = s.coder_id WHERE c.name = 'mona' "
                            "ORDER BY s.id LIMIT 1").fetchone()[0]
    con.execute("UPDATE relations SET child_id = ? WHERE coder_id = (SELECT id FROM coders WHERE name = 'ali') "
                "AND id = (SELECT min(id) FROM relations)", (mona_span,))
    con.commit()
    con.close()
    before = fingerprint(lead)
    with Project.open(lead, backup=False) as target, pytest.raises(ProjectError, match="relation"):
        merge_projects(target, [copy])
    assert fingerprint(lead) == before


def test_a_relation_whose_ends_merge_into_one_span_is_reported_not_written(lead, tmp_path):
    """A file written before the store refused duplicate spans may hold a span twice, and a relation
    from one copy to the other: merge keeps the span once, so that relation has no second end. It is
    listed in the report, and the others are merged."""
    copy = copy_for(lead, tmp_path, "ali")
    annotate(copy, "ali")
    for path in (copy, lead):
        with Project.open(path, backup=False) as p:
            p.add_relation_type("cites", pairs=[("claim", "claim")])
    con = sqlite3.connect(copy)
    con.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, note, created_at, "
                "updated_at, version, attrs_json) SELECT document_id, coder_id, label_id, start_offset, end_offset, "
                "note, created_at, updated_at, 1, attrs_json FROM spans WHERE label_id = "
                "(SELECT id FROM labels WHERE name = 'claim')")
    con.execute("INSERT INTO relations (document_id, coder_id, type_id, head_id, child_id, created_at, version) "
                "SELECT s.document_id, s.coder_id, (SELECT id FROM relation_types WHERE name = 'cites'), min(s.id), "
                "max(s.id), '2026-01-01 00:00:00.000000', 1 FROM spans s WHERE s.label_id = "
                "(SELECT id FROM labels WHERE name = 'claim')")
    con.commit()
    con.close()
    with Project.open(lead, backup=False) as target:
        report = merge_projects(target, [copy])
    assert report.duplicates_dropped == 1 and report.relations_added == 2
    (skipped,) = report.relations_skipped
    assert "'المبعوث'" in skipped and "'ali'" in skipped and "not merged" in skipped
    assert "NOT merged" in report.summary()
    assert [r[0] for r in layers(lead)["ali"]["relations"]] == ["about", "source"]


def test_new_pairs_copied_inside_sqlite_are_the_rows_the_python_path_writes(tmp_path, monkeypatch):
    """A plain source (no attribute or value on its spans) into a SQLite target: the new pairs' spans
    go in by INSERT ... SELECT over the attached source. The same rows as the Python path (ids in the
    same order, notes, a repeated span kept once), the same report, the source detached afterwards."""
    from annotator.store import merge_writes

    lead = tmp_path / "lead.annot"
    with Project.create(lead) as p:
        p.add_document("المبعوث", TEXT)
        p.add_document("المدرسة", OTHER)
    copies = []
    for name in ("ali", "mona"):
        path = tmp_path / f"{name}.annot"
        shutil.copy(lead, path)
        with Project.open(path, backup=False) as p:
            c, entity, claim = p.ensure_coder(name), p.labels().by_name("entity").id, p.labels().by_name("claim").id
            for doc in p.documents():
                p.add_span(doc.id, c.id, entity, 0, 3, "ملاحظة" if name == "ali" else None)
                p.add_span(doc.id, c.id, claim, 4, 9)
                p.set_status(doc.id, c.id, "done")
        copies.append(path)
    con = sqlite3.connect(copies[0])  # an older file's repeat: kept once
    con.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at) "
                "SELECT document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at FROM spans "
                "WHERE id = (SELECT min(id) FROM spans)")
    con.commit()
    con.close()

    def merged(force_python: bool):
        target = tmp_path / f"target-{force_python}.annot"
        shutil.copy(lead, target)
        calls = []
        real = merge_writes.Side.copy_in_sql
        monkeypatch.setattr(merge_writes.Side, "copy_in_sql", lambda self, *a: calls.append(1) or real(self, *a))
        if force_python:
            monkeypatch.setattr(merge_writes.Side, "sql_copy_ready", lambda self: False)
        with Project.open(target, backup=False) as p:
            report = merge_projects(p, copies)
            with p._engine.connect() as conn:
                attached = [row[1] for row in conn.exec_driver_sql("PRAGMA database_list")]
        monkeypatch.undo()
        con = sqlite3.connect(target)
        rows = con.execute("SELECT id, document_id, coder_id, label_id, start_offset, end_offset, note, attrs_json, "
                           "value_json, value_by FROM spans ORDER BY id").fetchall()
        con.close()
        return rows, report, bool(calls), attached

    rows, report, in_sql, attached = merged(False)
    python_rows, python_report, python_in_sql, _ = merged(True)
    assert in_sql and not python_in_sql
    assert rows == python_rows and len(rows) == 8
    assert (report.spans_added, report.duplicates_dropped, report.copied) == (8, 1, 4)
    assert (python_report.spans_added, python_report.duplicates_dropped, python_report.copied) == (8, 1, 4)
    assert not any(name.startswith("merge_source") for name in attached)
    with Project.open(tmp_path / "target-False.annot", readonly=True) as p:
        assert sorted(c.name for c in p.coders()) == ["ali", "mona"]
        assert all(p.status(d.id, c.id).value == "done" for d in p.documents() for c in p.coders())


def test_a_source_with_changes_still_in_its_wal_is_read_through_python(tmp_path, monkeypatch):
    """A copy whose last changes are still in its -wal file (a program has it open): attaching it
    would read the main file alone, so its spans go through the source's own connection."""
    from annotator.store import merge_writes

    lead = tmp_path / "lead.annot"
    with Project.create(lead) as p:
        p.add_document("المبعوث", TEXT)
    copy = tmp_path / "ali.annot"
    shutil.copy(lead, copy)
    with Project.open(copy, backup=False) as p:
        c = p.ensure_coder("ali")
        p.set_status(p.documents()[0].id, c.id, "done")
    writer = sqlite3.connect(copy)  # left open: its commit stays in the WAL
    writer.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                   "updated_at) SELECT d.id, c.id, l.id, 0, 3, '2026-01-01 00:00:00.000000', "
                   "'2026-01-01 00:00:00.000000' FROM documents d, coders c, labels l WHERE l.name = 'entity'")
    writer.commit()
    assert (tmp_path / "ali.annot-wal").stat().st_size
    called = []
    monkeypatch.setattr(merge_writes.Side, "copy_in_sql", lambda self, *a: called.append(1))
    try:
        with Project.open(lead, backup=False) as target:
            report = merge_projects(target, [copy])
    finally:
        writer.close()
    assert called == [] and report.spans_added == 1
    assert [s[0] for s in layers(lead)["ali"]["spans"]] == [TEXT[0:3]]
