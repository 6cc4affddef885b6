"""Mathet, Widlöcher & Métivier's (2015) gamma: agreement on spans that differ in
boundaries and labels at once.

Source: Mathet, Y., Widlöcher, A., & Métivier, J.-P. (2015). The unified and
holistic method gamma for inter-annotator agreement measure and alignment.
*Computational Linguistics*, 41(3), 437-479.  Conventions (dissimilarity,
empty places, the statistical sampler of the expected disorder) follow the
reference implementation pygamma-agreement (Titeux & Riad 2021); formulas in
``docs/agreement.md``.  The best alignment is exact (``_gamma_align``).
"""

from __future__ import annotations

import math
import numbers
from math import comb
from typing import Any, Iterable

import numpy as np

from ._gamma_align import best_alignment_costs

__all__ = ["gamma_agreement", "gamma_documents"]

NAN = float("nan")
_MIN_DURATION = 1e-6  # pyannote.core's segment precision: shorter sampled units are drawn again
_CHUNK_UNITS = 400_000  # sampled units aligned at a time (keeps the pair arrays small)


def _check_units(units: Any, coders: Any, name: str = "units"):
    """(coder index, start, end, label code) arrays, the coder list and the label list."""
    try:
        rows = list(units)
    except TypeError:
        raise ValueError(f"{name} must be an iterable of (coder, start, end, label) tuples") from None
    seen_coders: dict[Any, int] = {}
    if coders is not None:
        if isinstance(coders, (str, bytes)):
            raise ValueError("coders must be a list of coder names, not a string")
        for c in coders:
            if c in seen_coders:
                raise ValueError(f"coder {c!r} is listed twice in coders")
            seen_coders[c] = len(seen_coders)
    labels: dict[Any, int] = {}
    out = np.empty((len(rows), 4), dtype=np.float64)
    for k, row in enumerate(rows):
        try:
            coder, start, end, label = row
        except (TypeError, ValueError):
            raise ValueError(f"{name}[{k}] must be a (coder, start, end, label) tuple, got {row!r}") from None
        for v in (start, end):
            if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
                raise ValueError(f"{name}[{k}]: start and end must be finite numbers, got {v!r}")
        if not end > start:
            raise ValueError(f"{name}[{k}]: a unit must have end > start (got {start!r}..{end!r})")
        try:
            if coders is None:
                c = seen_coders.setdefault(coder, len(seen_coders))
            elif coder in seen_coders:
                c = seen_coders[coder]
            else:
                raise ValueError(f"{name}[{k}]: coder {coder!r} is not in coders")
            lab = labels.setdefault(label, len(labels))
        except TypeError:
            raise ValueError(f"{name}[{k}]: coder and label must be hashable") from None
        out[k] = (c, start, end, lab)
    # Canonical codes and row order: the result never depends on the order of the input.
    label_list = sorted(labels, key=_sort_key)
    rank = np.empty(max(len(label_list), 1))
    for r, label in enumerate(label_list):
        rank[labels[label]] = r
    coder_list = list(seen_coders)
    if coders is None:
        coder_list = sorted(coder_list, key=_sort_key)
        crank = np.empty(max(len(coder_list), 1))
        for r, coder in enumerate(coder_list):
            crank[seen_coders[coder]] = r
        out[:, 0] = crank[out[:, 0].astype(np.int64)]
    out[:, 3] = rank[out[:, 3].astype(np.int64)]
    out = out[np.lexsort((out[:, 3], out[:, 2], out[:, 1], out[:, 0]))]
    return out, coder_list, label_list


def _sort_key(value: Any) -> tuple:
    return (type(value).__name__, value) if isinstance(value, (str, numbers.Real)) else (type(value).__name__, repr(value))


