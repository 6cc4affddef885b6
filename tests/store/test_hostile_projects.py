"""Project files from strangers: a corpus of hostile project files x every operation. Each
operation either works or prints ONE clear line (exit 1), never a traceback, never a hang; a
refused file is left byte for byte as it was; triggers and views never run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.launcher import main
from annotator.store import Project
from hostile_files import HOSTILE, TRIGGERS_OR_VIEWS, build_corpus, deadline, digest, good_project

DEADLINE_S = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


def _open(path, work):
    try:
        with Project.open(path) as project:
            project.stats()
        return 0
    except ProjectError as exc:
        print(f"annotator: error: {exc}", file=__import__("sys").stderr)
        return 1


def _jsonl(work: Path) -> Path:
    path = work / "more.jsonl"
    path.write_text('{"text": "نص جديد تماما"}\n', encoding="utf-8")
    return path


OPERATIONS = {
    "open": lambda p, w: _open(p, w),
    "stats": lambda p, w: main(["stats", str(p), "--json"]),
    "export": lambda p, w: main(["export", str(p), "-o", str(w / "out.jsonl"), "--all-coders", "--status", "all"]),
    "merge into a good project": lambda p, w: main(["merge", str(good_project(w / "target.annot")), str(p)]),
    "agreement": lambda p, w: main(["agreement", str(p), "--format", "json", "-o", str(w / "agr.json")]),
    "adjudicate": lambda p, w: main(["adjudicate", str(p)]),
    "import into": lambda p, w: main(["import", str(p), str(_jsonl(w))]),
}
WRITES = {"adjudicate", "import into", "open"}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_hostile_file_gives_one_line_or_works(corpus, tmp_path, capsys, hostile, operation):
    path = tmp_path / "received.annot"
    shutil.copyfile(corpus[hostile], path)
    before = digest(path)
    with deadline(DEADLINE_S):
        code = OPERATIONS[operation](path, tmp_path)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out and "\x1b" not in out and "\x07" not in out, out[-2000:]
    assert code in (0, 1), out[-2000:]
    if code == 1:
        errors = [line for line in captured.err.splitlines() if line.startswith("annotator: error:")]
        assert len(errors) == 1 and len(errors[0]) < 600, captured.err[-2000:]
        assert "your data is lost" not in out  # an attacker's RAISE text never reaches the user
        if operation != "merge into a good project" and "refused" in errors[0]:
            assert digest(path) == before, "a refused file was changed"
    if hostile in TRIGGERS_OR_VIEWS:
        assert code == 1 and "refused" in captured.err, out[-2000:]
        assert digest(path) == before
