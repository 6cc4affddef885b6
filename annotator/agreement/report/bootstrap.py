"""Bootstrap confidence intervals for every pooled coefficient of the report, by resampling documents.

Documents are the unit of independence: the units (characters, tokens) and the spans of one
document share its author, topic and coder's attention, so resampling them one by one would treat
correlated units as independent and make the intervals too narrow (docs/agreement.md).  A
resample draws D documents with replacement from the D compared documents; ``weights`` is the
(B, D) matrix of how often each document was drawn.  Every coefficient of the report is a
function of per-document sums (contingency tables, span counts, alignment costs, alpha_U's
sufficient statistics), so all B resamples are computed at once as ``weights @ per_document``.

Percentile method (Efron & Tibshirani 1993, ch. 13): the interval is the (1-level)/2 and
(1+level)/2 quantiles of the B resampled values; the standard error is their standard deviation.
Resamples where the coefficient is undefined (0/0) are left out and counted.

``--ci-unit unit`` resamples the units (characters or tokens) instead, for the coded coefficients
(kappa, Fleiss' kappa, alpha, AC1): their pooled value depends only on the joint table of the m
coders' categories over units, so a resample is one multinomial draw over its cells.  The span
coefficients (alpha_U, span F1, gamma) have no such unit and keep resampling documents.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

METHOD = "percentile bootstrap"
CI_UNITS = ("document", "unit")
NAN = float("nan")


def document_weights(n_docs: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """(resamples, n_docs) counts: how often each document is drawn in each resample."""
    draws = rng.integers(0, max(n_docs, 1), size=(resamples, n_docs))
    rows = np.repeat(np.arange(resamples), n_docs)
    out = np.zeros((resamples, n_docs), dtype=np.float64)
    np.add.at(out, (rows, draws.ravel()), 1.0)
    return out


def interval(values: np.ndarray, level: float) -> dict:
    values = np.asarray(values, dtype=np.float64)
    ok = values[~np.isnan(values)]
    if len(ok) < 2:
        return {"low": NAN, "high": NAN, "se": NAN, "undefined_resamples": int(len(values) - len(ok))}
    low, high = np.percentile(ok, [50 * (1 - level), 50 * (1 + level)])
    return {"low": float(low), "high": float(high), "se": float(ok.std(ddof=1)),
            "undefined_resamples": int(len(values) - len(ok))}


def resample_tables(tables: dict, weights: np.ndarray) -> dict:
    """Per pair: (B, K, K) tables of the resamples from (D, K, K) per-document tables."""
    out = {}
    for pair, t in tables.items():
        d, k, _ = t.shape
        out[pair] = (weights @ t.reshape(d, k * k).astype(np.float64)).reshape(-1, k, k)
    return out


def unit_resampled_tables(joint: dict, masks: np.ndarray, m: int, resamples: int,
                          rng: np.random.Generator) -> dict:
    """Per pair: (B, K, K) tables of resamples of the units, drawn from the coders' joint table
    (``joint``: (coder 1's mask, ..., coder m's) -> units, counted in the report's pass)."""
    k = len(masks)
    rows = sorted(joint)
    counts = np.array([joint[r] for r in rows], dtype=np.float64)
    cells = np.searchsorted(masks.astype(np.uint64), np.array(rows, dtype=np.uint64).reshape(-1, m))
    n = int(counts.sum())
    draws = rng.multinomial(n, counts / n, size=resamples).astype(np.float64) if n else \
        np.zeros((resamples, len(rows)))
    out = {}
    for i, j in combinations(range(m), 2):
        onehot = np.zeros((len(rows), k * k))
        onehot[np.arange(len(rows)), cells[:, i] * k + cells[:, j]] = 1.0
        out[(i, j)] = (draws @ onehot).reshape(resamples, k, k)
    return out
