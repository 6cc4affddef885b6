"""Attribute agreement: do coders give the same attribute value to the same span?

The spans carry ``(start, end, label, value)``; ``value`` is the attribute's value, ``None`` when
the coder left it unset. Agreement on an attribute is only defined over spans both coders marked,
so the spans are matched first (``span_matching``: exact or overlap, as for span F1) and the
coefficients are computed on the matched pairs: Cohen's kappa (nominal values) over the pairs where
both coders set a value, and Krippendorff's alpha at the attribute's level (nominal for a list of
values, free text and yes/no; interval for numbers), where an unset value is missing. The number
of matched spans is always given with them: an attribute kappa over 12 matched spans of 300 says
little. With more than two coders, ``attribute_alpha`` takes every span that any coder marked as a
unit (spans identical in start, end and label are one unit) and each coder's value on it, missing
when the coder did not mark it or did not set the value: Krippendorff's alpha with missing values.
Sources: Cohen (1960); Krippendorff (2011), "Computing Krippendorff's alpha-reliability".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from .matching import check_mode, span_matching
from .metrics import LEVELS, cohen_kappa, krippendorff_alpha

__all__ = ["attribute_agreement", "attribute_alpha"]

NAN = float("nan")


def _split(spans: Iterable[Any], name: str) -> tuple[list[tuple], list[Any]]:
    plain, values = [], []
    for span in spans:
        try:
            start, end, label, value = span
        except (TypeError, ValueError):
            raise ValueError(f"each {name} span must be a (start, end, label, value) tuple, got {span!r}") from None
        plain.append((start, end, label))
        values.append(value)
    return plain, values


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")


def attribute_pairs(reference: Iterable[Any], candidate: Iterable[Any], match: str = "exact") -> list[tuple]:
    """The (reference value, candidate value) of every matched pair of spans."""
    check_mode(match)
    ref, ref_values = _split(reference, "reference")
    cand, cand_values = _split(candidate, "candidate")
    return [(ref_values[i], cand_values[j]) for i, j in span_matching(ref, cand, match)]


def values_agreement(pairs: list[tuple], level: str = "nominal") -> dict[str, Any]:
    """The coefficients of ``attribute_agreement`` from matched value pairs (pooled over documents
    by concatenating their pairs)."""
    _check_level(level)
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    kappa = cohen_kappa([a for a, _ in both], [b for _, b in both]) if both and level == "nominal" else NAN
    alpha = krippendorff_alpha([[a for a, _ in pairs], [b for _, b in pairs]], level) if pairs else NAN
    return {"matched": len(pairs), "both_set": len(both),
            "observed_agreement": sum(a == b for a, b in both) / len(both) if both else NAN,
            "cohen_kappa": kappa, "krippendorff_alpha": alpha}


def attribute_agreement(reference: Iterable[Any], candidate: Iterable[Any], match: str = "exact",
                        level: str = "nominal") -> dict[str, Any]:
    """Agreement of two coders on one attribute over their matched spans.

    Returns ``matched`` (span pairs matched), ``both_set`` (of those, pairs where both coders set
    the value), ``observed_agreement`` (share of equal values among ``both_set``), ``cohen_kappa``
    (over ``both_set``; nominal level only, else nan) and ``krippendorff_alpha`` (at ``level``,
    unset values missing). Undefined values are nan.
    """
    return values_agreement(attribute_pairs(reference, candidate, match), level)


def attribute_alpha(spans_by_coder: Mapping[Any, Iterable[Any]], level: str = "nominal") -> dict[str, Any]:
    """Krippendorff's alpha of any number of coders on one attribute; a unit is a span (start,
    end, label) marked by any coder (a coder's repeated identical spans are separate units), a
    coder's value on it is missing when the coder did not mark it or left the value unset.
    Returns ``units`` and ``krippendorff_alpha``."""
    _check_level(level)
    coders = list(spans_by_coder)
    if len(coders) < 2:
        raise ValueError(f"attribute_alpha needs at least two coders, got {len(coders)}")
    units: dict[tuple, dict] = {}
    for coder in coders:
        plain, values = _split(spans_by_coder[coder], f"coder {coder!r}'s")
        seen: dict[tuple, int] = defaultdict(int)
        for span, value in zip(plain, values):
            key = span + (seen[span],)
            seen[span] += 1
            units.setdefault(key, {})[coder] = value
    keys = list(units)
    data = [[units[k].get(c) for k in keys] for c in coders]
    return {"units": len(keys), "krippendorff_alpha": krippendorff_alpha(data, level) if keys else NAN}
