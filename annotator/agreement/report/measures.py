"""The report's Gwet's AC1 (from the per-document contingency tables) and gamma (from the spans).

AC1 with no missing values (every compared coder rated every unit of a compared document), for m
coders and the q categories of the variable (those that occur in the report): on unit i,
``sum_k r_ik (r_ik - 1) = 2 * (agreeing coder pairs on i)``, so over a set of units

    p_a = 2 * sum_pairs trace(table) / (m (m-1) N),   pi_k = sum_coders marginal_k / (m N),
    p_e = sum_k pi_k (1 - pi_k) / (q - 1),            AC1 = (p_a - p_e) / (1 - p_e)

(Gwet 2008; ``annotator.agreement.gwet_ac1`` is the general function, the tests compare).  These
sums are additive over documents, which is what the bootstrap (``bootstrap``) resamples.

Gamma (Mathet et al. 2015) compares the spans as marked, in characters, whatever the unit; it is
holistic (the labels are part of its dissimilarity), so the report gives it over all labels only.
Pooled: the documents are separate continua aligned independently, the observed disorder is that
of all their alignments together, and the expected disorder the mean over the samples of the
disorder of one sampled continuum per document (``GammaCollector``).  Gamma costs about 4.5 ms of
CPU per document (an exact alignment and 30 sampled ones), more than the rest of the report, so the
report computes it only when asked (``build_report(gamma=True)``, ``annotator agreement --gamma``).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np

from annotator.agreement.gamma import expected_costs, observed_costs, sampler_parameters

NAN = float("nan")
GAMMA_SAMPLES = 30


def ac1_statistics(tables: dict, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(agreement sum, category share sums (X, q), units) of stacked tables (X, q, q) per pair."""
    first = next(iter(tables.values()))
    units = first.sum(axis=(-2, -1)).astype(np.float64)
    agreeing = sum(np.trace(t, axis1=-2, axis2=-1) for t in tables.values()).astype(np.float64)
    shares = np.zeros(first.shape[:-1], dtype=np.float64)
    for c in range(m):
        pair = next(p for p in tables if c in p)
        shares += tables[pair].sum(axis=-1) if pair[0] == c else tables[pair].sum(axis=-2)
    return 2.0 * agreeing / (m * (m - 1)), shares / m, units


def ac1_from_statistics(pa_sum, pi_sum, units) -> np.ndarray:
    q = np.shape(pi_sum)[-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        pa = pa_sum / units
        pi = pi_sum / units[..., None]
        pe = (pi * (1.0 - pi)).sum(axis=-1) / (q - 1.0) if q > 1 else np.full(np.shape(pa), NAN)
        out = (pa - pe) / (1.0 - pe)
    return np.where((units > 0) & (pe < 1.0), out, NAN)


def ac1(tables: dict, m: int) -> tuple[np.ndarray, float]:
    """Per-document AC1 and the pooled one, from the pair tables of one variable."""
    pa, pi, units = ac1_statistics(tables, m)
    per_doc = ac1_from_statistics(pa, pi, units)
    pooled = ac1_from_statistics(pa.sum(keepdims=True), pi.sum(axis=0, keepdims=True),
                                 units.sum(keepdims=True))[0]
    return per_doc, float(pooled)


@dataclass
class GammaParts:
    """Raw best-alignment costs per document (observed) and per document and sample (expected)."""

    observed: np.ndarray          # (D,)
    units: np.ndarray             # (D,)
    expected: np.ndarray          # (D, S)
    expected_units: np.ndarray    # (D, S)
    n: int
    samples: int
    seed: int

    def disorders(self, weights=None) -> tuple[np.ndarray, np.ndarray]:
        """Pooled (observed, expected) disorder for each row of ``weights`` (resamples x documents)."""
        w = np.ones((1, len(self.units))) if weights is None else weights
        has = self.units > 0
        scale = comb(self.n, 2) / self.n
        with np.errstate(invalid="ignore", divide="ignore"):
            observed = (w @ self.observed) / scale / (w @ self.units)
            exp_raw = w[:, has] @ self.expected[has]
            exp_units = w[:, has] @ self.expected_units[has]
            expected = np.mean(exp_raw / scale / exp_units, axis=1)
        return observed, expected


def gamma_value(observed, expected):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(observed == 0, 1.0, 1.0 - observed / expected)


class GammaCollector:
    """Gamma's per-document parts, batch by batch during the report's pass: each batch's best
    alignments are computed (exactly) and dropped; only each document's sampler parameters are kept,
    and ``parts()`` draws every document's sampled continua at the end with one seeded generator
    (``gamma.gamma_documents`` split in its two halves: the same numbers)."""

    def __init__(self, n_coders: int, seed: int, samples: int = GAMMA_SAMPLES) -> None:
        self.n, self.seed, self.samples = n_coders, seed, samples
        self._observed: list[np.ndarray] = []
        self._sizes: list[np.ndarray] = []
        self._params: list = []

    def add(self, batch) -> None:
        n_docs = len(batch.ids)
        keep = batch.end > batch.start
        doc, coder, label = batch.doc[keep], batch.coder[keep], batch.label[keep]
        start, end = batch.start[keep], batch.end[keep]
        order = np.lexsort((label, end, start, coder, doc))
        rows = np.stack((coder, start, end, label), axis=1)[order].astype(np.float64)
        sizes = np.bincount(doc, minlength=n_docs)
        documents = np.split(rows, np.cumsum(sizes)[:-1]) if n_docs else []
        self._observed.append(observed_costs(documents, self.n, 1.0, 1.0))
        self._sizes.append(sizes)
        self._params += [sampler_parameters(d, self.n) for d in documents]

    def parts(self) -> GammaParts:
        sizes = np.concatenate(self._sizes) if self._sizes else np.zeros(0, np.int64)
        observed = np.concatenate(self._observed) if self._observed else np.zeros(0)
        expected, expected_units = expected_costs(self._params, sizes, self.n, 1.0, 1.0, self.samples, self.seed)
        return GammaParts(observed, sizes.astype(np.float64), np.nan_to_num(expected),
                          expected_units.astype(np.float64), self.n, self.samples, self.seed)


def gamma_entry(parts: GammaParts) -> tuple[dict, np.ndarray]:
    """The report entry of gamma (pooled, mean of documents, disorders) and the per-document values."""
    n = parts.n
    scale = comb(n, 2) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = parts.observed / scale / parts.units
        expected = np.mean(parts.expected / scale / parts.expected_units, axis=1)
    per_doc = np.where(parts.units > 0, gamma_value(observed, expected), NAN)
    pooled_obs, pooled_exp = parts.disorders()
    pooled = float(gamma_value(pooled_obs, pooled_exp)[0]) if parts.units.sum() else NAN
    defined = per_doc[~np.isnan(per_doc)]
    entry = {"pooled": pooled, "mean_of_documents": float(defined.mean()) if len(defined) else NAN,
             "documents": int(len(per_doc)), "documents_undefined": int(len(per_doc) - len(defined)),
             "observed_disorder": float(pooled_obs[0]) if parts.units.sum() else NAN,
             "expected_disorder": float(pooled_exp[0]) if parts.units.sum() else NAN,
             "samples": parts.samples, "seed": parts.seed, "alpha": 1.0, "beta": 1.0}
    return entry, per_doc
