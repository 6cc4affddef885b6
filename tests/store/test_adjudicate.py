import pytest

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project
from annotator.store.adjudicate import adjudicate

TEXT = "قال وزير الدفاع إن 80 ألف باوند من الذخيرة استخدمت في جزيرة كنعوص."


@pytest.fixture
def three(location):
    """Three coders' work on two documents, in a file or on the server (``location``)."""
    path = location
    with Project.create(path) as p:
        doc = p.add_document("خبر", TEXT)
        other = p.add_document("غير منته", "نص لم ينته بعد")
        labels = {l.name: l.id for l in p.labels()}
        spans = {
            "a": [(4, 15, "entity"), (19, 31, "figure"), (54, 65, "entity")],
            "b": [(4, 15, "entity"), (19, 31, "figure"), (54, 59, "entity")],
            "c": [(4, 15, "entity"), (19, 21, "figure")],
        }
        for name, items in spans.items():
            coder = p.ensure_coder(name)
            for start, end, label in items:
                p.add_span(doc.id, coder.id, labels[label], start, end)
            p.set_status(doc.id, coder.id, "done")
            p.add_span(other.id, coder.id, labels["entity"], 0, 2)
        p.set_status(other.id, p.coder("a").id, "done")  # b and c have not finished it
    return path


def gold_spans(project):
    gold = project.gold_coder()
    return [(s.start, s.end, project.labels().by_id(s.label_id).name, s.provenance)
            for d in project.documents() for s in project.spans(d.id, gold.id)]


def test_majority_copies_agreed_spans_with_provenance(three):
    with Project.open(three, backup=False) as p:
        report = adjudicate(p)
        gold = gold_spans(p)
    assert [(s, e, lab) for s, e, lab, _ in gold] == [(4, 15, "entity"), (19, 31, "figure")]
    prov = gold[0][3]
    assert prov["proposed_by"] == ["a", "b", "c"] and prov["source"] == "auto" and prov["strategy"] == "majority"
    assert gold[1][3]["proposed_by"] == ["a", "b"]
    assert (report.documents, report.skipped, report.accepted, report.open) == (1, 1, 2, 3)


def test_running_twice_changes_nothing(three):
    with Project.open(three, backup=False) as p:
        adjudicate(p)
        first = gold_spans(p)
        report = adjudicate(p)
        assert report.accepted == 0
        assert gold_spans(p) == first


def test_unanimous_and_min_agree(three):
    with Project.open(three, backup=False) as p:
        assert adjudicate(p, strategy="unanimous").accepted == 1
    with Project.open(three, backup=False) as p:
        # (54,65) and (54,59) each have one vote and compete: a tie, left open
        report = adjudicate(p, strategy="majority", min_agree=1)
        assert [(s, e) for s, e, _, _ in gold_spans(p)] == [(4, 15), (19, 31)]
        assert report.ties >= 2


def test_prefer_takes_the_preferred_coder_where_others_disagree(three):
    with Project.open(three, backup=False) as p:
        adjudicate(p, ["a", "b", "c"], strategy="prefer:b")
        assert [(s, e) for s, e, _, _ in gold_spans(p)] == [(4, 15), (19, 31), (54, 59)]


def test_hand_made_gold_is_kept(three):
    with Project.open(three, backup=False) as p:
        gold = p.ensure_gold_coder()
        doc = p.documents()[0]
        p.add_span(doc.id, gold.id, p.labels().by_name("figure").id, 19, 27,
                   provenance={"source": "manual", "by": "lead"})
        adjudicate(p)
        spans = gold_spans(p)
    assert (19, 27, "figure", {"source": "manual", "by": "lead"}) in spans
    assert not any((s, e) == (19, 31) for s, e, _, _ in spans)


def test_bad_arguments_change_nothing(three, capsys, fingerprint):
    before = fingerprint(three)
    assert main(["adjudicate", str(three), "--coders", "a,zed"]) == 1
    assert "unknown coder(s) zed" in capsys.readouterr().err
    assert main(["adjudicate", str(three), "--strategy", "random"]) == 1
    assert "unknown strategy" in capsys.readouterr().err
    assert main(["adjudicate", str(three), "--min-agree", "9"]) == 1
    assert "--min-agree" in capsys.readouterr().err
    assert fingerprint(three) == before


def test_cli(three, capsys):
    assert main(["adjudicate", str(three), "--coders", "a,b,c"]) == 0
    err = capsys.readouterr().err
    assert "2 span(s) copied to gold" in err and "1 document(s) skipped" in err


def test_needs_two_coders(tmp_path):
    with Project.create(tmp_path / "x.annot", coder="solo") as p:
        with pytest.raises(ProjectError, match="at least two coders"):
            adjudicate(p)


