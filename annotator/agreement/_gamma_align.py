"""The best (minimum-disorder) alignment of gamma, exactly, for many continua at once.

A unitary alignment holds at most one unit of each of the n coders; its raw
cost is the sum, over the C(n,2) pairs of its n places, of the dissimilarity
of the two places: d(u, v) for two units, Delta_empty (= 1) when either place
is empty (the convention of Mathet et al. 2015 as implemented by
pygamma-agreement).  With k units: raw = sum of d over their pairs +
(C(n,2) - C(k,2)).  The best alignment partitions all units into unitary
alignments of least total raw cost.

Decomposition (why this is exact).  Split a unitary alignment with unit set
S = S1 + S2 (a = |S1|, b = |S2|) into two: the cost changes by
C(n,2) + ab - cross(S1, S2), where cross is the sum of d over the a*b pairs
across.  So if every pair across exceeds E = C(n,2) + 1, then
cross > ab*E >= C(n,2) + ab and splitting is strictly cheaper.  Hence in every
best alignment each unitary alignment is connected in the graph whose edges
join units of different coders with d <= E, and the problem falls apart into
the connected components of that graph; a candidate that some bipartition
would strictly improve is never chosen either, and is dropped.  Each
component is then solved exactly: components of up to 8 units by listing
every set partition of their units (vectorised over components of one size;
no pruning needed there), larger ones by an exhaustive search over the
candidates (``_exact_cover``: the lowest uncovered unit first, the best
completion of each partial cover remembered).  NumPy is enough: only a
component whose search would remember more than ``_MAX_STATES`` partial covers
goes to a set-partitioning integer programme (SciPy's HiGHS ``milp``, exact
with a zero gap; SciPy is the optional ``gamma`` extra, and without it such a
component is a clear error, never an approximation).
"""

from __future__ import annotations

import functools
import itertools
import math
from math import comb

import numpy as np

__all__ = ["best_alignment_costs", "dissimilarity"]

_TOL = 1e-9
_LISTED = 8  # components up to this size are solved by listing all their set partitions (Bell(8) = 4140)


def dissimilarity(s1, e1, c1, s2, e2, c2, alpha: float, beta: float):
    """Combined dissimilarity alpha * positional-sporadic + beta * categorical (arrays broadcast)."""
    pos = (np.abs(s1 - s2) + np.abs(e1 - e2)) / ((e1 - s1) + (e2 - s2))
    return alpha * pos * pos + beta * (c1 != c2)


