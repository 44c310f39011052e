"""max_weight_pairs: one-to-one, positive pairs only, and the greatest total weight there is."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yange.diff.assign import max_weight_pairs

# Quarters make ties common, the case where a careless solver settles for less.
WEIGHT = st.sampled_from([0.0, 0.0, 0.25, 0.5, 0.75, 1.0]) | st.floats(0.0, 1.0, width=32)


def best_total(weights: np.ndarray) -> float:
    """The greatest total weight of any one-to-one pairing, by trying every one."""
    n_rows, n_cols = weights.shape
    if n_rows > n_cols:
        return best_total(weights.T)
    return max(
        (sum(float(weights[r, c]) for r, c in zip(range(n_rows), cols, strict=True)) for cols in
         itertools.permutations(range(n_cols), n_rows)),
        default=0.0,
    )  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.integers(1, 6).flatmap(
            lambda m: st.lists(WEIGHT, min_size=n * m, max_size=n * m).map(
                lambda cells: np.array(cells, dtype=np.float32).reshape(n, m)
            )
        )
    )
)
def test_pairs_are_an_optimal_assignment(weights: np.ndarray) -> None:
    pairs = max_weight_pairs(weights)
    rows = [r for r, _ in pairs]
    cols = [c for _, c in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
    assert all(weights[r, c] > 0 for r, c in pairs)
    assert pairs == sorted(pairs)
    assert sum(float(weights[r, c]) for r, c in pairs) == pytest.approx(best_total(weights), abs=1e-5)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        # nothing above zero: no pairs
        ([[0.0, 0.0], [0.0, 0.0]], []),
        # the greedy first choice (0.9) would cost the second row its only partner
        ([[0.9, 0.8], [0.7, 0.0]], [(0, 1), (1, 0)]),
        # two groups that share no weight are paired each on its own
        ([[0.6, 0.0, 0.0], [0.0, 0.0, 0.7], [0.0, 0.0, 0.9]], [(0, 0), (2, 2)]),
        # more rows than columns
        ([[0.2], [0.8], [0.5]], [(1, 0)]),
    ],
)
def test_pairs_table(weights: list[list[float]], expected: list[tuple[int, int]]) -> None:
    assert max_weight_pairs(np.array(weights, dtype=np.float32)) == expected
