"""The cross-agency pass: a duty removed from one agency and added to another becomes `transferred`.

Transfers are re-paired over a whole region (all its agencies' removed and added duties) whenever a
write touches it, so the pairs depend only on the stored set, not on ingestion order. Both ends get a
`transferred` row (detail.direction 'out' at the giver, 'in' at the receiver) next to the observed
duty_removed / duty_added rows, with the other end in counterpart_agency_id / counterpart_snapshot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

import duckdb

from models import Change
from storage import bulk
from storage.engines import EventGroup, TransferPairer
from storage.tx import transaction

_ENDS = """
select c.change_id, c.agency_id, c.published_on, c.notice_id, c.to_snapshot, c.from_snapshot, c.seq,
       c.change_type, c.section, c.old_text, c.new_text, c.old_span_start, c.old_span_end,
       c.new_span_start, c.new_span_end
from changes c join agencies a using (agency_id)
where a.region = ? and c.change_type in ('duty_removed', 'duty_added')
  and c.published_on between ? and ?
order by c.agency_id, c.published_on, c.to_snapshot, c.seq
"""

_END_DATES = """
select c.published_on,
       count(*) filter (where c.change_type = 'duty_removed') as removed,
       count(*) filter (where c.change_type = 'duty_added') as added
from changes c join agencies a using (agency_id)
where a.region = ? and c.change_type in ('duty_removed', 'duty_added') and c.published_on is not null
group by c.published_on
order by c.published_on
"""


def link_transfers(
    con: duckdb.DuckDBPyConnection,
    pair: TransferPairer,
    *,
    regions: Iterable[str] | None = None,
    dates: Iterable[dt.date] | None = None,
) -> int:
    """Re-pair the transfers of the given regions (all if None); returns the pairs found.

    Two ends can pair only within the reform window, so a region's ends fall into clusters of dates
    separated by more than the window, and the pairing of one cluster never depends on another.
    With `dates` (those a write touched), only the clusters holding them are re-paired."""
    with transaction(con):
        if regions is None:
            regions = [r[0] for r in con.execute("SELECT DISTINCT region FROM agencies").fetchall()]
        wanted = None if dates is None else set(dates)
        return sum(_link_region(con, pair, region, wanted) for region in sorted(set(regions)))


def _clusters(days: list[dt.date], window: int) -> list[tuple[dt.date, dt.date]]:
    """[first, last] date ranges of `days` (sorted) split wherever two dates are over `window` apart."""
    clusters: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if clusters and (day - clusters[-1][1]).days <= window:
            clusters[-1] = (clusters[-1][0], day)
        else:
            clusters.append((day, day))
    return clusters


def _link_region(
    con: duckdb.DuckDBPyConnection, pair: TransferPairer, region: str, dates: set[dt.date] | None
) -> int:
    from yange.settings import get_settings

    stats = con.execute(_END_DATES, [region]).fetchall()
    window = get_settings().transfer_window_days
    clusters = _clusters([r[0] for r in stats], window)
    reach = dt.timedelta(days=window)
    found = 0
    for first, last in clusters:
        # A touched date within the window of a cluster, not only inside it: a date whose events
        # vanished may have split one cluster into two, neither of which now holds it, and both
        # may hold transfers paired across it.
        if dates is not None and not any(first - reach <= d <= last + reach for d in dates):
            continue
        con.execute(
            "DELETE FROM changes WHERE change_type = 'transferred' AND published_on BETWEEN ? AND ? "
            "AND agency_id IN (SELECT agency_id FROM agencies WHERE region = ?)",
            [first, last, region],
        )
        inside = [r for r in stats if first <= r[0] <= last]
        if not sum(r[1] for r in inside) or not sum(r[2] for r in inside):
            continue  # nothing removed, or nothing added: no pair possible
        rows = con.execute(_ENDS, [region, first, last]).fetchall()
        by_id = {r[0]: r for r in rows}
        groups: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            groups.setdefault(row[4], []).append(row)
        events = [
            EventGroup(
                agency_id=group[0][1],
                published_on=group[0][2],
                notice_id=group[0][3],
                changes=[_change(r) for r in group],
                change_ids=[r[0] for r in group],
            )
            for group in groups.values()
        ]
        out: list[dict[str, Any]] = []
        for found_pair in pair(events):
            source, target = by_id[found_pair.source_change_id], by_id[found_pair.target_change_id]
            out.append(_row(found_pair.change, end=source, other=target, direction="out"))
            out.append(_row(found_pair.change, end=target, other=source, direction="in"))
        bulk.insert(con, "changes", out)
        found += len(out) // 2
    return found


def _change(row: tuple[Any, ...]) -> Change:
    return Change(
        change_type=row[7],
        section=row[8] or "duty",
        old_text=row[9],
        new_text=row[10],
        old_span=(row[11], row[12]) if row[11] is not None else None,
        new_span=(row[13], row[14]) if row[13] is not None else None,
    )


def _row(change: Change, *, end: tuple[Any, ...], other: tuple[Any, ...], direction: str) -> dict[str, Any]:
    """The `transferred` row at one end, placed right after that end's observed row."""
    change_id, agency_id, published_on, notice_id, to_snapshot, from_snapshot, seq = end[:7]
    detail = {**change.detail, "direction": direction, "observed_change_id": change_id}
    published: dt.date | None = published_on
    return {
        "change_id": hashlib.sha256(f"transferred|{change_id}|{other[0]}".encode()).hexdigest()[:16],
        "agency_id": agency_id,
        "from_snapshot": from_snapshot,
        "to_snapshot": to_snapshot,
        "change_type": "transferred",
        "section": "duty",
        "unit_name": None,
        "old_text": change.old_text,
        "new_text": change.new_text,
        "similarity": change.similarity,
        "notice_id": notice_id,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        "old_span_start": change.old_span[0] if change.old_span else None,
        "old_span_end": change.old_span[1] if change.old_span else None,
        "new_span_start": change.new_span[0] if change.new_span else None,
        "new_span_end": change.new_span[1] if change.new_span else None,
        "counterpart_agency_id": other[1],
        "counterpart_snapshot": other[4],
        "published_on": published,
        "seq": seq,
    }
