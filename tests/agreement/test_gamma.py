"""Gamma (Mathet et al. 2015): exact best alignment against brute force and pygamma-agreement."""

import itertools
import math
import random
from math import comb

import numpy as np
import pytest

from annotator.agreement import gamma_agreement
from annotator.agreement._gamma_align import best_alignment_costs
from annotator.agreement.gamma import _check_units, disorders, gamma_documents


def _d(u, v, alpha, beta):
    pos = (abs(u[1] - v[1]) + abs(u[2] - v[2])) / ((u[2] - u[1]) + (v[2] - v[1]))
    return alpha * pos * pos + beta * (u[3] != v[3])


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        yield [[first]] + part
        for i in range(len(part)):
            yield part[:i] + [[first] + part[i]] + part[i + 1:]


def _brute_force(units, n, alpha, beta):
    """Least raw cost over every partition of the units into unitary alignments (no pruning)."""
    best = math.inf
    for part in _partitions(list(range(len(units)))):
        if any(len({units[i][0] for i in block}) < len(block) for block in part):
            continue
        cost = sum(sum(_d(units[x], units[y], alpha, beta) for x, y in itertools.combinations(block, 2))
                   + comb(n, 2) - comb(len(block), 2) for block in part)
        best = min(best, cost)
    return best


def _random_units(rng, n, k, extent=40, longest=10, labels="AB"):
    out = []
    for _ in range(k):
        start = rng.randint(0, extent)
        out.append((rng.randrange(n), start, start + rng.randint(1, longest), rng.choice(labels)))
    return out


def _ours(units, n, alpha, beta):
    arr, _, _ = _check_units(units, list(range(n)))
    return best_alignment_costs(np.zeros(len(arr), np.int64), arr[:, 0].astype(np.int64), arr[:, 1], arr[:, 2],
                                arr[:, 3].astype(np.int64), 1, n, alpha, beta)[0]


@pytest.mark.parametrize("seed", range(120))
def test_best_alignment_equals_brute_force(seed):
    rng = random.Random(seed)
    n = rng.choice([2, 3, 4])
    units = _random_units(rng, n, rng.randint(1, 7), extent=rng.choice([5, 20, 40]))
    alpha, beta = rng.choice([1.0, 0.5, 3.0]), rng.choice([1.0, 0.0, 0.5])
    assert _ours(units, n, alpha, beta) == pytest.approx(_brute_force(units, n, alpha, beta), abs=1e-9)


def test_many_continua_at_once_equal_one_by_one():
    rng = random.Random(5)
    docs = [_random_units(rng, 3, rng.randint(0, 25), extent=60) for _ in range(20)]
    arrays = [_check_units(d, [0, 1, 2])[0] for d in docs]
    together = gamma_documents(arrays, 3, 1.0, 1.0, 4, seed=1)["observed"]
    for doc, value in zip(docs, together):
        assert value == pytest.approx(_ours(doc, 3, 1.0, 1.0) if doc else 0.0, abs=1e-9)


def _continuum(units):
    """pygamma-agreement's continuum of the units. Imported here, not at the top: pygamma-agreement
    compiles its numba functions when imported (about 20 s of CPU), and every pytest-xdist worker
    collects this file, so only the worker that runs these tests pays it."""
    from pyannote.core import Segment
    from pygamma_agreement import Continuum

    continuum = Continuum()
    for coder, start, end, label in units:
        continuum.add(str(coder), Segment(start, end), label)
    return continuum


def _pygamma_disorder(units, alpha, beta):
    from pygamma_agreement import CombinedCategoricalDissimilarity

    continuum = _continuum(units)
    dissimilarity = CombinedCategoricalDissimilarity(alpha=alpha, beta=beta, delta_empty=1.0)
    return float(continuum.get_best_alignment(dissimilarity).disorder)


