"""Hugging Face dataset folders: `datasets.load_dataset` reads them (the real consumer), ner_tags
decode to the right labels, splits are by document, and the round trip keeps every byte."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.formats.hf import assign_splits, parse_split
from fmt_helpers import do_export, do_import
from interop_helpers import round_trip, sample_project, spans_of

import datasets  # noqa: E402  (the test extra: make test installs it)


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


def test_load_dataset_reads_the_folder_and_tags_decode_to_the_spans(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "ds", "hf", coder="ali", status="done")
    ds = datasets.load_dataset(str(tmp_path / "ds"))
    train = ds["train"]
    assert train.num_rows == 3
    names = train.features["ner_tags"].feature.names
    assert names == ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
    q1 = next(r for r in train if r["id"] == "q1")
    assert q1["title"] == "سؤال ١" and q1["coder"] == "ali"
    tagged = [(tok, names[tag]) for tok, tag in zip(q1["tokens"], q1["ner_tags"]) if tag]
    # the longest of the nested PER spans is the flat one
    assert tagged == [("محمد", "B-PER"), ("بن", "I-PER"), ("سلمان", "I-PER"), ("الرياض", "B-LOC")]
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in q1["spans"]] == [
        (6, 10, "PER", "محمد"), (6, 19, "PER", "محمد بن سلمان"), (26, 32, "LOC", "الرياض")]
    q3 = next(r for r in train if r["id"] == "q3")
    assert q3["tokens"][:2] == ["و", "القدس"]  # the token is cut where the span starts
    assert [names[t] for t in q3["ner_tags"][:2]] == ["O", "B-LOC"]
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    assert "language:\n- ar" in card and 'annotators:\n- "ali"' in card
    assert "2 nested or overlapping spans not in ner_tags" in report.summary()


def test_splits_are_by_document_seeded_and_load(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "ds", "hf", all_coders=True, status="done", split="34/33/33", seed=3)
    ds = datasets.load_dataset(str(tmp_path / "ds"))
    assert set(ds) == {"train", "validation", "test"}
    seen = {}
    for split in ds:
        for row in ds[split]:
            seen.setdefault(row["id"], set()).add(split)
    assert all(len(splits) == 1 for splits in seen.values())  # both coders' rows in one split
    assert sum(ds[s].num_rows for s in ds) == 6
    do_export(project, tmp_path / "again", "hf", all_coders=True, status="done", split="34/33/33", seed=3)
    for name in ("train", "validation", "test"):
        part = f"data/{name}-00000-of-00001.parquet"
        assert (tmp_path / "ds" / part).read_bytes() == (tmp_path / "again" / part).read_bytes()


def test_assign_splits_counts_and_seed():
    parts = assign_splits(10, [80, 10, 10], seed=1)
    assert [parts.count(i) for i in range(3)] == [8, 1, 1]
    assert assign_splits(10, [80, 10, 10], seed=1) == parts
    assert assign_splits(10, [80, 10, 10], seed=2) != parts
    with pytest.raises(InputError, match="add up to 100"):
        parse_split("80/10/5")
    with pytest.raises(InputError, match="two or three"):
        parse_split("80-20")


def test_round_trip_identical_bytes_every_coder_and_note(make_project, tmp_path):
    first, second, a, b = round_trip(make_project, tmp_path, "hf", "ds")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert [str(p) for p in files] == ["README.md", "data/train-00000-of-00001.parquet"]
    assert (a / files[1]).read_bytes() == (b / files[1]).read_bytes()
    # the card names the project, and the projects are named first and second
    card = (a / "README.md").read_text(encoding="utf-8")
    assert card.replace("first", "second") == (b / "README.md").read_text(encoding="utf-8")
    assert spans_of(second) == spans_of(first)


def test_bad_parquet_is_an_error_that_changes_nothing(make_project, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "junk.parquet").write_bytes(b"PAR1 not really")
    project = make_project("p", coder="c")
    with pytest.raises(InputError, match="junk.parquet: not a readable Parquet file"):
        do_import(project, tmp_path / "junk.parquet", "hf")
    table = pa.table({"text": ["نص", "نص آخر"], "spans": [[], [{"start": 0, "end": 9, "label": "X"}]]})
    pq.write_table(table, tmp_path / "bad.parquet")
    with pytest.raises(InputError, match="bad.parquet: row 2: span .* is outside the text"):
        do_import(project, tmp_path / "bad.parquet", "hf")
    assert project.document_count() == 0


def test_the_card_gives_the_agreement_between_coders(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "ds", "hf", all_coders=True, status="done")
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    # ali has 8 spans, sara 4, all of them also ali's: F1 = 2*4 / (2*4 + 0 + 4)
    assert "| ali | sara | 3 | 0.667 | 4 | 0 | 4 |" in card
    do_export(project, tmp_path / "one", "hf", coder="ali", status="done")
    assert "Agreement between annotators" not in (tmp_path / "one" / "README.md").read_text(encoding="utf-8")
