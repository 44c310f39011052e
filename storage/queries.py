"""Read queries shared by the CLI and the dashboard. Parameters are always bound.

Each returns plain dicts (JSON-ready apart from dates), oldest first where order matters.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from storage import identity
from storage.tx import translated

# The columns of `changes` (CONTRACT §3 plus storage's additions), in the order events are printed.
CHANGE_COLUMNS = (
    "change_id", "agency_id", "from_snapshot", "to_snapshot", "change_type", "section", "unit_name",
    "old_text", "new_text", "similarity", "notice_id", "detail", "old_span_start", "old_span_end",
    "new_span_start", "new_span_end", "counterpart_agency_id", "counterpart_snapshot",
)  # fmt: skip

_EVENTS = f"""
select {", ".join("c." + c for c in CHANGE_COLUMNS)},
       a.name as agency, c.published_on, n.title as notice_title, n.doc_number
from changes c
join agencies a on a.agency_id = c.agency_id
join notices n on n.notice_id = c.notice_id
where {{agencies}}
order by c.published_on nulls first, c.to_snapshot, c.seq, c.change_type = 'transferred'
"""
# The agency filter: one id uses the index on changes.agency_id; a lineage, a list.
_ONE = "c.agency_id = ?"
_MANY = "c.agency_id in (select unnest(?::varchar[]))"


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def resolve_agency(con: duckdb.DuckDBPyConnection, name_or_alias: str) -> str | None:
    """The agency_id a name, alias or trimmed form denotes; None if unknown or ambiguous."""
    name = name_or_alias.strip()
    if not name:
        return None
    with translated():
        row = con.execute(
            "SELECT agency_id FROM agencies WHERE name = ? OR agency_id = ?", [name, name]
        ).fetchone()
        if row:
            return str(row[0])
        found = con.execute(
            "SELECT agency_id FROM agencies WHERE list_contains(aliases, ?) ORDER BY agency_id", [name]
        ).fetchall()
        if len(found) == 1:
            return str(found[0][0])
        region, trimmed = identity.split_name(name, notice_region=identity.CENTRAL)
        row = con.execute(
            "SELECT agency_id FROM agency_names WHERE name_key = ?", [f"{region}|{trimmed}"]
        ).fetchone()
        if row:
            return str(row[0])
        # A trimmed form (省对外贸易经济合作厅) without its region: accept it if only one region has it.
        for prefix in ("省", "自治区", "市", ""):
            if trimmed.startswith(prefix) and len(trimmed) > len(prefix) + 1:
                found = con.execute(
                    "SELECT DISTINCT agency_id FROM agency_names WHERE suffix(name_key, ?)",
                    ["|" + trimmed[len(prefix) :]],
                ).fetchall()
                if len(found) == 1:
                    return str(found[0][0])
    return None


# Relations that make the predecessor's history part of the successor's: the same body renamed, or
# bodies merged into or split into it. A duty taken over from a former body (duties_absorbed) is not.
SUCCESSION = ("renamed", "merged_into", "split_into", "abolished_into")


def lineage_ids(
    con: duckdb.DuckDBPyConnection, agency_id: str, *, relations: tuple[str, ...] = SUCCESSION
) -> list[str]:
    """The agency and its predecessors by `relations` (agency_lineage followed backwards), itself first."""
    with translated():
        if not con.execute(
            "SELECT 1 FROM lineage_links WHERE successor_id = ? AND list_contains(?, relation) LIMIT 1",
            [agency_id, list(relations)],
        ).fetchone():
            return [agency_id]
        rows = con.execute(
            """
            with recursive back(agency_id, depth) as (
                select ?::varchar, 0
                union
                select l.predecessor_id, back.depth + 1
                from lineage_links l join back on l.successor_id = back.agency_id
                where back.depth < 20 and list_contains(?::varchar[], l.relation)
            )
            select agency_id, min(depth) as depth from back group by agency_id order by depth, agency_id
            """,
            [agency_id, list(relations)],
        ).fetchall()
    return [str(r[0]) for r in rows]


def agency_events(
    con: duckdb.DuckDBPyConnection, agency_id: str, *, follow_lineage: bool = False
) -> list[dict[str, Any]]:
    """The change events of one agency (and, if asked, its predecessors), oldest first: every
    `changes` column plus `agency`, `published_on`, the notice's title and doc_number. `detail` is
    decoded JSON. This is what `yange diff --json` prints."""
    ids = lineage_ids(con, agency_id) if follow_lineage else [agency_id]
    with translated():
        events = _dicts(con.execute(*_events_query(ids)))
    for event in events:
        event["detail"] = json.loads(event["detail"]) if event["detail"] else {}
    return events


def agency_events_plan(con: duckdb.DuckDBPyConnection, agency_id: str) -> str:
    """The plan DuckDB ran `agency_events` of one agency with (EXPLAIN ANALYZE): which tables it
    read through an index (docs/scale.md)."""
    return _plan(con, *_events_query([agency_id]))


def _events_query(ids: list[str]) -> tuple[str, list[Any]]:
    """The events statement for these agencies: one agency is an equality an index can answer."""
    if len(ids) == 1:
        return _EVENTS.format(agencies=_ONE), [ids[0]]
    return _EVENTS.format(agencies=_MANY), [ids]


def timeline(
    con: duckdb.DuckDBPyConnection, agency_id: str, *, follow_lineage: bool = True
) -> list[dict[str, Any]]:
    """One agency's versions across its lineage, oldest first, each with its notice and a count of
    change events by type: the rows of the dashboard's timeline."""
    ids = lineage_ids(con, agency_id) if follow_lineage else [agency_id]
    with translated():
        rows = _dicts(
            con.execute(
                """
                with lineage as (select unnest(?::varchar[]) as agency_id),
                counted as (
                    select to_snapshot, change_type, count(*) as n
                    from changes join lineage using (agency_id)
                    group by all
                ),
                per_version as (
                    select to_snapshot, map(list(change_type order by change_type), list(n order by change_type)) as counts
                    from counted group by to_snapshot
                )
                select s.agency_id, a.name as agency, s.snapshot_id, s.notice_id, s.valid_from, s.valid_to,
                       s.derived, s.base_snapshot, n.title, n.doc_number, n.kind, per_version.counts
                from snapshots s
                join lineage using (agency_id)
                join agencies a on a.agency_id = s.agency_id
                join notices n on n.notice_id = s.notice_id
                left join per_version on per_version.to_snapshot = s.snapshot_id
                where not s.amendment
                order by s.valid_from nulls first, s.notice_id, s.snapshot_id
                """,
                [ids],
            )
        )
    for row in rows:
        row["counts"] = dict(row["counts"] or {})
    return rows


