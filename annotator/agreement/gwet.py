"""Gwet's AC1 and AC2 agreement coefficients (any number of coders, missing data).

Sources: Gwet, K. L. (2008). Computing inter-rater reliability and its variance
in the presence of high agreement. *British Journal of Mathematical and
Statistical Psychology*, 61(1), 29-48 (AC1).  Gwet, K. L. (2014). *Handbook of
Inter-Rater Reliability* (4th ed.), Advanced Analytics, ch. 2-3 (AC2, the
weights, and the missing-data form used here).  Formulas: ``docs/agreement.md``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._categories import ordered_codes
from ._encoding import as_label_matrix, encode_1d, numeric_values

__all__ = ["AC2_WEIGHTS", "gwet_ac1", "gwet_ac2", "gwet_statistics", "gwet_weights"]

AC2_WEIGHTS = ("identity", "linear", "quadratic", "ordinal", "radical", "ratio", "circular", "bipolar")

NAN = float("nan")


def gwet_weights(kind: str, values: np.ndarray) -> np.ndarray:
    """Agreement weights ``w[k, l]`` (1 on the diagonal) of Gwet (2014, sec. 3.5).

    ``values`` are the numeric scores of the ordered categories (their ranks
    1..q when the categories are not numbers).
    """
    x = np.asarray(values, dtype=np.float64)
    q = len(x)
    if kind == "identity":
        return np.eye(q)
    if q < 2:
        return np.ones((q, q))
    lo, hi = float(x.min()), float(x.max())
    span = hi - lo
    d = np.subtract.outer(x, x)
    if kind == "linear":
        return 1.0 - np.abs(d) / span
    if kind == "quadratic":
        return 1.0 - (d / span) ** 2
    if kind == "radical":
        return 1.0 - np.sqrt(np.abs(d)) / np.sqrt(span)
    if kind == "ratio":
        if (x <= 0).any():
            raise ValueError("ratio weights need positive category values (x_k + x_l must not be 0)")
        s = np.add.outer(x, x)
        return 1.0 - (d / s) ** 2 / (span / (hi + lo)) ** 2
    if kind == "ordinal":
        rank = np.arange(q)
        m = np.abs(np.subtract.outer(rank, rank)) + 1
        raw = m * (m - 1) / 2.0
        return 1.0 - raw / raw.max()
    if kind == "circular":
        raw = np.sin(np.pi * d / (span + 1.0)) ** 2
        return 1.0 - raw / raw.max()
    if kind == "bipolar":
        s = np.add.outer(x, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = d**2 / ((s - 2 * lo) * (2 * hi - s))
        raw[np.eye(q, dtype=bool)] = 0.0
        return 1.0 - raw / raw.max()
    raise ValueError(f"unknown weights {kind!r}; expected one of {', '.join(AC2_WEIGHTS)}")


def _unit_counts(codes: np.ndarray, q: int) -> np.ndarray:
    """units x categories matrix r[i, k]: how many coders put unit i in category k."""
    n_units = codes.shape[1]
    columns = np.where(codes >= 0, codes, q)  # column q collects the missing values
    index = (np.arange(n_units, dtype=np.int64) * (q + 1))[None, :] + columns
    counts = np.bincount(index.reshape(-1), minlength=n_units * (q + 1)).reshape(n_units, q + 1)
    return counts[:, :q]


def gwet_statistics(counts: np.ndarray, weights: np.ndarray) -> dict:
    """Additive sufficient statistics of AC1/AC2 from a units x categories count matrix.

    Returns ``pa_sum`` (sum over units with two or more ratings of their weighted
    pair agreement), ``pa_units`` (how many such units), ``pi_sum`` (per category,
    sum over rated units of r_ik / r_i) and ``units`` (rated units).  Sums over
    documents are the statistics of the documents together, which is what the
    bootstrap resamples.
    """
    r = counts.sum(axis=1)
    rated = r >= 1
    pairable = r >= 2
    star = counts @ weights.T  # r*_ik = sum_l w_kl r_il
    with np.errstate(divide="ignore", invalid="ignore"):
        agree = (counts * (star - 1.0)).sum(axis=1) / (r * (r - 1.0))
        share = counts / r[:, None]
    return {
        "pa_sum": float(agree[pairable].sum()),
        "pa_units": int(pairable.sum()),
        "pi_sum": share[rated].sum(axis=0),
        "units": int(rated.sum()),
    }


def gwet_from_statistics(pa_sum, pa_units, pi_sum, units, weights: np.ndarray):
    """AC from (possibly summed or resampled) statistics; arrays broadcast.

    ``pa_sum``, ``pa_units`` and ``units`` may be arrays of shape (B,) and
    ``pi_sum`` of shape (B, q): then B coefficients are returned at once.
    NaN where undefined (no unit with two ratings, fewer than two categories,
    or chance agreement 1).
    """
    q = weights.shape[0]
    pa_sum = np.asarray(pa_sum, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        pa = pa_sum / np.asarray(pa_units, dtype=np.float64)
        pi = np.asarray(pi_sum, dtype=np.float64) / np.asarray(units, dtype=np.float64)[..., None]
        if q < 2:
            return np.full(np.shape(pa_sum), NAN)
        pe = weights.sum() / (q * (q - 1.0)) * (pi * (1.0 - pi)).sum(axis=-1)
        ac = (pa - pe) / (1.0 - pe)
    return np.where(pe < 1.0, ac, NAN)


def _prepare(data: Any, categories: Any, name: str) -> tuple[np.ndarray, list[Any]]:
    matrix = as_label_matrix(data)
    n_coders, n_units = matrix.shape
    flat, uniques = encode_1d(matrix.reshape(-1), allow_missing=True, name="data")
    codes, order = ordered_codes(flat, uniques, categories, name)
    return codes.reshape(n_coders, n_units), order


def _coefficient(codes: np.ndarray, weights: np.ndarray) -> float:
    q = weights.shape[0]
    if codes.shape[0] < 2 or codes.shape[1] == 0 or q < 2:
        return NAN
    stats = gwet_statistics(_unit_counts(codes, q), weights)
    return float(gwet_from_statistics(stats["pa_sum"], stats["pa_units"], stats["pi_sum"], stats["units"], weights))


def gwet_ac1(data: Any, categories: Any = None) -> float:
    """Gwet's (2008) AC1 for nominal categories.

    ``data`` is coders x units (list of lists or 2-D array) with ``None`` or NaN
    for a missing value, the input of ``krippendorff_alpha``; any number of
    coders.  ``categories`` lists every category of the scale; a category that
    no coder used still counts, because AC1's chance agreement depends on the
    number of categories q.  Without it, q is the number of labels seen.

    Units with no rating are ignored; units with one rating count for the
    category shares but not for the observed agreement (Gwet 2014, sec. 2.5).
    Returns ``nan`` when undefined: no unit rated by two coders, or fewer than
    two categories (chance agreement is 0/0).
    """
    codes, order = _prepare(data, categories, "gwet_ac1")
    return _coefficient(codes, np.eye(len(order)))


def gwet_ac2(data: Any, weights: str | Any = "quadratic", categories: Any = None) -> float:
    """Gwet's AC2: AC1 with agreement weights for ordered categories (Gwet 2014, ch. 3).

    ``weights`` is one of ``AC2_WEIGHTS`` or a q x q matrix of agreement weights
    (1 on the diagonal, symmetric, between 0 and 1) in the order of
    ``categories``.  The categories are ordered as listed in ``categories``,
    else in natural sort order (numbers by value, strings with digit runs as
    numbers).  Named weights use the category values when all categories are
    numbers, their ranks 1..q otherwise (as Gwet's irrCAC does).
    ``gwet_ac2(data, "identity")`` is ``gwet_ac1(data)``.
    """
    codes, order = _prepare(data, categories, "gwet_ac2")
    q = len(order)
    if isinstance(weights, str):
        if weights not in AC2_WEIGHTS:
            raise ValueError(f"unknown weights {weights!r}; expected one of {', '.join(AC2_WEIGHTS)}")
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in order)
        values = numeric_values(order, "gwet_ac2") if numeric and order else np.arange(1.0, q + 1.0)
        w = gwet_weights(weights, values)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (q, q):
            raise ValueError(f"gwet_ac2: the weight matrix must be {q} x {q} (one row per category), got {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any() or (w > 1).any():
            raise ValueError("gwet_ac2: weights must be finite numbers between 0 and 1")
        if not np.allclose(np.diag(w), 1.0) or not np.allclose(w, w.T):
            raise ValueError("gwet_ac2: the weight matrix must be symmetric with 1 on the diagonal")
    return _coefficient(codes, w)
