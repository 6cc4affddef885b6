"""alpha_U of any weighted set of documents from per-document sufficient statistics (for the bootstrap).

For one label c, documents d with lengths L_d (in units), m coders, and the coders' units (length
l) and gaps (length G) of label c in each document (Krippendorff 1995; docs/agreement.md):

    D_O = 2 * sum_d w_d O_d / (m (m-1) L^2),  L = sum_d w_d L_d,  N = sum_d w_d N_d
    D_E = (2/L) [ (N-1) sum_d w_d P_d + sum_{d,d'} w_d w_d' S_dd' ] / (m L (m L - 1) - sum_d w_d Q_d)

with O_d the observed sum of the document, P_d = sum l(l-1)(2l-1)/3 and Q_d = sum l(l-1) over its
units, and S_dd' = sum over units u of d and gaps G of d' of l_u^2 max(0, G - l_u + 1): units of
one document can be placed in the gaps of any document.  With the distinct unit lengths lambda_k,
S = H F^T where H[d, k] = lambda_k^2 * (units of length lambda_k in d) and F[d', k] = sum over the
gaps G of d' of max(0, G - lambda_k + 1), so for resample weights W (B x D) the double sum is
``((W @ H) * (W @ F)).sum(axis=1)``: no D x D matrix.  With w = one document this is exactly
``unitizing_alpha`` of that document; the documents' gaps stay separate (the pooled point estimate
lays the documents end to end, which joins the last gap of one document and the first of the next:
a slight difference, docs/agreement.md).

The statistics are fed batch by batch by ``batched.Unitizing`` (its ``statistics`` sink) while the
report streams over the documents: the bootstrap never reads the documents again.
"""

from __future__ import annotations

import numpy as np

NAN = float("nan")


class AlphaUStatistics:
    def __init__(self, m: int, labels: list[str]) -> None:
        self.m = m
        self.labels = list(labels)
        k = len(self.labels)
        self._lengths: list[np.ndarray] = []
        self._observed: list[np.ndarray] = []                       # per batch: labels x documents
        self._units = [([], []) for _ in range(k)]                  # per label: (document, length) parts
        self._gaps = [([], []) for _ in range(k)]
        self._docs = 0
        self._done = False

    # -- fed by batched.Unitizing.add, one batch at a time ---------------------------------------
    def add_batch(self, lengths: np.ndarray, observed: np.ndarray) -> None:
        """The batch's document lengths (units) and observed sums (labels x documents)."""
        self._lengths.append(np.asarray(lengths, dtype=np.float64))
        self._observed.append(np.asarray(observed, dtype=np.float64))

    def add_label(self, label: int, unit_doc, unit_len, gap_doc, gap_len) -> None:
        """One label's units and gaps in the batch (document indices within the batch)."""
        self._units[label][0].append(np.asarray(unit_doc, dtype=np.int64) + self._docs)
        self._units[label][1].append(np.asarray(unit_len, dtype=np.int64))
        self._gaps[label][0].append(np.asarray(gap_doc, dtype=np.int64) + self._docs)
        self._gaps[label][1].append(np.asarray(gap_len, dtype=np.int64))

    def end_batch(self, n_docs: int) -> None:
        self._docs += n_docs

    # -- after the pass -------------------------------------------------------------------------
    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        n_docs, k = self._docs, len(self.labels)
        self.length = np.concatenate(self._lengths) if self._lengths else np.zeros(0)
        self.observed = np.concatenate(self._observed, axis=1) if self._observed else np.zeros((k, 0))
        self.observed = np.nan_to_num(self.observed)
        self.count = np.zeros((k, n_docs))
        self.p = np.zeros((k, n_docs))
        self.q = np.zeros((k, n_docs))
        self.h, self.f = [], []
        for li in range(k):
            ud, ul = (np.concatenate(x) if x else np.zeros(0, np.int64) for x in self._units[li])
            gd, gl = (np.concatenate(x) if x else np.zeros(0, np.int64) for x in self._gaps[li])
            lf = ul.astype(np.float64)
            self.count[li] = np.bincount(ud, minlength=n_docs)
            self.p[li] = np.bincount(ud, weights=lf * (lf - 1) * (2 * lf - 1) / 3.0, minlength=n_docs)
            self.q[li] = np.bincount(ud, weights=lf * (lf - 1), minlength=n_docs)
            distinct, inverse = np.unique(ul, return_inverse=True)
            kk = len(distinct)
            hist = np.bincount(ud * kk + inverse, minlength=n_docs * kk).reshape(n_docs, kk).astype(np.float64)
            self.h.append(hist * distinct.astype(np.float64) ** 2)
            self.f.append(_fit(gd, gl, distinct, n_docs))
        del self._units, self._gaps

    def values(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(overall alpha_U (B,), per-label alpha_U (labels, B)) for resample weights (B, D)."""
        self._finish()
        m = self.m
        length = weights @ self.length
        d_o, d_e = [], []
        with np.errstate(invalid="ignore", divide="ignore"):
            for li in range(len(self.labels)):
                n = weights @ self.count[li]
                cross = ((weights @ self.h[li]) * (weights @ self.f[li])).sum(axis=1)
                num = 2.0 / length * ((n - 1.0) * (weights @ self.p[li]) + cross)
                den = m * length * (m * length - 1.0) - weights @ self.q[li]
                d_o.append(np.where(n > 0, 2.0 * (weights @ self.observed[li]) / (m * (m - 1) * length ** 2), 0.0))
                d_e.append(np.where(n > 0, num / den, 0.0))
            d_o = np.array(d_o).reshape(len(self.labels), -1)
            d_e = np.array(d_e).reshape(len(self.labels), -1)
            per_label = np.where(d_e > 0, 1.0 - d_o / d_e, NAN)
            total_e = d_e.sum(axis=0)
            overall = np.where(total_e > 0, 1.0 - d_o.sum(axis=0) / total_e, NAN)
        return overall, per_label


def _fit(gap_doc: np.ndarray, gap_len: np.ndarray, distinct: np.ndarray, n_docs: int) -> np.ndarray:
    """F[d, k] = sum over the gaps G of document d of max(0, G - distinct[k] + 1)."""
    if not len(distinct) or not len(gap_len):
        return np.zeros((n_docs, len(distinct)))
    wide = int(max(gap_len.max(), distinct.max())) + 2
    keys = gap_doc * wide + gap_len
    order = np.argsort(keys, kind="stable")
    keys, lengths = keys[order], gap_len[order].astype(np.float64)
    cumulative = np.concatenate(([0.0], np.cumsum(lengths)))
    docs = np.arange(n_docs)[:, None]
    lo = np.searchsorted(keys, docs * wide + distinct[None, :], side="left")
    hi = np.searchsorted(keys, (docs + 1) * wide, side="left")
    hi = np.broadcast_to(hi, lo.shape)
    return (cumulative[hi] - cumulative[lo]) - (distinct[None, :].astype(np.float64) - 1.0) * (hi - lo)
