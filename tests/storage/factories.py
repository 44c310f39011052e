"""Builders for parsed notices and a tiny stand-in diff, so storage tests need neither the parser nor
the real diff engine. The notices are written for these tests in the genre of the seeds (derived)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from models import Adjustment, AgencyRecord, Change, Duty, Effect, Notice, ParsedNotice, Staffing, Unit
from storage import Engines

_REAL: Any = object()


def duty(ordinal: int, text: str, *items: Duty) -> Duty:
    return Duty(ordinal=ordinal, text=text, span=(ordinal * 10, ordinal * 10 + len(text)), items=list(items))


def record(
    agency: str,
    duties: list[str] = (),  # type: ignore[assignment]
    *,
    aliases: list[str] = (),  # type: ignore[assignment]
    units: dict[str, str] | None = None,
    adjustments: list[tuple[str, str | None, str]] = (),  # type: ignore[assignment]
    staff: int | None = None,
    effects: list[Effect] = (),  # type: ignore[assignment]
) -> AgencyRecord:
    return AgencyRecord(
        agency=agency,
        aliases=list(aliases),
        rank="正厅级",
        duties=[duty(i, text) for i, text in enumerate(duties, 1)],
        units=[
            Unit(ordinal=i, name=n, duties=d, span=(0, 1))
            for i, (n, d) in enumerate((units or {}).items(), 1)
        ],
        adjustments=[
            Adjustment(ordinal=i, kind=kind, counterpart=cp, text=text, span=(0, 1))  # type: ignore[arg-type]
            for i, (kind, cp, text) in enumerate(adjustments, 1)
        ],
        staffing=[Staffing(category="机关行政编制", count=staff, text=f"机关行政编制{staff}名")]
        if staff
        else [],
        effects=list(effects),
    )


def notice(
    title: str,
    published_on: str | None,
    *records: AgencyRecord,
    kind: str = "sanding",
    issuer: str | None = None,
    body: str = "",
) -> ParsedNotice:
    """`body`: sentences of the notice's text beyond its records (what the lineage reader reads)."""
    text = title + "\n" + body + "".join(r.model_dump_json() for r in records) + (published_on or "")
    return ParsedNotice(
        notice=Notice(
            notice_id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            title=title,
            doc_number=None,
            issuer=issuer,
            published_on=dt.date.fromisoformat(published_on) if published_on else None,
            source=f"test:{title}",
            kind=kind,  # type: ignore[arg-type]
        ),
        records=list(records),
        text=text,
    )


def fake_diff(old: AgencyRecord | None, new: AgencyRecord) -> list[Change]:
    """Set difference of duty texts plus declared adjustments: enough to test storage, not diffing."""
    before = {d.text for d in old.duties} if old else set()
    after = {d.text for d in new.duties}
    changes = [Change(change_type="duty_removed", old_text=t) for t in sorted(before - after)]
    changes += [
        Change(change_type="duty_added", new_text=t, new_span=(0, len(t))) for t in sorted(after - before)
    ]
    changes += [
        Change(
            change_type="declared_adjustment",
            section="adjustment",
            new_text=a.text,
            detail={"kind": a.kind, "counterpart": a.counterpart} if a.counterpart else {"kind": a.kind},
        )
        for a in new.adjustments
    ]
    return changes


def fake_apply(base: AgencyRecord, amendment: AgencyRecord, *, agency: str) -> AgencyRecord:
    """Apply duty transfers only: enough to test how storage derives amended versions."""
    duties = [d.text for d in base.duties]
    for effect in amendment.effects:
        if effect.type == "duty_transferred_in":
            duties.append(effect.text)
        elif effect.type == "duty_transferred_out":
            duties = [d for d in duties if d != effect.text]
    return base.model_copy(update={"duties": [duty(i, t) for i, t in enumerate(duties, 1)]})


def effect(type_: str, text: str, counterpart: str | None = None, subject: str | None = None) -> Effect:
    return Effect(type=type_, text=text, counterpart=counterpart, subject=subject, span=(0, len(text)))  # type: ignore[arg-type]


def engines(differ: Any = None, *, applier: Any = _REAL) -> Engines:
    """Storage's engines for a test: the stand-in diff unless given, and the real amendment applier
    and transfer pairer unless `applier` says otherwise (None: amendments stay unapplied)."""
    from flows.engines import default_engines

    real = default_engines()
    return Engines(
        differ=differ or fake_diff,
        applier=real.applier if applier is _REAL else applier,
        pair_transfers=real.pair_transfers,
        transfer_neighbours=real.transfer_neighbours,
        parser=real.parser,
        lineage=real.lineage,
    )
