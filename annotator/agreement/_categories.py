"""Category sets and their order for the weighted coefficients.

Weighted kappa (Cohen 1968) and Gwet's AC2 weight disagreements by how far
apart two categories are, so they need the categories *in order*.  The order
is the caller's ``categories`` list when given, else the natural sort order of
the labels seen: numbers by value, strings in "human" order where runs of
digits compare as numbers (``"2" < "10"``).  Mixing numbers and strings has no
natural order and needs ``categories``.

Gwet's chance agreement also depends on the *number* of categories ``q``: a
category that nobody used still counts when it is listed in ``categories``.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import numpy as np

from ._encoding import is_missing

__all__ = ["natural_key", "ordered_codes"]

_DIGITS = re.compile(r"(\d+)")


def _plain(value: Any) -> Any:
    """NumPy scalars become Python scalars (labels are compared as dict keys)."""
    return value.item() if isinstance(value, np.generic) else value


def natural_key(text: str) -> tuple:
    """Sort key for 'human' order: digit runs compare as integers."""
    parts = _DIGITS.split(text)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def _natural_order(labels: list[Any], name: str) -> list[Any]:
    if all(isinstance(v, numbers.Real) for v in labels):
        return sorted(labels)
    if all(isinstance(v, str) for v in labels):
        return sorted(labels, key=lambda s: (natural_key(s), s))
    raise ValueError(
        f"{name}: the labels mix numbers and other values, which have no natural order; "
        "pass categories=[...] in the order you mean"
    )


def ordered_codes(
    codes: np.ndarray, uniques: Any, categories: Any, name: str
) -> tuple[np.ndarray, list[Any]]:
    """Re-code ``codes`` (``-1`` = missing) to positions in the ordered category list.

    ``uniques[c]`` is the label of code ``c`` (as returned by ``encode_1d``); it
    may list values that do not occur.  Returns ``(new_codes, categories)``.
    Raises ``ValueError`` when ``categories`` has duplicates or missing values,
    or when a label occurs that ``categories`` does not list.
    """
    present = np.unique(codes[codes >= 0]) if codes.size else np.empty(0, dtype=np.int64)
    seen = [_plain(uniques[int(c)]) for c in present]
    if categories is None:
        order = _natural_order(seen, name)
    else:
        if isinstance(categories, (str, bytes)):
            raise ValueError(f"{name}: categories must be a list of labels, not a string")
        try:
            order = [_plain(v) for v in categories]
        except TypeError:
            raise ValueError(f"{name}: categories must be a list of labels") from None
        if any(is_missing(v) for v in order):
            raise ValueError(f"{name}: categories must not contain missing values (None/NaN)")
        try:
            position = {}
            for i, value in enumerate(order):
                if value in position:
                    raise ValueError(f"{name}: category {value!r} is listed twice")
                position[value] = i
        except TypeError:
            raise ValueError(f"{name}: categories must be hashable labels") from None
        unknown = [v for v in seen if v not in position]
        if unknown:
            raise ValueError(f"{name}: label {unknown[0]!r} is not in categories")
    position = {value: i for i, value in enumerate(order)}
    lookup = np.full(max(len(uniques), 1), -1, dtype=np.int64)
    for c, value in zip(present.tolist(), seen):
        lookup[c] = position[value]
    out = np.where(codes >= 0, lookup[np.maximum(codes, 0)], -1)
    return out, list(order)