def _statistics(doc: np.ndarray, n: int):
    """The statistical sampler's parameters for one document (pygamma-agreement's sampler)."""
    coder, start, end, cat = doc[:, 0].astype(np.int64), doc[:, 1], doc[:, 2], doc[:, 3].astype(np.int64)
    counts = np.bincount(coder, minlength=n)
    order = np.lexsort((end, start, coder))
    c, s, e = coder[order], start[order], end[order]
    same = c[1:] == c[:-1]
    firsts = s[np.r_[True, ~same]]
    gaps = np.concatenate([[0.0], (s[1:] - e[:-1])[same], firsts[firsts > 0]])
    durations = end - start
    return (counts.mean(), counts.std(), gaps.mean(), gaps.std(), durations.mean(), durations.std(),
            np.bincount(cat) / len(cat))


def _sample(rng: np.random.Generator, params: list, n: int, samples: int):
    """``samples`` random continua for each document of ``params``, drawn at once.

    Returns arrays over all sampled units: continuum id (document k of ``params``, sample s ->
    k * samples + s), coder, start, end, category.
    """
    k = len(params)
    avg_nb, std_nb, avg_gap, std_gap, avg_dur, std_dur = (np.array([p[i] for p in params]) for i in range(6))
    n_cats = max(len(p[6]) for p in params)
    cumulative = np.zeros((k, n_cats))
    for d, p in enumerate(params):
        cumulative[d, :len(p[6])] = np.cumsum(p[6])
    cumulative[:, -1] = np.inf  # guards against rounding in the last cumulative weight
    nb = np.abs(np.trunc(rng.normal(avg_nb[:, None, None], std_nb[:, None, None], size=(k, samples, n))))
    nb = nb.astype(np.int64)
    nb[:, :, 0] = np.maximum(nb[:, :, 0], 1)  # a sample is never empty
    seg_len = nb.reshape(-1)
    seg = np.repeat(np.arange(len(seg_len)), seg_len)  # segment = (document, sample, coder)
    doc = seg // (samples * n)
    gap = rng.normal(avg_gap[doc], std_gap[doc])
    dur = np.abs(rng.normal(avg_dur[doc], std_dur[doc]))
    short = np.flatnonzero(dur < _MIN_DURATION)
    while len(short):
        dur[short] = np.abs(rng.normal(avg_dur[doc[short]], std_dur[doc[short]]))
        short = short[dur[short] < _MIN_DURATION]
    draw = rng.random(len(seg))
    cat = (draw[:, None] >= cumulative[doc]).sum(axis=1)
    step = np.cumsum(gap + dur)
    base = np.r_[0.0, step][np.r_[0, np.cumsum(seg_len)][:-1]]
    end = step - base[seg]
    start = end - dur
    return seg // n, seg % n, start, end, cat


def gamma_documents(documents: list[np.ndarray], n: int, alpha: float, beta: float, samples: int, seed):
    """Observed raw costs and sampled raw costs for many documents at once.

    ``documents`` are arrays from ``_check_units`` (rows coder, start, end, cat)
    sharing one coder list of size ``n``.  Returns a dict of arrays:
    ``observed`` (raw cost of each document's best alignment), ``units``,
    ``expected`` (documents x samples raw costs of the samples) and
    ``expected_units`` (their unit counts).  Disorder = raw / C(n,2) / (units / n).
    The two halves are also callable apart (``observed_costs`` on any batch of
    documents, ``expected_costs`` once on every document's sampler parameters),
    with the same result: the report aligns batch by batch and samples at the end.
    """
    sizes = np.array([len(d) for d in documents], dtype=np.int64)
    observed = observed_costs(documents, n, alpha, beta)
    params = [_statistics(doc, n) if len(doc) else None for doc in documents]
    expected, expected_units = expected_costs(params, sizes, n, alpha, beta, samples, seed)
    return {"observed": observed, "units": sizes, "expected": expected, "expected_units": expected_units}


def observed_costs(documents: list[np.ndarray], n: int, alpha: float, beta: float) -> np.ndarray:
    """The raw cost of each document's best alignment (exact)."""
    n_docs = len(documents)
    sizes = np.array([len(d) for d in documents], dtype=np.int64)
    stacked = np.concatenate(documents) if n_docs and sizes.sum() else np.empty((0, 4))
    doc_id = np.repeat(np.arange(n_docs), sizes)
    return best_alignment_costs(doc_id, stacked[:, 0].astype(np.int64), stacked[:, 1], stacked[:, 2],
                                stacked[:, 3].astype(np.int64), n_docs, n, alpha, beta)


