"""Which span of one coder is which span of another: the one-to-one matching behind span F1.

``span_matching(reference, candidate, match)`` returns the matched pairs themselves (``span_prf``
counts only their number, and the tests check that the two agree). Relation and attribute
agreement (``relations``, ``attributes``) are computed over these pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

from .spans import MATCH_MODES, _checked

__all__ = ["span_matching"]


def check_mode(match: str) -> None:
    if match not in MATCH_MODES:
        raise ValueError(f"unknown match mode {match!r}; expected one of {', '.join(MATCH_MODES)}")


def span_matching(reference: Iterable[Any], candidate: Iterable[Any], match: str = "exact") -> list[tuple[int, int]]:
    """One-to-one pairs ``(i, j)``: reference span ``i`` is candidate span ``j``, sorted by ``i``.

    Spans are ``(start, end, label)``. ``exact``: same start, end and label (identical spans are
    paired in the order they come). ``overlap``: same label and at least one shared position
    (identical empty spans too), taken greedily by largest overlap, then smallest boundary
    mismatch ``|start difference| + |end difference|``, then position: the rule of ``span_prf``,
    whose ``tp`` is ``len(span_matching(...))``.
    """
    check_mode(match)
    ref = _checked(reference, "reference")
    cand = _checked(candidate, "candidate")
    if match == "exact":
        waiting: dict[tuple, list[int]] = defaultdict(list)
        for j, span in enumerate(cand):
            waiting[span].append(j)
        pairs = []
        for i, span in enumerate(ref):
            free = waiting.get(span)
            if free:
                pairs.append((i, free.pop(0)))
        return pairs
    by_label: dict[Hashable, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, (_s, _e, label) in enumerate(ref):
        by_label[label][0].append(i)
    for j, (_s, _e, label) in enumerate(cand):
        by_label[label][1].append(j)
    pairs = []
    for refs, cands in by_label.values():
        if not refs or not cands:
            continue
        # positions in the (start, end)-sorted lists break the last ties, as in span_prf
        refs = sorted(refs, key=lambda i: (ref[i][0], ref[i][1], i))
        cands = sorted(cands, key=lambda j: (cand[j][0], cand[j][1], j))
        options = []
        for ri, i in enumerate(refs):
            s1, e1, _ = ref[i]
            for ci, j in enumerate(cands):
                s2, e2, _ = cand[j]
                overlap = min(e1, e2) - max(s1, s2)
                if overlap > 0 or (s1, e1) == (s2, e2):
                    options.append((-overlap, abs(s1 - s2) + abs(e1 - e2), ri, ci))
        options.sort()
        used_r, used_c = set(), set()
        for _o, _m, ri, ci in options:
            if ri not in used_r and ci not in used_c:
                used_r.add(ri)
                used_c.add(ci)
                pairs.append((refs[ri], cands[ci]))
    return sorted(pairs)
