"""``annotator stats`` on a project file reads it with sqlite3 alone (issue 21: no SQLAlchemy to
import), gives the same counts as ``Project.stats``, and falls back to ``Project`` for an older schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from annotator.launcher import main
from annotator.store import Project, quick_stats

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "مشروع.annot"
    with Project.create(path, coder="ليلى") as project:
        labels = project.labels()
        docs = [project.add_document(f"نص {i}", "قال المبعوث الأميركي إن 500 جندي وصلوا " * (i + 1)).id
                for i in range(3)]
        layla, omar = project.coder("ليلى"), project.ensure_coder("عمر")
        project.add_span(docs[0], layla.id, labels.by_name("entity").id, 4, 11)
        project.add_span(docs[0], layla.id, labels.by_name("claim").id, 0, 20)
        project.add_span(docs[1], omar.id, labels.by_name("entity").id, 4, 11)
        project.set_status(docs[0], layla.id, "done")
        project.set_status(docs[1], layla.id, "in_progress")
        project.set_status(docs[2], omar.id, "done")
    return path


def test_the_quick_counts_are_the_projects_counts(tmp_path):
    path = _project(tmp_path)
    with Project.open(path, readonly=True) as project:
        expected = project.stats()
    assert quick_stats.stats(path) == expected
    assert expected["spans_per_label"]["ليلى"] == {"entity": 1, "claim": 1, "figure": 0}
    assert expected["status"]["ليلى"] == {"new": 1, "in_progress": 1, "done": 1}
    assert expected["status"]["عمر"] == {"new": 2, "in_progress": 0, "done": 1}


def test_the_command_reads_a_current_file_without_sqlalchemy_and_changes_nothing(tmp_path):
    path = _project(tmp_path)
    before = path.read_bytes()
    probe = ("import json, sys\nfrom annotator.launcher import main\ncode = main(['stats', sys.argv[1], '--json'])\n"
             "print(json.dumps({'code': code, 'sqlalchemy': 'sqlalchemy' in sys.modules}), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120)
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result == {"code": 0, "sqlalchemy": False}
    assert json.loads(done.stdout)["spans"] == 3
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, -shm or journal left


def test_an_older_schema_is_counted_through_project_and_left_as_it_was(tmp_path, capsys):
    path = tmp_path / "old.annot"
    shutil.copy(FIXTURES / "schema-v4.annot", path)
    before = path.read_bytes()
    assert quick_stats.stats(path) is None  # too old for the quick reader: Project reads an upgraded copy
    assert main(["stats", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    with Project.open(path, readonly=True) as project:
        assert shown == project.stats()
    assert shown["project"] == str(path)  # the user's file, not the temporary upgraded copy
    assert shown["documents"] > 0
    assert path.read_bytes() == before


def test_the_text_output_is_the_same_either_way(tmp_path, capsys, monkeypatch):
    path = _project(tmp_path)
    assert main(["stats", str(path)]) == 0
    quick = capsys.readouterr().out
    monkeypatch.setattr(quick_stats, "stats", lambda _path: None)  # as for a file the quick reader declines
    assert main(["stats", str(path)]) == 0
    assert capsys.readouterr().out == quick
    assert "ليلى" in quick and "عمر" in quick and "done" in quick
