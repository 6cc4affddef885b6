"""Arabic-aware search: find a query in text regardless of harakat, tatweel and letter variants.

The text is folded into a search form together with a map from each folded character back to
its offset in the original, so every match is reported as ``[start, end)`` in the original text
(code points) and can become a span directly. Marks that follow a matched letter belong to the
match: searching كتب in كَتَبَ returns the whole word with its last fatha.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Harakat, tanween, shadda, sukun, the dagger alef and the other Arabic combining marks.
_IGNORED = (
    {chr(c) for c in range(0x0610, 0x061B)}  # Quranic honorifics and small high letters
    | {chr(c) for c in range(0x064B, 0x0660)}  # fathatan .. wavy hamza below
    | {"\u0670"}  # superscript (dagger) alef
    | {chr(c) for c in range(0x06D6, 0x06DD)}
    | {chr(c) for c in range(0x06DF, 0x06E5)}
    | {chr(c) for c in range(0x06E7, 0x06E9)}
    | {chr(c) for c in range(0x06EA, 0x06EE)}
    | {"\u0640"}  # tatweel (kashida)
    | {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c"}  # ZWNJ, ZWJ, LRM, RLM, ALM
)

_ALEF = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627"}
_HAMZA_SEATS = {"\u0624": "\u0648", "\u0626": "\u064a"}  # waw and ya with hamza
_YA = {"\u0649": "\u064a", "\u06cc": "\u064a"}  # alef maqsura, Farsi ya
_TA_MARBUTA = {"\u0629": "\u0647"}


@dataclass(frozen=True)
class FoldOptions:
    """How far to fold. The defaults are what Arabic readers expect from a search box."""

    ignore_marks: bool = True  # harakat, shadda, sukun, tatweel
    unify_alef: bool = True  # أ إ آ ٱ -> ا
    unify_ya: bool = True  # ى -> ي
    ta_marbuta: bool = False  # ة -> ه (on request: it merges real distinctions)
    hamza_seats: bool = False  # ؤ -> و, ئ -> ي (on request)
    casefold: bool = True  # for embedded Latin


def _table(options: FoldOptions) -> dict[str, str]:
    table: dict[str, str] = {}
    if options.unify_alef:
        table.update(_ALEF)
    if options.unify_ya:
        table.update(_YA)
    if options.ta_marbuta:
        table.update(_TA_MARBUTA)
    if options.hamza_seats:
        table.update(_HAMZA_SEATS)
    return table


def fold(text: str, options: FoldOptions = FoldOptions()) -> tuple[str, list[int]]:
    """The search form of ``text`` and, for each of its characters, the original offset."""
    table = _table(options)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if options.ignore_marks and ch in _IGNORED:
            continue
        mapped = table.get(ch, ch)
        if options.casefold and not ("\u0600" <= mapped <= "\u06ff"):
            mapped = mapped.casefold()
        for piece in mapped:
            out.append(piece)
            origin.append(i)
    return "".join(out), origin


def fold_query(query: str, options: FoldOptions = FoldOptions()) -> str:
    return fold(unicodedata.normalize("NFC", query), options)[0]


def find_all(text: str, query: str, options: FoldOptions = FoldOptions()) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text`` as original ``[start, end)`` offsets."""
    needle = fold_query(query, options)
    if not needle:
        return []
    folded, origin = fold(text, options)
    return list(_matches(text, folded, origin, needle, options))


def _matches(text, folded, origin, needle, options):
    n = len(text)
    pos = folded.find(needle)
    while pos >= 0:
        start = origin[pos]
        end = origin[pos + len(needle) - 1] + 1
        # Take the marks that belong to the last matched letter.
        while end < n and options.ignore_marks and text[end] in _IGNORED and text[end] != "\u0640":
            end += 1
        yield start, end
        pos = folded.find(needle, pos + len(needle))


class Searcher:
    """Folds a text once and answers many queries on it (the Find bar as the user types)."""

    def __init__(self, text: str, options: FoldOptions = FoldOptions()) -> None:
        self.text = text
        self.options = options
        self._folded, self._origin = fold(text, options)

    def find_all(self, query: str) -> list[tuple[int, int]]:
        needle = fold_query(query, self.options)
        if not needle:
            return []
        return list(_matches(self.text, self._folded, self._origin, needle, self.options))


def strip_marks(text: str) -> str:
    """``text`` without harakat and tatweel (for display of a search form, never for storage)."""
    return "".join(ch for ch in text if ch not in _IGNORED)
