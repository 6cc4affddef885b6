"""Issue 16 in the store: relation types and relations, span attributes, document labels, the
codebook; every write one transaction with a notice, refused writes changing nothing. On both
dialects (the ``project`` fixture)."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError, StaleEdit
from annotator.core.schema import FLAGS, AttributeDef, DocLabelGroup, Guide

TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة لإرسال نحو 500 إلى 750 جندي."


def at(text, part):
    i = text.index(part)
    return i, i + len(part)


@pytest.fixture
def art(project):
    """The article with ali's claim, entity and figure spans."""
    doc = project.add_document("المبعوث", TEXT)
    labels = project.labels()
    ali = project.coder("ali")
    claim = project.add_span(doc.id, ali.id, labels.by_name("claim").id, *at(TEXT, "ليس هناك خطة"))
    entity = project.add_span(doc.id, ali.id, labels.by_name("entity").id, *at(TEXT, "المبعوث الأميركي"))

    class Art:
        pass
    a = Art()
    a.doc, a.ali, a.labels, a.claim, a.entity = doc, ali, labels, claim, entity
    a.types = {t.name: t for t in project.relation_types()}
    return a


def test_a_new_project_has_the_default_schema_of_issue_16(project):
    labels = project.labels()
    assert [a.name for a in labels.by_name("claim").attributes] == ["stance"]
    assert labels.by_name("claim").attribute("stance").values == ("asserted", "denied", "reported", "questioned")
    assert labels.by_name("entity").attribute("type").values == ("person", "organisation", "place", "other")
    assert labels.by_name("figure").figure_values and not labels.by_name("claim").figure_values
    types = project.relation_types()
    assert [(t.name, t.pairs) for t in types] == [
        ("source", (("claim", "entity"),)), ("about", (("figure", "claim"), ("figure", "entity")))]
    assert types[0].guide.description and types[0].hotkey == "s"
    assert project.doc_label_groups() == () and project.codebook() == ""
    assert FLAGS == ("unsure", "skip", "needs_discussion")


def test_a_relation_is_drawn_checked_and_removed_with_notices(project, art):
    heard = []
    project.subscribe(heard.extend)
    rel = project.add_relation(art.types["source"].id, art.claim.id, art.entity.id)
    assert project.relations(art.doc.id, art.ali.id) == [rel]
    assert project.span_relations(art.entity.id) == [rel]
    assert [(c.kind, c.document_id, c.ranges) for c in heard] == [
        ("relation", art.doc.id, ((art.claim.start, art.claim.end), (art.entity.start, art.entity.end)))]
    with pytest.raises(ProjectError, match="cannot go from 'entity' to 'claim'"):
        project.add_relation(art.types["source"].id, art.entity.id, art.claim.id)
    with pytest.raises(ProjectError, match="exists already"):
        project.add_relation(art.types["source"].id, art.claim.id, art.entity.id)
    with pytest.raises(ProjectError, match="two different spans"):
        project.add_relation(art.types["source"].id, art.claim.id, art.claim.id)
    with pytest.raises(ProjectError, match="no span with id 9999"):
        project.add_relation(art.types["source"].id, art.claim.id, 9999)
    with pytest.raises(ProjectError, match="no relation type"):
        project.add_relation(9999, art.claim.id, art.entity.id)
    assert project.relations(art.doc.id) == [rel]
    assert project.version("relation", rel.id) == 1
    marker = project.change_marker(art.doc.id)
    gone = project.remove_relation(rel.id)
    assert project.change_marker(art.doc.id) != marker  # a polling window sees the relation go
    assert project.relations(art.doc.id) == []
    again = project.add_relation(gone.type_id, gone.head_id, gone.child_id, relation_id=gone.id)  # undo
    assert again.id == rel.id and project.relations(art.doc.id)[0].id == rel.id


def test_a_relation_links_spans_of_one_coder(project, art):
    mona = project.ensure_coder("منى")
    hers = project.add_span(art.doc.id, mona.id, art.labels.by_name("entity").id, *at(TEXT, "المبعوث"))
    with pytest.raises(ProjectError, match="same document and coder"):
        project.add_relation(art.types["source"].id, art.claim.id, hers.id)


