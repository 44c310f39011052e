"""The held-out pairs of tests/golden/heldout/: labelled by hand apart from the pairs the diff was tuned on.

The tuned pairs (tests/golden/pairs/) must match exactly; here the whole set must reach an F1 floor and
every unambiguous pair must match exactly. A failure prints every pair's missing and extra events, so
a regression says where it is rather than just that the figure dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from bench.diff_bench import HELDOUT, labelled_pairs, score
from models import AgencyRecord, Change
from yange.diff import diff_snapshots
from yange.diff.labels import EventKey, event_key, key_of

NAMES = sorted(p.name.removesuffix(".expected.json") for p in HELDOUT.glob("*.expected.json"))
DETAILS = ("reconciled", "explained", "split_into", "split_from", "merged_into", "merged_from")
# Pairs a careful reviewer could label otherwise; kept out of the exact test, still in the F1 figure.
# heavy-reword: duty 2 is restated with a character similarity of 0.44, below the 0.55 at which the
# diff pairs items by similarity alone; we label it a rewording (same place, same subject, neighbours
# untouched), and the diff now agrees through its slot rule (align.slot_pairs), but "one duty dropped
# and a new one written" is a defensible reading of the same text. The slot rule was written after
# this pair was seen, so this pair no longer tests it blind.
# heldout2-duty-split: duty 9 is cut in two and its second, longer half becomes duty 10. We label it
# "9 reworded, 10 added" (the number stays with the first half); the diff pairs old 9 with new 10, the
# closer text (0.80), and calls 9 added. Either reading names the same two items; which half carries
# on the duty is a judgement; the diff's events say split_into / split_from either way.
AMBIGUOUS = frozenset({"heldout-heavy-reword", "heldout2-duty-split"})
# Reading both AMBIGUOUS pairs the other way costs 3 missed and 4 extra events: F1 0.95 on today's 71
# labels, 0.92 on the first 41. Below 0.9, something unambiguous broke.
F1_FLOOR = 0.9


def _mismatch(expected: list[EventKey], changes: list[Change]) -> tuple[list[EventKey], list[EventKey]]:
    got, want = Counter(event_key(c) for c in changes), Counter(expected)
    return sorted((want - got).elements(), key=str), sorted((got - want).elements(), key=str)


def test_there_are_enough_heldout_pairs() -> None:
    assert len(NAMES) >= 8
    for name in NAMES:
        assert (HELDOUT / f"{name}.json").exists(), name


def test_heldout_f1_reaches_its_floor() -> None:
    report, found = [], []
    for name, old, new, expected in labelled_pairs(HELDOUT):
        changes = diff_snapshots(old, new)
        found.append(([event_key(c) for c in changes], expected))
        missing, extra = _mismatch(expected, changes)
        if missing or extra:
            report.append(f"{name}: missing {missing}; extra {extra}")
    result = score(found)
    assert result["f1"] >= F1_FLOOR, "\n".join([str(result), *report])


@pytest.mark.parametrize("name", [n for n in NAMES if n not in AMBIGUOUS])
def test_unambiguous_heldout_pair_yields_its_labels(name: str) -> None:
    _, old, new, expected = next(p for p in labelled_pairs(HELDOUT) if p[0] == name)
    missing, extra = _mismatch(expected, diff_snapshots(old, new))
    assert (missing, extra) == ([], []), f"missing {missing}; extra {extra}"


def _load(name: str) -> tuple[AgencyRecord | None, AgencyRecord, list[dict[str, Any]]]:
    doc = json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8"))
    labels = json.loads((HELDOUT / f"{name}.expected.json").read_text(encoding="utf-8"))
    old = AgencyRecord.model_validate(doc["old"]) if doc["old"] else None
    return old, AgencyRecord.model_validate(doc["new"]), labels


@pytest.mark.parametrize("name", [n for n in NAMES if n not in AMBIGUOUS])
def test_heldout_details_match_labels(name: str) -> None:
    """Split and merge partners, reconciliation links and flags, where a label states them."""
    old, new, labels = _load(name)
    changes = diff_snapshots(old, new)
    by_key = {event_key(c): c for c in changes}
    for label in labels:
        change = by_key[key_of(label)]
        for field in DETAILS:
            if field in label:
                assert change.detail.get(field, "absent") == label[field], (key_of(label), field)
        if "evidence" in label:
            linked = sorted(event_key(changes[k]) for k in change.detail["evidence"])
            assert linked == sorted(key_of(e) for e in label["evidence"]), key_of(label)


@pytest.mark.parametrize("name", NAMES)
def test_committed_heldout_pair_matches_its_builder(name: str) -> None:
    """Pairs built from our own derived record must not drift from their builder; pairs read by the
    parser are snapshots, so a parser change shows up in the parser's tests, not here."""
    from tests.diff.diff_factories import FUJIAN_FILE, MOFCOM_FILE
    from tests.diff.make_heldout import PAIRS, render

    if PAIRS[name][1] not in (FUJIAN_FILE, MOFCOM_FILE):
        assert (HELDOUT / f"{name}.json").read_text(encoding="utf-8") == render(name)
