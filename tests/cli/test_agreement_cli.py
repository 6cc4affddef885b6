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
