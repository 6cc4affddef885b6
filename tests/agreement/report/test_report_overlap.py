"""The agreement report on assigned work: each pair of coders compared on the documents assigned
to both, which is where the overlap of 'annotator assign' puts them."""

from __future__ import annotations

import json

from annotator.core.assignment import plan_assignments
from annotator.launcher import main
from annotator.store import Project


def test_agreement_uses_the_assigned_overlap(tmp_path, capsys):
    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        label = p.labels().by_name("entity").id
        docs = [p.add_document(f"d{i}", f"قالت الوزارة إن {i} ألف باوند من الذخيرة استخدمت.") for i in range(6)]
        plan = plan_assignments([d.id for d in docs], ["a", "b", "c"], 2, seed=2)
        p.assign(plan)
        for doc_id, names in plan.by_document.items():
            for name in names:
                coder = p.coder(name)
                p.add_span(doc_id, coder.id, label, 0, 5)
                if name == "c":  # c also marks one more span: disagreement with a and b
                    p.add_span(doc_id, coder.id, label, 10, 15)
                p.set_status(doc_id, coder.id, "done")
    assert main(["agreement", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"]["count"] == 0  # no document has all three coders
    rows = {tuple(r["coders"]): r for r in report["assigned_overlap"]}
    assert set(rows) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert all(r["assigned_to_both"] == r["done_by_both"] == 2 for r in rows.values())
    assert rows[("a", "b")]["span_f1_exact"] == 1.0 and rows[("a", "b")]["cohen_kappa"] == 1.0
    assert rows[("a", "c")]["span_f1_exact"] < 1.0
    assert main(["agreement", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Pairs on their assigned overlap" in text and "a & b" in text
