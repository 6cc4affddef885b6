"""Numbers as a coder types and reads them (issue 16's attributes and figure values): Western,
Arabic-Indic and Persian digits, the Arabic decimal and thousands separators."""

from __future__ import annotations

from annotator.ui.bidi import isolate

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
NOT_SET = "—"


def parse_number(text: str) -> int | float | None:
    """``"12"`` -> 12, ``"٣٫٥"`` -> 3.5, ``"1,500"`` -> 1500; ``""`` -> None; ValueError otherwise."""
    text = text.strip().translate(_DIGITS).replace(",", "").replace("\u066c", "")
    if not text:
        return None
    value = float(text)  # ValueError for anything else
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def format_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def describe_value(value: dict | None) -> str:
    """A figure value in a few characters: ``500–750 مقاتل (≈)``; "—" when the text did not parse."""
    if value is None:
        return NOT_SET
    low, high = format_number(value.get("low")), format_number(value.get("high"))
    out = low if low == high else f"{low}–{high}"
    out = "\u2066" + out + "\u2069"
    if value.get("unit"):
        out += " " + isolate(value["unit"])
    if value.get("approx"):
        out += " ≈"
    return out
