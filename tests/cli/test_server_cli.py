"""Every command takes a postgresql:// URL where it takes a project file, with the same results;
three coders import at once from three processes; URLs are masked in every message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.launcher import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def _coder_files(tmp_path):
    """Three coders' JSONL files of the same documents, with different spans."""
    rows = [json.loads(line) for line in (FIXTURES / "formats" / "anercorp_excerpt.jsonl").read_text("utf-8").splitlines()]
    files = []
    for k, coder in enumerate(["a", "b", "c"]):
        out = tmp_path / f"{coder}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for i, row in enumerate(rows):
                spans = [s for j, s in enumerate(row["spans"]) if (i + j + k) % 4]  # each coder drops some
                fh.write(json.dumps({"id": row["id"], "text": row["text"], "spans": spans}, ensure_ascii=False) + "\n")
        files.append((coder, out))
    return files


def _session(capsys, project, tmp_path, tag, parallel):
    """The lead sets up the project, three coders annotated in their own files; their work is
    merged into the project (on the server: from three processes at the same moment)."""
    labels = ("--labels", "PERS,LOC,ORG,MISC")
    assert run(capsys, "new", project, *labels)[0] == 0
    texts = tmp_path / "texts.jsonl"
    rows = [json.loads(line) for line in (FIXTURES / "formats" / "anercorp_excerpt.jsonl").read_text("utf-8").splitlines()]
    texts.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows),
                     encoding="utf-8")
    assert run(capsys, "import", project, texts)[0] == 0
    coder_files = []
    for coder, path in _coder_files(tmp_path):
        own = tmp_path / f"{tag}-{coder}.annot"
        assert run(capsys, "new", own, *labels)[0] == 0
        assert run(capsys, "import", own, path, "--coder", coder, "--status", "done")[0] == 0
        coder_files.append(own)
    if parallel:
        procs = [subprocess.Popen([sys.executable, "-m", "annotator", "merge", str(project), str(own)],
                                  stderr=subprocess.PIPE, text=True, env=os.environ) for own in coder_files]
        for proc in procs:
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    else:
        for own in coder_files:
            code, _out, err = run(capsys, "merge", project, own)
            assert code == 0, err
    code, out, err = run(capsys, "stats", project, "--json")
    assert code == 0, err
    stats = json.loads(out)
    stats.pop("project")
    code, _out, err = run(capsys, "adjudicate", project, "--coders", "a,b,c", "--strategy", "majority")
    assert code == 0, err
    export = tmp_path / f"{tag}.jsonl"
    code, _out, err = run(capsys, "export", project, "-o", export, "--all-coders", "--status", "all")
    assert code == 0, err
    code, report, err = run(capsys, "agreement", project, "--coders", "a,b,c", "--format", "json")
    assert code == 0, err
    return stats, export.read_bytes(), json.loads(report)


def test_a_server_project_gives_what_the_same_file_project_gives(capsys, tmp_path, pg_url):
    file_stats, file_export, file_report = _session(capsys, tmp_path / "p.annot", tmp_path, "file", parallel=False)
    server_stats, server_export, server_report = _session(capsys, pg_url, tmp_path, "server", parallel=True)
    assert server_stats["spans"] > 0 and sorted(server_stats["coders"]) == ["a", "b", "c"]
    server_stats["coders"].sort()
    file_stats["coders"].sort()
    assert server_stats == file_stats
    # import order of the coders differs (parallel), so compare the export as a set of records
    assert sorted(server_export.splitlines()) == sorted(file_export.splitlines())
    assert _metrics(server_report) == _metrics(file_report)


def _metrics(report):
    """The agreement report without what names the project."""
    return {key: value for key, value in report.items() if key not in ("project", "path")}


def test_commands_mask_the_password_of_a_url(capsys):
    url = "postgresql://lead:s3cret-pw@127.0.0.1:1/lab"
    for argv in (["stats", url], ["export", url, "-o", "/tmp/never.jsonl"], ["copy", url, "/tmp/never.annot"]):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert "s3cret-pw" not in out + err
        assert "postgresql://lead:***@127.0.0.1:1/lab" in err and "cannot be reached" in err
