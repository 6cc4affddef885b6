"""Automatic pre-merge of several coders' spans into a gold layer (pure logic, no storage).

A *candidate* is a distinct ``(start, end, label)`` with the set of coders who made exactly that
span. A candidate is accepted into gold when enough coders agree (the strategy decides how many);
candidates that compete for the same text are resolved by votes, and a tie is left open for a
person. Everything not accepted stays an open disagreement.

Competing candidates: two candidates compete when their ranges overlap and they carry the same
label, or when they cover exactly the same range (with different labels). Nested spans with
different labels (a MONEY inside an ORG) do not compete: both may be gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

STRATEGIES = ("majority", "unanimous", "prefer")
# Agreement and adjudication compare coders pairwise and per document: a team is a handful, a file
# with 20,000 coders (received from a stranger) would take hours. Name the coders to compare instead.
MAX_COMPARED_CODERS = 200


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    coders: frozenset[str] = field(default_factory=frozenset)

    @property
    def votes(self) -> int:
        return len(self.coders)

    def competes_with(self, other: "Candidate") -> bool:
        if (self.start, self.end) == (other.start, other.end):
            return self.label != other.label
        return self.label == other.label and self.start < other.end and other.start < self.end


@dataclass
class Proposal:
    accepted: list[Candidate]
    ties: list[Candidate]  # reached the threshold but tied with a competitor: left for a person
    open: list[Candidate]  # every candidate not accepted (ties included)


def parse_strategy(text: str) -> tuple[str, str | None]:
    """``majority``, ``unanimous`` or ``prefer:NAME`` -> (kind, name)."""
    if text in ("majority", "unanimous"):
        return text, None
    if text.startswith("prefer:") and text[len("prefer:"):].strip():
        return "prefer", text[len("prefer:"):].strip()
    raise ValueError(f"unknown strategy {text!r}: use majority, unanimous or prefer:NAME")


def threshold(kind: str, n_coders: int, min_agree: int | None) -> int:
    """How many coders must make the identical span. majority: more than half (or ``min_agree``);
    unanimous: all of them; prefer: ``min_agree`` or more than half."""
    if n_coders < 1:
        raise ValueError("adjudication needs at least one coder")
    if min_agree is not None:
        if not 1 <= min_agree <= n_coders:
            raise ValueError(f"--min-agree must be between 1 and the number of coders ({n_coders})")
        if kind == "unanimous" and min_agree != n_coders:
            raise ValueError("unanimous means every coder: do not combine it with --min-agree")
        return min_agree
    return n_coders if kind == "unanimous" else n_coders // 2 + 1


def candidates(spans_by_coder: Mapping[str, Iterable[tuple[int, int, str]]]) -> list[Candidate]:
    votes: dict[tuple[int, int, str], set[str]] = {}
    for coder, spans in spans_by_coder.items():
        for start, end, label in spans:
            votes.setdefault((start, end, label), set()).add(coder)
    return sorted((Candidate(s, e, lab, frozenset(c)) for (s, e, lab), c in votes.items()),
                  key=lambda c: (c.start, c.end, c.label))


def propose(spans_by_coder: Mapping[str, Iterable[tuple[int, int, str]]], strategy: str = "majority",
            min_agree: int | None = None, existing_gold: Iterable[tuple[int, int, str]] = ()) -> Proposal:
    """Which candidates go to gold. ``existing_gold`` spans are already decided: an identical
    candidate is not proposed again, and a candidate competing with one is left alone (so running
    the pre-merge twice changes nothing, and hand-made gold is never overridden)."""
    kind, preferred = parse_strategy(strategy)
    coders = list(spans_by_coder)
    if preferred is not None and preferred not in coders:
        raise ValueError(f"prefer:{preferred}: {preferred!r} is not one of the compared coders ({', '.join(coders)})")
    k = threshold(kind, len(coders), min_agree)
    gold = [Candidate(s, e, lab) for s, e, lab in existing_gold]
    gold_keys = {(c.start, c.end, c.label) for c in gold}
    pool = [c for c in candidates(spans_by_coder)
            if (c.start, c.end, c.label) not in gold_keys and not any(c.competes_with(g) for g in gold)]
    eligible = [c for c in pool if c.votes >= k]
    rivals = _rivals(eligible)
    accepted, ties = [], []
    for cand in eligible:
        best = max((o.votes for o in rivals[cand]), default=0)
        if cand.votes > best:
            accepted.append(cand)
        elif cand.votes == best:
            if preferred is not None and preferred in cand.coders and not any(preferred in o.coders for o in rivals[cand]):
                accepted.append(cand)  # prefer:NAME breaks the tie
            else:
                ties.append(cand)
    if preferred is not None:
        # Where the coders did not reach agreement, the preferred coder's span is taken, unless it
        # competes with something already accepted or with existing gold.
        taken = set(accepted)
        mine = [c for c in pool if preferred in c.coders and c not in taken]
        rivals = _rivals(sorted(accepted + mine, key=lambda c: (c.start, c.end, c.label)))
        for cand in mine:
            if any(o in taken for o in rivals[cand]):
                continue
            accepted.append(cand)
            taken.add(cand)
            if cand in ties:
                ties.remove(cand)
    accepted.sort(key=lambda c: (c.start, c.end, c.label))
    taken = set(accepted)
    return Proposal(accepted=accepted, ties=ties, open=[c for c in pool if c not in taken])


def agreed(cands: list[Candidate], n_coders: int) -> set[Candidate]:
    """The candidates every one of ``n_coders`` coders made and nobody contested: no other candidate
    of ``cands`` (the document's candidates, open or not) competes with them. They are open until
    they reach gold, but they are not disagreements."""
    if n_coders < 1:
        return set()
    ordered = sorted(cands, key=lambda c: (c.start, c.end, c.label))
    rivals = _rivals(ordered)
    return {c for c in ordered if c.votes >= n_coders and not rivals[c]}


def _rivals(cands: list[Candidate]) -> dict[Candidate, list[Candidate]]:
    """For candidates sorted by start: who competes with whom (a sweep, not all pairs)."""
    out: dict[Candidate, list[Candidate]] = {c: [] for c in cands}
    for i, cand in enumerate(cands):
        j = i + 1
        while j < len(cands) and cands[j].start < cand.end:
            if cand.competes_with(cands[j]):
                out[cand].append(cands[j])
                out[cands[j]].append(cand)
            j += 1
    return out