@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "conll", "brat"])
def test_gold_exports_in_every_format(three, tmp_path, fmt, capsys):
    with Project.open(three, backup=False) as p:
        adjudicate(p)
        p.set_status(p.documents()[0].id, p.gold_coder().id, "done")  # adjudicated
    out = tmp_path / f"gold.{fmt}"
    assert main(["export", str(three), "--gold", "--format", fmt, "-o", str(out)]) == 0
    assert "@gold" in capsys.readouterr().err
    assert out.exists()


def test_gold_jsonl_with_provenance(three, tmp_path):
    import json
    with Project.open(three, backup=False) as p:
        adjudicate(p)
    out = tmp_path / "gold.jsonl"
    assert main(["export", str(three), "--gold", "--status", "all", "--provenance", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    spans = records[0]["spans"]
    assert [(s["start"], s["end"], s["label"]) for s in spans] == [(4, 15, "entity"), (19, 31, "figure")]
    assert spans[0]["text"] == "وزير الدفاع"
    assert spans[0]["meta"]["provenance"]["proposed_by"] == ["a", "b", "c"]
    assert records[0]["coder"] == "@gold"


def test_gold_export_errors(three, tmp_path, capsys):
    out = tmp_path / "g.jsonl"
    assert main(["export", str(three), "--gold", "-o", str(out)]) == 1
    assert "no gold layer yet" in capsys.readouterr().err
    assert main(["export", str(three), "--coder", "a", "--provenance", "-o", str(out)]) == 1
    assert "--provenance goes with --gold" in capsys.readouterr().err
    assert not out.exists()


def test_agreed_attribute_values_and_relations_are_proposed_and_accepted(three):
    """Issue 16: values and relations most coders agree on reach gold; a tie or a lone one does not."""
    from annotator.store.adjudicate_layers import accept_attribute, accept_relation, layer_proposals

    with Project.open(three, backup=False) as p:
        doc = p.documents()[0]
        source = p.relation_type("about")
        for name, kind in (("a", "organisation"), ("b", "organisation"), ("c", "person")):
            spans = {(s.start, s.end): s for s in p.spans(doc.id, p.coder(name).id)}
            p.set_span_attr(spans[(4, 15)].id, "type", kind)
            if name in ("a", "b"):
                p.add_relation(source.id, spans[(19, 31)].id, spans[(4, 15)].id)
            else:
                p.add_relation(source.id, spans[(19, 21)].id, spans[(4, 15)].id)
        props = layer_proposals(p, doc.id)
        (attr,) = props.attributes
        assert (attr.span, attr.name, attr.value, attr.coders) == ((4, 15, "entity"), "type", "organisation",
                                                                   frozenset("ab"))
        assert attr.gold_span_id is None  # no gold yet: accept the span first
        (rel,) = props.relations
        assert (rel.head, rel.child, rel.type, rel.coders) == ((19, 31, "figure"), (4, 15, "entity"), "about",
                                                               frozenset("ab"))
        gold = p.ensure_gold_coder()
        head = p.add_span(doc.id, gold.id, p.labels().by_name("figure").id, 19, 31)
        child = p.add_span(doc.id, gold.id, p.labels().by_name("entity").id, 4, 15)
        props = layer_proposals(p, doc.id)
        old = accept_attribute(p, props.attributes[0])
        assert p.span(child.id).attrs == {"type": "organisation"} and old.attrs == {}
        relation = accept_relation(p, props.relations[0])
        assert (relation.head_id, relation.child_id) == (head.id, child.id)
        again = layer_proposals(p, doc.id)
        assert again.attributes[0].in_gold and again.relations[0].in_gold and not again.relations[0].acceptable


def test_annotator_adjudicate_copies_the_agreed_values_and_relations_too(three):
    with Project.open(three, backup=False) as p:
        doc = p.documents()[0]
        about = p.relation_type("about")
        for name in "ab":
            spans = {(s.start, s.end): s for s in p.spans(doc.id, p.coder(name).id)}
            p.set_span_attr(spans[(4, 15)].id, "type", "organisation")
            p.add_relation(about.id, spans[(19, 31)].id, spans[(4, 15)].id)
        report = adjudicate(p)
        assert (report.values, report.relations) == (1, 1)
        gold = p.gold_coder()
        spans = {(s.start, s.end): s for s in p.spans(doc.id, gold.id)}
        assert spans[(4, 15)].attrs == {"type": "organisation"}
        (rel,) = p.relations(doc.id, gold.id)
        assert (rel.head_id, rel.child_id) == (spans[(19, 31)].id, spans[(4, 15)].id)
