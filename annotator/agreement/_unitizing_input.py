"""Input validation for the unitizing functions (spans on a continuum)."""

from __future__ import annotations

import operator
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np

__all__ = ["as_int", "check_coders", "parse_spans"]


def as_int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{what} must be an integer, got {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be an integer, got {value!r}") from None


def check_coders(coders: Iterable[Hashable]) -> dict[Hashable, int]:
    index: dict[Hashable, int] = {}
    for coder in coders:
        try:
            if coder in index:
                raise ValueError(f"coder {coder!r} is listed twice in coders")
        except TypeError:
            raise ValueError(f"coder {coder!r} is not hashable") from None
        index[coder] = len(index)
    return index


def _int_column(column: tuple, spans: list, what: str, where: str) -> np.ndarray:
    arr = np.asarray(column)
    if arr.dtype.kind in "iu" and arr.ndim == 1:
        if arr.dtype.kind == "u" and arr.size and int(arr.max()) >= 2**63:
            raise ValueError(f"span {what} too large{where}")
        return arr.astype(np.int64, copy=False)
    for value, span in zip(column, spans):  # slow path only to name the culprit
        as_int(value, f"span {what} of {span!r}{where}")
    try:
        return np.array([operator.index(v) for v in column], dtype=np.int64)
    except OverflowError:
        raise ValueError(f"span {what} too large{where}") from None


def parse_spans(spans, coder_index, begin, end, where=""):
    """Validate spans; return (coder codes, starts, ends) arrays and the labels."""
    spans = list(spans)
    if not spans:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, []
    try:
        coders, starts, ends, labels = zip(*spans, strict=True)
    except (TypeError, ValueError):
        bad = next((s for s in spans if not isinstance(s, (tuple, list)) or len(s) != 4), spans[0])
        raise ValueError(f"each span must be a (coder, start, end, label) tuple, got {bad!r}{where}") from None
    start_arr = _int_column(starts, spans, "start", where)
    end_arr = _int_column(ends, spans, "end", where)
    try:
        coder_arr = np.fromiter((coder_index[c] for c in coders), dtype=np.int64, count=len(coders))
    except (KeyError, TypeError):
        for span in spans:
            try:
                coder_index[span[0]]
            except (KeyError, TypeError):
                raise ValueError(f"span {span!r}{where} names coder {span[0]!r}, which is not in coders") from None
        raise  # pragma: no cover
    backwards = np.flatnonzero(end_arr < start_arr)
    if backwards.size:
        raise ValueError(f"span {spans[backwards[0]]!r}{where} ends before it starts")
    outside = np.flatnonzero((start_arr < begin) | (end_arr > end))
    if outside.size:
        raise ValueError(f"span {spans[outside[0]]!r}{where} lies outside the continuum [{begin}, {end})")
    return coder_arr, start_arr, end_arr, list(labels)
