"""Rules the training formats share: tokens that every span edge falls on, the longest
non-overlapping spans (for flat entity layers), BIO tags, grouping a stream of (document, coder)
items by document, and stable hashes.

**Flat layer rule** (``flat_spans``): spans are taken longest first (ties: earlier start, then
label name); a span joins the flat layer when it overlaps none taken before. The rest are nested or
overlapping and go where the format keeps them (spaCy ``doc.spans``) or are reported as not carried.
"""

from __future__ import annotations

import hashlib
from itertools import groupby
from typing import Iterable, Iterator, Sequence

from annotator.formats.conll import tokenize

Span = tuple[int, int, str]


def edge_tokens(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Our tokens (``conll.tokenize``), each cut again at every span edge that falls inside it, so
    that every span starts and ends on a token boundary (lossless for any span over non-space text)."""
    edges = sorted({pos for start, end in spans for pos in (start, end)})
    tokens: list[tuple[int, int]] = []
    at = 0
    for start, end in tokenize(text):
        while at < len(edges) and edges[at] <= start:
            at += 1
        cut = start
        k = at
        while k < len(edges) and edges[k] < end:
            tokens.append((cut, edges[k]))
            cut = edges[k]
            k += 1
        tokens.append((cut, end))
    return tokens


def flat_spans(spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """``(flat, rest)``: the longest non-overlapping spans (see the module rule), and the others;
    both sorted by start."""
    taken: list[Span] = []
    rest: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        if all(span[1] <= other[0] or other[1] <= span[0] for other in taken):
            taken.append(span)
        else:
            rest.append(span)
    return sorted(taken), sorted(rest)


def token_range(tokens: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """``(first, last)`` token indices (inclusive) exactly covering ``[start, end)``, or None."""
    from bisect import bisect_left

    starts = [s for s, _ in tokens]
    first = bisect_left(starts, start)
    if first >= len(tokens) or tokens[first][0] != start:
        return None
    last = first
    while last < len(tokens) and tokens[last][1] < end:
        last += 1
    if last >= len(tokens) or tokens[last][1] != end:
        return None
    return first, last


def bio(tokens: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[str]:
    """BIO tags for ``tokens`` from non-overlapping ``spans`` that fall on token boundaries."""
    tags = ["O"] * len(tokens)
    for start, end, label in spans:
        found = token_range(tokens, start, end)
        if found is None:
            continue
        tags[found[0]] = f"B-{label}"
        for i in range(found[0] + 1, found[1] + 1):
            tags[i] = f"I-{label}"
    return tags


def by_document(items: Iterable) -> Iterator[list]:
    """The export stream (documents in project order, each with its coders) as one list per document."""
    for _doc, group in groupby(items, key=lambda item: item.document_id):
        yield list(group)


def stable_hash(*parts: str) -> int:
    """A signed 32-bit integer from the parts (Prodigy keeps its hashes in that range)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)
