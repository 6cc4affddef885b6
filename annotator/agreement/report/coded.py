"""Cohen's kappa, Fleiss' kappa and Krippendorff's alpha (nominal) for every document at once.

The report needs each coefficient pooled over the documents AND for every document, for the
nominal variable (all labels, with "none") and for each label (present/absent). Calling
``cohen_kappa`` & co. once per document and label costs tens of thousands of calls, so this module
builds, for every pair of coders, one contingency table per document with a single ``np.bincount``
and derives everything from those tables:

* Cohen (1960): from the pair's table, ``(N*agree - sum r*c) / (N^2 - sum r*c)``.
* Fleiss (1971): with no missing values, ``P_i = 2 * (agreeing coder pairs on unit i) / (m(m-1))``
  and the category totals are the coders' marginals.
* Krippendorff's alpha, nominal, no missing values: ``1 - (n-1) * sum_{v!=k} o_vk / (n^2 - sum n_v^2)``
  with ``sum_{v!=k} o_vk = 2 * (disagreeing coder pairs) / (m-1)`` and ``n = m * units``.

The per-label tables are sums of the nominal table's cells (present/absent of each label), so no
second pass over the units is needed. The tests check every value against ``cohen_kappa``,
``fleiss_kappa`` and ``krippendorff_alpha`` of ``annotator.agreement.metrics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

NAN = float("nan")


@dataclass
class Coded:
    """Coefficients of one variable: arrays over documents, and the pooled value."""

    cohen: dict[tuple[int, int], np.ndarray]   # pair of coder indices -> per-document kappa
    cohen_pooled: dict[tuple[int, int], float]
    fleiss: np.ndarray
    fleiss_pooled: float
    alpha: np.ndarray
    alpha_pooled: float
    tables: dict[tuple[int, int], np.ndarray]  # pair -> (documents, K, K) counts


def dense_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..K-1 for the bit masks in ``values`` (coders x units) and the masks they stand for.

    With up to 6 labels the masks themselves are the codes (K = 2^labels; categories nobody used
    are dropped from the tables afterwards, see ``compact``), which saves a pass over the units."""
    if values.dtype.itemsize == 1 and int(values.max(initial=0)) < 64:
        k = 1 << int(values.max(initial=0)).bit_length()
        return values, np.arange(max(k, 1), dtype=values.dtype)
    if values.dtype.itemsize <= 2:
        present = np.zeros(1 << (8 * values.dtype.itemsize), dtype=bool)
        for row in values:
            present |= np.bincount(row, minlength=len(present)) > 0
        present[0] = True  # "none" always has a code (0)
        masks = np.flatnonzero(present).astype(values.dtype)
        lookup = np.zeros(len(present), dtype=np.int64)
        lookup[masks] = np.arange(len(masks))
        return lookup[values], masks
    masks, inverse = np.unique(np.concatenate(([0], values.ravel())), return_inverse=True)
    return inverse[1:].reshape(values.shape).astype(np.int64), masks.astype(values.dtype)


JOINT_BINS = 1 << 22  # one bincount over the coders' joint codes when documents x K^m bins stay below this


def pair_tables(codes: np.ndarray, document: np.ndarray, n_docs: int, k: int) -> dict[tuple[int, int], np.ndarray]:
    """For every pair of coders, the per-document contingency tables (documents x K x K).

    With three or more coders and few categories, one ``np.bincount`` over every coder's code at
    once (documents x K^m bins) gives all the pairs' tables as its marginal sums: one pass over the
    units instead of one per pair."""
    m = len(codes)
    if m >= 3 and n_docs * k ** m <= JOINT_BINS:
        joint = codes[0].astype(np.int32)
        for c in range(1, m):
            joint *= np.int32(k)
            joint += codes[c]
        joint += document.astype(np.int32) * np.int32(k ** m)
        flat = np.bincount(joint, minlength=n_docs * k ** m).reshape((n_docs,) + (k,) * m)
        return {(i, j): flat.sum(axis=tuple(1 + c for c in range(m) if c not in (i, j)))
                for i, j in combinations(range(m), 2)}
    tables = {}
    index_type = np.int32 if n_docs * k * k < 2**31 else np.int64
    base = document.astype(index_type) * index_type(k * k)
    for i, j in combinations(range(len(codes)), 2):
        cell = codes[i].astype(index_type) * index_type(k)
        cell += codes[j]
        cell += base
        flat = np.bincount(cell, minlength=n_docs * k * k)
        tables[(i, j)] = flat.reshape(n_docs, k, k)
    return tables