@pytest.mark.parametrize("seed", range(8))
def test_observed_disorder_equals_pygamma_agreement(seed):
    rng = random.Random(100 + seed)
    n = rng.choice([2, 3])
    units = _random_units(rng, n, rng.randint(6, 16 if n == 3 else 30), extent=80, longest=12, labels="ABC")
    for c in range(n):  # every coder has a unit (pygamma counts only coders with units)
        units.append((c, 90 + 3 * c, 92 + 3 * c, "A"))
    alpha, beta = rng.choice([(1.0, 1.0), (3.0, 1.0), (1.0, 0.5)])
    ours = gamma_agreement(units, alpha=alpha, beta=beta, samples=1, seed=0)["observed_disorder"]
    # pygamma-agreement computes in float32
    assert ours == pytest.approx(_pygamma_disorder(units, alpha, beta), rel=2e-6)


# The example of Mathet et al. (2015) shipped with the Gamma software and pygamma-agreement
# (annotators Alex, Paul, Suzan; label, start, end). Published best-alignment disorder with
# alpha = 3, beta = 1: 0.96 (6 unitary alignments).
ALEX_PAUL_SUZAN = [
    ("Alex", 1, 2, 9), ("Alex", 2, 11, 17), ("Alex", 5, 24, 30), ("Alex", 6, 32, 36), ("Alex", 6, 36, 44),
    ("Alex", 7, 44, 60), ("Paul", 1, 2, 9), ("Paul", 3, 11, 17), ("Paul", 5, 19, 25), ("Paul", 6, 32, 44),
    ("Suzan", 1, 2, 9), ("Suzan", 4, 11, 17), ("Suzan", 5, 21, 27), ("Suzan", 6, 32, 36), ("Suzan", 6, 36, 40),
    ("Suzan", 6, 40, 44),
]


def test_mathet_example_alex_paul_suzan():
    units = [(coder, start, end, str(label)) for coder, label, start, end in ALEX_PAUL_SUZAN]
    result = gamma_agreement(units, alpha=3.0, beta=1.0, samples=5, seed=3)
    assert result["observed_disorder"] == pytest.approx(0.96, rel=0.01)
    assert result["observed_disorder"] == pytest.approx(_pygamma_disorder(units, 3.0, 1.0), rel=2e-6)


def test_expected_disorder_is_reproducible_and_close_to_pygamma():
    rng = random.Random(9)
    units = _random_units(rng, 3, 45, extent=300, longest=15, labels="ABC")
    first = gamma_agreement(units, seed=42)
    again = gamma_agreement(list(reversed(units)), seed=42)
    assert first == again
    assert gamma_agreement(units, seed=43)["expected_disorder"] != first["expected_disorder"]
    # pygamma-agreement's statistical sampler on the same continuum (its own random numbers):
    # 30 samples each, so the two means differ only by sampling noise.
    from pygamma_agreement import CombinedCategoricalDissimilarity

    continuum = _continuum(units)
    np.random.seed(7)
    theirs = continuum.compute_gamma(CombinedCategoricalDissimilarity(), n_samples=30).expected_disorder
    assert first["expected_disorder"] == pytest.approx(theirs, rel=0.1)
    assert first["gamma"] == pytest.approx(1 - first["observed_disorder"] / first["expected_disorder"])


def test_perfect_agreement_and_undefined():
    same = [(c, s, s + 3, "A") for c in ("a", "b") for s in (0, 10, 20)]
    result = gamma_agreement(same, seed=0)
    assert result["observed_disorder"] == 0 and result["gamma"] == 1.0
    assert math.isnan(gamma_agreement([], coders=["a", "b"])["gamma"])
    assert math.isnan(gamma_agreement([("a", 0, 1, "A")])["gamma"])  # one coder
    # a listed coder without units is an empty place everywhere
    lonely = gamma_agreement([("a", 0, 5, "A")], coders=["a", "b"], seed=0)
    assert lonely["observed_disorder"] == pytest.approx(2.0)  # one alignment of raw cost 1, units/n = 1/2


def test_disorder_normalisation():
    assert disorders(np.array([3.0]), np.array([6]), 3)[0] == pytest.approx(3.0 / 3 / 2)


