"""Changes in the structured parts of a record (staffing, rank, aliases, declared unit count),
found with deepdiff rather than field-by-field comparisons written by hand. Names are compared on
their comparison keys, so a re-issue that only changes width or punctuation changes nothing."""

from __future__ import annotations

from typing import Any

from models import AgencyRecord, Change, Staffing
from yange.diff.lean_deepdiff import DeepDiff
from yange.diff.text import comparison_key


def _staffing_key(line: Staffing) -> str:
    """A line is known by its category: a quota that moves under another line (含…) is one change."""
    return comparison_key(line.category)


def _structure(record: AgencyRecord) -> tuple[dict[str, Any], dict[str, Staffing]]:
    lines: dict[str, Staffing] = {}
    for line in record.staffing:
        key, n = _staffing_key(line), 2
        while key in lines:  # the same category twice: keep both, in order
            key, n = f"{_staffing_key(line)}#{n}", n + 1
        lines[key] = line
    shape = {
        "rank": comparison_key(record.rank or ""),
        "aliases": sorted({comparison_key(a) for a in record.aliases}),
        "declared_unit_count": record.declared_unit_count,
        "staffing": {
            key: [line.count, comparison_key(line.included_in or "")] for key, line in lines.items()
        },
    }
    return shape, lines


def _differing(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two shapes without what they share: deepdiff walks every equal staffing line it is given
    (most of its time on a version that changed one quota), and finds the same paths without them."""
    old_lines, new_lines = old["staffing"], new["staffing"]
    lines = [k for k in old_lines.keys() | new_lines.keys() if old_lines.get(k) != new_lines.get(k)]
    old = {k: v for k, v in old.items() if k != "staffing" and v != new[k]}
    new = {k: v for k, v in new.items() if k in old}
    old["staffing"] = {k: old_lines[k] for k in lines if k in old_lines}
    new["staffing"] = {k: new_lines[k] for k in lines if k in new_lines}
    return old, new


def _missing_from(names: list[str], others: list[str]) -> list[str]:
    keys = {comparison_key(n) for n in others}
    return sorted(n for n in names if comparison_key(n) not in keys)


def _unit_count_text(count: int | None) -> str | None:
    return None if count is None else f"设{count}个内设机构"


def _staffing_change(key: str, old: Staffing | None, new: Staffing | None) -> Change:
    line = new or old
    assert line is not None
    return Change(
        change_type="staffing_changed",
        section="staffing",
        old_text=old.text if old else None,
        new_text=new.text if new else None,
        detail={
            "field": "staffing",
            "category": line.category,
            "included_in": line.included_in,
            **(
                {"old_included_in": old.included_in}
                if old and new and old.included_in != new.included_in
                else {}
            ),
            "old_count": old.count if old else None,
            "new_count": new.count if new else None,
        },
    )


def diff_structured(old: AgencyRecord, new: AgencyRecord) -> list[Change]:
    """Staffing lines (one event per changed category), rank, aliases and declared unit count."""
    old_shape, old_lines = _structure(old)
    new_shape, new_lines = _structure(new)
    if old_shape == new_shape:  # the usual case; deepdiff is only needed to say what differs
        return []
    # aliases are sorted: order cannot differ
    found = DeepDiff(*_differing(old_shape, new_shape), view="tree")
    touched: set[str] = set()
    for level in (lv for levels in found.values() for lv in levels):
        path = level.path(output_format="list")
        touched.add(f"staffing:{path[1]}" if path[0] == "staffing" and len(path) > 1 else str(path[0]))
    changes: list[Change] = []
    if "rank" in touched:
        changes.append(
            Change(
                change_type="rank_changed",
                section="rank",
                old_text=old.rank,
                new_text=new.rank,
                detail={"field": "rank"},
            )
        )
    if "aliases" in touched:
        changes.append(
            Change(
                change_type="alias_changed",
                section="alias",
                old_text="、".join(old.aliases) or None,
                new_text="、".join(new.aliases) or None,
                detail={
                    "field": "aliases",
                    "added": _missing_from(new.aliases, old.aliases),
                    "removed": _missing_from(old.aliases, new.aliases),
                },
            )
        )
    if "declared_unit_count" in touched:
        changes.append(
            Change(
                change_type="staffing_changed",
                section="staffing",
                old_text=_unit_count_text(old.declared_unit_count),
                new_text=_unit_count_text(new.declared_unit_count),
                detail={
                    "field": "declared_unit_count",
                    "old_count": old.declared_unit_count,
                    "new_count": new.declared_unit_count,
                },
            )
        )
    order = list(old_lines) + [k for k in new_lines if k not in old_lines]
    for key in order:
        if f"staffing:{key}" in touched:
            changes.append(_staffing_change(key, old_lines.get(key), new_lines.get(key)))
    return changes
