"""Handing out documents: every document to ``k`` coders, loads balanced, overlap known in advance.

Greedy and deterministic for a seed: documents in a seeded shuffled order; each goes to the ``k``
coders with the fewest documents so far, ties broken first by how few documents they already
share with the coders chosen for it (so pairs overlap evenly, which agreement needs), then by a
seeded order. Loads differ by at most one document.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Plan:
    coders: tuple[str, ...]
    per_document: int
    by_document: dict[int, tuple[str, ...]]   # document id -> its coders, in the order chosen

    def load(self) -> dict[str, int]:
        counts = Counter(c for coders in self.by_document.values() for c in coders)
        return {c: counts.get(c, 0) for c in self.coders}

    def overlap(self) -> dict[tuple[str, str], int]:
        """Documents each pair of coders both have (what pairwise agreement is computed on)."""
        pairs = Counter()
        for coders in self.by_document.values():
            for a, b in combinations(sorted(coders), 2):
                pairs[(a, b)] += 1
        return {pair: pairs.get(pair, 0) for pair in combinations(sorted(self.coders), 2)}

    def queue(self, coder: str) -> list[int]:
        return [doc for doc, coders in self.by_document.items() if coder in coders]


def plan_assignments(document_ids: list[int], coders: list[str], per_document: int, seed: int = 0) -> Plan:
    names = list(dict.fromkeys(c.strip() for c in coders if c.strip()))
    if len(names) != len([c for c in coders if c.strip()]):
        raise ValueError("a coder is named twice in --coders")
    if not names:
        raise ValueError("give at least one coder")
    if not 1 <= per_document <= len(names):
        raise ValueError(f"--per-document must be between 1 and the number of coders ({len(names)}), "
                         f"not {per_document}")
    rng = random.Random(seed)
    docs = list(document_ids)
    rng.shuffle(docs)
    tiebreak = {name: rng.random() for name in names}
    load = Counter({name: 0 for name in names})
    shared: Counter = Counter()
    chosen_for: dict[int, tuple[str, ...]] = {}
    for doc in docs:
        chosen: list[str] = []
        for _ in range(per_document):
            best = min((n for n in names if n not in chosen),
                       key=lambda n: (load[n], sum(shared[frozenset((n, c))] for c in chosen), tiebreak[n]))
            chosen.append(best)
        for name in chosen:
            load[name] += 1
        for a, b in combinations(chosen, 2):
            shared[frozenset((a, b))] += 1
        chosen_for[doc] = tuple(chosen)
    by_document = {doc: chosen_for[doc] for doc in sorted(document_ids)}
    return Plan(tuple(names), per_document, by_document)
