"""The cross-agency pass: a duty removed from one agency and added to another becomes `transferred`.

Two passes, the second reading what the first left:

1. Within a region: the removed and added duties of its agencies, one-to-one (the pairer's optimal
   assignment). A write re-pairs only the ends linked to the ends it changed by a chain of ends that
   could pair (similar text, other agency, within the reform window: the pairer's own rule, asked of
   `TransferNeighbours`), found breadth first through the region's ends near each one's date; the
   pairing of ends no such chain reaches cannot have changed. So the work of a write is that of its
   own ends and their neighbours, not of the region (a province's round holds thousands of ends).
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
from storage.engines import End, EventGroup, TransferNeighbours, TransferPairer
from storage.tx import transaction

_COLUMNS = """c.change_id, c.agency_id, c.published_on, c.notice_id, c.to_snapshot, c.from_snapshot, c.seq,
       c.change_type, c.section, c.old_text, c.new_text, c.old_span_start, c.old_span_end,
       c.new_span_start, c.new_span_end, a.region"""

# The dated ends (duty_removed and duty_added rows) whose `{key}` is one of $1. Each side is
# narrowed to the rows asked for before the join (the region is looked up for their agencies only).
_ENDS = """
with c as (
    select * from changes
    where {key} in (select unnest($1::varchar[]))
      and change_type in ('duty_removed', 'duty_added') and published_on is not null
), a as (
    select agency_id, region from agencies where agency_id in (select agency_id from c)
)
select {columns} from c join a using (agency_id)
"""
_ENDS_OF = _ENDS.format(key="agency_id", columns=_COLUMNS)  # of some agencies
_ENDS_BY_ID = _ENDS.format(key="change_id", columns=_COLUMNS)  # by change id

# A region's ends of one kind between two dates: where the partners of some ends can be.
_POOL = f"""
select {_COLUMNS} from changes c join agencies a using (agency_id)
where a.region = $1 and c.change_type = $2 and c.published_on between $3 and $4
"""

# The first pass's pairs held by or naming some agencies, with the end each is observed at (two
# keyed lookups, not one scan testing either).
_PAIRED_WITH = """
select change_id, detail->>'observed_change_id' from changes
where agency_id in (select unnest($1::varchar[]))
  and change_type = 'transferred' and (detail->>'across') is distinct from 'true'
union
select change_id, detail->>'observed_change_id' from changes
where counterpart_agency_id in (select unnest($1::varchar[]))
  and change_type = 'transferred' and (detail->>'across') is distinct from 'true'
"""

# The first pass's pairs observed at some ends.
_PAIRS_AT = """
select change_id from changes
where detail->>'observed_change_id' in (select unnest($1::varchar[]))
  and change_type = 'transferred' and (detail->>'across') is distinct from 'true'