def compact(tables: dict[tuple[int, int], np.ndarray], masks: np.ndarray):
    """Drop the categories that no coder used (keeping "none"): smaller tables, same coefficients."""
    used = np.zeros(len(masks), dtype=bool)
    used[0] = True
    for t in tables.values():
        pooled = t.sum(axis=0)
        used |= (pooled.sum(axis=0) > 0) | (pooled.sum(axis=1) > 0)
    if used.all():
        return tables, masks
    keep = np.flatnonzero(used)
    return {p: t[:, keep][:, :, keep] for p, t in tables.items()}, masks[keep]


def _kappa(table: np.ndarray) -> np.ndarray:
    """Cohen's kappa of each table in a (..., K, K) stack (NaN where undefined)."""
    t = table.astype(np.float64)
    n = t.sum(axis=(-2, -1))
    agree = np.trace(t, axis1=-2, axis2=-1)
    chance = (t.sum(axis=-1) * t.sum(axis=-2)).sum(axis=-1)
    denominator = n * n - chance
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (n * agree - chance) / np.where(denominator > 0, denominator, 1), NAN)


def _multi(tables: dict[tuple[int, int], np.ndarray], m: int) -> tuple[np.ndarray, np.ndarray]:
    """Fleiss' kappa and Krippendorff's alpha of each document (last row: pooled)."""
    stacked = {pair: np.concatenate((t, t.sum(axis=0, keepdims=True))).astype(np.float64)
               for pair, t in tables.items()}
    first = next(iter(stacked.values()))
    units = first.sum(axis=(1, 2))
    agreeing = sum(np.trace(t, axis1=1, axis2=2) for t in stacked.values())
    totals = np.zeros(first.shape[:2])
    for c in range(m):  # each coder's marginal, from any pair it belongs to
        pair = next(p for p in stacked if c in p)
        totals += stacked[pair].sum(axis=2) if pair[0] == c else stacked[pair].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_bar = 2.0 * agreeing / (m * (m - 1) * units)
        p_e = ((totals / (units * m)[:, None]) ** 2).sum(axis=1)
        fleiss = np.where((units > 0) & (p_e < 1.0), (p_bar - p_e) / (1.0 - p_e), NAN)
        n = units * m
        disagreeing = sum(units - np.trace(t, axis1=1, axis2=2) for t in stacked.values())
        expected = n * n - (totals ** 2).sum(axis=1)
        alpha = np.where(expected > 0, 1.0 - (n - 1) * (2.0 * disagreeing / (m - 1)) / expected, NAN)
    # exact arithmetic for "all in one category": p_e may be 1 - 1e-16 by rounding
    one_category = (totals > 0).sum(axis=1) <= 1
    fleiss[one_category] = NAN
    alpha[one_category] = NAN
    return fleiss, alpha


def coded(tables: dict[tuple[int, int], np.ndarray], m: int) -> Coded:
    cohen = {pair: _kappa(t) for pair, t in tables.items()}
    pooled = {pair: float(_kappa(t.sum(axis=0))) for pair, t in tables.items()}
    fleiss, alpha = _multi(tables, m)
    return Coded(cohen, pooled, fleiss[:-1], float(fleiss[-1]), alpha[:-1], float(alpha[-1]), tables)


def label_tables(tables: dict[tuple[int, int], np.ndarray], masks: np.ndarray, bit: int):
    """The present/absent tables of one label, summed from the nominal tables' cells."""
    present = ((masks >> masks.dtype.type(bit)) & 1).astype(np.int64)
    to_binary = np.zeros((len(masks), 2), dtype=np.int64)
    to_binary[np.arange(len(masks)), present] = 1
    return {pair: to_binary.T @ t @ to_binary for pair, t in tables.items()}  # integer sums: exact


def category_name(mask: int, labels: list[str]) -> str:
    """"none", a label name, or "A+B" for a unit that one coder covered with several labels."""
    names = [labels[i] for i in range(len(labels)) if (int(mask) >> i) & 1]
    return "+".join(names) if names else "none"
