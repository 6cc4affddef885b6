"""Every occurrence, on real Arabic text (tests/fixtures/text: ANERCorp sentences, Farasa WikiNews)."""

import json
from pathlib import Path

import unicodedata

import pytest

from annotator.core.arabic import strip_marks

from annotator.suggest import Request, Seed, make_source
from annotator.suggest.base import drop_known

FIXTURES = Path(__file__).parents[1] / "fixtures" / "text"


@pytest.fixture(scope="module")
def anercorp():
    lines = (FIXTURES / "anercorp_iraq.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def run(docs, seeds, **options):
    source = make_source("occurrences")
    return list(source.suggest(Request(documents=docs, seeds=seeds, options=options)))


def test_baghdad_finds_itself_and_with_a_proclitic(anercorp):
    docs = [(i, d["text"]) for i, d in enumerate(anercorp)]
    found = run(docs, [Seed("بغداد", "LOC")])
    texts = sorted({docs[s.document_id][1][s.start:s.end] for s in found})
    assert texts == ["بغداد"]  # the stem rule: the ب of ببغداد is left out
    tokens = {(s.document_id, s.start) for s in found}
    n = next(i for i, d in enumerate(anercorp) if d["id"] == "anercorp-test-00652")  # ببغداد ... في بغداد
    text = docs[n][1]
    assert text.index("ببغداد") + 1 in {start for doc, start in tokens if doc == n}
    assert text.index("في بغداد") + 3 in {start for doc, start in tokens if doc == n}
    scores = {docs[s.document_id][1][s.start - 1:s.end]: s.score for s in found if s.document_id == n}
    assert scores["ببغداد"] == 0.8 and scores[" بغداد"] == 1.0
    # Every gold بغداد / ببغداد of the fixture is found, and nothing else.
    gold = sorted((i, sp["start"]) for i, d in enumerate(anercorp) for sp in d["spans"] if "بغداد" in sp["text"])
    got = sorted((s.document_id, s.start - (1 if docs[s.document_id][1][s.start - 1] == "ب" else 0)) for s in found)
    assert got == gold


def test_token_rule_proposes_the_whole_token_as_anercorp_labels_it(anercorp):
    docs = [(i, d["text"]) for i, d in enumerate(anercorp)]
    found = run(docs, [Seed("بغداد", "LOC")], clitic_rule="token")
    gold = sorted((i, sp["start"], sp["end"]) for i, d in enumerate(anercorp) for sp in d["spans"] if "بغداد" in sp["text"])
    assert sorted((s.document_id, s.start, s.end) for s in found) == gold


def test_whole_tokens_only_and_clitics_can_be_turned_off(anercorp):
    docs = [(i, d["text"]) for i, d in enumerate(anercorp)]
    found = run(docs, [Seed("العراق", "LOC")])
    texts = {docs[s.document_id][1][s.start:s.end] for s in found}
    assert texts == {"العراق"}  # also in بالعراق (ب before the seed); never العراقي or العراقية
    assert any(docs[s.document_id][1][s.start - 1] == "ب" for s in found)
    assert all(docs[s.document_id][1][s.end:s.end + 1] in ("", " ") for s in found)
    plain = run(docs, [Seed("العراق", "LOC")], clitics=False)
    assert {docs[s.document_id][1][s.start:s.end] for s in plain} == {"العراق"}
    assert len(plain) == len(found) - 1


def test_harakat_and_hamza_forms_are_ignored_and_marks_stay_in_the_span():
    text = (FIXTURES / "farasa_excerpt.txt").read_text(encoding="utf-8")
    found = run([(1, text)], [Seed("الاكاديمية", "ORG")])
    got = [text[s.start:s.end] for s in found]
    assert len(got) == 2 and all(strip_marks(g) == "الأكاديمية" and g != strip_marks(g) for g in got)
    assert all(unicodedata.category(g[-1]) == "Mn" for g in got)  # the last letter's mark is in the span
    assert all(s.score == 0.9 for s in found)  # equal only after folding
    assert all(not text[s.end:s.end + 1].strip() or text[s.end] in "،." for s in found)


def test_tatweel_and_contracted_article():
    text = "زار الوفد بغــداد ثم عاد للعراق، وفي العراق قال إن العراقيين"
    found = run([(7, text)], [Seed("بغداد", "LOC"), Seed("العراق", "LOC")])
    got = sorted(text[s.start:s.end] for s in found)
    assert got == ["العراق", "بغــداد", "للعراق"]


def test_label_shares_and_longest_match():
    text = "قال أحمد حسن إن أحمد سافر"
    found = run([(1, text)], [Seed("أحمد حسن", "PERS"), Seed("أحمد", "PERS"), Seed("أحمد", "PERS"), Seed("أحمد", "ORG")])
    by = {(text[s.start:s.end], s.label): s.score for s in found}
    assert by[("أحمد حسن", "PERS")] == 1.0
    assert ("أحمد", "PERS") in by and round(by[("أحمد", "PERS")], 3) == 0.667
    # the أحمد inside أحمد حسن is not proposed again as PERS
    assert sum(1 for s in found if s.label == "PERS" and text[s.start:s.end] == "أحمد") == 1


def test_known_spans_and_rejections_are_dropped():
    text = "بغداد وبغداد"
    found = run([(1, text)], [Seed("بغداد", "LOC")])
    assert len(found) == 2
    kept = list(drop_known(found, {1: {(0, 5, "LOC")}}))
    assert [(s.start, s.end) for s in kept] == [(7, 12)]
    assert list(drop_known(found, {1: {(0, 5, "LOC")}}, {(1, 7, 12, "LOC")})) == []


def test_unknown_source_and_bad_rule_are_clear_errors():
    from annotator.core.errors import InputError
    with pytest.raises(InputError, match="unknown suggestion source 'nope'"):
        make_source("nope")
    with pytest.raises(ValueError, match="clitic rule"):
        run([(1, "x")], [Seed("بغداد", "LOC")], clitic_rule="both")


def test_proclitics_are_the_core_rule_future_sin_included_short_and_whole_words_not_split():
    """The suggester and the annotation window's clitic key share core.tokens' rule: س before a
    verb's prefix is a proclitic; ولد keeps its و (too short), الذي its ال (a whole word)."""
    text = "قال إنه سيقول الحق، وستقول ما يقول. ولد الذي"
    seeds = [Seed("يقول", "claim"), Seed("تقول", "claim"), Seed("لد", "X"), Seed("ذي", "X")]
    found = {(text[s.start:s.end], s.start, s.score) for s in run([(1, text)], seeds)}
    assert found == {("يقول", text.index("سيقول") + 1, 0.8), ("تقول", text.index("وستقول") + 2, 0.8),
                     ("يقول", text.index(" يقول") + 1, 1.0)}
    whole = {text[s.start:s.end] for s in run([(1, text)], seeds, clitic_rule="token")}
    assert whole == {"سيقول", "وستقول", "يقول"}


def test_every_clitic_suggestion_begins_where_the_core_rule_ends_a_proclitic(anercorp):
    from annotator.core.tokens import proclitic_bounds, token_at

    import re

    docs = [(i, d["text"]) for i, d in enumerate(anercorp)]
    words = sorted({w for _, text in docs for w in re.findall(r"\w+", text) if w.startswith("ال") and len(w) >= 5})
    seeds = [Seed(w, "X") for w in words] + [Seed(w[2:], "Y") for w in words]  # with and without the article
    clitic = [s for s in run(docs, seeds) if docs[s.document_id][1][s.start - 1].isalpha()]
    assert len(clitic) > 100
    prefixes = set()
    for s in clitic:
        text = docs[s.document_id][1]
        start, end = token_at(text, s.start)
        assert s.start in proclitic_bounds(text, start, end), text[start:end]
        prefixes.add(text[start:s.start])
    assert {"ب", "ال", "بال", "لل"} <= prefixes