"""


def link_transfers(
    con: duckdb.DuckDBPyConnection,
    pair: TransferPairer,
    neighbours: TransferNeighbours,
    *,
    agencies: Iterable[str] | None = None,
    before: Iterable[End] = (),
) -> int:
    """Re-pair the transfers a write to `agencies` may have changed (all if None); returns the
    pairs found.

    `before` are the ends those agencies had before the write (`ends_of`, read before they were
    recomputed): the ends that could pair with one of them may pair otherwise now. Counterparts
    must be resolved first (the links across regions are declarations naming an agency)."""
    with transaction(con):
        everything = agencies is None
        if agencies is None:
            agencies = [r[0] for r in con.execute("SELECT agency_id FROM agencies").fetchall()]
        chosen = set(agencies)
        found, repaired = _link_within(con, pair, neighbours, chosen, list(before))
        return found + _link_across(con, pair, None if everything else repaired | chosen)


def ends_of(con: duckdb.DuckDBPyConnection, agency_ids: Iterable[str]) -> list[End]:
    """The dated ends of these agencies as stored now: what `link_transfers` is given as `before`."""
    rows = con.execute(_ENDS_OF, [sorted(set(agency_ids))]).fetchall()
    return [end for end in map(_end, rows) if end is not None]


def _end(row: tuple[Any, ...]) -> End | None:
    removed = row[7] == "duty_removed"
    text = row[9] if removed else row[10]
    if not text:
        return None  # no text, nothing to recognise it by (the pairer skips it too)
    return End(
        change_id=row[0], agency_id=row[1], region=row[15], published_on=row[2], removed=removed, text=text
    )


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


def _link_within(
    con: duckdb.DuckDBPyConnection,
    pair: TransferPairer,
    neighbours: TransferNeighbours,
    agencies: set[str],
    before: list[End],
) -> tuple[int, set[str]]:
    """The first pass, within each region: re-pair every end linked, through ends that could pair,
    to an end of `agencies` (now or `before`) or to an end their pairs held. The pairs elsewhere
    stand: what they could pair with is unchanged. Returns the pairs found and the agencies whose
    ends were re-paired (their ends left over for the second pass may have changed)."""
    rows = {r[0]: r for r in con.execute(_ENDS_OF, [sorted(agencies)]).fetchall()}
    paired = con.execute(_PAIRED_WITH, [sorted(agencies)]).fetchall()
    held = {r[1] for r in paired if r[1]}
    missing = sorted(held - rows.keys())
    if missing:
        rows |= {r[0]: r for r in con.execute(_ENDS_BY_ID, [missing]).fetchall()}
    seeds = [e for e in map(_end, rows.values()) if e is not None]
    seeds += [e for e in before if e.change_id not in rows]
    rows, links = _reach(con, neighbours, seeds, rows)
    at = con.execute(_PAIRS_AT, [sorted(rows.keys() | held | {e.change_id for e in before})]).fetchall()
    dropped = con.execute(
        "DELETE FROM changes WHERE change_id IN (SELECT unnest(?::VARCHAR[])) RETURNING agency_id",
        [sorted({r[0] for r in paired} | {r[0] for r in at})],
    ).fetchall()
    repaired = {r[0] for r in dropped} | {r[1] for r in rows.values()}
    out: list[dict[str, Any]] = []
    for component in _components(links, rows):
        ends = sorted(component, key=lambda r: (r[1], r[2], r[4], r[6]))
        out.extend(_pair_rows(pair, _groups(ends), rows))
    bulk.insert(con, "changes", out)
    return len(out) // 2, repaired


def _reach(
    con: duckdb.DuckDBPyConnection,
    neighbours: TransferNeighbours,
    seeds: list[End],
    rows: dict[str, tuple[Any, ...]],
) -> tuple[dict[str, tuple[Any, ...]], set[tuple[str, str]]]:
    """The stored ends (`rows`, plus those reached) linked to `seeds` by could-pair links, found
    breadth first through each region's ends within the reform window of the last ones found; and
    the links. Seeds no longer stored (`before`) lead on but are not returned."""
    window = _window()
    reach = dt.timedelta(days=window)
    reached = dict(rows)
    links: set[tuple[str, str]] = set()
    expanded: set[str] = set()
    frontier = {e.change_id: e for e in seeds}
    while frontier:
        expanded |= frontier.keys()
        by_region: dict[str, list[End]] = {}
        for end in frontier.values():
            by_region.setdefault(end.region, []).append(end)
        found: dict[str, End] = {}
        for region, ends in sorted(by_region.items()):
            pool: dict[str, tuple[Any, ...]] = {}
            for removed in (True, False):
                days = sorted({e.published_on for e in ends if e.removed == removed})
                other = "duty_added" if removed else "duty_removed"
                for first, last in _clusters(days, window):
                    args = [region, other, first - reach, last + reach]
                    pool |= {r[0]: r for r in con.execute(_POOL, args).fetchall()}
            pool_ends = {e.change_id: e for e in map(_end, pool.values()) if e is not None}
            for link in neighbours(ends, list(pool_ends.values())):
                links.add(link)
                for change_id in link:
                    if change_id in pool_ends and change_id not in expanded:
                        found[change_id] = pool_ends[change_id]
                        reached[change_id] = pool[change_id]
        frontier = found
    return reached, links


def _components(links: set[tuple[str, str]], rows: dict[str, tuple[Any, ...]]) -> list[list[tuple[Any, ...]]]:
    """The stored ends linked into groups that no link joins: each is paired on its own (an optimal
    one-to-one pairing of the whole is the union of theirs)."""
    parent = {change_id: change_id for change_id in rows}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted(links):
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for change_id, row in rows.items():
        groups.setdefault(root(change_id), []).append(row)
    return [g for _, g in sorted(groups.items()) if len(g) > 1]


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
# of the agencies $1 (each side looked up by its own key), or of all with _ALL_LINKS.
_DECLARED = """
select agency_id, counterpart_agency_id, published_on from changes
where change_type = 'declared_adjustment'
  and detail->>'kind' in ('transferred_in', 'transferred_out')
  and published_on is not null and counterpart_agency_id is not null
"""
_ACROSS = """
select distinct c.agency_id, c.counterpart_agency_id, c.published_on
from declared c
join agencies a on a.agency_id = c.agency_id
join agencies b on b.agency_id = c.counterpart_agency_id
where a.region <> b.region
"""
_LINKS = f"""
with declared as (
    {_DECLARED} and agency_id in (select unnest($1::varchar[]))
    union all
    {_DECLARED} and counterpart_agency_id in (select unnest($1::varchar[]))
)
{_ACROSS}
"""
_ALL_LINKS = f"with declared as ({_DECLARED}) {_ACROSS}"

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
        links = con.execute(_ALL_LINKS).fetchall()
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
        found = con.execute(_LINKS, [sorted(frontier)]).fetchall()
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
