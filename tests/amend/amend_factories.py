"""Builders that keep the amendment test tables one line per case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.records import AgencyRecord, Duty, Effect, Staffing, Unit

FIXTURES = Path(__file__).parent / "fixtures"

# (agency, ordinal, type, subject, counterpart, old, new, counts): what a test expects of one effect.
Expected = tuple[str, int | None, str, str | None, str | None, str | None, str | None, dict[str, int]]


def expect(
    agency: str,
    ordinal: int | None,
    kind: str,
    subject: str | None = None,
    *,
    to: str | None = None,
    old: str | None = None,
    new: str | None = None,
    counts: dict[str, int] | None = None,
) -> Expected:
    return (agency, ordinal, kind, subject, to, old, new, counts or {})


def observed(records: list[AgencyRecord]) -> list[Expected]:
    return [
        (r.agency, e.ordinal, e.type, e.subject, e.counterpart, e.old, e.new, dict(e.counts))
        for r in records
        for e in r.effects
    ]


def effect(kind: str, subject: str | None = None, **fields: Any) -> Effect:
    """An effect as the parser would give it, with a placeholder text and span."""
    return Effect(type=kind, subject=subject, text=fields.pop("text", kind), span=(0, 1), **fields)  # type: ignore[arg-type]


def amendment(agency: str, *effects: Effect, totals: dict[str, int] | None = None) -> AgencyRecord:
    return AgencyRecord(agency=agency, effects=list(effects), stated_totals=totals or {})


def duty(ordinal: int, text: str) -> Duty:
    return Duty(ordinal=ordinal, text=text, span=(ordinal * 100, ordinal * 100 + len(text)))


def unit(ordinal: int, name: str, duties: str = "") -> Unit:
    return Unit(ordinal=ordinal, name=name, duties=duties, span=(ordinal * 1000, ordinal * 1000 + 10))


def staff(category: str, count: int, included_in: str | None = None) -> Staffing:
    return Staffing(category=category, count=count, included_in=included_in, text=f"{category}{count}名")
