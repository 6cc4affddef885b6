"""Written numbers: Western, Eastern Arabic (٠-٩) and Persian (۰-۹) digits with their separators,
read into an exact ``Decimal``, or ``None`` when the writing is ambiguous (docs/figures.md)."""

from __future__ import annotations

from decimal import Decimal

TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TO_ASCII = TO_ASCII


def parse_digits(raw: str) -> Decimal | None:
    """The value of a written number (``1,500``, ``٢٫٥``, ``1.000.000``) or None when ambiguous."""
    s = raw.translate(_TO_ASCII)
    if not s or not s[0].isdigit():
        return None
    arabic = "\u066b" in s or "\u066c" in s
    if arabic:
        if "." in s or "," in s:
            return None
        whole, _, frac = s.partition("\u066b")
        return _grouped(whole, "\u066c", frac)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if dec == "." else "."
        if s.count(dec) != 1:
            return None
        whole, _, frac = s.partition(dec)
        return _grouped(whole, thousands, frac)
    sep = "." if dots else "," if commas else None
    if sep is None:
        return Decimal(s)
    groups = s.split(sep)
    if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        if len(groups) == 2 and sep == ".":
            return None  # 1.500: a decimal, or thousands the European way
        return Decimal("".join(groups))
    if sep == "." and len(groups) == 2:
        return Decimal(s)
    return None  # 3,5 (a decimal comma or a list?), 1.2.3


def _grouped(whole: str, sep: str, frac: str) -> Decimal | None:
    groups = whole.split(sep)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    if sep in frac:
        return None
    return Decimal("".join(groups) + ("." + frac if frac else ""))