def test_removing_a_span_removes_its_relations_and_undo_brings_both_back(project, art):
    rel = project.add_relation(art.types["source"].id, art.claim.id, art.entity.id)
    saved = project.span_relations(art.entity.id)
    heard = []
    project.subscribe(heard.extend)
    old = project.remove_span(art.entity.id)
    assert {c.kind for c in heard} == {"span", "relation"}
    assert project.relations(art.doc.id) == []
    back = project.add_span(old.document_id, old.coder_id, old.label_id, old.start, old.end, old.note,
                            span_id=old.id, attrs=old.attrs)
    project.add_relations(saved)
    assert back.id == art.entity.id and project.relations(art.doc.id) == [rel]


def test_relation_types_are_edited_and_a_label_rename_follows_into_their_pairs(project, art):
    rt = project.add_relation_type("cites", pairs=[("claim", "claim")], guide=Guide("quotes", ("x",)))
    assert project.relation_type("cites").guide == Guide("quotes", ("x",))
    with pytest.raises(ProjectError, match="already exists"):
        project.add_relation_type("cites")
    with pytest.raises(ProjectError, match="hotkey 's' is already used"):
        project.add_relation_type("other", hotkey="s")
    project.add_relation(art.types["source"].id, art.claim.id, art.entity.id)
    with pytest.raises(ProjectError, match="exist; remove them"):
        project.update_relation_type(art.types["source"].id, pairs=[("figure", "entity")])
    project.update_label(art.labels.by_name("claim").id, name="ادعاء")
    assert project.relation_type("source").pairs == (("ادعاء", "entity"),)
    assert project.relation_type("cites").pairs == (("ادعاء", "ادعاء"),)
    with pytest.raises(ProjectError, match="used by 1 relation"):
        project.remove_relation_type(art.types["source"].id)
    assert project.remove_relation_type(art.types["source"].id, force=True) == 1
    assert project.relations(art.doc.id) == [] and project.relation_type("source") is None
    project.reorder_relation_types([rt.id, art.types["about"].id])
    assert [t.name for t in project.relation_types()] == ["cites", "about"]


def test_attributes_are_checked_against_the_label_and_undone_with_restore_span(project, art):
    before = project.set_span_attr(art.claim.id, "stance", "denied")
    assert before.attrs == {} and project.span(art.claim.id).attrs == {"stance": "denied"}
    for bad, reason in (({"stance": "maybe"}, "not one of asserted"), ({"colour": "red"}, "unknown attribute"),
                        ({"stance": 3}, "not one of")):
        with pytest.raises(ProjectError, match=reason):
            project.set_span_attrs(art.claim.id, bad)
    assert project.span(art.claim.id).attrs == {"stance": "denied"}
    project.restore_span(before)
    assert project.span(art.claim.id).attrs == {}
    with pytest.raises(ProjectError, match="unknown attribute"):
        project.add_span(art.doc.id, art.ali.id, art.labels.by_name("entity").id, 0, 3, attrs={"stance": "denied"})
    span = project.add_span(art.doc.id, art.ali.id, art.labels.by_name("entity").id, 0, 3, attrs={"type": "person"})
    assert span.attrs == {"type": "person"}


def test_attribute_kinds_and_a_changed_definition(project, art):
    claim = art.labels.by_name("claim")
    defs = [AttributeDef("stance", "choice", ("asserted", "denied")), AttributeDef("strength", "number"),
            AttributeDef("quoted", "bool"), AttributeDef("gloss", "text", required=True)]
    project.set_span_attr(art.claim.id, "stance", "reported")
    with pytest.raises(ProjectError, match="span .* refuse"):
        project.update_label(claim.id, attributes=defs)
    assert project.labels().by_name("claim").attribute("strength") is None  # nothing changed
    project.update_label(claim.id, attributes=defs, drop_invalid=True)
    assert project.span(art.claim.id).attrs == {}
    project.set_span_attrs(art.claim.id, {"strength": 2.5, "quoted": True, "gloss": "لا خطة"})
    assert project.span(art.claim.id).attrs == {"strength": 2.5, "quoted": True, "gloss": "لا خطة"}
    with pytest.raises(ProjectError, match="expected yes/no"):
        project.set_span_attr(art.claim.id, "quoted", "yes")
    with pytest.raises(ProjectError, match="expected a number"):
        project.set_span_attr(art.claim.id, "strength", True)
    label = project.labels().by_name("claim")
    assert [a.kind for a in label.attributes] == ["choice", "number", "bool", "text"] and label.attributes[3].required


def test_relabel_keeps_the_attributes_the_new_label_defines(project, art):
    project.set_span_attr(art.claim.id, "stance", "denied")
    old = project.relabel_span(art.claim.id, art.labels.by_name("entity").id)
    assert project.span(art.claim.id).attrs == {}
    project.restore_span(old)
    assert project.span(art.claim.id).attrs == {"stance": "denied"}
    assert project.span(art.claim.id).label_id == art.labels.by_name("claim").id


