"""Flatten one AgencyRecord into the rows of `duties` and `staffing` (pure, no database)."""

from __future__ import annotations

from typing import Any

from models import AgencyRecord, Duty


def duty_rows(snapshot_id: str, record: AgencyRecord) -> list[dict[str, Any]]:
    """Rows in reading order: adjustments, duties (nested items after their parent), units, other."""
    rows: list[dict[str, Any]] = []

    def add(section: str, **values: Any) -> None:
        span = values.pop("span", None)
        rows.append(
            {
                "snapshot_id": snapshot_id,
                "section": section,
                "ordinal": values.get("ordinal"),
                "parent_ordinal": values.get("parent_ordinal"),
                "unit_name": values.get("unit_name"),
                "unit_alias": values.get("unit_alias"),
                "kind": values.get("kind"),
                "text": values["text"],
                "span_start": span[0] if span else None,
                "span_end": span[1] if span else None,
                "position": len(rows),
            }
        )

    for adjustment in record.adjustments:
        add(
            "adjustment",
            ordinal=adjustment.ordinal,
            kind=adjustment.kind,
            text=adjustment.text,
            span=adjustment.span,
        )

    def add_duty(duty: Duty, parent: int | None) -> None:
        add("duty", ordinal=duty.ordinal, parent_ordinal=parent, text=duty.text, span=duty.span)
        for item in duty.items:
            add_duty(item, duty.ordinal)

    for duty in record.duties:
        add_duty(duty, None)
    for unit in record.units:
        add(
            "unit",
            ordinal=unit.ordinal,
            unit_name=unit.name,
            unit_alias=unit.alias,
            text=unit.duties,
            span=unit.span,
        )
    for matter in record.other_matters:
        add("other", ordinal=matter.ordinal, text=matter.text, span=matter.span)
    return rows


def staffing_rows(snapshot_id: str, record: AgencyRecord) -> list[dict[str, Any]]:
    return [
        {
            "snapshot_id": snapshot_id,
            "category": item.category,
            "count": item.count,
            "included_in": item.included_in,
            "text": item.text,
            "position": position,
        }
        for position, item in enumerate(record.staffing)
    ]
