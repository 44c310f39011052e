"""Builders for expected parser records, so a table case in tests/parse stays one line.

Each builder returns the projection of a record that a test compares (a tuple), and `project_*`
turns parsed records into the same shape.
"""

from __future__ import annotations

from models import Adjustment, AgencyRecord, Staffing, Unit

AdjRow = tuple[int, str, str | None]
UnitRow = tuple[int | None, str, str | None]
StaffRow = tuple[str, int, str | None]


def adj(ordinal: int, kind: str, counterpart: str | None = None) -> AdjRow:
    """An expected adjustment: adj(3, "transferred_in", "原省农业厅")."""
    return (ordinal, kind, counterpart)


def unit(ordinal: int | None, name: str, alias: str | None = None) -> UnitRow:
    """An expected unit: unit(3, "水资源处", "省节约用水办公室"); ordinal None for 机关党委."""
    return (ordinal, name, alias)


def staff(category: str, count: int, included_in: str | None = None) -> StaffRow:
    """An expected staffing row: staff("厅长", 1) or staff("…编制", 3, included_in="机关行政编制")."""
    return (category, count, included_in)


def project_adjustments(items: list[Adjustment]) -> list[AdjRow]:
    return [(a.ordinal, a.kind, a.counterpart) for a in items]


def project_units(items: list[Unit]) -> list[UnitRow]:
    return [(u.ordinal, u.name, u.alias) for u in items]


def project_staffing(items: list[Staffing]) -> list[StaffRow]:
    return [(s.category, s.count, s.included_in) for s in items]


def ordinals(record: AgencyRecord, section: str) -> list[int | None]:
    """Ordinals of one section of a record, in output order."""
    return [getattr(x, "ordinal", None) for x in getattr(record, section)]
