"""Published worked examples reproduced by annotator.agreement.

Each test names the publication and the table/page the numbers come from.
"""

import math

import numpy as np
import pytest

from annotator.agreement import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    unitizing_alpha,
    unitizing_disagreement,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers (A-D) x 12 units, "." = missing.  Also in Krippendorff (2004/2019),
# Content Analysis, ch. 12.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.mark.parametrize(
    "level, published",
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_reliability_example(level, published):
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == published
    as_array = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011])
    assert round(krippendorff_alpha(as_array, level), 3) == published


def test_krippendorff_2011_nominal_exact_fraction():
    # Coincidence matrix of the example (Krippendorff 2011, sec. C): n = 40
    # pairable values with marginals n_c = 9, 13, 10, 5, 3; off-diagonal
    # coincidences sum to 8; sum_{c != k} n_c n_k = 40^2 - (81+169+100+25+9) = 1216.
    # alpha = 1 - (n - 1) * 8 / 1216 = 1 - 312/1216 = .743421...
    assert krippendorff_alpha(KRIPPENDORFF_2011, "nominal") == pytest.approx(1 - 312 / 1216, abs=1e-12)


def test_wikipedia_krippendorff_alpha_example():
    # Wikipedia "Krippendorff's alpha", computational example (3 coders x 15
    # units): nominal alpha 0.691, interval 0.811 (6 decimals as in the
    # krippendorff package's documentation).
    data = [
        [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
    ]
    assert round(krippendorff_alpha(data, "nominal"), 6) == 0.691358
    assert round(krippendorff_alpha(data, "interval"), 6) == 0.810845


# Fleiss (1971), "Measuring nominal scale agreement among many raters",
# Psychological Bulletin 76(5), Table 1: 30 patients, 6 psychiatrists, 5
# diagnostic categories; published kappa = .430 (R irr::kappam.fleiss on the
# same data, the `diagnoses` set, gives 0.4302445).
FLEISS_1971_RATINGS = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]


def test_fleiss_1971_table_1():
    counts = [[row.count(c) for c in range(1, 6)] for row in FLEISS_1971_RATINGS]
    assert [sum(col) for col in zip(*counts)] == [26, 26, 30, 55, 43]  # column totals
    kappa = fleiss_kappa(counts)
    assert round(kappa, 3) == 0.430
    assert kappa == pytest.approx(0.4302445, abs=5e-8)


def test_fleiss_wikipedia_example():
    # Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
    counts = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    assert round(fleiss_kappa(counts), 3) == 0.210


def test_cohen_wikipedia_yes_no_example():
    # Wikipedia "Cohen's kappa", simple example: 50 proposals, A/B both yes 20,
    # A yes B no 5, A no B yes 10, both no 15 -> p_o = .7, p_e = .5, kappa = .4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-15)


# Krippendorff (2004), Content Analysis, 2nd ed., sec. 12.4, p. 254: two
# observers i and j on the continuum [150, 450), categories c and k.  The same
# data is encoded in DKPro Statistics' Krippendorff2004Test.
KRIPPENDORFF_2004_SPANS = [
    ("i", 225, 295, "c"), ("i", 370, 400, "c"),
    ("j", 220, 300, "c"), ("j", 355, 375, "c"), ("j", 400, 420, "c"),
    ("i", 180, 240, "k"), ("i", 300, 350, "k"),
    ("j", 180, 240, "k"), ("j", 300, 350, "k"),
]


def test_krippendorff_2004_unitizing_example():
    result = unitizing_alpha(KRIPPENDORFF_2004_SPANS, ["i", "j"], length=300, begin=150)
    c, k = result["labels"]["c"], result["labels"]["k"]
    # Published per-category values (4 decimals).
    assert round(c["D_O"], 4) == 0.0144
    assert round(c["D_E"], 4) == 0.0532
    assert round(c["alpha"], 4) == 0.7286
    assert k["D_O"] == 0.0
    assert round(k["D_E"], 4) == 0.0490
    assert k["alpha"] == 1.0
    # Exact D_O(c) = 2 * (50 + 850 + 400) / (m (m-1) L^2) = 2 * 1300 / (2 * 300^2).
    assert c["D_O"] == pytest.approx(1300 / 90000, rel=1e-15)
    # Published overall alpha_U = .8591 = 1 - .0144 / (.0532 + .0490), i.e.
    # computed from the rounded per-category values; from unrounded values
    # the same formula gives .85867 (DKPro's test allows +-.0005).
    rounded = 1 - round(c["D_O"], 4) / (round(c["D_E"], 4) + round(k["D_E"], 4))
    assert round(rounded, 4) == 0.8591
    assert result["alpha"] == pytest.approx(0.8591, abs=5e-4)
    assert result["alpha"] == pytest.approx(1 - c["D_O"] / (c["D_E"] + k["D_E"]), rel=1e-15)
    assert round(result["alpha"], 5) == 0.85867


