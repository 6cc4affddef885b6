"""Coefficients for coded data: Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.

All functions validate their input first (ValueError with a clear message for
invalid input) and return ``float("nan")`` when the coefficient is undefined
(0/0), e.g. when only one category is used or nothing is pairable.  See
``docs/agreement.md`` for formulas, sources and conventions.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._categories import ordered_codes
from ._encoding import as_label_array, as_label_matrix, encode_1d, encode_joint, numeric_values

__all__ = ["KAPPA_WEIGHTS", "LEVELS", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]

LEVELS = ("nominal", "ordinal", "interval", "ratio")

NAN = float("nan")

_CHUNK = 1 << 20  # units per chunk in the coincidence computation


# --------------------------------------------------------------------------
# Cohen's kappa
# --------------------------------------------------------------------------
KAPPA_WEIGHTS = (None, "linear", "quadratic")


def cohen_kappa(a: Any, b: Any, weights: str | None = None, categories: Any = None) -> float:
    """Cohen's (1960) kappa, or weighted kappa (Cohen 1968), for two coders.

    ``a`` and ``b`` are equal-length sequences (or 1-D arrays) of hashable
    labels; item ``i`` was labelled ``a[i]`` by one coder and ``b[i]`` by the
    other.  Missing values (``None``/NaN) are rejected: Cohen's kappa has no
    missing-data convention (drop such items, or use ``krippendorff_alpha``).

    ``weights`` is ``None`` (unweighted), ``"linear"`` (disagreement weight
    ``|i - j|``) or ``"quadratic"`` (``(i - j)**2``), where ``i`` and ``j`` are
    the positions of the two categories in ``categories`` or, without it, in
    the natural sort order of the labels seen (numbers by value, strings with
    digit runs compared as numbers).  ``categories`` may list categories
    nobody used (they change the distances between the others); a label not in
    it is an error.  Unweighted kappa ignores the order.

    Returns ``nan`` when undefined: no items, or chance disagreement 0 (both
    coders used one and the same single category for every item).
    """
    if weights not in KAPPA_WEIGHTS:
        raise ValueError(f"unknown weights {weights!r}; expected None, 'linear' or 'quadratic'")
    a_arr = as_label_array(a, "a")
    b_arr = as_label_array(b, "b")
    if len(a_arr) != len(b_arr):
        raise ValueError(f"a and b must have equal length, got {len(a_arr)} and {len(b_arr)}")
    n = len(a_arr)
    if n == 0:
        return NAN
    (ca, cb), uniques = encode_joint([a_arr, b_arr], allow_missing=False, name="cohen_kappa input")
    if weights is not None or categories is not None:
        joint, _order = ordered_codes(np.concatenate([ca, cb]), uniques, categories, "cohen_kappa")
        ca, cb = joint[:n], joint[n:]
        k = max(len(_order), 1)
    else:
        k = len(uniques)
    table = np.bincount(ca * k + cb, minlength=k * k).reshape(k, k)
    rows = table.sum(axis=1).tolist()
    cols = table.sum(axis=0).tolist()
    if weights is None:
        # Exact integer arithmetic (Python ints): kappa = (n*agree - sum r_i c_i) / (n^2 - sum r_i c_i)
        agree = int(np.trace(table))
        chance = sum(r * c for r, c in zip(rows, cols))
        denominator = n * n - chance
        if denominator == 0:
            return NAN
        return (n * agree - chance) / denominator
    # kappa_w = 1 - n * sum v_ij n_ij / sum v_ij r_i c_j with integer weights v (exact until the division)
    power = 1 if weights == "linear" else 2
    observed = 0
    expected = 0
    flat = table.tolist()
    for i in range(k):
        for j in range(k):
            v = abs(i - j) ** power
            if v:
                observed += v * flat[i][j]
                expected += v * rows[i] * cols[j]
    if expected == 0:
        return NAN
    return 1.0 - (n * observed) / expected


# --------------------------------------------------------------------------
# Fleiss' kappa
# --------------------------------------------------------------------------
def _count_matrix(counts: Any) -> np.ndarray:
    if isinstance(counts, np.ndarray):
        arr = counts
    else:
        try:
            rows = [list(row) for row in counts]
        except TypeError:
            raise ValueError("counts must be a 2-D array or a list of lists (subjects x categories)") from None
        widths = {len(row) for row in rows}
        if len(widths) > 1:
            raise ValueError(f"ragged counts: rows have different lengths {sorted(widths)}")
        arr = np.array(rows, dtype=object) if rows else np.empty((0, 0), dtype=np.int64)
    if arr.ndim != 2:
        raise ValueError(f"counts must be two-dimensional (subjects x categories), got shape {arr.shape}")
    if arr.dtype.kind == "O":
        if not all(isinstance(x, numbers.Real) for x in arr.ravel().tolist()):
            raise ValueError("counts must contain only numbers")
        arr = arr.astype(np.float64)
    elif arr.dtype.kind not in "biuf":
        raise ValueError("counts must contain only numbers")
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            raise ValueError("counts must be finite (no NaN or infinity)")
        if not (arr == np.round(arr)).all():
            raise ValueError("counts must be whole numbers")
        if arr.size and np.abs(arr).max() >= 2**53:
            raise ValueError("counts are too large")
    if (arr < 0).any():
        raise ValueError("counts must not be negative")
    return arr.astype(np.int64)


def fleiss_kappa(counts: Any) -> float:
    """Fleiss' (1971) kappa from a subjects x categories matrix of counts.

    ``counts[i][j]`` is the number of raters who assigned subject ``i`` to
    category ``j``; every row must sum to the same number of raters ``n``
    (Fleiss' kappa assumes a constant number of ratings per subject; use
    ``krippendorff_alpha`` otherwise).

    Returns ``nan`` when undefined: no subjects, fewer than two raters per
    subject, or all ratings in a single category (chance agreement is 1).
    """
    arr = _count_matrix(counts)
    n_subjects = arr.shape[0]
    if n_subjects == 0:
        return NAN
    row_sums = arr.sum(axis=1)
    if (row_sums != row_sums[0]).any():
        raise ValueError(
            "every row of counts must sum to the same number of raters; got row sums "
            f"from {int(row_sums.min())} to {int(row_sums.max())}"
        )
    n = int(row_sums[0])
    if n < 2:
        return NAN
    # Exact integer arithmetic with T = N*n ratings in total:
    #   P_bar   = (sum n_ij^2 - T) / (T (n - 1)),   P_e = sum_j c_j^2 / T^2
    #   kappa   = ((Q - T) T - S (n - 1)) / ((n - 1) (T^2 - S))
    total = n_subjects * n
    # Each count is at most n, so the squares and their sum fit int64 for any real data set
    # (n^2 * N * k < 2^63); the products below are done in Python's exact integers.
    whole = arr.astype(np.int64, copy=False)
    q = int(np.einsum("ij,ij->", whole, whole))
    s = sum(int(c) * int(c) for c in arr.sum(axis=0).tolist())
    denominator = (n - 1) * (total * total - s)
    if denominator == 0:
        return NAN
    return ((q - total) * total - s * (n - 1)) / denominator


# --------------------------------------------------------------------------
# Krippendorff's alpha
# --------------------------------------------------------------------------
def _coincidences(codes: np.ndarray, n_values: int) -> np.ndarray:
    """Coincidence matrix o[v, k] of pairable values (Krippendorff 2011, sec. B).

    ``codes`` is coders x units with -1 for missing values.  Each ordered pair
    of values from different coders within a unit contributes 1/(m_u - 1),
    where m_u is the number of values in that unit.  Cost: O(coders^2 * units).
    Pair counts are accumulated per m_u with integer ``bincount`` and weighted
    afterwards, so the sums are exact integers until the final weighting.
    """
    n_coders = codes.shape[0]
    cells = n_values * n_values
    present = codes >= 0
    all_present = bool(present.all())
    if all_present:
        group = None  # every unit has m_u = n_coders
        n_groups = 1
    else:
        m_u = present.sum(axis=0)
        group = np.maximum(m_u - 2, 0)  # unpairable units (m_u < 2) never form a pair
        n_groups = n_coders - 1
    counts = np.zeros(n_groups * (cells + 1), dtype=np.int64)
    n_units = codes.shape[1]
    for s in range(0, n_units, _CHUNK):  # chunks keep temporaries small
        block = codes[:, s:s + _CHUNK]
        if not all_present:
            block_present = present[:, s:s + _CHUNK]
            block_offset = group[s:s + _CHUNK] * (cells + 1)
        for i in range(n_coders):
            for j in range(i + 1, n_coders):
                index = block[i] * n_values + block[j]
                if not all_present:
                    index[~(block_present[i] & block_present[j])] = cells  # extra bin: "no pair"
                    index += block_offset
                counts += np.bincount(index, minlength=n_groups * (cells + 1))
    counts = counts.reshape(n_groups, cells + 1)[:, :cells]
    m_values = np.full(1, n_coders) if all_present else np.arange(2, n_coders + 1)
    half = (counts / (m_values - 1.0)[:, None]).sum(axis=0).reshape(n_values, n_values)
    return half + half.T


def _delta_squared(level: str, values: np.ndarray | None, n_v: np.ndarray) -> np.ndarray:
    """Squared difference function delta^2(v, k) for the given level."""
    size = len(n_v)
    if level == "nominal":
        return 1.0 - np.eye(size)
    assert values is not None
    if level == "interval":
        return np.subtract.outer(values, values) ** 2
    if level == "ratio":
        sums = np.add.outer(values, values)
        diffs = np.subtract.outer(values, values)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = (diffs / sums) ** 2
        out[sums == 0] = 0.0  # only v = k = 0, identical values
        return out
    # ordinal: values are sorted ascending; delta = sum_{g=v..k} n_g - (n_v + n_k)/2
    cumulative = np.cumsum(n_v)
    lo = np.minimum.outer(np.arange(size), np.arange(size))
    hi = np.maximum.outer(np.arange(size), np.arange(size))
    between = cumulative[hi] - cumulative[lo] + n_v[lo]
    return (between - (n_v[:, None] + n_v[None, :]) / 2.0) ** 2


def krippendorff_alpha(data: Any, level: str = "nominal") -> float:
    """Krippendorff's alpha (coincidence-matrix form, Krippendorff 2011).

    ``data`` is coders x units (list of lists or 2-D array).  Missing values
    are ``None`` or NaN.  ``level`` is ``"nominal"``, ``"ordinal"``,
    ``"interval"`` or ``"ratio"``; the last three need numeric values (ordinal
    uses their numeric order), ratio needs non-negative values.

    Units with fewer than two values are not pairable and are dropped, as
    Krippendorff prescribes.  Returns ``nan`` when undefined: no pairable unit,
    or expected disagreement 0 (all pairable values identical).

    For speed on millions of units pass a NumPy array of integer (or float with
    NaN) label codes; lists of Python objects are encoded with a Python loop.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    matrix = as_label_matrix(data)
    n_coders, n_units = matrix.shape
    flat_codes, uniques = encode_1d(matrix.reshape(-1), allow_missing=True, name="data")
    values = None
    if level != "nominal":
        values = numeric_values(uniques, "data")
        if level == "ratio" and (values < 0).any():
            raise ValueError("the ratio level needs non-negative values (a ratio scale has an absolute zero)")
        order = np.argsort(values, kind="stable")
        if (order != np.arange(len(order))).any():  # object input: codes by first appearance
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            flat_codes = np.where(flat_codes >= 0, rank[np.maximum(flat_codes, 0)], -1)
            values = values[order]
    n_values = len(uniques)
    if n_values == 0 or n_coders < 2 or n_units == 0:
        return NAN
    o = _coincidences(flat_codes.reshape(n_coders, n_units), n_values)
    n_v = o.sum(axis=1)
    n = n_v.sum()
    if n == 0:
        return NAN
    delta2 = _delta_squared(level, values, n_v)
    observed = float((o * delta2).sum())
    expected = float((np.outer(n_v, n_v) * delta2).sum())
    if expected == 0.0:
        return NAN
    return 1.0 - (n - 1.0) * observed / expected
