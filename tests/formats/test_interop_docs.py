"""The examples of docs/formats.md's interoperability section, run as they stand and in order on a
two-coder Arabic project named corpus.annot: the shell lines through the CLI (spaCy's own commands in
a child process), the Python blocks in the same folder."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from annotator.cli.main import run
from interop_helpers import sample_project
from test_webanno import SAMPLE

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def _section() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Moving in and out"):text.index("## Round trips")]
    return re.findall(r"```(sh|python)\n(.*?)```", section, flags=re.S)


def test_the_interoperability_examples_run(make_project, tmp_path, monkeypatch):
    project = sample_project(make_project, tmp_path)
    project.close()
    (tmp_path / "first.annot").rename(tmp_path / "corpus.annot")
    (tmp_path / "document.tsv").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    blocks = _section()
    assert [kind for kind, _ in blocks].count("sh") == 7
    scope: dict = {}
    for kind, code in blocks:
        if kind == "python":
            exec(code, scope)
            continue
        for line in code.replace("\\\n", " ").strip().splitlines():
            argv = shlex.split(line)
            if argv[0] == "annotator":
                assert run(argv[1:]) == 0, line
            else:
                assert argv[:3] == ["python", "-m", "spacy"], line
                done = subprocess.run([sys.executable, *argv[1:]], capture_output=True, text=True, timeout=300)
                assert done.returncode == 0, done.stderr[-2000:]
    assert set(scope["names"]) >= {"O", "B-PER", "I-LOC"}
    assert scope["ents"] and scope["every"] and scope["entities"]
    assert '<Label value="PER"/>' in scope["config"] and "<Relations>" in scope["config"]
    # spacy train read the DocBin and trained one epoch: the model knows the labels
    import spacy

    nlp = spacy.load(tmp_path / "model" / "model-last")
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}

    from annotator.store import Project

    for back in ("from-prodigy", "from-ls", "from-xmi", "from-qda"):
        with Project.open(tmp_path / f"{back}.annot", readonly=True) as imported:
            assert imported.document_count() == 3, back
            assert {c.name for c in imported.coders(include_gold=False)} >= {"ali", "sara"}, back
            assert sum(len(imported.spans(d.id)) for d in imported.documents()) >= 10, back
