"""Document-label agreement: coders who put each document into categories.

``labels`` maps each coder to one value per document, in the same document order: the category
(single choice), or a set of categories (multiple choice; an empty set is "no category"), or
``None`` when the coder did not label that document (missing). Computed:

* Cohen's kappa for every pair of coders, over the documents both labelled (Cohen 1960);
* Fleiss' kappa over the documents every coder labelled (Fleiss 1971: it needs no missing values);
* Krippendorff's alpha (nominal) over all documents, missing values allowed (Krippendorff 2011).

With multiple choice each document's value is its set of categories taken as one nominal value
(``{A, B}`` agrees only with ``{A, B}``: the convention of the span report's "A+B" categories), and
``per_category`` gives the same three coefficients on each category's present/absent values.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np

from .metrics import cohen_kappa, fleiss_kappa, krippendorff_alpha

__all__ = ["document_label_agreement"]

NAN = float("nan")


def _sets(coder, values: list, multiple: bool) -> list:
    if not multiple:
        return values
    out = []
    for d, value in enumerate(values):
        if value is None:
            out.append(None)
        elif isinstance(value, (set, frozenset, list, tuple)):
            out.append(frozenset(value))
        else:
            raise ValueError(f"coder {coder!r}, document {d}: with multiple choice each value is a set of "
                             f"categories (or None), not {value!r}")
    return out


def _coded(values: dict[Any, list]) -> dict[Any, list]:
    """Integer codes for the values (any hashable: a category, a frozenset), None kept."""
    distinct = sorted({v for row in values.values() for v in row if v is not None}, key=_order)
    code = {v: i for i, v in enumerate(distinct)}
    return {c: [None if v is None else code[v] for v in row] for c, row in values.items()}


def _order(value: Any) -> tuple:
    if isinstance(value, frozenset):
        return (1, sorted(map(repr, value)))
    return (0, type(value).__name__, repr(value))


def _coefficients(coded: dict[Any, list]) -> dict[str, Any]:
    coders = list(coded)
    n_docs = len(next(iter(coded.values())))
    pairs = {}
    for a, b in combinations(coders, 2):
        both = [(x, y) for x, y in zip(coded[a], coded[b]) if x is not None and y is not None]
        pairs[(a, b)] = cohen_kappa([x for x, _ in both], [y for _, y in both]) if both else NAN
    complete = [d for d in range(n_docs) if all(coded[c][d] is not None for c in coders)]
    k = 1 + max((v for row in coded.values() for v in row if v is not None), default=-1)
    if complete and k:
        counts = np.zeros((len(complete), k), dtype=np.int64)
        for c in coders:
            np.add.at(counts, (np.arange(len(complete)), [coded[c][d] for d in complete]), 1)
        fleiss = fleiss_kappa(counts)
    else:
        fleiss = NAN
    alpha = krippendorff_alpha([coded[c] for c in coders]) if n_docs else NAN
    return {"documents": n_docs, "complete_documents": len(complete), "cohen_kappa": pairs,
            "fleiss_kappa": fleiss, "krippendorff_alpha": alpha}


def document_label_agreement(labels: Mapping[Any, list], multiple: bool = False) -> dict[str, Any]:
    """Cohen's kappa per pair, Fleiss' kappa and Krippendorff's alpha of the coders' document labels.

    Returns ``documents``, ``complete_documents`` (labelled by every coder: Fleiss' kappa's
    documents), ``cohen_kappa`` (``{(coder a, coder b): kappa}``), ``fleiss_kappa``,
    ``krippendorff_alpha`` and, with ``multiple``, ``per_category`` (the same for each category,
    present/absent). Undefined values are nan.
    """
    coders = list(labels)
    if len(coders) < 2:
        raise ValueError(f"document label agreement needs at least two coders, got {len(coders)}")
    rows = {c: list(labels[c]) for c in coders}
    if len({len(r) for r in rows.values()}) != 1:
        raise ValueError("every coder needs a value (or None) for the same number of documents")
    rows = {c: _sets(c, r, multiple) for c, r in rows.items()}
    result = _coefficients(_coded(rows))
    if multiple:
        categories = sorted({x for r in rows.values() for v in r if v is not None for x in v}, key=_order)
        result["per_category"] = {
            cat: _coefficients({c: [None if v is None else int(cat in v) for v in r] for c, r in rows.items()})
            for cat in categories}
    return result
