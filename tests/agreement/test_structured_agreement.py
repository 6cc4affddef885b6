"""Agreement beyond flat spans (issue 16): relations, span attributes and document labels, against
published worked examples and values computed by hand in the comments."""

import random

import pytest

from annotator.agreement import (
    attribute_agreement,
    attribute_alpha,
    cohen_kappa,
    document_label_agreement,
    fleiss_kappa,
    krippendorff_alpha,
    relation_prf,
    span_matching,
    span_prf,
)
from tests.agreement.test_agreement_published import FLEISS_1971_RATINGS, KRIPPENDORFF_2011

NAN = float("nan")


# -- span matching: the pairs behind span_prf's true positives ---------------------------------
def _random_spans(rng, n, labels=("claim", "entity")):
    out = []
    for _ in range(n):
        s = rng.randrange(60)
        out.append((s, s + rng.randint(1, 9), rng.choice(labels)))
    return out


@pytest.mark.parametrize("match", ["exact", "overlap"])
def test_span_matching_is_one_to_one_and_has_span_prf_size(match):
    rng = random.Random(4)
    for _ in range(300):
        ref, cand = _random_spans(rng, rng.randint(0, 8)), _random_spans(rng, rng.randint(0, 8))
        pairs = span_matching(ref, cand, match)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        assert len(pairs) == span_prf(ref, cand, match)["tp"]
        for i, j in pairs:
            (s1, e1, l1), (s2, e2, l2) = ref[i], cand[j]
            assert l1 == l2
            assert (s1, e1) == (s2, e2) if match == "exact" else min(e1, e2) > max(s1, s2) or (s1, e1) == (s2, e2)


def test_span_matching_prefers_the_largest_overlap():
    ref = [(0, 10, "claim")]
    cand = [(8, 20, "claim"), (2, 11, "claim")]
    assert span_matching(ref, cand, "overlap") == [(0, 1)]


# -- relations -----------------------------------------------------------------------------------
# The reference article's pattern: a claim made by an entity (source) and a figure about the claim.
#   coder A: claim [0, 40), entity [45, 60), figure [70, 75); source claim->entity, about figure->claim
#   coder B: the same claim, the entity one character shorter [45, 59), the same figure; the same
#            two relations, plus about figure->entity.
A_SPANS = {"c": (0, 40, "claim"), "e": (45, 60, "entity"), "f": (70, 75, "figure")}
A_RELATIONS = [("c", "e", "source"), ("f", "c", "about")]
B_SPANS = {1: (0, 40, "claim"), 2: (45, 59, "entity"), 3: (70, 75, "figure")}
B_RELATIONS = [(1, 2, "source"), (3, 1, "about"), (3, 2, "about")]


def test_relation_f1_exact_needs_both_ends_to_match_exactly():
    # exact: the entity differs, so only about(figure -> claim) has both ends matched:
    # tp = 1, P = 1/3, R = 1/2, F1 = 2*1/(2+3) = 0.4
    r = relation_prf(A_SPANS, A_RELATIONS, B_SPANS, B_RELATIONS, "exact")
    assert (r["tp"], r["fp"], r["fn"]) == (1, 2, 1)
    assert r["precision"] == pytest.approx(1 / 3) and r["recall"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(0.4)


def test_relation_f1_overlap_matches_ends_by_overlap():
    # overlap: the entities overlap, so source and about(figure -> claim) match; B's extra
    # about(figure -> entity) is a false positive: tp = 2, P = 2/3, R = 1, F1 = 4/5
    r = relation_prf(A_SPANS, A_RELATIONS, B_SPANS, B_RELATIONS, "overlap")
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 0)
    assert r["f1"] == pytest.approx(0.8)
    swapped = relation_prf(B_SPANS, B_RELATIONS, A_SPANS, A_RELATIONS, "overlap")
    assert swapped["f1"] == r["f1"] and swapped["precision"] == r["recall"]  # symmetric, as span F1


def test_relation_direction_and_type_count():
    a = {0: (0, 5, "claim"), 1: (10, 15, "entity")}
    assert relation_prf(a, [(0, 1, "source")], a, [(1, 0, "source")])["tp"] == 0   # reversed
    assert relation_prf(a, [(0, 1, "source")], a, [(0, 1, "about")])["tp"] == 0    # other type
    assert relation_prf(a, [(0, 1, "source")] * 2, a, [(0, 1, "source")])["tp"] == 1  # each matched once
    empty = relation_prf(a, [], a, [])
    assert empty["tp"] == 0 and empty["f1"] != empty["f1"]  # 0/0 is nan


