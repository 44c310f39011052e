"""The cross-agency pass: a duty removed from one agency and added to another becomes `transferred`.

Two passes, the second reading what the first left:

1. Within a region: all its agencies' removed and added duties of a reform-window cluster of dates
   are re-paired whenever a write touches the cluster.
2. Across regions (a province's duty handed to a central body, a county's to another province's):
   only between two agencies one of which declares a transfer naming the other (a
   `declared_adjustment` of kind transferred_in / transferred_out whose counterpart is that agency),
   with the ends the first pass left, within the window of the declaration. Every province moves the
   same duties in the same round, so an undeclared match across regions is no evidence. The agencies
   such declarations link form groups; a write re-pairs the groups of the agencies it touched (looked
   up by agency, never over the whole history), the links in order of date.

So the pairs depend only on the stored set, not on ingestion order. Both ends get a `transferred` row
(detail.direction 'out' at the giver, 'in' at the receiver; detail.across true for the second pass)
next to the observed duty_removed / duty_added rows, with the other end in counterpart_agency_id /
counterpart_snapshot.
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
    agencies: Iterable[str] = (),
) -> int:
    """Re-pair the transfers of the given regions (all if None); returns the pairs found.

    Two ends can pair only within the reform window, so a region's ends fall into clusters of dates
    separated by more than the window, and the pairing of one cluster never depends on another.
    With `dates` (those a write touched), only the clusters holding them are re-paired. The groups
    of agencies linked across regions are re-paired where they hold `agencies` (those a write
    recomputed) or an agency of a re-paired cluster; all of them with neither `regions` nor `dates`.
    Counterparts must be resolved first (the links are declarations naming an agency)."""
    with transaction(con):
        everything = regions is None
        if regions is None:
            regions = [r[0] for r in con.execute("SELECT DISTINCT region FROM agencies").fetchall()]
        wanted = None if dates is None else set(dates)
        found, repaired = 0, set(agencies)
        for region in sorted(set(regions)):
            count, seen = _link_region(con, pair, region, wanted)
            found, repaired = found + count, repaired | seen
        return found + _link_across(con, pair, None if everything and dates is None else repaired)


def _clusters(days: list[dt.date], window: int) -> list[tuple[dt.date, dt.date]]:
    """[first, last] date ranges of `days` (sorted) split wherever two dates are over `window` apart."""
    clusters: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if clusters and (day - clusters[-1][1]).days <= window:
            clusters[-1] = (clusters[-1][0], day)
        else:
            clusters.append((day, day))
    return clusters


def _window() -> int:
    from yange.settings import get_settings

    return get_settings().transfer_window_days


def _link_region(
    con: duckdb.DuckDBPyConnection, pair: TransferPairer, region: str, dates: set[dt.date] | None
) -> tuple[int, set[str]]:
    """Re-pair the region's touched clusters; returns the pairs found and the agencies whose ends
    were re-paired (their ends left over for the second pass may have changed)."""
    stats = con.execute(_END_DATES, [region]).fetchall()
    window = _window()
    clusters = _clusters([r[0] for r in stats], window)
    reach = dt.timedelta(days=window)
    found = 0
    repaired: set[str] = set()
    for first, last in clusters:
        # A touched date within the window of a cluster, not only inside it: a date whose events
        # vanished may have split one cluster into two, neither of which now holds it, and both
        # may hold transfers paired across it.
        if dates is not None and not any(first - reach <= d <= last + reach for d in dates):
            continue
        dropped = con.execute(
            "DELETE FROM changes WHERE change_type = 'transferred' AND published_on BETWEEN ? AND ? "
            "AND agency_id IN (SELECT agency_id FROM agencies WHERE region = ?) "
            "AND (detail->>'across') IS DISTINCT FROM 'true' RETURNING agency_id",
            [first, last, region],
        ).fetchall()
        repaired.update(r[0] for r in dropped)
        inside = [r for r in stats if first <= r[0] <= last]
        if not sum(r[1] for r in inside) or not sum(r[2] for r in inside):
            continue  # nothing removed, or nothing added: no pair possible
        rows = con.execute(_ENDS, [region, first, last]).fetchall()
        repaired.update(r[1] for r in rows)
        by_id = {r[0]: r for r in rows}
        out = _pair_rows(pair, _groups(rows), by_id)
        bulk.insert(con, "changes", out)
        found += len(out) // 2
    return found, repaired


def _groups(rows: list[tuple[Any, ...]]) -> list[EventGroup]:
    """The ends (`_ENDS` rows) grouped by the version they were observed in."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(row[4], []).append(row)
    return [
        EventGroup(
            agency_id=group[0][1],
            published_on=group[0][2],
            notice_id=group[0][3],
            changes=[_change(r) for r in group],
            change_ids=[r[0] for r in group],
        )
        for group in groups.values()
    ]


