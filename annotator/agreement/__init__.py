"""Inter-annotator agreement metrics (pure Python + NumPy).

Public API::

    cohen_kappa(a, b, weights=None, categories=None) -> float
    gwet_ac1(data, categories=None) -> float
    gwet_ac2(data, weights="quadratic", categories=None) -> float
    gamma_agreement(units, alpha=1.0, beta=1.0, coders=None, samples=30, seed=None) -> dict
    fleiss_kappa(counts) -> float
    krippendorff_alpha(data, level="nominal") -> float
    unitizing_alpha(spans, coders, length, begin=0, labels=None) -> dict
    unitizing_alpha_pooled(documents, coders, labels=None) -> dict
    unitizing_disagreement(spans, coders, length, begin=0, labels=None) -> dict
    span_prf(reference, candidate, match="exact") -> dict
    span_matching(reference, candidate, match="exact") -> list[(i, j)]
    relation_prf(reference_spans, reference_relations, candidate_spans, candidate_relations, match="exact") -> dict
    attribute_agreement(reference, candidate, match="exact", level="nominal") -> dict
    attribute_alpha(spans_by_coder, level="nominal") -> dict
    document_label_agreement(labels, multiple=False) -> dict

Undefined values (0/0) are ``float("nan")``; invalid input raises
``ValueError``.  Formulas, sources and conventions: ``docs/agreement.md``.
"""

from .attributes import attribute_agreement, attribute_alpha
from .doc_labels import document_label_agreement
from .gamma import gamma_agreement
from .gwet import AC2_WEIGHTS, gwet_ac1, gwet_ac2
from .metrics import KAPPA_WEIGHTS, LEVELS, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .matching import span_matching
from .relations import relation_prf
from .spans import MATCH_MODES, span_prf
from .unitizing import unitizing_alpha, unitizing_alpha_pooled, unitizing_disagreement

__all__ = [
    "AC2_WEIGHTS",
    "KAPPA_WEIGHTS",
    "LEVELS",
    "MATCH_MODES",
    "attribute_agreement",
    "attribute_alpha",
    "document_label_agreement",
    "relation_prf",
    "span_matching",
    "cohen_kappa",
    "fleiss_kappa",
    "gamma_agreement",
    "gwet_ac1",
    "gwet_ac2",
    "krippendorff_alpha",
    "span_prf",
    "unitizing_alpha",
    "unitizing_alpha_pooled",
    "unitizing_disagreement",
]