def test_relation_spans_as_a_list_and_bad_input():
    spans = [(0, 5, "claim"), (10, 15, "entity")]
    assert relation_prf(spans, [(0, 1, "source")], spans, [(0, 1, "source")])["f1"] == 1.0
    with pytest.raises(ValueError, match="span id 7"):
        relation_prf(spans, [(0, 7, "source")], spans, [])
    with pytest.raises(ValueError, match="head, child, label"):
        relation_prf(spans, [(0, 1)], spans, [])
    with pytest.raises(ValueError, match="match mode"):
        relation_prf(spans, [], spans, [], "fuzzy")


# -- span attributes -----------------------------------------------------------------------------
# Two coders, six claims matched exactly, stance values (None: not set):
#   A: asserted asserted denied reported asserted questioned
#   B: asserted denied   denied reported None     asserted
# plus one claim only A marked. Matched: 6; both set: 5 (the fifth claim drops out).
# The 5 pairs: (as,as) (as,de) (de,de) (re,re) (qu,as): p_o = 3/5;
# A's marginals as 2, de 1, re 1, qu 1; B's as 2, de 2, re 1 (of 5):
# p_e = (2*2 + 1*2 + 1*1 + 1*0)/25 = 7/25; kappa = (15/25 - 7/25)/(1 - 7/25) = 8/18 = 0.444...
STANCE_A = [(0, 9, "claim", "asserted"), (10, 19, "claim", "asserted"), (20, 29, "claim", "denied"),
            (30, 39, "claim", "reported"), (40, 49, "claim", "asserted"), (50, 59, "claim", "questioned"),
            (60, 69, "claim", "asserted")]
STANCE_B = [(0, 9, "claim", "asserted"), (10, 19, "claim", "denied"), (20, 29, "claim", "denied"),
            (30, 39, "claim", "reported"), (40, 49, "claim", None), (51, 59, "claim", "asserted")]


def test_attribute_agreement_over_matched_spans_by_hand():
    exact = attribute_agreement(STANCE_A, STANCE_B, "exact")
    assert exact["matched"] == 5 and exact["both_set"] == 4  # the last claim moved one character
    overlap = attribute_agreement(STANCE_A, STANCE_B, "overlap")
    assert overlap["matched"] == 6 and overlap["both_set"] == 5
    assert overlap["cohen_kappa"] == pytest.approx(8 / 18, abs=1e-15)
    assert overlap["observed_agreement"] == pytest.approx(3 / 5)
    pairs = [("asserted", "asserted"), ("asserted", "denied"), ("denied", "denied"), ("reported", "reported"),
             ("questioned", "asserted")]
    assert overlap["krippendorff_alpha"] == pytest.approx(krippendorff_alpha([[a for a, _ in pairs],
                                                                              [b for _, b in pairs]]), abs=1e-15)
    # Krippendorff by hand: 10 pairable values, as 4, de 3, re 2, qu 1; disagreeing ordered pairs 4:
    # alpha = 1 - (10 - 1) * 4 / (100 - 16 - 9 - 4 - 1) = 1 - 36/70
    assert overlap["krippendorff_alpha"] == pytest.approx(1 - 36 / 70, abs=1e-15)


def test_attribute_agreement_numbers_use_the_interval_level():
    a = [(0, 5, "figure", 500.0), (10, 15, "figure", 3.0), (20, 25, "figure", 12.5)]
    b = [(0, 5, "figure", 500.0), (10, 15, "figure", 4.0), (20, 25, "figure", 12.5)]
    r = attribute_agreement(a, b, level="interval")
    assert r["matched"] == 3
    assert r["krippendorff_alpha"] == pytest.approx(krippendorff_alpha([[500.0, 3.0, 12.5], [500.0, 4.0, 12.5]],
                                                                       "interval"))
    assert r["cohen_kappa"] != r["cohen_kappa"]  # kappa is for nominal values only: nan


