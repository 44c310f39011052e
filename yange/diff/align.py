"""Pairs the items of two versions by meaning, not position.

Items are renumbered, reordered and reworded between versions, so pairing by ordinal or by a line
diff goes wrong. Identical wordings are paired first (cheap and unambiguous); the rest are paired by
an optimal one-to-one assignment (`yange.diff.assign`) on rapidfuzz's normalised
character similarity, computed with one `cdist` call for the section's unpaired items.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from yange.diff.assign import max_weight_pairs
from yange.diff.text import comparison_key

Pair = tuple[int | None, int | None, float]
# Least similarity for pairing the one item left over on each side of the same gap between paired
# neighbours: a duty restated in new words where the old one stood (similarity 0.4-0.55) is the same
# duty, but two unrelated duties score about 0.1-0.3.
SLOT_THRESHOLD = 0.4


def similarity_matrix(
    old: Sequence[str], new: Sequence[str], *, fixed: dict[int, int] | None = None
) -> np.ndarray:
    """Similarity (0..1) of every old text to every new text, on their comparison keys.

    With `fixed` (pairs decided already, old index -> new index), only what pairing the rest reads
    is scored: each fixed pair's own entry, and every free old text against every free new one; the
    other entries of fixed rows and columns are 0. Between versions most items are kept as they
    were, so this skips most of the matrix."""
    if not old or not new:
        return np.zeros((len(old), len(new)), dtype=np.float32)
    old_keys = [comparison_key(t) for t in old]
    new_keys = [comparison_key(t) for t in new]
    if not fixed:
        return _ratios(old_keys, new_keys) / 100.0
    raw = np.zeros((len(old), len(new)), dtype=np.float32)
    free_old, free_new = _free(len(old), len(new), fixed)
    if free_old and free_new:
        raw[np.ix_(free_old, free_new)] = _ratios(
            [old_keys[i] for i in free_old], [new_keys[j] for j in free_new]
        )
    for i, j in fixed.items():
        raw[i, j] = fuzz.ratio(old_keys[i], new_keys[j])
    return raw / 100.0


def _free(n_old: int, n_new: int, fixed: dict[int, int]) -> tuple[list[int], list[int]]:
    """The old and the new indexes that no pair of `fixed` takes."""
    taken = set(fixed.values())
    return [i for i in range(n_old) if i not in fixed], [j for j in range(n_new) if j not in taken]


def _ratios(old_keys: list[str], new_keys: list[str]) -> np.ndarray:
    """rapidfuzz's ratio (0..100) of every old key to every new key."""
    return np.asarray(
        process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float32, workers=1), dtype=np.float32
    )


def match(scores: np.ndarray, *, threshold: float, fixed: dict[int, int] | None = None) -> dict[int, int]:
    """Optimal one-to-one pairs (old index -> new index) of a score matrix, keeping only pairs whose
    score reaches `threshold`. `fixed` pairs are taken as given and left out of the assignment."""
    pairs = dict(fixed or {})
    free_old, free_new = _free(*scores.shape, pairs)
    if not free_old or not free_new:
        return pairs
    sub = scores[np.ix_(free_old, free_new)]
    weights = np.where(sub >= threshold, sub, 0.0)
    for r, c in max_weight_pairs(weights):
        if weights[r, c] >= threshold:
            pairs[free_old[r]] = free_new[c]
    return pairs


def slot_pairs(
    pairs: dict[int, int], scores: np.ndarray, *, threshold: float = SLOT_THRESHOLD
) -> dict[int, int]:
    """`pairs` plus, in every gap between consecutive anchors (pairs that no other pair crosses, so
    that both versions agree on their order; and the two ends), the gap's one unpaired old item with
    its one unpaired new item when their similarity reaches `threshold`. A gap with more than one
    item left on a side is left alone: which of them was restated is not for position to say.
    Swapping the versions swaps the result."""
    n_old, n_new = scores.shape
    uncrossed = [
        (i, j) for i, j in pairs.items() if all((k < i) == (m < j) for k, m in pairs.items() if k != i)
    ]
    anchors = [(-1, -1), *sorted(uncrossed), (n_old, n_new)]
    out = dict(pairs)
    taken = set(pairs.values())
    for (i1, j1), (i2, j2) in zip(anchors, anchors[1:], strict=False):
        olds = [i for i in range(i1 + 1, i2) if i not in pairs]
        news = [j for j in range(j1 + 1, j2) if j not in taken]
        if len(olds) == len(news) == 1 and scores[olds[0], news[0]] >= threshold:
            out[olds[0]] = news[0]
    return out


def identical_pairs(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Pairs of items whose comparison keys are equal, first come first paired."""
    waiting: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        waiting.setdefault(comparison_key(text), []).append(j)
    pairs: dict[int, int] = {}
    for i, text in enumerate(old):
        queue = waiting.get(comparison_key(text))
        if queue:
            pairs[i] = queue.pop(0)
    return pairs


def ordered(pairs: dict[int, int], scores: np.ndarray) -> list[Pair]:
    """All items as (old, new, similarity) in reading order of the new version; a removed item sits
    after the new item that its nearest preceding old neighbour became."""
    n_old, n_new = scores.shape
    keyed: list[tuple[tuple[int, int, int], Pair]] = []
    by_new = {j: i for i, j in pairs.items()}
    for j in range(n_new):
        i = by_new.get(j)
        keyed.append(((j, 0, 0), (i, j, round(float(scores[i, j]), 4) if i is not None else 0.0)))
    anchor = -1
    for i in range(n_old):
        if i in pairs:
            anchor = pairs[i]
        else:
            keyed.append(((anchor, 1, i), (i, None, 0.0)))
    keyed.sort(key=lambda item: item[0])
    return [pair for _, pair in keyed]


def align(old: Sequence[str], new: Sequence[str], *, threshold: float) -> list[Pair]:
    """Pair old and new texts one-to-one by similarity.

    Args:
        old: texts of the earlier version.
        new: texts of the later version.
        threshold: least similarity (0..1) for two texts to count as the same item.

    Returns:
        `(old_index, new_index, similarity)` for every item, in reading order of the new version:
        `(i, j, s)` a pair, `(i, None, 0.0)` removed, `(None, j, 0.0)` added.
    """
    fixed = identical_pairs(old, new)
    scores = similarity_matrix(old, new, fixed=fixed)
    return ordered(match(scores, threshold=threshold, fixed=fixed), scores)