def duties_as_of(
    con: duckdb.DuckDBPyConnection, day: dt.date, *, agency_id: str | None = None
) -> list[dict[str, Any]]:
    """The duties in force on `day` (all agencies, or one), in each snapshot's reading order."""
    with translated():
        return _dicts(con.execute(*_as_of_query(day, agency_id)))


def duties_as_of_plan(con: duckdb.DuckDBPyConnection, day: dt.date, agency_id: str) -> str:
    """The plan DuckDB ran one agency's `duties_as_of` with (EXPLAIN ANALYZE): how it narrowed the
    scan of `duties` (migration 066)."""
    return _plan(con, *_as_of_query(day, agency_id))


def _plan(con: duckdb.DuckDBPyConnection, query: str, params: list[Any]) -> str:
    """The plan DuckDB ran a statement with, and what each step read (EXPLAIN ANALYZE)."""
    return str(con.execute("EXPLAIN ANALYZE " + query, params).fetchall()[0][1])


def _as_of_query(day: dt.date, agency_id: str | None) -> tuple[str, list[Any]]:
    where, params = ("WHERE agency_id = ?", [day, agency_id]) if agency_id else ("", [day])
    return f"SELECT * FROM duties_as_of(?::DATE) {where} ORDER BY agency, snapshot_id, position", params


def list_agencies(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every agency with its number of versions and the dates of its first and latest version."""
    with translated():
        return _dicts(
            con.execute(
                """
                select a.agency_id, a.name, a.region, a.aliases,
                       count(s.snapshot_id) as versions, min(s.valid_from) as first_version,
                       max(s.valid_from) as latest_version
                from agencies a
                left join snapshots s on s.agency_id = a.agency_id and not s.amendment
                group by all
                order by a.region, a.name
                """
            )
        )


def change_counts(con: duckdb.DuckDBPyConnection, notice_ids: list[str]) -> dict[str, dict[str, int]]:
    """For each notice, how many change events of each type its versions brought."""
    with translated():
        rows = con.execute(
            "SELECT notice_id, change_type, count(*) FROM changes "
            "WHERE notice_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL ORDER BY ALL",
            [list(notice_ids)],
        ).fetchall()
    counts: dict[str, dict[str, int]] = {}
    for notice_id, change_type, n in rows:
        counts.setdefault(notice_id, {})[change_type] = int(n)
    return counts


def digest(
    con: duckdb.DuckDBPyConnection, *, since: dt.date, agency_id: str | None = None
) -> list[dict[str, Any]]:
    """Every parsed notice published on or after `since` (touching `agency_id`, if given), newest
    first, each with `changes`: its change events counted per agency and type."""
    with translated():
        rows = _dicts(
            con.execute(
                """
                select n.notice_id, n.title, n.doc_number, n.issuer, n.published_on, n.source, n.kind,
                       a.name as agency, c.agency_id, c.change_type, count(c.change_id) as events
                from notices n
                left join changes c on c.notice_id = n.notice_id
                left join agencies a on a.agency_id = c.agency_id
                where n.status = 'parsed' and n.published_on >= $since
                  and ($agency::varchar is null or n.notice_id in (
                        select notice_id from snapshots where agency_id = $agency
                        union select notice_id from changes where agency_id = $agency))
                group by all
                order by n.published_on desc, n.notice_id, agency, c.change_type
                """,
                {"since": since, "agency": agency_id},
            )
        )
    entries: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = entries.setdefault(
            row["notice_id"],
            {k: row[k] for k in ("notice_id", "title", "doc_number", "issuer", "published_on", "source")}
            | {"kind": row["kind"], "changes": []},
        )
        if row["change_type"] is not None:
            entry["changes"].append({k: row[k] for k in ("agency", "agency_id", "change_type", "events")})
    return list(entries.values())