def test_invalid_input():
    with pytest.raises(ValueError, match="end > start"):
        gamma_agreement([("a", 3, 3, "A")])
    with pytest.raises(ValueError, match="not in coders"):
        gamma_agreement([("z", 0, 3, "A")], coders=["a", "b"])
    with pytest.raises(ValueError, match="tuple"):
        gamma_agreement([("a", 0, 3)])
    with pytest.raises(ValueError, match="finite"):
        gamma_agreement([("a", 0, float("inf"), "A")])
    with pytest.raises(ValueError, match="alpha"):
        gamma_agreement([("a", 0, 3, "A")], alpha=0)
    with pytest.raises(ValueError, match="samples"):
        gamma_agreement([("a", 0, 3, "A")], samples=0)
    with pytest.raises(ValueError, match="seed"):
        gamma_agreement([("a", 0, 3, "A")], seed=-1)


@pytest.mark.parametrize("seed", range(30))
def test_integer_programme_path_equals_listing(seed, monkeypatch):
    # Components larger than _LISTED units go to the HiGHS programme; force that path on small ones.
    from annotator.agreement import _gamma_align
    rng = random.Random(700 + seed)
    n = rng.choice([2, 3, 4])
    units = _random_units(rng, n, rng.randint(2, 7), extent=12)
    listed = _ours(units, n, 1.0, 1.0)
    monkeypatch.setattr(_gamma_align, "_LISTED", 1)
    assert _ours(units, n, 1.0, 1.0) == pytest.approx(listed, abs=1e-9)


@pytest.mark.parametrize("seed", range(12))
def test_exact_search_equals_the_integer_programme(seed, monkeypatch):
    # components of 9 to 20 units: the exact search (numpy only) against SciPy's HiGHS programme
    from annotator.agreement import _gamma_align
    rng = random.Random(900 + seed)
    n = rng.choice([2, 3, 4])
    units = _random_units(rng, n, rng.randint(4, 7), extent=14)
    searched = _ours(units, n, 1.0, 1.0)
    monkeypatch.setattr(_gamma_align, "_MAX_STATES", 0)  # every general component to the programme
    assert _ours(units, n, 1.0, 1.0) == pytest.approx(searched, abs=1e-9)


def test_exact_cover_by_hand():
    from annotator.agreement._gamma_align import _exact_cover
    # items 0..3; the pair {0,1} costs 1, {2,3} 1, {1,2} 0.5, singletons 2 each:
    # best = {0,1} + {2,3} = 2 (not {1,2} + 0 + 3 = 4.5)
    cands = [[0], [1], [2], [3], [0, 1], [2, 3], [1, 2]]
    assert _exact_cover(4, cands, [2, 2, 2, 2, 1, 1, 0.5]) == 2
    assert _exact_cover(4, cands, [2, 2, 2, 2, 1, 1, -5]) == -1  # {1,2} + 0 + 3 when it pays


def test_without_scipy_a_too_large_component_is_a_clear_error(monkeypatch):
    import sys
    from annotator.agreement import _gamma_align
    monkeypatch.setattr(_gamma_align, "_MAX_STATES", 0)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)  # import scipy.optimize fails
    rng = random.Random(11)
    units = [(c, 4 * k, 4 * k + 5, "A") for c in range(3) for k in range(4)]  # one chain of 12 units
    with pytest.raises(RuntimeError, match=r"install SciPy .*arabic-annotator\[gamma\]"):
        gamma_agreement(units, samples=1, seed=0)


def test_large_component_against_pygamma():
    # 3 coders x 4 stacked, overlapping units: one component of 12 units, solved by the programme.
    rng = random.Random(11)
    units = []
    for c in range(3):
        at = 0
        for _ in range(4):
            length = rng.randint(3, 6)
            units.append((c, at, at + length, rng.choice("AB")))
            at += length - rng.randint(0, 1) + rng.randint(0, 1)
    ours = gamma_agreement(units, samples=1, seed=0)["observed_disorder"]
    assert ours == pytest.approx(_pygamma_disorder(units, 1.0, 1.0), rel=2e-6)
