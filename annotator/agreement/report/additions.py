"""Gwet's AC1, gamma and the bootstrap intervals in the report (called by ``build.build_report``).

``add_measures`` puts ``gwet_ac1`` (overall and per label) and, when asked for, ``gamma`` (overall:
it is holistic) next to the other coefficients, with their per-document values.  ``add_intervals`` adds to every
pooled coefficient a ``ci`` entry ``{"low", "high", "se", "undefined_resamples"}`` and states the
method in ``report["confidence"]``; pairwise coefficients also get the interval of their mean over
pairs (``ci_mean_of_pairs``), which is what the text, Markdown and LaTeX tables show.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from annotator.agreement.report import bootstrap as bs
from annotator.agreement.report.cells import pair_key
from annotator.agreement.report.coded import _kappa, _multi
from annotator.agreement.report.coded import label_tables
from annotator.agreement.report.measures import ac1, ac1_from_statistics, ac1_statistics, gamma_entry, gamma_value

NAN = float("nan")
DEFAULT_SEED = 0


def entry(per_document: np.ndarray, pooled: float) -> dict:
    values = np.asarray(per_document, dtype=np.float64)
    defined = values[~np.isnan(values)]
    return {"pooled": float(pooled), "mean_of_documents": float(defined.mean()) if len(defined) else NAN,
            "documents": int(len(values)), "documents_undefined": int(len(values) - len(defined))}


def add_measures(report: dict, nominal, by_label: dict, gamma, m: int, note) -> dict:
    """AC1 (overall, per label, per document) into ``report``, and gamma (``measures.GammaParts``)
    when it was computed; returns their per-document arrays."""
    empty = report["documents"]["units"] == 0
    per_doc, pooled = ac1(nominal.tables, m)
    report["gwet_ac1"] = entry(per_doc, pooled)
    note("gwet_ac1.pooled", pooled, "no_units" if empty else "single_category")
    for label, block in report["per_label"].items():
        values, value = ac1(by_label[label].tables, m)
        block["gwet_ac1"] = entry(values, value)
        note(f"per_label.{label}.gwet_ac1.pooled", value, "no_units" if empty else "single_category")
    for doc, a in zip(report["per_document"], per_doc.tolist()):
        doc["gwet_ac1"] = a
    if gamma is None:
        return {"gwet_ac1": per_doc}
    report["gamma"], gamma_docs = gamma_entry(gamma)
    note("gamma.pooled", report["gamma"]["pooled"], "no_spans")
    for doc, v in zip(report["per_document"], gamma_docs.tolist()):
        doc["gamma"] = v
    return {"gwet_ac1": per_doc, "gamma": gamma_docs}


def _pairs_mean(values: list[np.ndarray]) -> np.ndarray:
    stacked = np.vstack(values)
    with np.errstate(invalid="ignore"):
        ok = ~np.isnan(stacked)
        return np.where(ok.any(axis=0), np.nansum(stacked, axis=0) / np.maximum(ok.sum(axis=0), 1), NAN)


def _coded_intervals(block: dict, tables: dict, resampled: dict, m: int, names: dict, level: float) -> None:
    kappas = {p: _kappa(t) for p, t in resampled.items()}
    for p, values in kappas.items():
        block["cohen_kappa"][names[p]]["ci"] = bs.interval(values, level)
    fleiss, alpha = _multi(resampled, m)
    block["fleiss_kappa"]["ci"] = bs.interval(fleiss[:-1], level)
    block["krippendorff_alpha"]["ci"] = bs.interval(alpha[:-1], level)
    pa, pi, units = ac1_statistics(resampled, m)
    block["gwet_ac1"]["ci"] = bs.interval(ac1_from_statistics(pa, pi, units), level)
    block.setdefault("ci_mean_of_pairs", {})["cohen_kappa"] = bs.interval(_pairs_mean(list(kappas.values())), level)


def _f1_resampled(f1, weights: np.ndarray, pairs, labels) -> dict:
    """(mode, pair, label or None) -> (tp, a, b) of every resample, from one matrix product: all
    the per-document counts side by side (one GEMM, not one product per count)."""
    keys = [(mode, p, label) for mode in ("exact", "overlap") for p in pairs for label in [None, *labels]]
    columns = np.empty((weights.shape[1], 3 * len(keys)))
    for k, (mode, p, label) in enumerate(keys):
        columns[:, 3 * k:3 * k + 3] = np.asarray(f1.per_document(mode, p, label), dtype=np.float64).T
    product = weights @ columns
    return {key: product[:, 3 * k:3 * k + 3].T for k, key in enumerate(keys)}


def _f1_intervals(block: dict, resampled: dict, pairs, names: dict, label, level: float) -> None:
    for mode in ("exact", "overlap"):
        values = []
        for p in pairs:
            tp, a, b = resampled[(mode, p, label)]
            with np.errstate(invalid="ignore", divide="ignore"):
                v = np.where(a + b > 0, 2.0 * tp / (a + b), NAN)
            block["span_f1"][mode][names[p]]["ci"] = bs.interval(v, level)
            values.append(v)
        block.setdefault("ci_mean_of_pairs", {})[f"span_f1_{mode}"] = bs.interval(_pairs_mean(values), level)


def add_intervals(report: dict, *, level_percent: float, resamples: int, seed: int | None, ci_unit: str,
                  streamed, nominal, by_label: dict, coders: list[str], labels: list[str], gamma) -> None:
    """Bootstrap intervals from what the report's one pass kept (``streaming.Pass``): per-document
    tables, span counts, alpha_U's statistics and gamma's alignment costs; nothing is read again."""
    if ci_unit not in bs.CI_UNITS:
        raise ValueError(f"unknown resampling unit {ci_unit!r}: choose document or unit")
    level = level_percent / 100.0
    seed = DEFAULT_SEED if seed is None else seed
    rng = np.random.default_rng(seed)
    m = len(coders)
    n_docs = len(streamed.ids)
    pairs = list(combinations(range(m), 2))
    names = {p: pair_key(coders[p[0]], coders[p[1]]) for p in pairs}
    weights = bs.document_weights(n_docs, resamples, rng)
    masks = streamed.masks
    if ci_unit == "unit":
        resampled = bs.unit_resampled_tables(streamed.joint, masks, m, resamples, rng)
    else:
        resampled = bs.resample_tables(nominal.tables, weights)
    f1 = _f1_resampled(streamed.f1, weights, pairs, labels)
    _coded_intervals(report, nominal.tables, resampled, m, names, level)
    for bit, label in enumerate(labels):
        block = report["per_label"][label]
        _coded_intervals(block, by_label[label].tables, label_tables(resampled, masks, bit), m, names, level)
        _f1_intervals(block, f1, pairs, names, label, level)
    _f1_intervals(report, f1, pairs, names, None, level)
    # alpha_U: the resamples keep each document's gaps apart; the pooled value lays the documents end
    # to end (joining border gaps). The distribution is shifted by that small difference at w = 1.
    stats = streamed.alpha_u_statistics
    overall, per_label = stats.values(weights)
    base_overall, base_labels = stats.values(np.ones((1, n_docs)))
    shift = report["unitizing_alpha"]["pooled"] - base_overall[0]
    report["unitizing_alpha"]["ci"] = bs.interval(overall + shift, level)
    for li, label in enumerate(labels):
        block = report["per_label"][label]["unitizing_alpha"]
        block["ci"] = bs.interval(per_label[li] + (block["pooled"] - base_labels[li, 0]), level)
    if gamma is not None:
        observed, expected = gamma.disorders(weights)
        has = (weights @ gamma.units) > 0
        report["gamma"]["ci"] = bs.interval(np.where(has, gamma_value(observed, expected), NAN), level)
    report["confidence"] = {
        "level": level_percent, "resamples": resamples, "seed": seed, "method": bs.METHOD,
        "unit": ci_unit,
        "what": (f"{bs.METHOD}: {resamples} resamples of the {n_docs} documents, drawn with replacement "
                 f"(seed {seed}); interval = the {50 * (1 - level):g}th and {50 * (1 + level):g}th percentiles, "
                 "se = standard deviation of the resampled values; undefined resamples are left out and counted"
                 + ("; kappa, Fleiss' kappa, alpha and AC1 resample the units instead (--ci-unit unit)"
                    if ci_unit == "unit" else "")),
    }