def test_document_labels_flags_and_comment(project, art):
    groups = [DocLabelGroup("topic", ("politics", "economy"), multiple=True), DocLabelGroup("genre", ("news", "opinion"))]
    project.set_doc_label_groups(groups)
    assert project.doc_label_groups() == tuple(groups)
    heard = []
    project.subscribe(heard.extend)
    old = project.set_doc_labels(art.doc.id, art.ali.id, labels=["economy", "news", "politics"], flags=["unsure"],
                                 comment="راجع الرقم")
    assert old.empty and old.version == 0
    now = project.doc_labels(art.doc.id, art.ali.id)
    assert (now.labels, now.flags, now.comment) == (("politics", "economy", "news"), ("unsure",), "راجع الرقم")
    assert [(c.kind, c.document_id, c.coder_id) for c in heard] == [("doc_labels", art.doc.id, art.ali.id)]
    for kwargs, reason in (({"labels": ["sport"]}, "unknown document label"),
                           ({"labels": ["news", "opinion"]}, "single choice"),
                           ({"flags": ["later"]}, "unknown flag")):
        with pytest.raises(ProjectError, match=reason):
            project.set_doc_labels(art.doc.id, art.ali.id, **kwargs)
    with pytest.raises(StaleEdit):
        project.set_doc_labels(art.doc.id, art.ali.id, flags=[], expected_version=0)
    project.set_doc_labels(art.doc.id, art.ali.id, flags=["skip", "unsure"], expected_version=now.version)
    assert project.doc_labels(art.doc.id, art.ali.id).flags == ("unsure", "skip")
    assert list(project.doc_labels_table(art.ali.id)) == [art.doc.id]
    with pytest.raises(ProjectError, match="would no longer fit"):
        project.set_doc_label_groups([DocLabelGroup("genre", ("news", "opinion"))])
    project.set_doc_labels(art.doc.id, art.ali.id, labels=old.labels, flags=old.flags, comment=old.comment)  # undo
    assert project.doc_labels(art.doc.id, art.ali.id).empty and project.doc_labels_table(art.ali.id) == {}


def test_the_codebook_is_a_setting(project):
    assert project.set_codebook("# الدليل\n\nClaims are...") == ""
    assert project.codebook() == "# الدليل\n\nClaims are..."


@pytest.mark.parametrize("statement, what", [
    ("insert into relations (document_id, coder_id, type_id, head_id, child_id, created_at) "
     "values (1, 1, 1, 1, 999, '2024-01-01 00:00:00')", "a relation points to a span"),
    ("update spans set attrs_json = '[1]' where id = 1", "a span's attributes are not a JSON object"),
    ("update spans set value_by = 'ghost', value_json = 'null' where id = 1", "a span's attributes .* figure value"),
    ("update labels set attributes_json = '{\"a\": 1}' where id = 1", "a label's attributes"),
    ("update relation_types set pairs_json = 'nope' where id = 1", "a relation type"),
    ("insert into doc_labels (document_id, coder_id, labels_json, flags_json, updated_at) "
     "values (1, 1, '\"x\"', '[]', '2024-01-01 00:00:00')", "a document's labels"),
])
def test_a_file_with_layer_rows_the_app_could_not_have_written_is_refused(tmp_path, statement, what):
    import hashlib
    import sqlite3

    from annotator.store import Project

    path = tmp_path / "p.annot"
    with Project.create(path, coder="ali") as p:
        doc = p.add_document("t", TEXT)
        p.add_span(doc.id, p.coder("ali").id, p.labels().by_name("claim").id, 0, 3)
    con = sqlite3.connect(path)
    con.execute("pragma foreign_keys = off")
    con.execute(statement)
    con.commit()
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ProjectError, match=f"refused: {what}"):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_figure_span_gets_its_value_computed_and_a_coders_correction_stays(project, art):
    figure = art.labels.by_name("figure")
    span = project.add_span(art.doc.id, art.ali.id, figure.id, *at(TEXT, "500 إلى 750"))
    assert (span.value, span.value_by) == ({"low": 500, "high": 750, "unit": "جندي", "approx": True}, "core")
    project.resize_span(span.id, *at(TEXT, "500"))
    assert project.span(span.id).value == {"low": 500, "high": 500, "unit": None, "approx": False}  # the range around it is another figure
    old = project.set_span_value(span.id, {"low": 500, "high": 750, "unit": "مقاتل"})
    assert old.value_by == "core"
    corrected = project.span(span.id)
    assert (corrected.value, corrected.value_by) == ({"low": 500, "high": 750, "unit": "مقاتل", "approx": False}, "coder")
    project.resize_span(span.id, *at(TEXT, "500 إلى 750"))
    assert project.span(span.id).value_by == "coder" and project.span(span.id).value["unit"] == "مقاتل"
    for bad, reason in (({"low": "five"}, "must be a number"), ({"low": 9, "high": 3}, "below its low"),
                        ({"low": 1, "size": 2}, "unknown key")):
        with pytest.raises(ProjectError, match=reason):
            project.set_span_value(span.id, bad)
    project.set_span_value(span.id, None)  # "not a number anyone can value"
    assert (project.span(span.id).value, project.span(span.id).value_by) == (None, "coder")
    project.set_span_value(span.id)  # back to the computed one
    assert project.span(span.id).value_by == "core"
    with pytest.raises(ProjectError, match="carry no figure value"):
        project.set_span_value(art.claim.id, {"low": 1})
    none = project.add_span(art.doc.id, art.ali.id, figure.id, *at(TEXT, "خطة"))
    assert (none.value, none.value_by) == (None, "core")
    old = project.relabel_span(none.id, art.labels.by_name("claim").id)
    assert (project.span(none.id).value, project.span(none.id).value_by) == (None, None)
    kept = project.add_span(art.doc.id, art.ali.id, figure.id, 0, 3, value={"low": 7, "high": 7}, value_by="coder")
    assert kept.value == {"low": 7, "high": 7, "unit": None, "approx": False}


