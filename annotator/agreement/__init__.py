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

Undefined values (0/0) are ``float("nan")``; invalid input raises
``ValueError``.  Formulas, sources and conventions: ``docs/agreement.md``.
"""

from .gamma import gamma_agreement
from .gwet import AC2_WEIGHTS, gwet_ac1, gwet_ac2
from .metrics import KAPPA_WEIGHTS, LEVELS, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .spans import MATCH_MODES, span_prf
from .unitizing import unitizing_alpha, unitizing_alpha_pooled, unitizing_disagreement

__all__ = [
    "AC2_WEIGHTS",
    "KAPPA_WEIGHTS",
    "LEVELS",
    "MATCH_MODES",
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
