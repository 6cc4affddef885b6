"""spaCy DocBin: `spacy train` trains on it (the real consumer), every entity is where it was,
--align decides what happens to spans that cut tokens, and the round trip keeps every byte."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from fmt_helpers import do_export, do_import
from interop_helpers import round_trip, sample_project, spans_of

import spacy  # noqa: E402  (the spacy extra: make test installs it)
from spacy.tokens import DocBin  # noqa: E402


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))


def test_entities_and_span_groups_match_the_spans(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "train.spacy", "spacy", coder="ali", status="done")
    docs = {doc.text: doc for doc in _docs(tmp_path / "train.spacy")}
    expected = {text: spans for (text, coder), spans in spans_of(project).items() if coder == "ali"}
    assert set(docs) == set(expected)
    q1 = next(text for text in docs if text.startswith("😀"))
    doc = docs[q1]
    assert [(e.text, e.label_) for e in doc.ents] == [("محمد بن سلمان", "PER"), ("الرياض", "LOC")]
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) == \
        [(s, e, lab) for s, e, lab, _ in expected[q1]]
    for text, spans in expected.items():
        group = sorted((s.start_char, s.end_char, s.label_) for s in docs[text].spans["sc"])
        if text.startswith("والقدس"):
            assert group == [(0, 6, "LOC")]  # expanded to the whole token
        else:
            assert group == [(s, e, lab) for s, e, lab, _ in spans]
    summary = report.summary()
    assert "1 spans moved to token boundaries (--align expand)" in summary
    assert "2 nested or overlapping spans not in doc.ents" in summary


@pytest.mark.parametrize("mode, reason", [("strict", "that do not fall on spaCy token boundaries, dropped (--align strict)"),
                                          ("contract", "with no whole token inside them, dropped (--align contract)")])
def test_align_strict_and_contract_drop_the_token_cutting_span(make_project, tmp_path, mode, reason):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "t.spacy", "spacy", coder="ali", status="done", align=mode)
    doc = next(d for d in _docs(tmp_path / "t.spacy") if d.text.startswith("والقدس"))
    assert list(doc.spans["sc"]) == [] and f"1 spans {reason}" in report.summary()


def test_unknown_align_mode_is_an_error(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    with pytest.raises(InputError, match="unknown --align 'loose'"):
        do_export(project, tmp_path / "t.spacy", "spacy", coder="ali", align="loose")
    assert not (tmp_path / "t.spacy").exists()


def test_round_trip_identical_bytes_with_coders_and_notes(make_project, tmp_path):
    first, second, a, b = round_trip(make_project, tmp_path, "spacy", "t.spacy")
    assert a.read_bytes() == b.read_bytes()
    got = spans_of(second)
    want = {k: [(0, 6, "LOC", None)] if k[0].startswith("والقدس") else v for k, v in spans_of(first).items()}
    assert got == want


def test_bad_docbin_is_an_error_that_changes_nothing(make_project, tmp_path):
    import zlib

    project = make_project("p", coder="c")
    (tmp_path / "junk.spacy").write_bytes(b"not zlib at all")
    with pytest.raises(InputError, match="junk.spacy: not a spaCy DocBin"):
        do_import(project, tmp_path / "junk.spacy")
    (tmp_path / "odd.spacy").write_bytes(zlib.compress(b"\x93\x01\x02\x03"))
    with pytest.raises(InputError, match="odd.spacy: not a readable spaCy DocBin"):
        do_import(project, tmp_path / "odd.spacy")
    assert project.document_count() == 0


# `spacy train` itself runs on such an export in test_interop_docs.py (the documented commands).