def test_figure_values_turned_on_for_a_label_are_computed_for_its_spans(project, art):
    entity = art.labels.by_name("entity")
    span = project.add_span(art.doc.id, art.ali.id, entity.id, *at(TEXT, "500 إلى 750"))
    assert span.value_by is None
    project.update_label(entity.id, figure_values=True)
    assert project.span(span.id).value["high"] == 750
    project.update_label(entity.id, figure_values=False, guide=Guide("who", ("المبعوث",)))
    assert project.span(span.id).value_by is None
    assert project.labels().by_name("entity").guide == Guide("who", ("المبعوث",))


def test_change_span_keeps_the_layers_rules(project, art):
    """The window's one-update edit (issue 17's ``change_span``): a computed value follows the text,
    attributes the new label lacks go."""
    figure = art.labels.by_name("figure")
    span = project.add_span(art.doc.id, art.ali.id, figure.id, *at(TEXT, "750"))
    with project.transaction() as tx:
        tx.change_span(span.id, start=at(TEXT, "500 إلى 750")[0])
    assert project.span(span.id).value["low"] == 500
    project.set_span_attr(art.claim.id, "stance", "denied")
    with project.transaction() as tx:
        tx.change_span(art.claim.id, label_id=art.labels.by_name("entity").id)
    assert project.span(art.claim.id).attrs == {}


def test_attribute_definitions_the_file_could_not_be_read_with_are_refused_and_nothing_changes(project):
    """A kind outside the list was once written (and the project then failed to open: every read of
    the labels refused it); now the write is refused and the file stays readable."""
    entity = project.labels().by_name("entity")
    for bad in (AttributeDef("sure", "yes/no"), AttributeDef("kind", "choice", ()), "stance"):
        with pytest.raises(ProjectError):
            project.update_label(entity.id, attributes=[bad])
    assert project.labels().by_name("entity").attributes == entity.attributes


def test_a_removed_label_and_relation_type_come_back_under_their_ids(project):
    """What undo in the schema editor does: spans, relations and commands naming them stay right."""
    place = project.add_label("place", "#123456", "9")
    project.remove_label(place.id)
    back = project.add_label("place", "#123456", "9", label_id=place.id)
    assert back.id == place.id and project.labels().by_id(place.id).name == "place"
    with pytest.raises(ProjectError, match="already exists"):
        project.add_label("other", label_id=place.id)
    cites = project.add_relation_type("cites", None, "c", [("claim", "claim")])
    project.remove_relation_type(cites.id)
    again = project.add_relation_type("cites", cites.color, "c", cites.pairs, type_id=cites.id)
    assert again.id == cites.id and project.relation_type("cites").pairs == (("claim", "claim"),)
    with pytest.raises(ProjectError, match="already exists"):
        project.add_relation_type("quotes", type_id=cites.id)
