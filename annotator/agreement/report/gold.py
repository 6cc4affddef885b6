"""Each coder against the gold layer: the report's ``gold`` section.

After adjudication the gold layer (the reserved coder ``@gold``) is the reference, and each coder
is measured against it: span precision/recall/F1 (gold = reference, the coder = candidate; exact
and overlap matching) and Cohen's kappa on the report's units (nominal over all labels with
"none", and per label present/absent), pooled and as the mean of documents.

Which documents count, per coder: those that are **adjudicated** (the gold coder's status is done)
**and** that this coder marked done. Each coder may thus be measured on a different set of
documents; their number is given with every value.

    gold = collect_gold(project, coders=None)     # any object with the Project read methods
    section, note = gold_section(gold, unit)      # section is None (and note says why) when there
                                                  # is no gold layer or no adjudicated document
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from annotator.agreement.report.coded import coded, compact, dense_codes, label_tables, pair_tables
from annotator.agreement.report.data import (
    DocumentData,
    ReportError,
    ReportInput,
    check_names,
    Units,
    make_units,
    ordinary_coders,
)
from annotator.agreement.report.spans import span_f1
from annotator.core.model import GOLD_CODER

GOLD = GOLD_CODER  # the gold layer's coder name, "@gold"
NAN = float("nan")
MODES = ("exact", "overlap")

NO_GOLD = "the project has no gold layer (run `annotator adjudicate` or adjudicate documents by hand)"
NO_ADJUDICATED = "no document is adjudicated yet (a document counts once the gold layer's status for it is done)"
NOT_GIVEN = "no gold layer was given to the report"


@dataclass
class GoldInput:
    """The adjudicated documents with the gold spans and the spans of every compared coder who
    marked the document done (a coder who has not finished a document is absent from its spans)."""

    coders: list[str]
    labels: list[str]
    has_gold: bool
    documents: list[DocumentData] = field(default_factory=list)  # adjudicated, in project order


def _status(value) -> str | None:
    return getattr(value, "value", value)


def collect_gold(project, coders: list[str] | None = None, texts: dict[int, str] | None = None) -> GoldInput:
    """Read the adjudicated documents with the gold spans and the compared coders' spans.

    ``coders``: the names to compare (default: every ordinary coder); ``texts``: document texts
    already read, by id (saves reading them twice when the inter-coder report has them)."""
    by_name = {c.name: c for c in ordinary_coders(project)}
    names = list(by_name) if coders is None else list(dict.fromkeys(coders))
    check_names(names, by_name)
    labels = {label.id: label.name for label in project.labels()}
    gold = project.gold_coder() if hasattr(project, "gold_coder") else project.coder(GOLD)
    out = GoldInput(names, list(labels.values()), gold is not None)
    if gold is None:
        return out
    gold_status = project.statuses(gold.id)
    statuses = {n: project.statuses(by_name[n].id) for n in names}
    wanted = {gold.id: GOLD, **{by_name[n].id: n for n in names}}
    texts = texts or {}
    for info in project.documents():
        if _status(gold_status.get(info.id)) != "done":
            continue
        done = [n for n in names if _status(statuses[n].get(info.id)) == "done"]
        spans: dict[str, list[tuple[int, int, str]]] = {GOLD: [], **{n: [] for n in done}}
        if hasattr(project, "span_rows"):
            for _id, coder_id, label_id, start, end, _note in project.span_rows(info.id):
                name = wanted.get(coder_id)
                if name in spans:
                    spans[name].append((start, end, labels[label_id]))
        else:
            for name in spans:
                coder_id = gold.id if name == GOLD else by_name[name].id
                spans[name] = [(s.start, s.end, labels[s.label_id]) for s in project.spans(info.id, coder_id)]
        text = texts[info.id] if info.id in texts else project.document(info.id).text
        out.documents.append(DocumentData(info.id, info.title, text, spans))
    return out


def _mean(values: np.ndarray) -> tuple[float, int]:
    """Mean of the defined values, and how many were undefined."""
    defined = values[~np.isnan(values)]
    return (float(defined.mean()) if len(defined) else NAN), int(len(values) - len(defined))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), NAN)


def _prf(tp: np.ndarray, ref: np.ndarray, cand: np.ndarray) -> dict:
    """Pooled P/R/F1 (with tp/fp/fn) and the mean over documents of each, from per-document counts."""
    t, r, c = int(tp.sum()), int(ref.sum()), int(cand.sum())
    per_doc = {"precision": _ratio(tp, cand), "recall": _ratio(tp, ref), "f1": _ratio(2.0 * tp, ref + cand)}
    means = {k: _mean(v) for k, v in per_doc.items()}
    return {"pooled": {"precision": t / c if c else NAN, "recall": t / r if r else NAN,
                       "f1": 2 * t / (r + c) if r + c else NAN, "tp": t, "fp": c - t, "fn": r - t},
            "mean_of_documents": {k: m for k, (m, _u) in means.items()},
            "documents": int(len(tp)), "documents_undefined": {k: u for k, (_m, u) in means.items()}}


def _kappa_entry(per_document: np.ndarray, pooled: float) -> dict:
    mean, undefined = _mean(np.asarray(per_document, dtype=np.float64))
    return {"pooled": float(pooled), "mean_of_documents": mean, "documents": int(len(per_document)),
            "documents_undefined": undefined}


def _empty_coder(labels: list[str], not_done: int) -> dict:
    empty = np.zeros(0)
    prf = {mode: _prf(empty, empty, empty) for mode in MODES}
    kappa = _kappa_entry(empty, NAN)
    return {"documents": 0, "document_ids": [], "not_done": not_done, "units": 0, "gold_spans": 0, "coder_spans": 0,
            "span": prf, "cohen_kappa": kappa,
            "per_label": {label: {"cohen_kappa": dict(kappa), "span": {m: dict(prf[m]) for m in MODES},
                                  "gold_spans": 0, "coder_spans": 0} for label in labels}}


def all_units(gold: GoldInput, unit: str) -> Units:
    """The units of every adjudicated document, cut once: row 0 = gold, row 1 + i = ``gold.coders[i]``
    (no spans where that coder has not finished the document; such documents are left out per coder)."""
    docs = [DocumentData(d.id, d.title, d.text, {c: d.spans.get(c, []) for c in (GOLD, *gold.coders)})
            for d in gold.documents]
    return make_units(ReportInput([GOLD, *gold.coders], list(gold.labels), docs), unit)


def coder_against_gold(gold: GoldInput, coder: str, unit: str, units: Units | None = None) -> dict:
    """One coder's values against gold, over the adjudicated documents this coder marked done."""
    chosen = [i for i, d in enumerate(gold.documents) if coder in d.spans]
    docs = [DocumentData(d.id, d.title, d.text, {GOLD: d.spans[GOLD], coder: d.spans[coder]})
            for d in (gold.documents[i] for i in chosen)]
    if not docs:
        return _empty_coder(gold.labels, len(gold.documents))
    data = ReportInput([GOLD, coder], list(gold.labels), docs)
    units = units or all_units(gold, unit)
    document = units.document_of_unit()
    renumber = np.full(len(gold.documents), -1, dtype=np.int64)
    renumber[chosen] = np.arange(len(chosen))
    keep = renumber[document] >= 0
    values = units.values[[0, 1 + gold.coders.index(coder)]][:, keep]
    codes, masks = dense_codes(values)
    tables, masks = compact(pair_tables(codes, renumber[document[keep]], len(docs), len(masks)), masks)
    nominal = coded(tables, 2)
    f1 = span_f1(data, [(0, 1)])  # first coder (gold) = reference, second (the coder) = candidate

    def span_block(label: str | None) -> dict:
        return {mode: _prf(*f1.per_document(mode, (0, 1), label)) for mode in MODES}

    per_label = {}
    for bit, label in enumerate(gold.labels):
        by_label = coded(label_tables(tables, masks, bit), 2)
        per_label[label] = {"cohen_kappa": _kappa_entry(by_label.cohen[(0, 1)], by_label.cohen_pooled[(0, 1)]),
                            "span": span_block(label),
                            "gold_spans": sum(1 for d in docs for s in d.spans[GOLD] if s[2] == label),
                            "coder_spans": sum(1 for d in docs for s in d.spans[coder] if s[2] == label)}
    return {"documents": len(docs), "document_ids": [d.id for d in docs], "not_done": len(gold.documents) - len(docs),
            "units": int(keep.sum()), "gold_spans": sum(len(d.spans[GOLD]) for d in docs),
            "coder_spans": sum(len(d.spans[coder]) for d in docs), "span": span_block(None),
            "cohen_kappa": _kappa_entry(nominal.cohen[(0, 1)], nominal.cohen_pooled[(0, 1)]), "per_label": per_label}


