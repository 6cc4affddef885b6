"""Issue 17's check, end to end on the suite's own PostgreSQL: the lead's project file is copied up,
``server init`` makes it a team project, three coders (each logged in as their own role) import their
files at once from three processes, and stats, export and agreement equal those of the same work in a
project file; a coder's role cannot write another coder's spans, by the app or by raw SQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LABELS = ("--labels", "PERS,LOC,ORG,MISC")


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _files(tmp_path):
    """The texts, and three coders' JSONL files of them with different spans."""
    rows = [json.loads(line) for line in (FIXTURES / "formats" / "anercorp_excerpt.jsonl").read_text("utf-8").splitlines()]
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows),
                     encoding="utf-8")
    coders = []
    for k, coder in enumerate(["a", "b", "c"]):
        out = tmp_path / f"{coder}.jsonl"
        out.write_text("".join(json.dumps({"id": r["id"], "text": r["text"],
                                           "spans": [s for j, s in enumerate(r["spans"]) if (i + j + k) % 4]},
                                          ensure_ascii=False) + "\n" for i, r in enumerate(rows)), encoding="utf-8")
        coders.append((coder, out))
    return texts, coders


def _results(capsys, project, tmp_path, tag):
    stats = json.loads(run(capsys, "stats", project, "--json"))
    stats.pop("project")
    if "lena" in stats["coders"]:  # the lead's login has a coder row (with no work) on the server
        assert sum(stats["spans_per_label"].pop("lena").values()) == 0
        assert stats["status"].pop("lena")["done"] == 0
        stats["coders"].remove("lena")
    stats["coders"].sort()
    export = tmp_path / f"{tag}.jsonl"
    run(capsys, "export", project, "-o", export, "--all-coders", "--status", "all")
    report = json.loads(run(capsys, "agreement", project, "--coders", "a,b,c", "--format", "json"))
    return stats, sorted(export.read_bytes().splitlines()), {k: v for k, v in report.items() if k not in ("project", "path")}


def test_copy_up_init_three_coders_at_once_same_results_and_roles_hold(capsys, tmp_path, pg_server, pg_url):
    texts, coders = _files(tmp_path)
    lead_file = tmp_path / "lead.annot"
    run(capsys, "new", lead_file, *LABELS)
    run(capsys, "import", lead_file, texts)
    # the same project as a file, for comparison: each coder's file imported one after the other
    solo = tmp_path / "solo.annot"
    run(capsys, "copy", lead_file, solo)
    for coder, path in coders:
        run(capsys, "import", solo, path, "--coder", coder, "--status", "done")
    # the team: the lead's file up to the server, made a team project, a login per coder
    run(capsys, "copy", lead_file, pg_url)
    run(capsys, "server", "init", pg_url, "--lead", "lena")
    for coder, _path in coders:
        run(capsys, "server", "add-coder", pg_url, coder)
    database = pg_url.rsplit("/", 1)[1]
    procs = [subprocess.Popen([sys.executable, "-m", "annotator", "import", pg_server.socket_url(database, coder),
                               str(path), "--coder", coder, "--status", "done"],
                              stderr=subprocess.PIPE, text=True, env=os.environ) for coder, path in coders]
    for proc in procs:  # three coders at the same moment, each as their own role
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    server = _results(capsys, pg_url, tmp_path, "server")
    file = _results(capsys, solo, tmp_path, "file")
    assert server[0]["spans"] > 0 and server[0]["coders"] == ["a", "b", "c"]
    assert server == file
    # a's role cannot write b's spans: neither through the app nor with SQL
    with Project.open(pg_server.socket_url(database, "a")) as as_a:
        b_id, doc = as_a.coder("b").id, as_a.documents()[0]
        theirs = as_a.spans(doc.id, b_id)[0]
        with pytest.raises(ProjectError, match="refused"):
            as_a.add_span(doc.id, b_id, theirs.label_id, 0, 1)
        with pytest.raises(ProjectError, match="refused|not yours"):
            as_a.remove_span(theirs.id)
    with psycopg.connect(host=str(pg_server.socket_dir), port=pg_server.port, user="a", dbname=database,
                         autocommit=True) as conn:
        b = conn.execute("SELECT id FROM coders WHERE name = 'b'").fetchone()[0]
        assert conn.execute("UPDATE spans SET end_offset = end_offset + 1 WHERE coder_id = %s", (b,)).rowcount == 0
        assert conn.execute("DELETE FROM spans WHERE coder_id = %s", (b,)).rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("INSERT INTO spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                         "updated_at) SELECT id, %s, 1, 0, 1, now(), now() FROM documents LIMIT 1", (b,))
    assert _results(capsys, pg_url, tmp_path, "after")[0] == server[0]  # b's work is untouched
