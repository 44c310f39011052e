"""A compact identity for a change event, to compare events with hand-labelled expectations.

Two events are "the same finding" when they have the same type and section and point at the same
items: ordinal paths for duties and other matters, names for units, the field or category for
staffing and rank, the ordinal for a declared adjustment. Texts and spans are left out on purpose:
the fixtures name items, and the bench scores findings, not wording.
"""

from __future__ import annotations

from models import Change

EventKey = tuple[str, str, str | None, str | None, str | None]


def event_key(change: Change) -> EventKey:
    """`(change_type, section, unit_name, old_ref, new_ref)` of an event."""
    d = change.detail
    kind, section = change.change_type, change.section
    if kind == "declared_adjustment":
        return (kind, section, None, None, str(d.get("ordinal")))
    if kind == "transferred":
        return (kind, section, None, d.get("from_agency"), d.get("to_agency"))
    if section == "unit":
        if kind == "unit_renamed":
            return (kind, section, change.unit_name, change.old_text, change.new_text)
        if kind == "duty_reworded":
            return (kind, section, change.unit_name, d.get("old_unit_name"), None)
        return (kind, section, change.unit_name, None, None)
    if section == "staffing":
        return (kind, section, None, d.get("category") or d.get("field"), None)
    if section in ("rank", "alias"):
        return (kind, section, None, d.get("field"), None)
    old, new = d.get("old_ordinal"), d.get("new_ordinal")
    return (kind, section, None, None if old is None else str(old), None if new is None else str(new))


def key_of(label: dict[str, object]) -> EventKey:
    """The key of a labelled event written as {"type", "section", "unit", "old", "new"}."""

    def text(field: str) -> str | None:
        value = label.get(field)
        return None if value is None else str(value)

    return (str(label["type"]), str(label["section"]), text("unit"), text("old"), text("new"))
