"""Gwet's AC1/AC2 against Gwet's Handbook examples and the irrCAC package (random data, missing values).

irrCAC cannot be installed next to the project (it pins scipy==1.12.0 and coverage<7), so its values
on 40 random data sets are stored in tests/fixtures/agreement/irrcac_gwet.json by
scripts/make_irrcac_reference.py, run in a separate virtual environment with irrcac 0.4.4.
"""

import json
import math
import random
from pathlib import Path

import numpy as np
import pytest

from annotator.agreement import gwet_ac1, gwet_ac2, krippendorff_alpha

# Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.), p. 120: 4 raters, 12 units,
# categories 1..5, missing ratings.  Published: p_a = .818, p_e = .190, AC1 = .775.
GWET_4RATERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, None],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# Gwet (2014), 5 observers scoring 15 units on 0..3 (a smaller version of the table on p. 125).
GWET_5OBSERVERS = [
    [1, 1, 2, None, 0, 0, 1, 1, 2, 2, None, 0, 1, 3, 1],
    [1, 1, 3, 0, 0, 0, 0, None, 2, 1, 1, 0, 2, 3, 1],
    [2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1],
    [None, 1, 3, None, None, None, None, 0, None, 1, 0, 0, 2, 2, None],
    [2, None, None, 0, 0, 0, 1, None, 2, None, None, None, None, 3, 1],
]


def test_gwet_handbook_ac1():
    assert round(gwet_ac1(GWET_4RATERS), 3) == 0.775
    assert round(gwet_ac1(GWET_5OBSERVERS), 3) == 0.497


@pytest.mark.parametrize(
    "weights, published",
    [("linear", 0.859), ("quadratic", 0.914), ("ordinal", 0.899), ("radical", 0.820), ("ratio", 0.857),
     ("circular", 0.830), ("bipolar", 0.900), ("identity", 0.775)],
)
def test_gwet_handbook_ac2(weights, published):
    # The weighted AC2 of the same example, as published with irrCAC (Gwet's values, 3 decimals).
    assert round(gwet_ac2(GWET_4RATERS, weights), 3) == published


IRRCAC = json.loads((Path(__file__).parent.parent / "fixtures" / "agreement" / "irrcac_gwet.json").read_text("utf-8"))


def _random_data(rng, coders, units, categories, missing):
    return [[None if rng.random() < missing else rng.choice(categories) for _ in range(units)]
            for _ in range(coders)]


@pytest.mark.parametrize("case", range(len(IRRCAC["cases"])))
def test_ac1_and_ac2_match_irrcac_on_random_data_with_missing_values(case):
    entry = IRRCAC["cases"][case]
    data = entry["data"]
    for weights, expected in entry["irrcac"].items():
        ours = gwet_ac1(data) if weights == "identity" else gwet_ac2(data, weights)
        assert ours == pytest.approx(expected["ac"], abs=1e-13), weights


def test_irrcac_cases_cover_missing_values_strings_and_many_coders():
    cases = IRRCAC["cases"]
    assert sum(any(v is None for row in c["data"] for v in row) for c in cases) >= 20
    assert any(isinstance(c["categories"][0], str) for c in cases)
    assert max(len(c["data"]) for c in cases) >= 5


def test_unused_categories_count():
    # 2 coders agree on "a" everywhere except one unit: a a a b / a a a a.
    # pa = 3/4; pi_a = (1 + 1 + 1 + .5)/4 = .875, pi_b = .125.
    # pe = q / (q (q - 1)) * sum pi (1 - pi):  q = 2: .21875;  q = 3 (unused "c"): .21875 / 2
    data = [["a", "a", "a", "b"], ["a", "a", "a", "a"]]
    assert gwet_ac1(data) == pytest.approx((0.75 - 0.21875) / (1 - 0.21875), abs=1e-15)
    pe3 = 0.21875 / 2
    assert gwet_ac1(data, categories=["a", "b", "c"]) == pytest.approx((0.75 - pe3) / (1 - pe3), abs=1e-15)


def test_numpy_input_and_nan_missing():
    data = np.array(GWET_4RATERS, dtype=float)
    assert gwet_ac1(data) == pytest.approx(gwet_ac1(GWET_4RATERS), abs=1e-15)


def test_hand_computed_two_coders():
    # 2 coders, 4 units, all rated: a a / a a / a b / b b.  p_a = 3/4.
    # pi_a = (1 + 1 + .5 + 0)/4 = .625, pi_b = .375; p_e = (.625*.375 + .375*.625)/(2-1) = .46875
    data = [["a", "a", "a", "b"], ["a", "a", "b", "b"]]
    pe = 0.46875
    assert gwet_ac1(data) == pytest.approx((0.75 - pe) / (1 - pe), abs=1e-15)


def test_kappa_paradox_ac1_stays_high_where_alpha_collapses():
    # 98 of 100 units agree on the dominant category: alpha is near 0, AC1 near 1 (Gwet 2008).
    a = ["neg"] * 100
    b = ["neg"] * 98 + ["pos", "pos"]
    a[0] = "pos"
    b[0] = "neg"
    assert krippendorff_alpha([a, b]) < 0.0
    assert gwet_ac1([a, b]) > 0.95


def test_undefined_cases_are_nan():
    assert math.isnan(gwet_ac1([["a", "a"], ["a", "a"]]))          # one category: p_e is 0/0
    assert math.isnan(gwet_ac1([["a", None], [None, "b"]]))        # no unit rated twice
    assert math.isnan(gwet_ac1([["a", "b"]]))                       # one coder
    assert math.isnan(gwet_ac1([[], []]))                           # no units
    # One category in the data but two on the scale: defined.
    assert gwet_ac1([["a", "a"], ["a", "a"]], categories=["a", "b"]) == 1.0


def test_invalid_input():
    with pytest.raises(ValueError, match="ragged"):
        gwet_ac1([[1, 2], [1]])
    with pytest.raises(ValueError, match="not in categories"):
        gwet_ac1([[1, 2], [1, 3]], categories=[1, 2])
    with pytest.raises(ValueError, match="twice"):
        gwet_ac1([[1, 2], [1, 2]], categories=[1, 2, 2])
    with pytest.raises(ValueError, match="unknown weights"):
        gwet_ac2(GWET_4RATERS, "cubic")
    with pytest.raises(ValueError, match="natural order"):
        gwet_ac2([[1, "a"], [1, "a"]], "linear")
    with pytest.raises(ValueError, match="5 x 5"):
        gwet_ac2(GWET_4RATERS, np.eye(3))
    with pytest.raises(ValueError, match="symmetric"):
        w = np.eye(5)
        w[0, 1] = 0.5
        gwet_ac2(GWET_4RATERS, w)


def test_weight_matrix_and_order():
    # A matrix equal to the quadratic weights gives the same AC2; string categories use ranks.
    values = np.arange(1.0, 6.0)
    quad = 1 - (np.subtract.outer(values, values) / 4) ** 2
    assert gwet_ac2(GWET_4RATERS, quad) == pytest.approx(gwet_ac2(GWET_4RATERS, "quadratic"), abs=1e-15)
    names = {1: "v1", 2: "v2", 3: "v3", 4: "v4", 5: "v10"}
    as_text = [[None if v is None else names[v] for v in row] for row in GWET_4RATERS]
    # natural order puts v10 last, as 5 is last: same value as the numbers 1..5
    assert gwet_ac2(as_text, "linear") == pytest.approx(gwet_ac2(GWET_4RATERS, "linear"), abs=1e-15)
