"""Grapheme clusters of a stretch of text: the unit a click, a caret step and a span edge use.

The document view lays out one paragraph at a time and asks, for each laid-out line, where each
cluster is painted; these are the Qt-free rules behind that (UAX #29 extended grapheme clusters,
through ``regex``'s ``\\X``).
"""

from __future__ import annotations

import unicodedata

import regex

_GRAPHEME = regex.compile(r"\X", regex.DOTALL)


def cluster_edges(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Cluster boundaries of ``text[lo:hi]`` as offsets into ``text``: ``[lo, ..., hi]``.

    ``lo`` must be a cluster boundary (a paragraph or line start is); an empty range gives ``[lo]``.
    """
    hi = len(text) if hi is None else hi
    edges = [lo]
    append = edges.append
    for match in _GRAPHEME.finditer(text, lo, hi):
        append(match.end())
    return edges


def is_ligature_part(cluster: str) -> bool:
    """Whether a cluster may be painted as part of the glyph before it (the alef of lam-alef):
    a letter or digit; never a space, a format character (LRM, ZWJ) or a lone mark."""
    return bool(cluster) and unicodedata.category(cluster[0])[0] in "LN"
