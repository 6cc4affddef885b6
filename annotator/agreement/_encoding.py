"""Input validation and label encoding shared by the agreement metrics.

Everything here turns user input (lists, tuples, NumPy arrays) into dense
``int64`` label codes so that the metrics can use ``np.bincount``.  Missing
values are encoded as ``-1``.

Label identity follows Python equality for Python objects (so ``1``, ``1.0``
and ``True`` are the same label, as in a ``dict``); mixing strings and numbers
in one list never conflates ``1`` with ``"1"``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["as_label_array", "as_label_matrix", "encode_1d", "encode_joint", "is_missing", "numeric_values"]

# Integer labels spanning fewer than _DIRECT_LIMIT values are coded as
# ``value - min`` (one pass); ranges up to _LUT_LIMIT use a lookup table (O(N));
# anything else is sorted (O(N log N)).
_DIRECT_LIMIT = 1 << 10
_LUT_LIMIT = 1 << 22


def is_missing(value: Any) -> bool:
    """``None`` and float NaN (Python or NumPy) count as missing values."""
    if value is None:
        return True
    try:
        return isinstance(value, (float, np.floating)) and math.isnan(value)
    except TypeError:  # pragma: no cover - exotic float subclasses
        return False


def _object_array_1d(seq: Sequence[Any]) -> np.ndarray:
    """Build a 1-D object array without NumPy interpreting tuple labels."""
    n = len(seq)
    out = np.empty(n, dtype=object)
    for i, value in enumerate(seq):
        out[i] = value
    return out


def as_label_array(values: Any, name: str) -> np.ndarray:
    """Return a 1-D array of labels; raises ValueError if not 1-D."""
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {values.shape}")
        return values
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        try:
            values = list(values)
        except TypeError:
            raise ValueError(f"{name} must be a sequence of labels") from None
    try:
        arr = np.asarray(values) if len(values) else np.empty(0, dtype=object)
    except (ValueError, TypeError):  # e.g. tuples of different lengths as labels
        arr = None
    if arr is not None and arr.ndim == 1:
        kind = arr.dtype.kind
        if kind in "biuf":
            # Only pure numbers (bool/int/float) end up with a numeric dtype
            # (None would have produced an object array).
            return arr
        if kind == "U" and all(type(v) is str for v in values):
            return arr
    # Mixed or unusual labels (tuples, None, str+int, ...): keep Python objects.
    return _object_array_1d(values)


def as_label_matrix(data: Any) -> np.ndarray:
    """Return a 2-D (coders x units) array; raises ValueError on ragged rows."""
    if isinstance(data, np.ndarray):
        if data.ndim != 2:
            raise ValueError(f"data must be two-dimensional (coders x units), got shape {data.shape}")
        return data
    try:
        rows = [row if isinstance(row, (Sequence, np.ndarray)) else list(row) for row in data]
    except TypeError:
        raise ValueError("data must be a 2-D array or a list of lists (coders x units)") from None
    for row in rows:
        if isinstance(row, (str, bytes)):
            raise ValueError("data must be a list of rows (one per coder), not a list of strings")
    lengths = {len(row) for row in rows}
    if len(lengths) > 1:
        raise ValueError(f"ragged data: coders' rows have different lengths {sorted(lengths)}")
    n_units = lengths.pop() if lengths else 0
    arrays = [as_label_array(row, "each coder's row") for row in rows]
    if arrays and all(a.dtype.kind in "biuf" for a in arrays):
        return np.vstack(arrays) if n_units else np.empty((len(rows), 0))
    out = np.empty((len(rows), n_units), dtype=object)
    for i, a in enumerate(arrays):
        out[i, :] = a if a.dtype == object else a.astype(object)
    return out


def _direct_codes(values: np.ndarray, lo: int) -> np.ndarray:
    """``values - lo`` as int64 in one pass (no copy for int64 with lo == 0)."""
    if values.dtype == np.int64 and lo == 0:
        return values
    return np.subtract(values, lo, dtype=np.int64, casting="unsafe")


def _encode_integers(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense codes for an integer array; returns (codes, sorted candidate values).

    Small value ranges (fewer than ``_DIRECT_LIMIT`` distinct integers between
    min and max) are coded as ``value - min`` in one pass; the returned value
    table then also contains unused integers in between, which have zero
    counts and therefore no influence on any coefficient.
    """
    if values.size == 0:
        return np.empty(0, dtype=np.int64), values[:0]
    lo, hi = int(values.min()), int(values.max())
    span = hi - lo
    if hi < (1 << 63) and span < _DIRECT_LIMIT:
        return _direct_codes(values, lo), np.arange(lo, hi + 1).astype(values.dtype)
    if hi < (1 << 63) and span <= max(_LUT_LIMIT, 4 * values.size):
        offset = _direct_codes(values, lo)
        present = np.zeros(span + 1, dtype=bool)
        present[offset] = True
        lut = np.cumsum(present, dtype=np.int64) - 1
        uniques = (np.flatnonzero(present) + lo).astype(values.dtype)
        return lut[offset], uniques
    uniques, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64).reshape(-1), uniques


_CHUNK = 1 << 20  # elements per chunk: keeps temporaries small and cache-resident


