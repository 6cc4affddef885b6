"""Inter-annotator agreement metrics (pure Python + NumPy).

Public API::

    cohen_kappa(a, b) -> float
    fleiss_kappa(counts) -> float
    krippendorff_alpha(data, level="nominal") -> float
    unitizing_alpha(spans, coders, length, begin=0, labels=None) -> dict
    unitizing_alpha_pooled(documents, coders, labels=None) -> dict
    unitizing_disagreement(spans, coders, length, begin=0, labels=None) -> dict
    span_prf(reference, candidate, match="exact") -> dict

Undefined values (0/0) are ``float("nan")``; invalid input raises
``ValueError``.  Formulas, sources and conventions: ``docs/agreement.md``.
"""

from .metrics import LEVELS, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .spans import MATCH_MODES, span_prf
from .unitizing import unitizing_alpha, unitizing_alpha_pooled, unitizing_disagreement

__all__ = [
    "LEVELS",
    "MATCH_MODES",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "span_prf",
    "unitizing_alpha",
    "unitizing_alpha_pooled",
    "unitizing_disagreement",
]