def _pair_rows(
    pair: TransferPairer,
    events: list[EventGroup],
    by_id: dict[str, tuple[Any, ...]],
    *,
    across: bool = False,
) -> list[dict[str, Any]]:
    """The two `transferred` rows of every pair the pairer finds among `events`."""
    out: list[dict[str, Any]] = []
    for found_pair in pair(events):
        source, target = by_id[found_pair.source_change_id], by_id[found_pair.target_change_id]
        for end, other, direction in ((source, target, "out"), (target, source, "in")):
            out.append(_row(found_pair.change, end=end, other=other, direction=direction, across=across))
    return out


# Declared transfers between agencies of two regions, either side declaring: (agency, other, date);
# $1 false: only those of the agencies $2.
_LINKS = """
select distinct c.agency_id, c.counterpart_agency_id, c.published_on
from changes c
join agencies a on a.agency_id = c.agency_id
join agencies b on b.agency_id = c.counterpart_agency_id
where c.change_type = 'declared_adjustment'
  and c.detail->>'kind' in ('transferred_in', 'transferred_out')
  and c.published_on is not null
  and a.region <> b.region
  and ($1 or c.agency_id in (select unnest($2::varchar[]))
       or c.counterpart_agency_id in (select unnest($2::varchar[])))
"""

# The ends of some agencies that no first-pass pair holds.
_LEFT_OVER = """
select c.change_id, c.agency_id, c.published_on, c.notice_id, c.to_snapshot, c.from_snapshot, c.seq,
       c.change_type, c.section, c.old_text, c.new_text, c.old_span_start, c.old_span_end,
       c.new_span_start, c.new_span_end
from changes c
where c.agency_id in (select unnest($1::varchar[]))
  and c.change_type in ('duty_removed', 'duty_added') and c.published_on is not null
  and c.change_id not in (
      select t.detail->>'observed_change_id' from changes t
      where t.change_type = 'transferred' and t.agency_id in (select unnest($1::varchar[]))
  )
order by c.agency_id, c.published_on, c.to_snapshot, c.seq
"""


def _link_across(con: duckdb.DuckDBPyConnection, pair: TransferPairer, agencies: set[str] | None) -> int:
    """Re-pair the groups of agencies linked across regions that hold one of `agencies` (all if None)."""
    if agencies is not None:
        if not agencies:
            return 0
        # the partners of their current pairs: a link that vanished leaves them a stale row
        agencies = agencies | {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT counterpart_agency_id FROM changes WHERE change_type = 'transferred' "
                "AND (detail->>'across') = 'true' AND agency_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(agencies)],
            ).fetchall()
            if r[0] is not None
        }
        links, group = _linked(con, agencies)
    else:
        links = con.execute(_LINKS, [True, []]).fetchall()
        group = {a for link in links for a in link[:2]}
        group |= {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT agency_id FROM changes WHERE (detail->>'across') = 'true'"
            ).fetchall()
        }
    con.execute(
        "DELETE FROM changes WHERE change_type = 'transferred' AND (detail->>'across') = 'true' "
        "AND agency_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(group)],
    )
    if not links:
        return 0
    rows = con.execute(_LEFT_OVER, [sorted({a for link in links for a in link[:2]})]).fetchall()
    by_id = {r[0]: r for r in rows}
    reach = dt.timedelta(days=_window())
    used: set[str] = set()
    out: list[dict[str, Any]] = []
    for one, other, day in sorted(
        {(min(a, b), max(a, b), d) for a, b, d in links}, key=lambda k: (k[2], k[0], k[1])
    ):
        ends = [
            r
            for r in rows
            if r[1] in (one, other) and r[0] not in used and day - reach <= r[2] <= day + reach
        ]
        found = _pair_rows(pair, _groups(ends), by_id, across=True)
        used.update(json.loads(row["detail"])["observed_change_id"] for row in found)
        out.extend(found)
    bulk.insert(con, "changes", out)
    return len(out) // 2


def _linked(con: duckdb.DuckDBPyConnection, agencies: set[str]) -> tuple[list[tuple[Any, ...]], set[str]]:
    """The cross-region links of the groups holding `agencies`, and every agency of those groups
    (followed link by link: a group is small, a round's bodies and the few they hand duties to)."""
    group, frontier = set(agencies), set(agencies)
    links: set[tuple[Any, ...]] = set()
    while frontier:
        found = con.execute(_LINKS, [False, sorted(frontier)]).fetchall()
        links.update(found)
        frontier = {a for link in found for a in link[:2]} - group
        group |= frontier
    return sorted(links), group


def _change(row: tuple[Any, ...]) -> Change:
    return Change(
        change_type=row[7],
        section=row[8] or "duty",
        old_text=row[9],
        new_text=row[10],
        old_span=(row[11], row[12]) if row[11] is not None else None,
        new_span=(row[13], row[14]) if row[13] is not None else None,
    )


def _row(
    change: Change, *, end: tuple[Any, ...], other: tuple[Any, ...], direction: str, across: bool
) -> dict[str, Any]:
    """The `transferred` row at one end, placed right after that end's observed row."""
    change_id, agency_id, published_on, notice_id, to_snapshot, from_snapshot, seq = end[:7]
    detail = {**change.detail, "direction": direction, "observed_change_id": change_id}
    if across:
        detail["across"] = True
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
