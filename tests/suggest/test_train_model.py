"""annotator train and the model:DIR source, on ANERCorp sentences (CC BY-SA), with a few steps only
(the real measurement is scripts/suggest_anercorp.py, in docs/benchmarks.md)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import LabelSchema
from annotator.launcher import main
from annotator.store.project import Project
from annotator.suggest import Request, make_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    path = folder / "p.annot"
    records = [json.loads(line) for line in (FIXTURES / "anercorp_iraq.jsonl").read_text(encoding="utf-8").splitlines()]
    with Project.create(path, coder="salma", labels=LabelSchema.specs_from_names(["PERS", "LOC", "ORG", "MISC"])) as p:
        coder = p.coder("salma").id
        labels = p.labels()
        for n, rec in enumerate(records):
            doc = p.add_document(rec["id"], rec["text"], external_id=rec["id"])
            if n < 22:
                for s in rec["spans"]:
                    p.add_span(doc.id, coder, labels.by_name(s["label"]).id, s["start"], s["end"])
                p.set_status(doc.id, coder, "done")
    # In its own process, as a user runs it (spaCy's printer keeps the stdout it first saw, and
    # earlier tests capture and close theirs).
    done = subprocess.run([sys.executable, "-m", "annotator", "train", str(path), "--coder", "salma",
                           "-o", str(folder / "model"), "--max-steps", "40"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return path, folder / "model", records


def test_the_model_folder_records_what_it_was_trained_on(trained, capsys):
    path, model, records = trained
    meta = json.loads((model / "annotator-model.json").read_text(encoding="utf-8"))
    assert meta["coder"] == "salma" and meta["project"].endswith("p.annot")
    assert set(meta["labels"]) <= {"PERS", "LOC", "ORG", "MISC"} and "LOC" in meta["labels"]
    docs = meta["documents"]
    assert len(docs["held_out"]) == 4 and len(docs["train"]) + len(docs["dev"]) == 18  # 22 finished, 20 % held out
    assert not set(docs["held_out"]) & set(docs["train"])
    assert set(docs["held_out"] + docs["train"] + docs["dev"]) == {r["id"] for r in records[:22]}
    assert 0 <= meta["scores"]["held_out"]["f1"] <= 1 and "trained_at" in meta and meta["train_seconds"] > 0
    assert (model / "model-best" / "meta.json").is_file()
    assert meta["epochs"] == 15 and 1 <= meta["epochs_run"] <= 15 and 1 <= meta["steps_run"] <= 41  # --max-steps 40: spaCy stops after update 40 (from 0)
    assert meta["train_cpu_seconds"] > 0


def test_model_suggestions_score_the_held_out_precision_of_their_label(trained):
    path, model, records = trained
    meta = json.loads((model / "annotator-model.json").read_text(encoding="utf-8"))
    precision = {label: prf["p"] for label, prf in meta["scores"]["held_out"]["per_label"].items()}
    source = make_source(f"model:{model}")
    found = list(source.suggest(Request(documents=[(i, r["text"]) for i, r in enumerate(records)])))
    for s in found:
        assert s.source == "model:model" and s.score == round(precision.get(s.label, 0.5), 4)
        assert records[s.document_id]["text"][s.start:s.end].strip()
    code = main(["suggest", str(path), "--source", f"model:{model}"])
    assert code == 0
    with Project.open(path, readonly=True) as p:
        stored = sum(p.suggestion_counts().values())
        finished = [d for d in p.documents() if p.status(d.id, p.coder("salma").id).value == "done"]
        assert all(p.suggestions(d.id) == [] for d in finished)  # only the unfinished documents
    assert stored == sum(1 for s in found if s.document_id >= 22)


def test_train_refuses_bad_input_with_one_line(trained, tmp_path, capsys):
    path, model, _ = trained
    assert main(["train", str(path), "--coder", "nobody", "-o", str(tmp_path / "m")]) != 0
    assert "no coder 'nobody'" in capsys.readouterr().err
    assert main(["train", str(path), "--coder", "salma", "-o", str(model)]) != 0
    assert "not empty" in capsys.readouterr().err
    assert main(["train", str(path), "--gold", "-o", str(tmp_path / "g")]) != 0
    assert "no gold layer" in capsys.readouterr().err
    assert main(["train", str(path), "--coder", "salma", "--epochs", "0", "-o", str(tmp_path / "e")]) != 0
    assert "--epochs must be between 1 and 1000" in capsys.readouterr().err and not (tmp_path / "e").exists()
    with pytest.raises(InputError, match="no such model folder"):
        make_source(f"model:{tmp_path / 'none'}")


def test_without_spacy_it_says_how_to_install_it(trained, tmp_path, capsys, monkeypatch):
    path, _, _ = trained
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy now raises ImportError
    assert main(["train", str(path), "--coder", "salma", "-o", str(tmp_path / "m")]) != 0
    err = capsys.readouterr().err
    assert "pip install 'arabic-annotator[suggest]'" in err and "Traceback" not in err
