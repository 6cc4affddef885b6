"""The agreement report: every coefficient, overall, per label and per document, as one plain dict
(JSON-ready once NaN becomes null, see ``formats.to_json``).

    data = collect(project, coders=["a", "b", "c"])   # any object with the Project read methods
    report = build_report(data, unit="char")           # or "token"

What counts (docs/agreement.md, "The report"): the documents that every compared coder marked done;
units are characters or tokens; each coder gives each unit one nominal value (its labels there, or
"none"; several labels of one coder on a unit make one combined category "A+B"), and per label a
present/absent value. Pooled values treat all compared documents as one body of units; "mean of
documents" is the plain mean of the per-document values, leaving out documents where the value is
undefined (their number is given). alpha_U merges one coder's overlapping spans of the same label
first (Krippendorff's model needs non-overlapping units); span F1 compares the spans as marked.
The ``gold`` section (``gold``) measures each coder against the adjudicated gold layer; it is
None, with the reason in ``notes.gold``, when there is no gold layer or no adjudicated document.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from annotator.agreement.report import streaming
from annotator.agreement.report.additions import add_intervals, add_measures
from annotator.agreement.report.alpha_u_stats import AlphaUStatistics
from annotator.agreement.report.cells import pair_key
from annotator.agreement.report.coded import category_name, coded, label_tables
from annotator.agreement.report.data import ReportError, ReportInput
from annotator.agreement.report.gold import gold_section
from annotator.agreement.report.layers import LAYER_NOTES, LayerCollector
from annotator.agreement.report.measures import GammaCollector

FORMAT = "annotator-agreement/1"
MAX_DISAGREEMENTS = 1000

REASONS = {
    "no_units": "no units: no document that every compared coder marked done",
    "one_category": "every coder gave every unit the same single category, so chance agreement is 1 (0/0)",
    "no_spans": "no compared coder marked a span here (0/0)",
    "no_expected": "expected disagreement is 0 (0/0)",
    "single_category": "only one category occurs, so Gwet's chance agreement is 0/0",
    "no_spans_doc": "no compared coder marked a span in this document (0/0)",
    "one_category_doc": "every coder gave every unit of this document the same single category (0/0)",
    "no_units_doc": "the document has no units",
    "no_pair_spans_doc": "neither coder of the pair marked a span in this document (0/0)",
}
DEFAULT_SEED = 0


def _entry(per_document: np.ndarray, pooled: float) -> dict:
    values = np.asarray(per_document, dtype=np.float64)
    defined = values[~np.isnan(values)]
    return {"pooled": float(pooled), "mean_of_documents": float(defined.mean()) if len(defined) else float("nan"),
            "documents": int(len(values)), "documents_undefined": int(len(values) - len(defined))}


def build_report(data: ReportInput, unit: str = "char", *, max_disagreements: int = MAX_DISAGREEMENTS,
                 ci: float | None = None, resamples: int = 1000, seed: int | None = None,
                 ci_unit: str = "document", gamma: bool = False) -> dict:
    """The whole report. ``ci`` (a percentage, e.g. 95) adds bootstrap intervals to every pooled
    coefficient (``resamples`` resamples of the documents, or of the units with ``ci_unit="unit"``
    for the coded coefficients; reproducible with ``seed``, which also seeds gamma's samples).
    ``gamma`` adds Mathet et al.'s gamma (about 4.5 ms of CPU per document: asked for, not default)."""
    _check_options(ci, resamples, seed, ci_unit)
    coders, labels = data.coders, data.labels
    seed_used = DEFAULT_SEED if seed is None else seed
    gamma_sink = GammaCollector(len(coders), seed_used) if gamma else None
    stats = AlphaUStatistics(len(coders), labels) if ci is not None else None
    layer_sink = LayerCollector(coders, labels, data.layers) if data.layers is not None else None
    streamed = streaming.run(data, unit, max_disagreements, statistics=stats, gamma=gamma_sink,  # one pass
                             joint=ci is not None and ci_unit == "unit", layers=layer_sink)
    streamed.alpha_u_statistics = stats
    m, n_docs = len(coders), len(streamed.ids)
    pairs = list(combinations(range(m), 2))
    names = {p: pair_key(coders[p[0]], coders[p[1]]) for p in pairs}
    tables, masks = streamed.tables, streamed.masks
    nominal = coded(tables, m)
    by_label = {label: coded(label_tables(tables, masks, bit), m) for bit, label in enumerate(labels)}
    alpha_u, f1 = streamed.alpha_u, streamed.f1
    listed, per_doc_disagreements = streamed.listed, streamed.per_doc_disagreements
    total_disagreements = streamed.total_disagreements
    undefined: list[dict] = []

    def note(where: str, value: float, reason: str) -> None:
        if np.isnan(value):
            undefined.append({"where": where, "reason": REASONS[reason]})

    empty = streamed.total == 0

    def coded_block(c, prefix: str) -> dict:
        block = {"cohen_kappa": {names[p]: _entry(c.cohen[p], c.cohen_pooled[p]) for p in pairs},
                 "fleiss_kappa": _entry(c.fleiss, c.fleiss_pooled),
                 "krippendorff_alpha": _entry(c.alpha, c.alpha_pooled)}
        for p in pairs:
            note(f"{prefix}cohen_kappa.{names[p]}.pooled", c.cohen_pooled[p], "no_units" if empty else "one_category")
        note(f"{prefix}fleiss_kappa.pooled", c.fleiss_pooled, "no_units" if empty else "one_category")
        note(f"{prefix}krippendorff_alpha.pooled", c.alpha_pooled, "no_units" if empty else "one_category")
        return block

    report = {"format": FORMAT, "coders": list(coders), "labels": list(labels), "unit": unit,
              "documents": {"count": n_docs, "units": streamed.total,
                            "ids": list(streamed.ids), "excluded": data.excluded}}
    report.update(coded_block(nominal, ""))
    report["unitizing_alpha"] = _entry(alpha_u.per_document, alpha_u.pooled)
    note("unitizing_alpha.pooled", alpha_u.pooled, "no_spans" if not alpha_u.any_spans.get(None) else "no_expected")
    report["span_f1"] = {mode: {names[p]: f1.overall(mode, p) for p in pairs} for mode in ("exact", "overlap")}
    for mode in ("exact", "overlap"):
        for p in pairs:
            note(f"span_f1.{mode}.{names[p]}.pooled.f1", report["span_f1"][mode][names[p]]["pooled"]["f1"], "no_spans")
    report["summary"] = _summary(report, names.values())
    report["per_label"] = {}
    for bit, label in enumerate(labels):
        block = coded_block(by_label[label], f"per_label.{label}.")
        block["unitizing_alpha"] = _entry(alpha_u.per_label_documents[label], alpha_u.per_label[label])
        note(f"per_label.{label}.unitizing_alpha.pooled", alpha_u.per_label[label],
             "no_spans" if not alpha_u.any_spans.get(label) else "no_expected")
        block["span_f1"] = {mode: {names[p]: f1.overall(mode, p, label) for p in pairs} for mode in ("exact", "overlap")}
        for mode in ("exact", "overlap"):
            for p in pairs:
                note(f"per_label.{label}.span_f1.{mode}.{names[p]}.pooled.f1",
                     block["span_f1"][mode][names[p]]["pooled"]["f1"], "no_spans")
        block["units"] = _units_marked(by_label[label].tables, m, coders)
        block["spans"] = {c: int(streamed.label_spans[bit, i]) for i, c in enumerate(coders)}
        report["per_label"][label] = block
    spans = streamed.span_counts()
    report["per_document"] = _document_rows(streamed, spans, coders, nominal, alpha_u, f1, pairs, names,
                                            per_doc_disagreements)
    parts = gamma_sink.parts() if gamma_sink is not None else None
    extra_docs = add_measures(report, nominal, by_label, parts, m, note)
    _document_undefined(undefined, streamed, spans, {"fleiss_kappa": nominal.fleiss,
                        "krippendorff_alpha": nominal.alpha, "gwet_ac1": extra_docs["gwet_ac1"]},
                        {names[p]: nominal.cohen[p] for p in pairs}, alpha_u.per_document, extra_docs.get("gamma"),
                        {mode: {names[p]: f1.per_document_f1(mode, p) for p in pairs} for mode in ("exact", "overlap")})
    if ci is not None:
        add_intervals(report, level_percent=float(ci), resamples=int(resamples), seed=seed, ci_unit=ci_unit,
                      streamed=streamed, nominal=nominal, by_label=by_label, coders=coders, labels=labels,
                      gamma=parts)
    report.update(_layers(layer_sink, names, streamed.ids, undefined))
    report["confusion"] = _confusion(tables, masks, labels)
    report["disagreements"] = listed
    report["disagreements_total"] = total_disagreements
    report["undefined"] = undefined
    report["notes"] = _notes(unit, streamed.merged_away, streamed.unmapped, gamma)
    report["notes"].update(LAYER_NOTES)
    report["gold"], report["notes"]["gold"] = gold_section(data.gold, unit)
    return report


def _layers(sink, names: dict, ids: list, undefined: list) -> dict:
    """The relation, attribute and document-label blocks (``layers``); without a sink (a report
    built from data that does not describe the layers) they are empty."""
    if sink is None:
        return {"relation_f1": None, "attribute_agreement": {}, "document_labels": {}}

    def note(where: str, value: float, reason: str) -> None:
        if np.isnan(value):
            undefined.append({"where": where, "reason": reason})
    return sink.section(names, ids, note)


def _check_options(ci, resamples, seed, ci_unit) -> None:
    from annotator.agreement.report.bootstrap import CI_UNITS
    if ci is not None and (isinstance(ci, bool) or not isinstance(ci, (int, float)) or not 0 < ci < 100):
        raise ReportError(f"--ci must be a confidence level in percent between 0 and 100 (e.g. 95), not {ci!r}")
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 2:
        raise ReportError(f"--resamples must be a whole number of at least 2, not {resamples!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ReportError(f"--seed must be a non-negative whole number, not {seed!r}")
    if ci_unit not in CI_UNITS:
        raise ReportError(f"--ci-unit must be one of {', '.join(CI_UNITS)}, not {ci_unit!r}")


def _document_undefined(undefined: list, streamed, spans, coded: dict, cohen: dict, alpha_u, gamma, span_f1: dict) -> None:
    """Every undefined per-document value with its reason (``documents_undefined`` counts them), from
    the per-document arrays (a Python step only per undefined value)."""
    ids = streamed.ids
    units = np.asarray(streamed.units)
    no_units = units == 0
    no_spans = spans.sum(axis=0) == 0 if spans.size else np.ones(len(ids), dtype=bool)

    def put(values, key, reason):
        for d in np.flatnonzero(np.isnan(values)).tolist():
            undefined.append({"where": f"per_document[{ids[d]}].{key}", "reason": reason(d)})

    def coded_reason(d):
        return REASONS["no_units_doc" if no_units[d] else "one_category_doc"]

    def span_reason(d):
        return REASONS["no_spans_doc" if no_spans[d] else "no_expected"]

    for key, values in coded.items():
        put(values, key, coded_reason)
    for pair, values in cohen.items():
        put(values, f"cohen_kappa.{pair}", coded_reason)
    put(alpha_u, "unitizing_alpha", span_reason)
    if gamma is not None:
        put(gamma, "gamma", span_reason)
    for mode, by_pair in span_f1.items():
        for pair, values in by_pair.items():
            put(values, f"span_f1.{mode}.{pair}", lambda d: REASONS["no_pair_spans_doc"])


def _units_marked(tables, m: int, coders: list[str]) -> dict[str, int]:
    """Units each coder gave this label, from the pooled present/absent tables."""
    out = {}
    for c in range(m):
        pair = next(p for p in tables if c in p)
        pooled = tables[pair].sum(axis=0)
        out[coders[c]] = int(pooled[1, :].sum() if pair[0] == c else pooled[:, 1].sum())
    return out


def _summary(report: dict, pair_names) -> dict:
    def mean(values):
        values = [v for v in values if not np.isnan(v)]
        return float(np.mean(values)) if values else float("nan")
    pair_names = list(pair_names)
    return {
        "cohen_kappa_mean_of_pairs": {k: mean(report["cohen_kappa"][p][k] for p in pair_names)
                                      for k in ("pooled", "mean_of_documents")},
        "span_f1_mean_of_pairs": {mode: mean(report["span_f1"][mode][p]["pooled"]["f1"] for p in pair_names)
                                  for mode in ("exact", "overlap")},
    }


def _document_rows(streamed, spans, coders, nominal, alpha_u, f1, pairs, names, per_doc_disagreements) -> list:
    """The per-document rows, built from columns (``tolist``: Python floats and ints at once)."""
    n = len(streamed.ids)
    modes = ("exact", "overlap")
    keys = [names[p] for p in pairs]
    span_cols = [spans[k].tolist() for k in range(len(coders))] if spans.size else [[0] * n for _ in coders]
    kappa_cols = [nominal.cohen[p].tolist() for p in pairs]
    f1_cols = {mode: [f1.per_document_f1(mode, p).tolist() for p in pairs] for mode in modes}
    fleiss, alpha, alpha_u_docs = nominal.fleiss.tolist(), nominal.alpha.tolist(), alpha_u.per_document.tolist()
    disagreements = per_doc_disagreements.tolist() if len(per_doc_disagreements) else [0] * n
    units = [int(u) for u in streamed.units]
    return [{
        "id": streamed.ids[i], "title": streamed.titles[i], "units": units[i],
        "spans": {c: col[i] for c, col in zip(coders, span_cols)},
        "cohen_kappa": {k: col[i] for k, col in zip(keys, kappa_cols)},
        "fleiss_kappa": fleiss[i], "krippendorff_alpha": alpha[i], "unitizing_alpha": alpha_u_docs[i],
        "span_f1": {mode: {k: col[i] for k, col in zip(keys, f1_cols[mode])} for mode in modes},
        "disagreements": disagreements[i],
    } for i in range(n)]


def _confusion(tables, masks, labels) -> dict:
    """Units by category, over every ordered pair of coders (coder 1's category = row): the
    coincidences of all pairs, so the matrix is symmetric and each unordered pair counts twice."""
    total = sum(t.sum(axis=0) for t in tables.values())
    if isinstance(total, int):
        total = np.zeros((len(masks), len(masks)), dtype=np.int64)
    matrix = total + total.T
    return {"categories": [category_name(mask, labels) for mask in masks],
            "matrix": matrix.astype(int).tolist(),
            "what": "units counted once per ordered pair of coders (row: first coder, column: second)"}


def _notes(unit: str, merged_away: int, unmapped: int, gamma: bool) -> dict:
    notes = {
        "unit": ("characters (code points of the stored text; spaces and punctuation count)" if unit == "char" else
                 "tokens: runs of letters, digits and their combining marks (harakat stay with their letter), "
                 "or one punctuation mark or symbol; spaces are not units; invisible format characters (RLM, "
                 "LRM, ALM, ZWJ, BOM, ...) belong to the token they touch, never a token of their own; a token "
                 "carries a label when a span covers at least one of its characters"),
        "documents": "only documents that every compared coder marked done; the others are missing data "
                     "and listed under documents.excluded",
        "nominal": "over all labels each unit has one value per coder: the label, 'none', or 'A+B' when one "
                   "coder's spans of several labels cover it",
        "pooled": "all compared documents taken as one body of units (alpha_U: documents laid end to end)",
        "mean_of_documents": "plain mean of the per-document values; documents where the value is undefined "
                             "are left out and counted in documents_undefined",
        "unitizing_alpha": "overlapping spans of the same label by one coder are merged into one unit first, in "
                           f"the units used ({merged_away} span(s) merged away here"
                           + (f"; {unmapped} span(s) over spaces only cover no token" if unit == "token" else "")
                           + ")",
        "gwet_ac1": "Gwet's AC1 (Gwet 2008) on the same nominal and present/absent values as kappa and alpha; "
                    "its chance agreement uses the categories that occur",
        "weighted_kappa": "not reported: the project's labels are nominal categories without an order; "
                          "weighted kappa (cohen_kappa(weights=...)) and AC2 need ordered categories",
        "span_f1": "spans compared as marked, in characters, for every unit choice; exact = same start, end and "
                   "label; overlap = same label and at least one shared character, matched one-to-one; F1 is "
                   "symmetric, precision = recall of the swapped pair",
        "null": "null means undefined (0/0); the reasons are listed under 'undefined'",
    }
    notes["gamma"] = ("gamma (Mathet et al. 2015) on the spans as marked, in characters, over all labels only "
                      "(labels are part of its dissimilarity; alpha = beta = 1); exact best alignment; expected "
                      "disorder = mean of 30 sampled continua per document (pygamma-agreement's statistical "
                      "sampler), seeded" if gamma else
                      "not computed (about 4.5 ms of CPU per document): ask for it with --gamma")
    return notes
