"""annotator suggest and export --suggestions on real Arabic text (ANERCorp sentences, CC BY-SA)."""

import json
from pathlib import Path

from annotator.launcher import main
from annotator.store.project import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def make_project(tmp_path):
    """The 28 ANERCorp sentences; the coder 'salma' finished the first 10 with their gold spans."""
    path = tmp_path / "p.annot"
    records = [json.loads(line) for line in (FIXTURES / "anercorp_iraq.jsonl").read_text(encoding="utf-8").splitlines()]
    from annotator.core.model import LabelSchema
    with Project.create(path, coder="salma", labels=LabelSchema.specs_from_names(["PERS", "LOC", "ORG", "MISC", "figure"])) as p:
        coder = p.coder("salma").id
        labels = p.labels()
        for n, rec in enumerate(records):
            doc = p.add_document(rec["id"], rec["text"], external_id=rec["id"])
            if n < 10:
                for s in rec["spans"]:
                    p.add_span(doc.id, coder, labels.by_name(s["label"]).id, s["start"], s["end"])
                p.set_status(doc.id, coder, "done")
    return path, records


def test_suggest_occurrences_and_figures_then_export(tmp_path, capsys):
    path, records = make_project(tmp_path)
    code, _, err = run(capsys, "suggest", path, "--source", "occurrences", "--clitic-rule", "token")
    assert code == 0, err
    assert "occurrences:" in err and "on 18 document(s) for salma" in err
    with Project.open(path, readonly=True) as p:
        docs = {d.external_id: d.id for d in p.documents()}
        coder = p.coder("salma").id
        assert all(p.spans(docs[r["id"]], coder) == [] for r in records[10:])  # nothing in the coder's layer
        loc = p.labels().by_name("LOC").id
        baghdad = [(s.start, s.end) for s in p.suggestions(docs["anercorp-test-00652"]) if s.label_id == loc]
        text = records[25]["text"]
        assert (text.index("ببغداد"), text.index("ببغداد") + 6) in baghdad  # the token rule, as ANERCorp's gold
        assert p.suggestions(docs[records[0]["id"]]) == []  # finished documents are left alone
        total = sum(len(p.suggestions(d)) for d in docs.values())
    # Run again: nothing new, and the minimum score is honoured.
    code, _, err = run(capsys, "suggest", path, "--source", "occurrences", "--clitic-rule", "token", "--min-score", "0.95")
    assert code == 0 and "0 new" in err and "below the minimum score" in err
    code, _, err = run(capsys, "suggest", path, "--source", "figures", "--documents", "all")
    assert code == 0, err
    out = tmp_path / "s.jsonl"
    code, _, err = run(capsys, "export", path, "--suggestions", "-o", out)
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    items = [s for rec in lines for s in rec["suggestions"]]
    assert {s["source"] for s in items} == {"occurrences", "figures"}
    assert len([s for s in items if s["source"] == "occurrences"]) == total
    for rec in lines:
        for s in rec["suggestions"]:
            assert rec["text"][s["start"]:s["end"]] == s["text"] and 0 <= s["score"] <= 1
    figures = [s for s in items if s["source"] == "figures" and s["value"]]
    assert figures and all(s["label"] == "figure" for s in figures)
    # Scored against the gold of the 18 unfinished sentences: every suggested occurrence is a gold span.
    gold = {(r["id"], s["start"], s["end"], s["label"]) for r in records for s in r["spans"]}
    occ = [(rec["id"], s["start"], s["end"], s["label"]) for rec in lines for s in rec["suggestions"]
           if s["source"] == "occurrences"]
    precision = sum(o in gold for o in occ) / len(occ)
    assert precision > 0.8, precision


def test_bad_source_and_bad_options_are_one_line_errors(tmp_path, capsys):
    path, _ = make_project(tmp_path)
    before = path.read_bytes()
    code, _, err = run(capsys, "suggest", path, "--source", "nope")
    assert code != 0 and "unknown suggestion source 'nope'" in err and "Traceback" not in err
    code, _, err = run(capsys, "suggest", path, "--source", "figures", "--min-score", "2")
    assert code != 0 and "--min-score must be between 0 and 1" in err
    code, _, err = run(capsys, "suggest", path, "--source", "figures", "--coder", "nobody")
    assert code != 0 and "no coder 'nobody'" in err
    code, _, err = run(capsys, "export", path, "--suggestions", "--format", "conll", "-o", tmp_path / "x")
    assert code != 0 and "--suggestions exports the whole suggestions layer as jsonl" in err
    with Project.open(path, readonly=True) as p:
        assert p.suggestion_counts() == {}
