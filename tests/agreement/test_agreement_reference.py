"""Agreement with reference implementations on seeded random data (to 1e-9).

References: krippendorff (PyPI, Castro 2017-), statsmodels
(statsmodels.stats.inter_rater.fleiss_kappa) and scikit-learn
(sklearn.metrics.cohen_kappa_score).
"""

import numpy as np
import pytest

from annotator.agreement import LEVELS, cohen_kappa, fleiss_kappa, krippendorff_alpha

krippendorff = pytest.importorskip("krippendorff")
inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
sk_metrics = pytest.importorskip("sklearn.metrics")

TOL = 1e-9


def _random_reliability(rng, n_coders, n_units, n_values, p_missing, p_agree):
    truth = rng.integers(0, n_values, n_units)
    data = np.where(rng.random((n_coders, n_units)) < p_agree, truth, rng.integers(0, n_values, (n_coders, n_units)))
    data = data.astype(float)
    data[rng.random(data.shape) < p_missing] = np.nan
    return data


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_alpha_matches_krippendorff_package(seed, level):
    rng = np.random.default_rng(seed)
    n_coders = int(rng.integers(2, 7))
    n_units = int(rng.integers(5, 300))
    n_values = int(rng.integers(2, 9))
    data = _random_reliability(rng, n_coders, n_units, n_values, rng.uniform(0, 0.5), rng.uniform(0, 1))
    if seed % 3 == 0:  # non-integer values and an offset
        data = data * 0.75 + 1.5
    try:
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    except ValueError:  # the package refuses degenerate data; skip those draws
        pytest.skip("degenerate random draw")
    assert krippendorff_alpha(data, level) == pytest.approx(expected, abs=TOL)
    # Same data as a list of lists with None for missing values.
    as_lists = [[None if np.isnan(v) else float(v) for v in row] for row in data]
    assert krippendorff_alpha(as_lists, level) == pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize("seed", range(10))
def test_krippendorff_alpha_nominal_string_labels_match_package(seed):
    rng = np.random.default_rng(1000 + seed)
    labels = np.array(["PER", "LOC", "ORG", "MISC", "O"])
    codes = _random_reliability(rng, 3, 200, 5, 0.2, 0.6)
    expected = krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal")
    as_strings = [[None if np.isnan(v) else str(labels[int(v)]) for v in row] for row in codes]
    assert krippendorff_alpha(as_strings, "nominal") == pytest.approx(expected, abs=TOL)


def test_krippendorff_alpha_large_integer_codes_match_package():
    rng = np.random.default_rng(7)
    data = _random_reliability(rng, 3, 20_000, 6, 0.1, 0.7)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha(data, "nominal") == pytest.approx(expected, abs=TOL)
    full = np.nan_to_num(data, nan=0).astype(np.int64)
    expected_full = krippendorff.alpha(reliability_data=full.astype(float), level_of_measurement="nominal")
    assert krippendorff_alpha(full, "nominal") == pytest.approx(expected_full, abs=TOL)


@pytest.mark.parametrize("seed", range(40))
def test_fleiss_kappa_matches_statsmodels(seed):
    rng = np.random.default_rng(seed)
    n_subjects = int(rng.integers(2, 200))
    n_raters = int(rng.integers(2, 15))
    n_categories = int(rng.integers(2, 8))
    truth = rng.integers(0, n_categories, n_subjects)
    ratings = np.where(
        rng.random((n_subjects, n_raters)) < rng.uniform(0, 1),
        truth[:, None],
        rng.integers(0, n_categories, (n_subjects, n_raters)),
    )
    counts = np.stack([(ratings == c).sum(axis=1) for c in range(n_categories)], axis=1)
    expected = inter_rater.fleiss_kappa(counts, method="fleiss")
    assert fleiss_kappa(counts) == pytest.approx(expected, abs=TOL)
    assert fleiss_kappa(counts.tolist()) == pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize("seed", range(40))
def test_cohen_kappa_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 500))
    k = int(rng.integers(2, 8))
    a = rng.integers(0, k, n)
    b = np.where(rng.random(n) < rng.uniform(0, 1), a, rng.integers(0, k, n))
    if len(set(a.tolist()) | set(b.tolist())) < 2:
        pytest.skip("degenerate random draw")
    expected = sk_metrics.cohen_kappa_score(a, b)
    assert cohen_kappa(a, b) == pytest.approx(expected, abs=TOL)
    names = np.array(["ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ"])
    assert cohen_kappa(names[a].tolist(), names[b].tolist()) == pytest.approx(expected, abs=TOL)
    assert cohen_kappa(list(a + 100), list(b + 100)) == pytest.approx(expected, abs=TOL)


def test_cohen_kappa_large_matches_sklearn():
    rng = np.random.default_rng(3)
    n = 200_000
    a = rng.integers(0, 12, n)
    b = np.where(rng.random(n) < 0.7, a, rng.integers(0, 12, n))
    assert cohen_kappa(a, b) == pytest.approx(sk_metrics.cohen_kappa_score(a, b), abs=TOL)
