"""The labelled version pairs of tests/golden/pairs/ produce exactly their expected events."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from models import AgencyRecord, Change
from yange.diff import diff_snapshots
from yange.diff.labels import event_key, key_of

PAIRS = Path(__file__).resolve().parent.parent / "golden" / "pairs"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in PAIRS.glob("*.expected.json"))
LINKS = ("evidence",)
DETAILS = ("reconciled", "explained", "split_into", "split_from", "merged_into", "merged_from")


def load(name: str) -> tuple[AgencyRecord | None, AgencyRecord, list[dict[str, Any]]]:
    doc = json.loads((PAIRS / f"{name}.json").read_text(encoding="utf-8"))
    expected = json.loads((PAIRS / f"{name}.expected.json").read_text(encoding="utf-8"))
    old = AgencyRecord.model_validate(doc["old"]) if doc["old"] else None
    return old, AgencyRecord.model_validate(doc["new"]), expected


def test_there_are_enough_varied_pairs() -> None:
    assert len(NAMES) >= 8
    for name in NAMES:
        assert (PAIRS / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", NAMES)
def test_pair_yields_exactly_the_labelled_events(name: str) -> None:
    old, new, expected = load(name)
    changes = diff_snapshots(old, new)
    assert Counter(event_key(c) for c in changes) == Counter(key_of(e) for e in expected)


@pytest.mark.parametrize("name", NAMES)
def test_pair_details_match_labels(name: str) -> None:
    old, new, expected = load(name)
    changes = diff_snapshots(old, new)
    by_key: dict[Any, Change] = {event_key(c): c for c in changes}
    for label in expected:
        change = by_key[key_of(label)]
        for field in DETAILS:
            if field in label:
                assert change.detail.get(field, "absent") == label[field], (key_of(label), field)
        for field in LINKS:
            if field in label:
                linked = sorted(event_key(changes[k]) for k in change.detail[field])
                assert linked == sorted(key_of(e) for e in label[field]), (key_of(label), field)


@pytest.mark.parametrize("name", NAMES)
def test_every_event_points_back_to_its_spans(name: str) -> None:
    old, new, _ = load(name)
    for change in diff_snapshots(old, new):
        if change.old_text is not None and change.section in ("duty", "unit", "other"):
            assert change.old_span is not None, event_key(change)
        if change.new_text is not None and change.section in ("duty", "unit", "other", "adjustment"):
            assert change.new_span is not None, event_key(change)


@pytest.mark.parametrize("name", NAMES)
def test_committed_pair_matches_its_builder(name: str) -> None:
    from tests.diff.make_pairs import PAIRS as BUILDERS
    from tests.diff.make_pairs import PARSED, render

    if name in BUILDERS and name not in PARSED:
        assert (PAIRS / f"{name}.json").read_text(encoding="utf-8") == render(name)
