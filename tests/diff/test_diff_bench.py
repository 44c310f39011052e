"""The diff bench's scoring and its difflib baseline behave as documented (no timing here)."""

from __future__ import annotations

from bench.diff_bench import baseline_events, labelled_pairs, score
from tests.diff.make_pairs import reorder_renumber


def test_score_counts_each_label_once() -> None:
    a, b, c = (
        ("duty_added", "duty", None, None, "1"),
        ("duty_removed", "duty", None, "2", None),
        ("x", "", None, None, None),
    )
    result = score([([a, a, b], [a, b, c])])
    assert result["precision"] == round(2 / 3, 4) and result["recall"] == round(2 / 3, 4)
    assert score([([], [])]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_baseline_is_fooled_by_renumbering() -> None:
    old, new = reorder_renumber()
    found = baseline_events(old, new)
    assert len(found) > 1  # a line diff reports the moved and renumbered duties as changes


def test_every_labelled_pair_loads() -> None:
    pairs = labelled_pairs()
    assert len(pairs) >= 8 and all(expected or old is None for _, old, _, expected in pairs)