def sampler_parameters(document: np.ndarray, n: int):
    """What ``expected_costs`` needs of one document (None for a document without units)."""
    return _statistics(document, n) if len(document) else None


def expected_costs(params: list, sizes: np.ndarray, n: int, alpha: float, beta: float, samples: int, seed):
    """(documents x samples raw costs of the sampled continua, their unit counts), drawn with ``seed``;
    ``params[d]`` is ``sampler_parameters`` of document d (None: no units, NaN costs)."""
    rng = np.random.default_rng(seed)
    n_docs = len(params)
    expected = np.full((n_docs, samples), NAN)
    expected_units = np.zeros((n_docs, samples), dtype=np.int64)
    todo = [d for d, p in enumerate(params) if p is not None]
    per_chunk = max(1, _CHUNK_UNITS // max(1, samples * int(np.max(sizes, initial=1))))  # documents sampled at once
    for lo in range(0, len(todo), per_chunk):
        chunk = todo[lo:lo + per_chunk]
        cont, coder, start, end, cat = _sample(rng, [params[d] for d in chunk], n, samples)
        costs = best_alignment_costs(cont, coder, start, end, cat, len(chunk) * samples, n, alpha, beta)
        counts = np.bincount(cont, minlength=len(chunk) * samples)
        expected[chunk] = costs.reshape(len(chunk), samples)
        expected_units[chunk] = counts.reshape(len(chunk), samples)
    return expected, expected_units


def disorders(raw: np.ndarray, units: np.ndarray, n: int) -> np.ndarray:
    """Disorder of an alignment from its raw cost: raw / C(n,2) / (units / n); NaN without units."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(units > 0, raw / comb(n, 2) * n / units, NAN)


def gamma_agreement(units: Iterable, alpha: float = 1.0, beta: float = 1.0, coders: Any = None,
                    samples: int = 30, seed: int | None = None) -> dict:
    """Gamma (Mathet et al. 2015) of one continuum of spans.

    ``units`` are ``(coder, start, end, label)`` tuples (``end > start``, any
    real offsets); ``coders`` lists every coder, including coders without
    units (default: the coders seen).  The dissimilarity of two units is
    ``alpha * ((|s1-s2| + |e1-e2|) / (l1 + l2))**2 + beta * [label1 != label2]``
    and a unit against an empty place costs 1.  Returns ``gamma``,
    ``observed_disorder`` (the disorder of the best alignment, found exactly),
    ``expected_disorder`` (the mean best-alignment disorder of ``samples``
    random continua drawn with ``seed``), ``samples`` and ``units``.
    ``gamma`` is ``1 - observed / expected`` (1 when observed is 0); every value
    is NaN when undefined: fewer than two coders, or no unit.
    """
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not (0 < alpha < math.inf):
        raise ValueError(f"alpha must be a positive finite number, got {alpha!r}")
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not (0 <= beta < math.inf):
        raise ValueError(f"beta must be a non-negative finite number, got {beta!r}")
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or samples < 1:
        raise ValueError(f"samples must be a positive whole number, got {samples!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        raise ValueError(f"seed must be None or a non-negative whole number, got {seed!r}")
    doc, coder_list, _labels = _check_units(units, coders)
    n = len(coder_list)
    result = {"gamma": NAN, "observed_disorder": NAN, "expected_disorder": NAN, "samples": int(samples),
              "units": len(doc)}
    if n < 2 or len(doc) == 0:
        return result
    raw = gamma_documents([doc], n, float(alpha), float(beta), int(samples), seed)
    observed = float(disorders(raw["observed"], raw["units"], n)[0])
    expected = float(np.mean(disorders(raw["expected"][0], raw["expected_units"][0], n)))
    result["observed_disorder"] = observed
    result["expected_disorder"] = expected
    result["gamma"] = 1.0 if observed == 0 else 1.0 - observed / expected
    return result