def _candidate_pairs(cont, start, end, alpha, edge):
    """All pairs (i, j), i before j in (continuum, start) order, that can have d <= edge."""
    n = len(start)
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    length = end - start
    reach = np.sqrt(edge / alpha)  # d <= edge needs (|ds| + |de|) <= reach * (l_i + l_j)
    # Per continuum: longest unit, and a shift that keeps continua apart on one axis.
    first = np.r_[0, np.flatnonzero(np.diff(cont)) + 1]
    lmax = np.maximum.reduceat(length, first)
    lo = np.minimum.reduceat(start, first)
    hi = np.maximum.reduceat(end, first)
    window_max = ((reach + 1) * lmax + (reach - 1) * lmax) / 2 + 1.0
    shift = np.r_[0.0, np.cumsum(hi - lo + window_max + 1.0)[:-1]] - lo
    seg = np.repeat(np.arange(len(first)), np.diff(np.r_[first, n]))
    key = start + shift[seg]
    # v after u with s_v >= s_u: 2 (s_v - s_u) <= (reach + 1) l_u + (reach - 1) l_v
    window = ((reach + 1) * length + max(reach - 1, 0.0) * lmax[seg]) / 2 * (1 + 1e-12) + 1e-9
    stop = np.searchsorted(key, key + window, side="right")
    count = np.maximum(stop - np.arange(n) - 1, 0)
    i = np.repeat(np.arange(n), count)
    offsets = np.arange(len(i)) - np.repeat(np.cumsum(count) - count, count)
    j = i + 1 + offsets
    return i, j


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member index) of each of n nodes."""
    label = np.arange(n)
    if len(i) == 0:
        return label
    while True:
        low = np.minimum(label[i], label[j])
        new = label.copy()
        np.minimum.at(new, i, low)
        np.minimum.at(new, j, low)
        new = new[new]
        while True:  # pointer jumping
            nxt = new[new]
            if (nxt == new).all():
                break
            new = nxt
        if (new == label).all():
            return label
        label = new


@functools.lru_cache(maxsize=None)
def _partition_tables(k: int):
    """All set partitions of k items (restricted growth strings) as (same-block pair matrix, block counts).

    ``same[p, q]`` is 1 when the q-th pair (in ``itertools.combinations`` order)
    lies in one block of partition p; ``blocks[p, s]`` counts its blocks of size s.
    """
    strings = [[0]]
    for _ in range(k - 1):
        strings = [g + [b] for g in strings for b in range(max(g) + 2)]
    pairs = list(itertools.combinations(range(k), 2))
    same = np.array([[g[a] == g[b] for a, b in pairs] for g in strings], dtype=np.float64).reshape(len(strings), -1)
    blocks = np.zeros((len(strings), k + 1))
    for p, g in enumerate(strings):
        for size in np.bincount(g):
            blocks[p, size] += 1
    return same, blocks


_IMPOSSIBLE = 1e12  # raw cost of a pair of units of one coder in one unitary alignment


def _best_by_partitions(units, coder, d, n):
    """Exact best raw cost of components of k units each (rows of ``units``), by listing every partition."""
    k = units.shape[1]
    same, blocks = _partition_tables(k)
    pairs_cost = comb(n, 2)
    base = blocks @ np.array([pairs_cost - comb(s, 2) for s in range(k + 1)], dtype=np.float64)
    if k == 1:
        return np.full(len(units), base[0])
    a, b = np.array(list(itertools.combinations(range(k), 2))).T
    ua, ub = units[:, a], units[:, b]
    dist = np.where(coder[ua] == coder[ub], _IMPOSSIBLE, d(ua, ub))  # components x pairs
    return (dist @ same.T + base).min(axis=1)


def _component_candidates(members, coder, dist, n, edge):
    """Unitary alignments worth considering inside one component: (list of member tuples, costs)."""
    pairs_cost = comb(n, 2)
    index = {u: p for p, u in enumerate(members)}
    neighbours = {u: [] for u in members}
    for (u, v), value in dist.items():
        if value <= edge + _TOL:
            neighbours[u].append(v)
            neighbours[v].append(u)
    seen = {frozenset([u]) for u in members}
    frontier = list(seen)
    while frontier:
        grown = []
        for group in frontier:
            used = {coder[u] for u in group}
            for u in group:
                for v in neighbours[u]:
                    if v not in group and coder[v] not in used:
                        bigger = group | {v}
                        if bigger not in seen:
                            seen.add(bigger)
                            grown.append(bigger)
        frontier = grown
    out, costs = [], []
    for group in seen:
        items = sorted(group)
        inner = sum(dist[(a, b)] for a, b in itertools.combinations(items, 2))
        cost = inner + pairs_cost - comb(len(items), 2)
        if len(items) > 1 and not _unsplittable(items, dist, pairs_cost):
            continue
        out.append([index[u] for u in items])
        costs.append(cost)
    return out, costs


def _unsplittable(items, dist, pairs_cost) -> bool:
    """False when some bipartition would make this unitary alignment strictly cheaper."""
    first, rest = items[0], items[1:]
    for r in range(len(rest) + 1):
        for chosen in itertools.combinations(rest, r):
            side = {first, *chosen}
            other = [u for u in items if u not in side]
            if not other:
                continue
            cross = sum(dist[tuple(sorted((a, b)))] for a in side for b in other)
            if cross > pairs_cost + len(side) * len(other) + _TOL:
                return False
    return True


_MAX_STATES = 200_000  # partial covers the exact search of one component may remember


class _TooLarge(Exception):
    pass


def _exact_cover(k: int, cands: list[list[int]], costs: list[float], limit: int | None = None) -> float:
    """Least total cost of candidates that cover items 0..k-1 exactly once (every singleton is a
    candidate, so a cover exists). Depth-first over the lowest uncovered item, remembering the
    best completion of every partial cover met (a cover's value depends only on what is covered):
    exhaustive, hence exact. Items are in continuum order and candidates are local, so the partial
    covers met stay few; more than ``limit`` raises ``_TooLarge``."""
    by_first: list[list[tuple[int, float]]] = [[] for _ in range(k)]
    for members, cost in zip(cands, costs):
        mask = 0
        for p in members:
            mask |= 1 << p
        by_first[min(members)].append((mask, cost))
    if k == 0:
        return 0.0
    limit = _MAX_STATES if limit is None else limit
    full = (1 << k) - 1
    memo: dict[int, float] = {full: 0.0}
    # iterative depth-first search (components can be long chains: no recursion limit)
    stack = [(0, 0)]  # (covered mask, index of the next option to try)
    best_of: dict[int, float] = {}
    while stack:
        mask, at = stack[-1]
        first = (~mask & (mask + 1)).bit_length() - 1
        options = by_first[first]
        if at < len(options):
            stack[-1] = (mask, at + 1)
            cm, cost = options[at]
            if cm & mask:
                continue
            nxt = mask | cm
            if nxt in memo:
                value = cost + memo[nxt]
                if value < best_of.get(mask, math.inf):
                    best_of[mask] = value
                continue
            stack.append((nxt, 0))
            continue
        stack.pop()
        memo[mask] = best_of.pop(mask, math.inf)
        if len(memo) > limit:
            raise _TooLarge
        if stack:
            parent = stack[-1][0]
            cm, cost = by_first[(~parent & (parent + 1)).bit_length() - 1][stack[-1][1] - 1]
            value = cost + memo[mask]
            if value < best_of.get(parent, math.inf):
                best_of[parent] = value
    return memo[0]


def _solve_general(groups, coder, start, end, cat, n, alpha, beta, edge):
    """Exact costs of the general components: the exact search of each (``_exact_cover``); a
    component too large for it goes to one set-partitioning integer programme (SciPy's HiGHS)."""
    out = np.zeros(len(groups))
    hard = []
    for g, members in enumerate(groups):
        members = list(members)
        dist = {}
        for a, b in itertools.combinations(sorted(members), 2):
            if coder[a] != coder[b]:
                dist[(a, b)] = float(dissimilarity(start[a], end[a], cat[a], start[b], end[b], cat[b], alpha, beta))
        cands, cand_costs = _component_candidates(sorted(members), coder, dist, n, edge)
        try:
            out[g] = _exact_cover(len(members), cands, cand_costs)
        except _TooLarge:
            hard.append((g, len(members), cands, cand_costs))
    if hard:
        out[[g for g, *_ in hard]] = _solve_programme([h[1:] for h in hard])
    return out


def _solve_programme(problems) -> np.ndarray:
    """One set-partitioning MILP for the components (size, candidates, costs) too large to search."""
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array
    except ImportError:
        largest = max(size for size, _c, _k in problems)
        raise RuntimeError(f"gamma: an alignment component of {largest} units is too large for the exact search; "
                           "install SciPy to solve it as an integer programme "
                           "(pip install 'arabic-annotator[gamma]')") from None
    rows, cols, costs, owner = [], [], [], []
    row0 = 0
    for g, (size, cands, cand_costs) in enumerate(problems):
        for local, cost in zip(cands, cand_costs):
            col = len(costs)
            costs.append(cost)
            owner.append(g)
            rows.extend(row0 + p for p in local)
            cols.extend([col] * len(local))
        row0 += size
    c = np.array(costs)
    a = csr_array((np.ones(len(rows)), (np.array(rows), np.array(cols))), shape=(row0, len(c)))
    result = milp(c, constraints=LinearConstraint(a, 1, 1), integrality=np.ones(len(c)), bounds=Bounds(0, 1),
                  options={"mip_rel_gap": 0.0})
    if result.x is None:  # pragma: no cover - singletons always make the programme feasible
        raise RuntimeError(f"the alignment programme was not solved: {result.message}")
    chosen = result.x > 0.5
    return np.bincount(np.array(owner)[chosen], weights=c[chosen], minlength=len(problems))


def best_alignment_costs(cont, coder, start, end, cat, n_continua: int, n: int, alpha: float, beta: float):
    """Raw cost of the best alignment of each continuum (sum of its unitary alignments' raw costs).

    Arrays describe all units of all continua: continuum id, coder index (0..n-1),
    start, end (end > start) and category code.  Divide by C(n,2) * (units / n)
    for the disorder.
    """
    order = np.lexsort((start, cont))
    cont, coder, start, end, cat = cont[order], coder[order], start[order], end[order], cat[order]
    m = len(start)
    totals = np.zeros(n_continua)
    if m == 0:
        return totals
    edge = comb(n, 2) + 1.0
    i, j = _candidate_pairs(cont, start, end, alpha, edge)
    keep = coder[i] != coder[j]
    i, j = i[keep], j[keep]
    near = dissimilarity(start[i], end[i], cat[i], start[j], end[j], cat[j], alpha, beta) <= edge + _TOL
    i, j = i[near], j[near]
    label = _components(m, i, j)
    roots, comp, size = np.unique(label, return_inverse=True, return_counts=True)
    member_order = np.argsort(comp, kind="stable")
    bounds = np.r_[0, np.cumsum(size)]
    comp_cont = cont[roots]
    cost = np.zeros(len(roots))

    def d(a, b):
        return dissimilarity(start[a], end[a], cat[a], start[b], end[b], cat[b], alpha, beta)

    for k in range(1, _LISTED + 1):
        pick = np.flatnonzero(size == k)
        for chunk in range(0, len(pick), max(1, 200_000 // len(_partition_tables(k)[0]))):
            part = pick[chunk:chunk + max(1, 200_000 // len(_partition_tables(k)[0]))]
            units = member_order[bounds[part][:, None] + np.arange(k)]
            cost[part] = _best_by_partitions(units, coder, d, n)
    general = np.flatnonzero(size > _LISTED)
    if len(general):
        groups = [member_order[bounds[g]:bounds[g + 1]].tolist() for g in general]
        cost[general] = _solve_general(groups, coder, start, end, cat, n, alpha, beta, edge)
    np.add.at(totals, comp_cont, cost)
    return totals
