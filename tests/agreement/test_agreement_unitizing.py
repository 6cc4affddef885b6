"""alpha_U: cross-check against a literal (quadratic) implementation of
Krippendorff (2004, sec. 12.4), pooling, invariances and input validation."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement import unitizing_alpha, unitizing_alpha_pooled, unitizing_disagreement


# ---------------------------------------------------------------------------
# Literal implementation: every pair of segments of every ordered pair of
# coders, straight from the definitions (O(segments^2)).
# ---------------------------------------------------------------------------
def _literal_segments(units, begin, end):
    """[(start, length, is_unit)] partition of [begin, end) for one coder."""
    out, pos = [], begin
    for s, e in sorted(units):
        if s > pos:
            out.append((pos, s - pos, False))
        out.append((s, e - s, True))
        pos = e
    if pos < end:
        out.append((pos, end - pos, False))
    return out


def _delta(g, h):
    (bg, lg, wg), (bh, lh, wh) = g, h
    if wg and wh and -lg < bg - bh < lh:
        return (bg - bh) ** 2 + (bg + lg - bh - lh) ** 2
    if wg and not wh and lh - lg >= bg - bh >= 0:
        return lg**2
    if not wg and wh and lg - lh >= bh - bg >= 0:
        return lh**2
    return 0


def literal_alpha_u(spans, coders, length, begin=0):
    end = begin + length
    m, big_l = len(coders), length
    labels = list(dict.fromkeys(lab for _, s, e, lab in spans if e > s))
    out = {}
    for c in labels:
        segs = {
            i: _literal_segments([(s, e) for (ci, s, e, lab) in spans if ci == i and lab == c and e > s], begin, end)
            for i in coders
        }
        observed = sum(
            _delta(g, h) for i in coders for j in coders if i != j for g in segs[i] for h in segs[j]
        )
        d_o = observed / (m * (m - 1) * big_l**2)
        units = [lg for i in coders for (_, lg, w) in segs[i] if w]
        gaps = [lh for i in coders for (_, lh, w) in segs[i] if not w]
        n_c = len(units)
        num = 0
        for lg in units:
            num += (n_c - 1) * (2 * lg**3 - 3 * lg**2 + lg) / 3
            num += lg**2 * sum(lh - lg + 1 for lh in gaps if lh >= lg)
        num *= 2 / big_l
        den = m * big_l * (m * big_l - 1) - sum(lg * (lg - 1) for lg in units)
        out[c] = (d_o, num / den)
    return out


# Krippendorff (2004, p. 254) example, as in test_agreement_published.py.
KRIPPENDORFF_2004_SPANS = [
    ("i", 225, 295, "c"), ("i", 370, 400, "c"),
    ("j", 220, 300, "c"), ("j", 355, 375, "c"), ("j", 400, 420, "c"),
    ("i", 180, 240, "k"), ("i", 300, 350, "k"),
    ("j", 180, 240, "k"), ("j", 300, 350, "k"),
]


def random_study(rng, n_coders, length, n_labels, max_units=6):
    spans = []
    for coder in range(n_coders):
        for label in range(n_labels):
            pos = 0
            for _ in range(rng.randint(0, max_units)):
                pos += rng.randint(0, 4)
                n = rng.randint(1, 6)
                if pos + n > length:
                    break
                spans.append((coder, pos, pos + n, f"L{label}"))
                pos += n
    rng.shuffle(spans)
    return spans


@pytest.mark.parametrize("seed", range(60))
def test_matches_literal_implementation(seed):
    rng = random.Random(seed)
    n_coders = rng.randint(2, 4)
    length = rng.randint(1, 40)
    spans = random_study(rng, n_coders, length, rng.randint(1, 3))
    coders = list(range(n_coders))
    got = unitizing_disagreement(spans, coders, length)
    expected = literal_alpha_u(spans, coders, length)
    assert set(got) == set(expected)
    for label, (d_o, d_e) in expected.items():
        assert got[label]["D_O"] == pytest.approx(d_o, rel=1e-12, abs=1e-15)
        assert got[label]["D_E"] == pytest.approx(d_e, rel=1e-12, abs=1e-15)


def test_literal_implementation_reproduces_book_values():
    values = literal_alpha_u(KRIPPENDORFF_2004_SPANS, ["i", "j"], 300, 150)
    assert round(values["c"][0], 4) == 0.0144 and round(values["c"][1], 4) == 0.0532


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------
span_lists = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 30), st.integers(1, 8), st.sampled_from("ab")),
    max_size=12,
)


def _non_overlapping(raw):
    """Drop spans that would overlap an earlier span of the same coder and label."""
    kept, taken = [], {}
    for coder, start, n, label in raw:
        end = min(start + n, 30)
        if end <= start:
            continue
        used = taken.setdefault((coder, label), [])
        if any(s < end and start < e for s, e in used):
            continue
        used.append((start, end))
        kept.append((coder, start, end, label))
    return kept


def _same(x, y):
    return (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, rel=1e-12, abs=1e-15)


@given(span_lists, st.permutations([0, 1, 2]))
@settings(max_examples=150, deadline=None, database=None)
def test_invariant_to_coder_order_and_span_order(raw, perm):
    spans = _non_overlapping(raw)
    base = unitizing_alpha(spans, [0, 1, 2], 30)
    renamed = [(perm[c], s, e, lab) for c, s, e, lab in reversed(spans)]
    other = unitizing_alpha(renamed, [2, 0, 1], 30)
    assert _same(base["alpha"], other["alpha"])
    for label, values in base["labels"].items():
        for key in ("alpha", "D_O", "D_E"):
            assert _same(values[key], other["labels"][label][key])


@given(span_lists, st.integers(-1000, 1000))
@settings(max_examples=100, deadline=None, database=None)
def test_invariant_to_shifting_the_continuum(raw, shift):
    spans = _non_overlapping(raw)
    base = unitizing_alpha(spans, [0, 1, 2], 30)
    moved = unitizing_alpha([(c, s + shift, e + shift, lab) for c, s, e, lab in spans], [0, 1, 2], 30, begin=shift)
    assert _same(base["alpha"], moved["alpha"])


@given(span_lists)
@settings(max_examples=100, deadline=None, database=None)
def test_identical_annotations_give_one(raw):
    spans = _non_overlapping([(0, s, n, lab) for _, s, n, lab in raw])
    copies = [(c, s, e, lab) for c in range(3) for _, s, e, lab in spans]
    result = unitizing_alpha(copies, [0, 1, 2], 30)
    for values in result["labels"].values():
        assert values["D_O"] == 0.0
        assert values["alpha"] == 1.0 or (values["D_E"] == 0 and math.isnan(values["alpha"]))
    if result["labels"]:
        assert result["alpha"] == 1.0


def test_identical_whole_continuum_of_length_one_is_undefined():
    # D_O = D_E = 0: no possible disagreement at all, alpha is 0/0.
    result = unitizing_alpha([(0, 0, 1, "x"), (1, 0, 1, "x")], [0, 1], 1)
    assert math.isnan(result["alpha"]) and math.isnan(result["labels"]["x"]["alpha"])


# ---------------------------------------------------------------------------
# Pooling across documents
# ---------------------------------------------------------------------------
def test_pooled_equals_manual_concatenation():
    rng = random.Random(5)
    docs, concatenated, offset = [], [], 0
    for d in range(6):
        length = rng.randint(5, 40)
        spans = random_study(rng, 3, length, 2)
        begin = rng.randint(0, 50)
        docs.append(([(c, s + begin, e + begin, lab) for c, s, e, lab in spans], length, begin))
        concatenated += [(c, s + offset, e + offset, lab) for c, s, e, lab in spans]
        offset += length
    pooled = unitizing_alpha_pooled(docs, [0, 1, 2])
    direct = unitizing_alpha(concatenated, [0, 1, 2], offset)
    assert pooled["alpha"] == pytest.approx(direct["alpha"], rel=1e-12)
    for label in direct["labels"]:
        assert pooled["labels"][label]["D_E"] == pytest.approx(direct["labels"][label]["D_E"], rel=1e-12)


def test_pooled_single_document_equals_unitizing_alpha():
    single = unitizing_alpha(KRIPPENDORFF_2004_SPANS, ["i", "j"], 300, 150)
    pooled = unitizing_alpha_pooled([(KRIPPENDORFF_2004_SPANS, 300, 150)], ["i", "j"])
    assert pooled == single


def test_pooled_observed_sum_is_additive_over_documents():
    # The observed part is additive (distances never cross a document border);
    # the expected part is not, which is why pooling concatenates.
    rng = random.Random(11)
    docs = [(random_study(rng, 2, 20, 1), 20) for _ in range(4)]
    per_doc = sum(unitizing_disagreement(s, [0, 1], n, labels=["L0"])["L0"]["observed_sum"] for s, n in docs)
    concatenated = [(c, s + 20 * k, e + 20 * k, lab) for k, (spans, _) in enumerate(docs) for c, s, e, lab in spans]
    total = unitizing_disagreement(concatenated, [0, 1], 80, labels=["L0"])["L0"]["observed_sum"]
    assert per_doc == total


def test_pooled_validates_each_document():
    with pytest.raises(ValueError, match="document 1"):
        unitizing_alpha_pooled([([(0, 0, 5, "a")], 10), ([(0, 8, 12, "a")], 10)], [0, 1])
    with pytest.raises(ValueError, match="document 0 must be"):
        unitizing_alpha_pooled([([(0, 0, 5, "a")],)], [0, 1])


# ---------------------------------------------------------------------------
# Conventions, degenerate cases and input validation
# ---------------------------------------------------------------------------
def test_coders_without_spans_count_as_marking_nothing():
    spans = [(0, 2, 5, "a"), (1, 2, 5, "a")]
    two = unitizing_alpha(spans, [0, 1], 10)
    three = unitizing_alpha(spans, [0, 1, 2], 10)
    assert two["alpha"] == 1.0
    assert three["alpha"] < 1.0


def test_abutting_units_stay_separate():
    joined = unitizing_alpha([(0, 0, 10, "a"), (1, 0, 10, "a")], [0, 1], 20)
    split = unitizing_alpha([(0, 0, 5, "a"), (0, 5, 10, "a"), (1, 0, 10, "a")], [0, 1], 20)
    assert joined["alpha"] == 1.0
    assert split["labels"]["a"]["D_O"] > 0


def test_zero_length_spans_are_ignored():
    base = unitizing_alpha([(0, 2, 5, "a"), (1, 3, 5, "a")], [0, 1], 10)
    with_empty = unitizing_alpha([(0, 2, 5, "a"), (1, 3, 5, "a"), (1, 7, 7, "a")], [0, 1], 10)
    assert base == with_empty


def test_labels_argument_fixes_the_reported_labels():
    result = unitizing_alpha([(0, 2, 5, "a"), (1, 2, 5, "a"), (1, 6, 8, "b")], [0, 1], 10, labels=["a", "z"])
    assert set(result["labels"]) == {"a", "z"}  # "b" ignored
    assert result["labels"]["z"]["D_O"] == 0.0 and result["labels"]["z"]["D_E"] == 0.0
    assert math.isnan(result["labels"]["z"]["alpha"])
    assert result["alpha"] == 1.0


@pytest.mark.parametrize(
    "spans, coders, length",
    [
        ([], [0, 1], 10),  # nothing annotated
        ([(0, 1, 3, "a")], [0], 10),  # a single coder
        ([], [0, 1], 0),  # empty continuum
    ],
)
def test_undefined_cases_are_nan(spans, coders, length):
    result = unitizing_alpha(spans, coders, length, labels=["a"])
    assert math.isnan(result["alpha"])
    assert math.isnan(result["labels"]["a"]["alpha"])


@pytest.mark.parametrize(
    "spans, coders, length, message",
    [
        ([(0, 5, 3, "a")], [0, 1], 10, "ends before it starts"),
        ([(0, -1, 3, "a")], [0, 1], 10, "outside the continuum"),
        ([(0, 5, 11, "a")], [0, 1], 10, "outside the continuum"),
        ([(9, 1, 3, "a")], [0, 1], 10, "not in coders"),
        ([(0, 1.5, 3, "a")], [0, 1], 10, "integer"),
        ([(0, 1, 3)], [0, 1], 10, "tuple"),
        ([(0, 1, 5, "a"), (0, 4, 8, "a")], [0, 1], 10, "overlapping"),
        ([(0, 1, 5, "a"), (0, 1, 5, "a")], [0, 1], 10, "overlapping"),
        ([(0, 1, 5, "a")], [0, 0], 10, "listed twice"),
        ([(0, 1, 5, ["a"])], [0, 1], 10, "hashable"),
    ],
)
def test_invalid_input_raises(spans, coders, length, message):
    with pytest.raises(ValueError, match=message):
        unitizing_alpha(spans, coders, length)


def test_invalid_length_raises():
    with pytest.raises(ValueError, match="length"):
        unitizing_alpha([], [0, 1], -1)
    with pytest.raises(ValueError, match="integer"):
        unitizing_alpha([], [0, 1], 10.0)


def test_overlap_of_different_labels_is_fine():
    result = unitizing_alpha([(0, 1, 5, "a"), (0, 3, 8, "b"), (1, 1, 5, "a"), (1, 3, 8, "b")], [0, 1], 10)
    assert result["alpha"] == 1.0


def test_large_continuum_is_fast_and_exact_for_identical_coders():
    # 3 coders x 12 million positions: cost depends on the number of spans only.
    spans = [(c, s, s + 7, "x") for c in range(3) for s in range(0, 12_000_000, 1000)]
    result = unitizing_alpha(spans, [0, 1, 2], 12_000_000)
    assert result["alpha"] == 1.0
