"""Optimal one-to-one pairing of a weight matrix: the assignment that maximises the total weight.

Written here instead of taken from scipy: `scipy.optimize` was the only use of scipy, and importing
it cost the writer 41 MB and 0.85 s. The matrices are thresholded similarities, mostly zeros, so the
problem splits into the connected groups of positive weights; most groups are one old and one new
item, and only the rest need the shortest augmenting path algorithm (Crouse, "On implementing 2D
rectangular assignment algorithms", IEEE TAES 52(4), 2016), the one scipy implements.
"""

from __future__ import annotations

import numpy as np


def max_weight_pairs(weights: np.ndarray) -> list[tuple[int, int]]:
    """(row, column) pairs, one-to-one, of greatest total weight; only pairs of positive weight.

    Weights must be finite and not negative (a zero is "no pair")."""
    rows, cols = np.nonzero(weights > 0)
    if rows.size == 0:
        return []
    pairs: list[tuple[int, int]] = []
    for group_rows, group_cols in _groups(rows.tolist(), cols.tolist()):
        sub = np.asarray(weights[np.ix_(group_rows, group_cols)], dtype=np.float64)
        if len(group_rows) == 1 or len(group_cols) == 1:  # one row or column: its heaviest partner
            r, c = np.unravel_index(int(np.argmax(sub)), sub.shape)
            pairs.append((group_rows[int(r)], group_cols[int(c)]))
            continue
        flipped = sub.shape[0] > sub.shape[1]
        found = _min_cost_rows(-(sub.T if flipped else sub))
        for a, b in found:
            r, c = (b, a) if flipped else (a, b)
            if sub[r, c] > 0:
                pairs.append((group_rows[r], group_cols[c]))
    pairs.sort()
    return pairs


def _groups(rows: list[int], cols: list[int]) -> list[tuple[list[int], list[int]]]:
    """The connected groups of the bipartite graph with an edge per (row, col), each as its sorted
    rows and columns. Pairs never cross groups, so each is solved on its own."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(node: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for r, c in zip(rows, cols, strict=True):
        a, b = root((0, r)), root((1, c))
        if a != b:
            parent[b] = a
    members: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        side, index = node
        members.setdefault(root(node), ([], []))[side].append(index)
    return sorted((sorted(r), sorted(c)) for r, c in members.values())


def _min_cost_rows(cost: np.ndarray) -> list[tuple[int, int]]:
    """Assign every row of `cost` (no more rows than columns) a column, at least total cost: one
    shortest augmenting path per row, with dual prices `u`, `v` keeping the reduced costs >= 0."""
    n_rows, n_cols = cost.shape
    u = np.zeros(n_rows)
    v = np.zeros(n_cols)
    col_of_row = np.full(n_rows, -1)
    row_of_col = np.full(n_cols, -1)
    for start in range(n_rows):
        dist = np.full(n_cols, np.inf)
        via = np.full(n_cols, -1)
        seen_rows = np.zeros(n_rows, dtype=bool)
        seen_cols = np.zeros(n_cols, dtype=bool)
        i, low = start, 0.0
        while True:  # grow the shortest path tree from `start` until it reaches a free column
            seen_rows[i] = True
            reduced = low + cost[i] - u[i] - v
            better = ~seen_cols & (reduced < dist)
            dist[better] = reduced[better]
            via[better] = i
            open_dist = np.where(seen_cols, np.inf, dist)
            low = float(open_dist.min())
            tied = np.flatnonzero(open_dist == low)
            free = tied[row_of_col[tied] < 0]
            j = int(free[0] if free.size else tied[0])  # a free column ends the search soonest
            seen_cols[j] = True
            if row_of_col[j] < 0:
                break
            i = int(row_of_col[j])
        u[start] += low
        others = np.flatnonzero(seen_rows)
        others = others[others != start]
        u[others] += low - dist[col_of_row[others]]
        v[seen_cols] -= low - dist[seen_cols]
        while True:  # flip the path's pairs back to `start`
            i = int(via[j])
            row_of_col[j] = i
            col_of_row[i], j = j, int(col_of_row[i])
            if i == start:
                break
    return [(i, int(col_of_row[i])) for i in range(n_rows)]
