"""``annotator agreement``: formats on stdout and to files, --coders, --unit, bad input."""

import json

from annotator.launcher import main
from annotator.store import Project


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def project(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        doc = p.add_document("مقال", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
        other = p.add_document("unfinished", "نص لم ينته بعد")
        entity, claim = p.labels().by_name("entity").id, p.labels().by_name("claim").id
        for name, spans in (("ali", [(0, 4, entity), (5, 12, claim)]), ("mona", [(0, 4, entity)]),
                            ("sara", [(0, 4, entity), (5, 12, entity)])):
            c = p.ensure_coder(name)
            for s, e, label in spans:
                p.add_span(doc.id, c.id, label, s, e)
            p.set_status(doc.id, c.id, "done")
        p.set_status(other.id, p.coder("ali").id, "done")
    return path


def test_agreement_cli(tmp_path, capsys):
    path = project(tmp_path)
    code, out, err = run(capsys, "agreement", path)
    assert code == 0 and "Krippendorff's α" in out and "1 document(s) left out" in err
    code, out, _ = run(capsys, "agreement", path, "--format", "json", "--coders", "ali,mona", "--unit", "token")
    report = json.loads(out)
    assert report["coders"] == ["ali", "mona"] and report["unit"] == "token"
    assert list(report["cohen_kappa"]) == ["ali|mona"]
    assert report["documents"]["excluded"][0]["not_done_by"] == ["mona"]
    for suffix, marker in ((".html", "<!DOCTYPE html>"), (".md", "| Label |"), (".tex", r"\begin{table}"),
                           (".csv", "scope,label"), (".json", '"krippendorff_alpha"')):
        out_file = tmp_path / f"report{suffix}"
        code, out, err = run(capsys, "agreement", path, "-o", out_file)
        assert code == 0 and out == "" and f"to {out_file}" in err
        assert marker in out_file.read_text(encoding="utf-8")


def test_agreement_cli_bad_input(tmp_path, capsys):
    path = project(tmp_path)
    code, _, err = run(capsys, "agreement", path, "--coders", "ali,nobody")
    assert code == 1 and "no coder named 'nobody'" in err
    code, _, err = run(capsys, "agreement", path, "--coders", "ali")
    assert code == 1 and "at least two coders" in err
    code, _, err = run(capsys, "agreement", path, "-o", tmp_path / "missing" / "r.json")
    assert code == 1 and "no such folder" in err
    code, _, err = run(capsys, "agreement", tmp_path / "nope.annot")
    assert code == 1 and "nope.annot" in err


def adjudicated(path, capsys):
    """Adjudicate the project above (majority of ali, mona, sara) and mark the gold layer done."""
    code, _, err = run(capsys, "adjudicate", path)
    assert code == 0 and "adjudicated 1 document(s)" in err
    with Project.open(path) as p:
        p.set_status(p.documents()[0].id, p.gold_coder().id, "done")
    return path


def test_agreement_cli_gold_section(tmp_path, capsys):
    path = project(tmp_path)
    code, out, err = run(capsys, "agreement", path, "--format", "json")
    assert code == 0 and json.loads(out)["gold"] is None and "no gold layer" in json.loads(out)["notes"]["gold"]
    code, out, err = run(capsys, "agreement", path, "--gold-only")
    assert code == 0 and "not available" in out and "no section 'coders against gold'" in err
    adjudicated(path, capsys)
    code, out, err = run(capsys, "agreement", path)
    assert code == 0 and "Coders against gold" in out and "note: no section" not in err
    assert "Krippendorff's α" in out
    code, out, err = run(capsys, "agreement", path, "--gold-only", "--format", "json", "--coders", "sara")
    report = json.loads(out)
    assert report["gold_only"] and report["coders"] == ["sara"] and "cohen_kappa" not in report
    sara = report["gold"]["coders"]["sara"]
    # gold = the majority: (0, 4, entity); sara also marked (5, 12, entity)
    assert sara["span"]["exact"]["pooled"] == {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "tp": 1, "fp": 1, "fn": 0}
    code, out, err = run(capsys, "agreement", path, "--gold-only")
    assert code == 0 and "Coders against gold" in out and "Krippendorff" not in out
    for suffix, marker in ((".html", "<h2>Coders against gold</h2>"), (".md", "| Coder | Documents |"),
                           (".tex", "tab:agreement-gold"), (".csv", "gold,,,,span_f1_exact,sara,pooled,")):
        out_file = tmp_path / f"gold{suffix}"
        code, out, err = run(capsys, "agreement", path, "--gold-only", "-o", out_file)
        assert code == 0 and "gold report on 1 document(s)" in err
        assert marker in out_file.read_text(encoding="utf-8")
    code, _, err = run(capsys, "agreement", path, "--coders", "ali,@gold")
    assert code == 1 and "reserved" in err


def test_agreement_cli_confidence_intervals(tmp_path, capsys):
    path = project(tmp_path)
    code, out, _ = run(capsys, "agreement", path, "--format", "json", "--ci", "95", "--resamples", "40",
                       "--seed", "7", "--gamma")
    report = json.loads(out)
    assert code == 0 and report["confidence"]["resamples"] == 40 and report["confidence"]["seed"] == 7
    assert set(report["krippendorff_alpha"]["ci"]) == {"low", "high", "se", "undefined_resamples"}
    assert "gwet_ac1" in report and "gamma" in report
    assert "ci" in report["gamma"] and "gamma" in report["per_document"][0]
    code, again, _ = run(capsys, "agreement", path, "--format", "json", "--ci", "95", "--resamples", "40",
                         "--seed", "7", "--gamma")
    assert again == out
    for suffix, marker in ((".md", "40 resamples"), (".tex", "40 resamples"), (".csv", ",ci_low,"),
                           (".html", "95% interval"), (".txt", "interval")):
        out_file = tmp_path / f"ci{suffix}"
        code, _, err = run(capsys, "agreement", path, "--ci", "95", "--resamples", "40", "-o", out_file)
        assert code == 0 and marker in out_file.read_text(encoding="utf-8"), suffix
    code, _, err = run(capsys, "agreement", path, "--ci", "120")
    assert code == 1 and "--ci must be a confidence level" in err
    code, _, err = run(capsys, "agreement", path, "--ci", "95", "--ci-unit", "unit", "--resamples", "1")
    assert code == 1 and "--resamples must be" in err