def _float_summary(values: np.ndarray) -> tuple[bool, bool, bool, float, float]:
    """One chunked pass: (has_nan, has_inf, all_integral, min, max) ignoring NaN."""
    has_nan = has_inf = False
    integral = True
    lo, hi = math.inf, -math.inf
    for s in range(0, values.size, _CHUNK):
        chunk = values[s:s + _CHUNK]
        nan = np.isnan(chunk)
        if nan.any():
            has_nan = True
        if np.isinf(chunk).any():
            has_inf = True
            break
        c_lo, c_hi = float(np.fmin.reduce(chunk)), float(np.fmax.reduce(chunk))
        if not math.isnan(c_lo):
            lo, hi = min(lo, c_lo), max(hi, c_hi)
        if integral:
            integral = bool(((chunk == np.trunc(chunk)) | nan).all())
    return has_nan, has_inf, integral, lo, hi


def _encode_floats(values: np.ndarray, allow_missing: bool, name: str) -> tuple[np.ndarray, np.ndarray]:
    has_nan, has_inf, integral, lo, hi = _float_summary(values)
    if has_inf:
        raise ValueError(f"{name} contains infinite values")
    if has_nan and not allow_missing:
        raise ValueError(f"{name} contains missing values (NaN), which this metric does not accept")
    if lo > hi:  # nothing but NaN
        return np.full(values.shape, -1, dtype=np.int64), values[:0]
    integral = integral and max(abs(lo), abs(hi)) < 2**53
    if integral and hi - lo < _DIRECT_LIMIT:
        lo_int = int(lo)
        codes = np.empty(values.shape, dtype=np.int64)
        for s in range(0, values.size, _CHUNK):
            chunk = values[s:s + _CHUNK]
            shifted = chunk - lo
            if has_nan:
                shifted[np.isnan(chunk)] = -1.0
            codes[s:s + _CHUNK] = shifted
        return codes, np.arange(lo_int, int(hi) + 1).astype(values.dtype)
    finite = ~np.isnan(values)
    present = values[finite] if has_nan else values
    if integral:
        sub_codes, uniq = _encode_integers(present.astype(np.int64))
        uniques = uniq.astype(values.dtype)
    else:
        uniques, sub_codes = np.unique(present, return_inverse=True)
        sub_codes = sub_codes.reshape(-1)
    if not has_nan:
        return sub_codes.astype(np.int64, copy=False), uniques
    codes = np.full(values.shape, -1, dtype=np.int64)
    codes[finite] = sub_codes
    return codes, uniques


def encode_1d(values: np.ndarray, *, allow_missing: bool, name: str) -> tuple[np.ndarray, list[Any] | np.ndarray]:
    """Encode a 1-D label array as int64 codes (``-1`` = missing).

    Returns ``(codes, uniques)``; ``uniques[c]`` is the label of code ``c``.
    For numeric input ``uniques`` is a sorted NumPy array, for object input it
    is a list in order of first appearance.  The returned codes may share
    memory with ``values``: do not modify them in place.
    """
    kind = values.dtype.kind
    if kind == "b":
        values = values.astype(np.int64)
        kind = "i"
    if kind in "iu":
        return _encode_integers(values)
    if kind == "f":
        return _encode_floats(values, allow_missing, name)
    if kind in "US":
        uniques, codes = np.unique(values, return_inverse=True)
        return codes.astype(np.int64).reshape(-1), uniques
    if kind == "O":
        mapping: dict[Any, int] = {}
        codes = np.empty(values.shape, dtype=np.int64)
        try:
            for i, value in enumerate(values):
                if is_missing(value):
                    if not allow_missing:
                        raise ValueError(
                            f"{name} contains a missing value ({value!r}); this metric has no "
                            "missing-data convention - drop those items first"
                        )
                    codes[i] = -1
                else:
                    codes[i] = mapping.setdefault(value, len(mapping))
        except TypeError:
            raise ValueError(f"{name} contains an unhashable label") from None
        return codes, list(mapping)
    raise ValueError(f"{name} has unsupported dtype {values.dtype}")


def encode_joint(arrays: list[np.ndarray], *, allow_missing: bool, name: str):
    """Encode several 1-D arrays with one shared code table.

    Returns ``(list of code arrays, uniques)``.  Integer arrays with a small
    common value range are coded without concatenating them.
    """
    if all(a.dtype.kind in "biu" for a in arrays) and all(a.size for a in arrays):
        lo = min(int(a.min()) for a in arrays)
        hi = max(int(a.max()) for a in arrays)
        if hi < (1 << 63) and hi - lo < _DIRECT_LIMIT:
            codes = [_direct_codes(a.astype(np.int64) if a.dtype.kind == "b" else a, lo) for a in arrays]
            return codes, np.arange(lo, hi + 1)
    same_family = all(a.dtype.kind in "biuf" for a in arrays) or all(a.dtype.kind == "U" for a in arrays)
    joint = np.concatenate(arrays if same_family else [a.astype(object) for a in arrays])
    codes, uniques = encode_1d(joint, allow_missing=allow_missing, name=name)
    splits = np.cumsum([len(a) for a in arrays])[:-1]
    return np.split(codes, splits), uniques


def numeric_values(uniques: list[Any] | np.ndarray, name: str) -> np.ndarray:
    """Convert encoded unique labels to float64, requiring real numbers."""
    if isinstance(uniques, np.ndarray) and uniques.dtype.kind in "biuf":
        return uniques.astype(np.float64)
    out = np.empty(len(uniques), dtype=np.float64)
    for i, value in enumerate(uniques):
        if not isinstance(value, numbers.Real):
            raise ValueError(
                f"{name}: non-numeric value {value!r}; the ordinal, interval and ratio levels "
                "need numbers (map ordered labels to ranks first)"
            )
        out[i] = float(value)
    if np.isinf(out).any():
        raise ValueError(f"{name} contains infinite values")
    return out
