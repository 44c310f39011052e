"""Everything that changed between two versions of one agency, as one ordered list of events."""

from __future__ import annotations

from models import AgencyRecord, Change
from yange.diff.classify import diff_items, diff_units, flatten_duties, other_items
from yange.diff.reconcile import declared_events, reconcile
from yange.diff.structured import diff_structured
from yange.settings import Settings, get_settings


def diff_snapshots(
    old: AgencyRecord | None,
    new: AgencyRecord,
    *,
    settings: Settings | None = None,
    every_declaration: bool = False,
) -> list[Change]:
    """The change events from `old` to `new` (pure; same input, same output, same order).

    Args:
        old: the agency's previous version, or None when `new` is its first.
        new: the version to compare.
        settings: thresholds (`match_threshold`, `unchanged_threshold`); the process settings if None.
        every_declaration: `new` is a later notice's version, so every adjustment it declares is an
            event, also one `old` declared in the same words (a history's versions; see
            reconcile.declared_events). False compares a text with its edit (the labelled pairs).

    Returns:
        Events in notice order: declared adjustments (each with `detail.evidence`, the indexes in
        this list of the observed events bearing it out, and `detail.reconciled`), then duties,
        units, other matters, staffing and rank. Observed duty events carry `detail.explained` and
        `detail.explained_by`. A first version yields only its declared adjustments.
    """
    s = settings or get_settings()
    declared = declared_events(old, new, every=every_declaration)
    if old is None:
        return reconcile(declared, first_version=True)
    limits = {"match_threshold": s.match_threshold, "unchanged": s.unchanged_threshold}
    observed = [
        *diff_items(flatten_duties(old.duties), flatten_duties(new.duties), section="duty", **limits),
        *diff_units(old.units, new.units, **limits),
        *diff_items(
            other_items(old.other_matters), other_items(new.other_matters), section="other", **limits
        ),
        *diff_structured(old, new),
    ]
    return reconcile([*declared, *observed], names=[new.agency, *new.aliases])
