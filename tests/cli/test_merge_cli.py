"""``annotator merge``: summary on stderr, conflicts listed with exit 1 and nothing changed, --prefer."""

import shutil

from annotator.launcher import main
from annotator.store import Project

TEXT = "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت."


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def coder_copy(lead, tmp_path, name, coder, spans):
    path = tmp_path / f"{name}.annot"
    shutil.copy(lead, path)
    with Project.open(path, backup=False) as p:
        doc = p.documents()[0]
        c = p.ensure_coder(coder)
        entity = p.labels().by_name("entity").id
        for start, end in spans:
            p.add_span(doc.id, c.id, entity, start, end)
        p.set_status(doc.id, c.id, "done")
    return path


def spans_of(path):
    with Project.open(path, readonly=True) as p:
        names = {c.id: c.name for c in p.coders()}
        return sorted((names[s.coder_id], s.start, s.end) for s in p.spans(p.documents()[0].id))


def test_merge_cli(tmp_path, capsys):
    lead = tmp_path / "lead.annot"
    with Project.create(lead) as p:
        p.add_document("الوزارة", TEXT)
    ali = coder_copy(lead, tmp_path, "ali", "ali", [(0, 4)])
    mona = coder_copy(lead, tmp_path, "mona", "mona", [(0, 4), (5, 12)])
    code, out, err = run(capsys, "merge", lead, ali, mona)
    assert code == 0 and out == ""
    assert "merged 2 file(s)" in err and "3 span(s) added" in err and "coders added: ali, mona" in err
    assert spans_of(lead) == [("ali", 0, 4), ("mona", 0, 4), ("mona", 5, 12)]

    code, _, err = run(capsys, "merge", lead, ali)  # again: nothing changes
    assert code == 0 and "0 span(s) added, 0 removed" in err

    ali2 = coder_copy(lead, tmp_path, "ali2", "ali", [(13, 15)])  # ali's copy already holds ali's (0, 4)
    code, _, err = run(capsys, "merge", lead, ali2)
    assert code == 1
    assert "conflict" in err and "'الوزارة'" in err and "coder 'ali': 1 span(s) in the target, 2 in the source" in err
    assert spans_of(lead) == [("ali", 0, 4), ("mona", 0, 4), ("mona", 5, 12)]

    code, _, err = run(capsys, "merge", lead, ali2, "--prefer", "source")
    assert code == 0 and "conflict settled by the source" in err
    assert spans_of(lead) == [("ali", 0, 4), ("ali", 13, 15), ("mona", 0, 4), ("mona", 5, 12)]


def test_merge_cli_bad_input(tmp_path, capsys):
    lead = tmp_path / "lead.annot"
    Project.create(lead).close()
    code, _, err = run(capsys, "merge", lead, tmp_path / "nope.annot")
    assert code == 1 and "nope.annot" in err
    code, _, err = run(capsys, "merge", lead, lead)
    assert code == 1 and "itself" in err


def test_merge_cli_carries_relations_and_needs_add_labels_for_a_new_relation_type(tmp_path, capsys):
    lead = tmp_path / "lead.annot"
    with Project.create(lead) as p:
        p.add_document("الوزارة", TEXT)
    copy = tmp_path / "ali.annot"
    shutil.copy(lead, copy)
    with Project.open(copy, backup=False) as p:
        doc, ali, labels = p.documents()[0], p.ensure_coder("ali"), p.labels()
        claim = p.add_span(doc.id, ali.id, labels.by_name("claim").id, 16, 28)
        entity = p.add_span(doc.id, ali.id, labels.by_name("entity").id, 5, 12)
        p.add_relation(p.relation_type("source").id, claim.id, entity.id)
        cites = p.add_relation_type("cites", pairs=[("claim", "entity")])
        p.add_relation(cites.id, claim.id, entity.id)
    code, _, err = run(capsys, "merge", lead, copy)
    assert code == 1 and "relation type 'cites'" in err and "--add-labels" in err and "Traceback" not in err
    assert spans_of(lead) == []
    code, _, err = run(capsys, "merge", lead, copy, "--add-labels")
    assert code == 0 and "2 relation(s) added" in err and "schema added: relation type 'cites'" in err
    with Project.open(lead, readonly=True) as p:
        doc = p.documents()[0]
        spans = {s.id: (s.start, s.end) for s in p.spans(doc.id)}
        types = {t.id: t.name for t in p.relation_types()}
        assert sorted((types[r.type_id], spans[r.head_id], spans[r.child_id]) for r in p.relations(doc.id)) == [
            ("cites", (16, 28), (5, 12)), ("source", (16, 28), (5, 12))]