def test_krippendorff_2004_distance_examples():
    # delta values quoted in the text (via DKPro Krippendorff2004Test.testDistanceMetric2):
    # two overlapping units [225,295) vs [220,300): 5^2 + 5^2 = 50;
    # [370,400) vs [355,375): 15^2 + 25^2 = 850; unit [400,420) inside a gap: 20^2 = 400.
    obs = unitizing_disagreement(KRIPPENDORFF_2004_SPANS, ["i", "j"], 300, 150)["c"]["observed_sum"]
    assert obs == 50 + 850 + 400


# Krippendorff (1995), "On the reliability of unitizing continuous data",
# Sociological Methodology 25, p. 57: four 2-coder examples A-D on a 24-unit
# continuum.  Data and expected values as in DKPro Statistics'
# Krippendorff1995Test (D_E of the 1995 paper differs slightly from the 2004
# formula, hence DKPro's tolerances, which we keep).
K1995_UNITS = [  # (offset, length, coder, label)
    (2, 8, 0, "A"), (14, 6, 0, "A"), (4, 4, 1, "A"), (15, 2, 1, "A"),
    (0, 18, 0, "B"), (0, 2, 1, "B"), (2, 1, 1, "B"), (3, 1, 1, "B"), (4, 1, 1, "B"),
    (5, 1, 1, "B"), (6, 3, 1, "B"), (9, 1, 1, "B"),
    (2, 6, 0, "C"), (10, 2, 0, "C"), (14, 4, 0, "C"), (20, 2, 0, "C"),
    (0, 2, 1, "C"), (4, 4, 1, "C"), (10, 4, 1, "C"), (16, 2, 1, "C"), (20, 2, 1, "C"),
    (0, 2, 0, "D"), (2, 8, 0, "D"), (10, 4, 0, "D"), (14, 6, 0, "D"), (20, 4, 0, "D"),
    (0, 4, 1, "D"), (4, 4, 1, "D"), (8, 7, 1, "D"), (15, 2, 1, "D"), (17, 7, 1, "D"),
]


def _k1995(stretch):
    spans = [(c, int(o * stretch), int(o * stretch) + int(n * stretch), lab) for o, n, c, lab in K1995_UNITS]
    return unitizing_alpha(spans, [0, 1], int(24 * stretch))["labels"]


def test_krippendorff_1995_observed_disagreement():
    labels = _k1995(1)
    assert labels["A"]["D_O"] == pytest.approx(0.03125, abs=1e-5)
    assert labels["B"]["D_O"] == pytest.approx(2.26736, abs=1e-5)
    assert labels["C"]["D_O"] == pytest.approx(0.02777, abs=1e-5)
    assert labels["D"]["D_O"] == pytest.approx(0.38715, abs=1e-5)


def test_krippendorff_1995_expected_disagreement_and_alpha():
    labels = _k1995(1200000 / 24)
    for name, d_e, alpha in [("A", 0.06990, 0.553), ("B", 1.17731, -0.926),
                             ("C", 0.08642, 0.679), ("D", 0.41445, 0.066)]:
        assert labels[name]["D_E"] == pytest.approx(d_e, abs=0.005)
        assert labels[name]["alpha"] == pytest.approx(alpha, abs=0.02)
    small = _k1995(12 / 24)["C"]
    assert small["D_O"] == pytest.approx(0.02777, abs=1e-5)
    assert small["D_E"] == pytest.approx(0.05494, abs=1e-5)
    assert small["alpha"] == pytest.approx(0.494, abs=0.02)


def test_dkpro_unitizing_agreement_example():
    # DKPro Statistics UnitizingAgreementTest: r0 -11111111-, r1 --1-1-1--- (L = 10).
    spans = [(0, 1, 9, "A"), (1, 2, 3, "A"), (1, 4, 5, "A"), (1, 6, 7, "A")]
    a = unitizing_alpha(spans, [0, 1], 10)["labels"]["A"]
    assert a["D_O"] == pytest.approx(0.9100, abs=1e-4)
    assert a["D_E"] == pytest.approx(0.5351, abs=1e-4)
    assert a["alpha"] == pytest.approx(-0.7003, abs=1e-4)


def test_dkpro_single_unit_gives_zero():
    # DKPro UnitizingAgreementTest.testSingleAnnotationUnit: one unit by one of
    # three coders on 20 positions -> D_O == D_E -> alpha 0.
    result = unitizing_alpha([(0, 0, 1, "X")], [0, 1, 2], 20)
    assert result["alpha"] == pytest.approx(0.0, abs=1e-12)
    assert not math.isnan(result["alpha"])
