"""Offsets: code points (our unit, Python ``str`` indices) and UTF-16 code units (Qt's unit).

Spans are ``[start, end)`` in code points. Qt counts UTF-16 code units, so a character above
U+FFFF (emoji, U+1EExx Arabic mathematical letters) is one code point but two Qt positions.
:class:`Utf16Map` converts at the Qt boundary; it is the identity for text without such characters.

Span edges never split a grapheme cluster (a letter and its harakat, an emoji sequence), and
surrounding whitespace is trimmed: :func:`normalize_span` does both.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
_PREPEND = regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}")
# How far back from a position we start segmenting when no line break is nearer. A grapheme
# cluster longer than this (hundreds of stacked marks) is pathological; we still never split
# a cluster that begins inside the window.
_WINDOW = 256


class Utf16Map:
    """Converts between code point offsets and UTF-16 code unit offsets for one text."""

    __slots__ = ("_astral", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # UTF-16 position of each astral character: every earlier astral adds one unit.
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral)

    @property
    def is_identity(self) -> bool:
        return not self._astral

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code point offset ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.length:
            raise ValueError(f"offset {cp} outside the text (0..{self.length})")
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def from_utf16(self, unit: int, *, round_up: bool = False) -> int:
        """Code point offset of UTF-16 offset ``unit``.

        A ``unit`` between the two halves of a surrogate pair is rounded down to the start of
        that character, or up past it with ``round_up=True``.
        """
        if not 0 <= unit <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {unit} outside the text (0..{self.utf16_length})")
        if not self._astral:
            return unit
        k = bisect_right(self._astral_u16, unit - 1)  # astrals that start before ``unit``
        if k and self._astral_u16[k - 1] == unit - 1:  # inside the pair of astral k-1
            cp = self._astral[k - 1]
            return cp + 1 if round_up else cp
        return unit - k


def cluster_bounds(text: str, pos: int) -> tuple[int, int]:
    """The grapheme cluster around ``pos``: ``(start, end)`` with start <= pos < end.

    At ``pos == len(text)`` returns ``(len, len)``.
    """
    n = len(text)
    if pos >= n:
        return n, n
    if pos < 0:
        raise ValueError(f"offset {pos} is negative")
    anchor = text.rfind("\n", 0, pos + 1)
    # After a line feed there is always a cluster boundary (UAX #29, GB4).
    anchor = 0 if anchor < 0 else anchor + 1 if anchor < pos else anchor
    if anchor == pos and text[pos] == "\n" and pos and text[pos - 1] == "\r":
        return pos - 1, pos + 1  # CR LF is one cluster (GB3)
    # Before a space there is a boundary too, unless a Prepend character (U+0600..U+0605, ...)
    # precedes it (UAX #29: a space is Other, so only GB9b binds it to what comes before).
    # Segmenting from the last one reads a word, not up to _WINDOW characters of the line.
    space = text.rfind(" ", anchor, pos + 1)
    if space > anchor and not _PREPEND.match(text, space - 1):
        anchor = space
    if pos - anchor > _WINDOW:
        anchor = pos - _WINDOW
    for match in _GRAPHEME.finditer(text, anchor):
        if match.end() > pos:
            return match.start(), match.end()
    return n, n  # pragma: no cover - finditer always reaches the end


def is_cluster_boundary(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return True
    return cluster_bounds(text, pos)[0] == pos


def snap_to_clusters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that neither edge splits a grapheme cluster."""
    start = max(0, min(start, len(text)))
    end = max(0, min(end, len(text)))
    if start > end:
        start, end = end, start
    if start < len(text):
        start = cluster_bounds(text, start)[0]
    if 0 < end < len(text):
        lo, hi = cluster_bounds(text, end)
        if lo != end:
            end = hi
    return start, end


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading and trailing whitespace (spaces, NBSP, line breaks)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalize_span(text: str, start: int, end: int, *, trim: bool = True) -> tuple[int, int] | None:
    """The span a user meant by selecting ``[start, end)``: clamped, snapped to grapheme
    clusters, whitespace trimmed. ``None`` when nothing but whitespace is left."""
    start, end = snap_to_clusters(text, start, end)
    if trim:
        start, end = trim_whitespace(text, start, end)
        start, end = snap_to_clusters(text, start, end)
    if start >= end:
        return None
    return start, end