def gold_section(gold: GoldInput | None, unit: str = "char") -> tuple[dict | None, str]:
    """The ``gold`` section of the report and a note for ``notes.gold`` (the reason when it is None)."""
    if gold is None:
        return None, NOT_GIVEN
    if not gold.has_gold:
        return None, NO_GOLD
    if not gold.documents:
        return None, NO_ADJUDICATED
    units = all_units(gold, unit)  # cut once (tokenizing is the costly part), shared by the coders
    coders = {c: coder_against_gold(gold, c, unit, units) for c in gold.coders}
    undefined = []
    for c, block in coders.items():
        why = "the coder has not marked any adjudicated document done" if not block["documents"] else None
        if np.isnan(block["cohen_kappa"]["pooled"]):
            undefined.append({"where": f"gold.coders.{c}.cohen_kappa.pooled",
                              "reason": why or "gold and the coder gave every unit the same single category (0/0)"})
        for mode in MODES:
            if np.isnan(block["span"][mode]["pooled"]["f1"]):
                undefined.append({"where": f"gold.coders.{c}.span.{mode}.pooled.f1",
                                  "reason": why or "neither gold nor the coder marked a span (0/0)"})
    section = {"reference": GOLD, "unit": unit, "labels": list(gold.labels),
               "adjudicated_documents": len(gold.documents),
               "adjudicated_ids": [d.id for d in gold.documents], "coders": coders, "undefined": undefined}
    note = ("each coder against the gold layer (@gold = reference, the coder = candidate) over the documents "
            "that are adjudicated (gold status done) and that this coder marked done; span P/R/F1 in characters "
            "(precision = the coder's spans found in gold, recall = gold spans the coder found), Cohen's kappa "
            "on the chosen units")
    return section, note


def gold_report(gold: GoldInput, unit: str = "char") -> dict:
    """The gold section alone (``annotator agreement --gold-only``), with the report's framing keys."""
    if not gold.coders:
        raise ReportError("there is no coder to compare with the gold layer")
    section, note = gold_section(gold, unit)
    return {"format": "annotator-agreement-gold/1", "gold_only": True, "coders": list(gold.coders),
            "labels": list(gold.labels), "unit": unit, "gold": section, "notes": {"gold": note}}