def test_attribute_alpha_of_many_coders_is_krippendorffs_example():
    # Krippendorff (2011)'s 4 observers x 12 units as attribute values of 12 spans marked by all
    # (a missing value = the coder did not set it; a span nobody else marked is its own unit)
    by_coder = {}
    for c, row in zip("ABCD", KRIPPENDORFF_2011):
        by_coder[c] = [(10 * u, 10 * u + 5, "claim", v) for u, v in enumerate(row)]
    r = attribute_alpha(by_coder)
    assert round(r["krippendorff_alpha"], 3) == 0.743 and r["units"] == 12
    assert round(attribute_alpha(by_coder, level="interval")["krippendorff_alpha"], 3) == 0.849


# -- document labels -----------------------------------------------------------------------------
def test_document_labels_single_choice_against_published_examples():
    # Fleiss (1971) Table 1: 30 patients, 6 psychiatrists (kappa .430); as document labels
    coders = {f"p{k}": [row[k] for row in FLEISS_1971_RATINGS] for k in range(6)}
    r = document_label_agreement(coders)
    assert round(r["fleiss_kappa"], 3) == 0.430 and r["documents"] == 30 and r["complete_documents"] == 30
    assert r["cohen_kappa"][("p0", "p1")] == pytest.approx(cohen_kappa(coders["p0"], coders["p1"]), abs=1e-15)
    # Krippendorff (2011): 4 observers, missing values: alpha .743 (Fleiss over the 8 complete units)
    kripp = {c: row for c, row in zip("ABCD", KRIPPENDORFF_2011)}
    r = document_label_agreement(kripp)
    assert round(r["krippendorff_alpha"], 3) == 0.743 and r["complete_documents"] == 8
    complete = [u for u in range(12) if all(row[u] is not None for row in KRIPPENDORFF_2011)]
    counts = [[sum(row[u] == v for row in KRIPPENDORFF_2011) for v in range(1, 6)] for u in complete]
    assert r["fleiss_kappa"] == pytest.approx(fleiss_kappa(counts), abs=1e-15)
    # Cohen on the documents both labelled (Wikipedia's yes/no example, 50 documents: .4)
    yes_no = {"a": ["yes"] * 25 + ["no"] * 25 + [None], "b": ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 +
              ["no"] * 15 + ["yes"]}
    assert document_label_agreement(yes_no)["cohen_kappa"][("a", "b")] == pytest.approx(0.4, abs=1e-15)


def test_document_labels_multiple_choice_by_hand():
    # 4 documents, 2 coders, categories politics / economy:
    #   a: {politics} {politics, economy} {} {economy}
    #   b: {politics} {politics}          {} {economy}
    # as one nominal value per document (the set): 3 of 4 agree; values P, P+E, none, E vs P, P, none, E:
    # p_e = (1/4*2/4 + 1/4*0 + 1/4*1/4 + 1/4*1/4) = 4/16 -> kappa = (3/4 - 1/4)/(3/4) = 2/3
    # per category, economy present/absent: a 0 1 0 1, b 0 0 0 1: p_o = 3/4, p_e = 1/2*1/4+1/2*3/4 = 1/2,
    # kappa = 1/2; politics: a 1 1 0 0, b 1 1 0 0: kappa = 1
    a = [{"politics"}, {"politics", "economy"}, set(), {"economy"}]
    b = [{"politics"}, {"politics"}, set(), {"economy"}]
    r = document_label_agreement({"a": a, "b": b}, multiple=True)
    assert r["cohen_kappa"][("a", "b")] == pytest.approx(2 / 3, abs=1e-15)
    assert r["per_category"]["economy"]["cohen_kappa"][("a", "b")] == pytest.approx(0.5, abs=1e-15)
    assert r["per_category"]["politics"]["cohen_kappa"][("a", "b")] == 1.0
    assert set(r["per_category"]) == {"economy", "politics"}


def test_document_labels_bad_input():
    with pytest.raises(ValueError, match="at least two coders"):
        document_label_agreement({"a": [1, 2]})
    with pytest.raises(ValueError, match="same number of documents"):
        document_label_agreement({"a": [1, 2], "b": [1]})
    with pytest.raises(ValueError, match="a set of categories"):
        document_label_agreement({"a": ["x"], "b": [{"x"}]}, multiple=True)
