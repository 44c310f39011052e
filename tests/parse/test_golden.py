"""Golden tests: each seed's parse equals the reviewed JSON beside it in tests/golden/.

Regenerate after an intended change with `YANGE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/parse`, then
read the JSON diff against the source text before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from yange.parse import parse_notice

GOLDEN = Path(__file__).parents[1] / "golden"
SEEDS = sorted(GOLDEN.glob("*.txt"))
UPDATE = os.environ.get("YANGE_UPDATE_GOLDEN") == "1"


def _parsed(path: Path) -> dict:
    parsed = parse_notice(path.read_text(encoding="utf-8"), source=path.name)
    return parsed.model_dump(mode="json")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_golden_json(seed: Path) -> None:
    expected_path = seed.with_suffix(".json")
    got = _parsed(seed)
    if UPDATE or not expected_path.exists():
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote missing golden file {expected_path.name}; review it and rerun")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got["notice"] == expected["notice"]
    assert got["quality"] == expected["quality"]
    assert len(got["records"]) == len(expected["records"])
    for g, e in zip(got["records"], expected["records"], strict=True):
        for field in e:
            assert g[field] == e[field], f"{e['agency']}: field {field} differs"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_span_points_at_its_text(seed: Path) -> None:
    parsed = parse_notice(seed.read_text(encoding="utf-8"))
    text = parsed.text
    for record in parsed.records:
        spans = [(x.span, x.text) for x in (*record.adjustments, *record.other_matters)]
        for duty in record.duties:
            spans.append((duty.span, duty.text))
            spans.extend((sub.span, sub.text) for sub in duty.items)
        spans.extend((u.span, None) for u in record.units)
        for (start, end), item_text in spans:
            assert 0 <= start < end <= len(text)
            if item_text is not None:
                assert text[start:end] == item_text
        for unit in record.units:
            assert text[unit.span[0] : unit.span[1]].endswith(unit.duties)
