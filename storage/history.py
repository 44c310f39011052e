"""Recompute agencies' histories from the set of stored snapshots.

Nothing here depends on the order notices arrived in: agency identity is re-resolved over all
snapshots, versions are sorted by (published_on, notice_id, position), validity ranges, derived
(amended) versions and change events are rebuilt for every agency a write touched, and every id is
a hash of what it stands for. So any ingestion order yields identical tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from models import AgencyRecord, Change, Duty, Notice
from storage import bulk, identity, lineage, receivers
from storage.engines import Applier, Differ, End, Engines
from storage.receivers import receiver_keys
from storage.resolve import lookup, resolve_agencies
from storage.rows import duty_rows, staffing_rows
from storage.transfers import ends_of, link_transfers


def short_hash(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class Version:
    """One version in an agency's chain; its record is parsed only when a diff needs it."""

    snapshot_id: str
    notice_id: str
    published_on: dt.date | None
    record_json: str
    derived: bool = False
    _record: AgencyRecord | None = None
    partial: bool = False  # derived with no earlier version: it holds only what the amendment says
    base_snapshot: str | None = None
    notice: Notice | None = None  # where the names its events use were written (their context)

    @property
    def record(self) -> AgencyRecord:
        if self._record is None:
            self._record = AgencyRecord.model_validate_json(self.record_json)
        return self._record


@dataclass(frozen=True)
class Stored:
    """One non-derived snapshot row of an agency, as recompute_agency reads it."""

    snapshot_id: str
    notice_id: str
    published_on: dt.date | None
    record_json: str
    amendment: bool
    display_name: str
    agency_key: str
    alias_keys: list[str]
    seq: int
    names: list[str] | None  # the record's agency name and aliases as written (NULL before migration 6)
    notice: Notice  # the notice's title, issuer and kind: the context its names are read in
    superseded: bool = False  # kept in superseded_records: it was not in force when last recomputed
    parsed: AgencyRecord | None = None  # the record itself, when the caller still holds it

    @property
    def record(self) -> AgencyRecord:
        return self.parsed or AgencyRecord.model_validate_json(self.record_json)

    @property
    def order(self) -> tuple[dt.date, bool, str, int, str]:
        """Date order; on one date the stated records first, then the amendments applied to them."""
        return (self.published_on or dt.date.min, self.amendment, self.notice_id, self.seq, self.snapshot_id)


@dataclass
class Pending:
    """Rows a refresh writes, collected over every agency it recomputes and written with one
    statement per table: the cost of a batch is its own size, not one round trip per agency."""

    deletes: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    validity: list[dict[str, Any]] = field(default_factory=list)
    # stated records that leave `snapshots` for `superseded_records` (not in force), and come back:
    # snapshot id -> its notice's date
    superseded: dict[str, dt.date | None] = field(default_factory=dict)
    restored: dict[str, dt.date | None] = field(default_factory=dict)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        _move(con, self.superseded, source="snapshots", target="superseded_records")
        _move(con, self.restored, source="superseded_records", target="snapshots")
        for (table, column), values in self.deletes.items():
            bulk.delete_in(con, table, column, values)
        for table, rows in self.inserts.items():
            bulk.insert(con, table, rows)
        bulk.update(con, "snapshots", "snapshot_id", self.validity)


def _move(
    con: duckdb.DuckDBPyConnection, dates: dict[str, dt.date | None], *, source: str, target: str
) -> None:
    """Move stated records between `snapshots` and `superseded_records` (fixed table names); a record
    not in force keeps its date (`dates`: its notice's published_on, as read with the record) as
    valid_from and no valid_to, whatever it had before. The dates come with the ids, so the move
    reads only the rows it moves (no join with `notices`)."""
    if not dates:
        return
    ids = sorted(dates)
    con.execute(
        f"INSERT INTO {target} BY NAME SELECT s.* REPLACE (m.day AS valid_from, NULL::DATE AS valid_to) "
        f"FROM {source} s JOIN (SELECT unnest($1::VARCHAR[]) AS snapshot_id, unnest($2::DATE[]) AS day) m "
        "USING (snapshot_id)",
        [ids, [dates[i] for i in ids]],
    )
    con.execute(f"DELETE FROM {source} WHERE snapshot_id IN (SELECT unnest(?::VARCHAR[]))", [ids])


def refresh(
    con: duckdb.DuckDBPyConnection,
    *,
    touched: Iterable[str],
    engines: Engines,
    transfers: bool = True,
    records: Mapping[str, AgencyRecord] | None = None,
) -> set[str]:
    """Re-resolve identities and recompute every agency whose snapshots changed (and every agency
    whose amendments name one of them); then resolve counterparts, re-pair transfers (in their
    regions, and across regions where a declaration links them) and lineage. Returns the ids of
    the agencies recomputed.

    Reads and writes are per batch, not per agency: every recomputed agency's snapshots and change
    keys are read in one query each, and what they produce is written in one statement per table.
    `records` (snapshot id -> record) are the records just written, as the caller holds them: they
    are not read back from their JSON."""
    touched = set(touched)
    affected, renamed_keys = resolve_agencies(con, touched=touched)
    affected |= _dependents(con, affected)
    pairing = transfers and engines.pair_transfers is not None
    before = ends_of(con, affected) if pairing else []  # what the re-pairing starts from
    receivers = receiver_keys(con, affected)  # before their declarations are recomputed
    _drop_derived(con, affected)
    stored = _stored_by_agency(con, affected, records or {})
    existing = _changes_by_agency(con, affected)
    pending = Pending()
    for agency_id in sorted(affected):
        recompute_agency(
            con,
            agency_id,
            stored.get(agency_id, []),
            existing.get(agency_id, []),
            differ=engines.differ,
            applier=engines.applier,
            pending=pending,
        )
    pending.flush(con)
    receivers |= receiver_keys(con, affected) | renamed_keys
    implied, gone_ends = _refresh_receivers(con, receivers, differ=engines.differ)
    everyone = affected | implied
    _resolve_counterparts(con, agencies=everyone, keys=renamed_keys | receivers)
    if pairing:
        assert engines.pair_transfers is not None and engines.transfer_neighbours is not None
        link_transfers(
            con,
            engines.pair_transfers,
            engines.transfer_neighbours,
            agencies=everyone,
            before=before + gone_ends,
        )
    # the notices of the touched records, as read with them (they belong to recomputed agencies)
    fresh = {r.notice_id for rows in stored.values() for r in rows if r.snapshot_id in touched}
    lineage.refresh_links(con, moved_keys=sorted(renamed_keys), notice_ids=sorted(fresh))
    return affected


def _stored_by_agency(
    con: duckdb.DuckDBPyConnection, agency_ids: set[str], records: Mapping[str, AgencyRecord]
) -> dict[str, list[Stored]]:
    rows = con.execute(
        "SELECT s.agency_id, s.snapshot_id, s.notice_id, n.published_on, s.record, false, s.display_name,"
        "       s.agency_key, s.alias_keys, s.seq, s.names, false, n.title, n.issuer, n.kind "
        "FROM snapshots s JOIN notices n USING (notice_id) "
        "WHERE s.agency_id IN (SELECT unnest($1::VARCHAR[])) AND NOT s.derived "
        "UNION ALL "
        "SELECT s.agency_id, s.snapshot_id, s.notice_id, n.published_on, s.record, false, s.display_name,"
        "       s.agency_key, s.alias_keys, s.seq, s.names, true, n.title, n.issuer, n.kind "
        "FROM superseded_records s JOIN notices n USING (notice_id) "
        "WHERE s.agency_id IN (SELECT unnest($1::VARCHAR[])) "
        "UNION ALL "
        "SELECT a.agency_id, a.record_id, a.notice_id, a.published_on, a.record, true, a.display_name,"
        "       a.agency_key, a.alias_keys, a.seq, a.names, false, n.title, n.issuer, n.kind "
        "FROM amendment_records a JOIN notices n USING (notice_id) "
        "WHERE a.agency_id IN (SELECT unnest($1::VARCHAR[]))",
        [sorted(agency_ids)],
    ).fetchall()
    grouped: dict[str, list[Stored]] = defaultdict(list)
    notices: dict[str, Notice] = {}  # one per notice: its records share it
    for agency_id, *rest, superseded, title, issuer, kind in rows:
        notice = notices.get(rest[1])
        if notice is None:
            notice = notices[rest[1]] = Notice(
                notice_id=rest[1], title=title or "?", issuer=issuer, kind=kind or "sanding"
            )
        stored = Stored(*rest, notice=notice, superseded=superseded, parsed=records.get(rest[0]))
        grouped[agency_id].append(stored)
    return {k: sorted(v, key=lambda r: r.order) for k, v in grouped.items()}


def _changes_by_agency(
    con: duckdb.DuckDBPyConnection, agency_ids: set[str]
) -> dict[str, list[tuple[str, str, str, str]]]:
    """(change_id, from_snapshot or '', to_snapshot, change_type) of each agency's stored changes."""
    rows = con.execute(
        "SELECT agency_id, change_id, coalesce(from_snapshot, ''), to_snapshot, change_type FROM changes "
        "WHERE agency_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(agency_ids)],
    ).fetchall()
    grouped: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for agency_id, *rest in rows:
        grouped[agency_id].append(tuple(rest))  # type: ignore[arg-type]
    return grouped


# The changes whose counterpart can have moved (see _resolve_counterparts), with what they hold now:
# keyed lookups (by agency, by counterpart key), so the cost is that of the rows in scope.
_COUNTERPART_SCOPE = """
create or replace temp table refresh_scope as
with named as (
    select unnest($keys::varchar[]) as name_key
    union select name_key from agency_names where agency_id in (select unnest($agencies::varchar[]))
    union select name_key from shared_names where agency_id in (select unnest($agencies::varchar[]))
)
select change_id, counterpart_key, published_on, counterpart_agency_id, counterpart_snapshot from changes
where agency_id in (select unnest($agencies::varchar[])) and counterpart_key is not null
union
select change_id, counterpart_key, published_on, counterpart_agency_id, counterpart_snapshot from changes
where counterpart_key in (select name_key from named)
"""

# Each change in scope: the agency its key names (a key of agency_names; a name two agencies carry
# as a sign, shared_names, is that of the one which, on the event's date, carries it in its latest
# stated version and took it up last: a sign that moved is the new holder's; none if two took it up
# on one date), and that agency's version in force on the event's date.
_COUNTERPARTS = """
with named as (
    select r.change_id, n.agency_id from refresh_scope r join agency_names n on n.name_key = r.counterpart_key
), carried as (
    select r.change_id, r.counterpart_key, sh.agency_id,
           arg_max(s.alias_keys, (s.valid_from, s.snapshot_id)) as alias_keys,
           max(s.valid_from) as valid_from
    from refresh_scope r
    join shared_names sh on sh.name_key = r.counterpart_key
    join snapshots s on s.agency_id = sh.agency_id and not s.derived and s.valid_from <= r.published_on
    group by all
), holders as (
    select *, max(valid_from) over (partition by change_id) as latest
    from carried
    where list_contains(alias_keys, counterpart_key)
), picked as (
    select change_id, min(agency_id) as agency_id
    from holders
    where valid_from = latest
    group by change_id
    having count(*) = 1
), target as (
    select r.change_id, r.published_on, r.counterpart_agency_id as old_agency,
           r.counterpart_snapshot as old_snapshot, coalesce(p.agency_id, n.agency_id) as agency_id
    from refresh_scope r
    left join named n using (change_id)
    left join picked p using (change_id)
), in_force as (
    select t.change_id, s.snapshot_id,
           row_number() over (partition by t.change_id order by s.valid_from desc, s.snapshot_id) as rank
    from target t
    join snapshots s on s.agency_id = t.agency_id and not s.amendment
                    and s.valid_from <= t.published_on
                    and (s.valid_to is null or s.valid_to > t.published_on)
), resolved as (
    select t.change_id, t.agency_id, v.snapshot_id, t.old_agency, t.old_snapshot
    from target t
    left join (select change_id, snapshot_id from in_force where rank = 1) v using (change_id)
)
update changes set counterpart_agency_id = resolved.agency_id, counterpart_snapshot = resolved.snapshot_id
from resolved
where changes.change_id = resolved.change_id
  and (resolved.old_agency is distinct from resolved.agency_id
       or resolved.old_snapshot is distinct from resolved.snapshot_id)
"""


def _resolve_counterparts(con: duckdb.DuckDBPyConnection, *, agencies: set[str], keys: set[str]) -> None:
    """Point the changes that name another agency at that agency's current id (or NULL), and at its
    version in force on the event's date. Only the changes that can have moved are looked at: those
    of the agencies just recomputed, and those naming a key whose agency changed or that was just
    recomputed (a new version of the counterpart). They are found by keyed lookups and resolved in
    one update of the rows that differ."""
    con.execute(_COUNTERPART_SCOPE, {"agencies": sorted(agencies), "keys": sorted(keys)})
    con.execute(_COUNTERPARTS)
    con.execute("drop table refresh_scope")


def _refresh_receivers(
    con: duckdb.DuckDBPyConnection, keys: set[str], *, differ: Differ
) -> tuple[set[str], list[End]]:
    """Rebuild the implied versions of the bodies of `keys` (storage.receivers). Returns the
    agencies whose implied versions went or came (with the partners of their transfers), and the
    transfer ends of the versions that went (what could pair with them is re-paired)."""
    if not keys:
        return set(), []
    stale = con.execute(
        "SELECT snapshot_id, agency_id FROM snapshots WHERE implied AND agency_key IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(keys)],
    ).fetchall()
    ids, gone = [r[0] for r in stale], {r[1] for r in stale}
    partners = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT counterpart_agency_id FROM changes WHERE change_type = 'transferred' "
            "AND to_snapshot IN (SELECT unnest(?::VARCHAR[])) AND counterpart_agency_id IS NOT NULL",
            [ids],
        ).fetchall()
    }
    gone_ends = ends_of(con, gone)
    for table, column in (
        ("duties", "snapshot_id"),
        ("snapshots", "snapshot_id"),
        ("changes", "to_snapshot"),
    ):
        bulk.delete_in(con, table, column, ids)
    con.execute(
        "DELETE FROM agency_names WHERE via = 'implied' AND name_key IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(keys)],
    )
    con.execute(
        "DELETE FROM agencies WHERE agency_id IN (SELECT unnest(?::VARCHAR[])) "
        "AND agency_id NOT IN (SELECT agency_id FROM agency_names)",
        [sorted(gone)],
    )
    by_key: dict[str, list[receivers.Handed]] = defaultdict(list)
    for item in receivers.handed(con, keys - receivers.described(con, keys)):
        by_key[item.key].append(item)
    pending = Pending()
    for key, items in sorted(by_key.items()):
        _implied_agency(key, items, differ=differ, pending=pending)
    pending.flush(con)
    return gone | partners | {identity.agency_id(key) for key in by_key}, gone_ends


def _implied_agency(key: str, items: list[receivers.Handed], *, differ: Differ, pending: Pending) -> None:
    """The agency, and a partial version per date, of a body only declarations hand duties to."""
    agency_id, name = identity.agency_id(key), identity.display_name(key)
    texts: dict[str, tuple[int, int]] = {}  # every duty handed so far -> its span
    versions: list[Version] = []
    for day in sorted({item.published_on for item in items}):
        today = sorted((i for i in items if i.published_on == day), key=lambda i: i.order)
        for item in today:
            texts.setdefault(item.text, item.span)
        duties = [Duty(ordinal=n, text=t, span=span) for n, (t, span) in enumerate(texts.items(), 1)]
        record = AgencyRecord(agency=name, duties=duties)
        notice = today[0].notice
        snapshot_id = short_hash("implied", key, day.isoformat())
        record_json = record.model_dump_json()
        versions.append(
            Version(snapshot_id, notice.notice_id, day, record_json, derived=True, _record=record,
                    partial=True, notice=notice)
        )  # fmt: skip
        pending.inserts["snapshots"].append(
            {
                "snapshot_id": snapshot_id, "agency_id": agency_id, "notice_id": notice.notice_id,
                "record": record_json, "record_hash": hashlib.sha256(record_json.encode()).hexdigest(),
                "derived": True, "partial": True, "implied": True, "amendment": False,
                "warnings": [f"partial: no notice describes {name}; this version holds only the duties "
                             "other agencies' notices hand it"],
                "agency_key": key, "alias_keys": [], "display_name": name, "seq": 0, "names": [],
            }
        )  # fmt: skip
        pending.inserts["duties"].extend(duty_rows(snapshot_id, record))
    for i, version in enumerate(versions):
        before = versions[i - 1] if i else None
        valid_to = versions[i + 1].published_on if i + 1 < len(versions) else None
        pending.validity.append(
            {"snapshot_id": version.snapshot_id, "valid_from": version.published_on, "valid_to": valid_to}
        )
        old = before.record if before else _nothing(version.record)
        for seq, change in enumerate(differ(old, version.record)):
            pending.inserts["changes"].append(
                change_row(change, agency_id=agency_id, before=before, version=version, seq=seq)
            )
    pending.inserts["agencies"].append(
        {"agency_id": agency_id, "name": name, "aliases": [], "region": key.split("|", 1)[0]}
    )
    pending.inserts["agency_names"].append({"name_key": key, "agency_id": agency_id, "via": "implied"})


def _dependents(con: duckdb.DuckDBPyConnection, agency_ids: set[str]) -> set[str]:
    """Agencies with an amendment that names one of `agency_ids` as counterpart: their derived
    versions read the counterpart's versions, so they are recomputed with it."""
    if not agency_ids:
        return set()
    rows = con.execute(
        """
        select distinct s.agency_id
        from amendment_records s, unnest(s.counterpart_keys) as k(name_key)
        join agency_names n on n.name_key = k.name_key
        where n.agency_id in (select unnest(?::varchar[]))
        """,
        [sorted(agency_ids)],
    ).fetchall()
    return {r[0] for r in rows if r[0] is not None}


# ---------------------------------------------------------------------------------------------
# One agency's history


def recompute_agency(
    con: duckdb.DuckDBPyConnection,
    agency_id: str,
    stored: list[Stored],
    existing: list[tuple[str, str, str, str]],
    *,
    differ: Differ,
    applier: Applier | None,
    pending: Pending,
) -> None:
    """Rebuild validity ranges, derived versions, changes and the agency row of one agency, from its
    stored (non-derived) snapshots in version order and the keys of its stored changes.

    Changes between two full versions are a pure function of the pair, so the rows of a pair that
    is still consecutive are kept; only new pairs are diffed (a long history stays cheap to extend).
    """
    pending.deletes[("agencies", "agency_id")].append(agency_id)
    if not stored:
        pending.deletes[("changes", "change_id")].extend(row[0] for row in existing)
        return
    region = min(r.agency_key for r in stored).split("|", 1)[0]
    name = _current_name(stored)
    versions, closures = _versions(con, agency_id, stored, applier=applier, name=name, pending=pending)
    in_force = {v.snapshot_id for v in versions}
    pending.superseded |= {r.snapshot_id: r.published_on for r in stored if _moves_out(r, in_force)}
    pending.restored |= {
        r.snapshot_id: r.published_on for r in stored if r.superseded and r.snapshot_id in in_force
    }
    pending.validity.extend(_validity(stored, versions, closures))
    _changes(agency_id, versions, existing, differ=differ, pending=pending)
    pending.inserts["agencies"].append(_agency_row(agency_id, stored, name=name, region=region))


def _moves_out(row: Stored, in_force: set[str]) -> bool:
    return not row.amendment and not row.superseded and row.snapshot_id not in in_force


def _current_name(stored: list[Stored]) -> str:
    """The agency's name: that of its latest full version (an amendment only if there is none)."""
    full = [r for r in stored if not r.amendment]
    return (full or stored)[-1].display_name


def _drop_derived(con: duckdb.DuckDBPyConnection, agency_ids: set[str]) -> None:
    derived = [
        r[0]
        for r in con.execute(
            "SELECT snapshot_id FROM snapshots WHERE derived AND agency_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(agency_ids)],
        ).fetchall()
    ]
    for table in ("duties", "staffing", "snapshots"):
        bulk.delete_in(con, table, "snapshot_id", derived)


def _versions(
    con: duckdb.DuckDBPyConnection,
    agency_id: str,
    stored: list[Stored],
    *,
    applier: Applier | None,
    name: str,
    pending: Pending,
) -> tuple[list[Version], list[dt.date]]:
    """The version chain, and the dates the agency was abolished (不再保留).

    Full records are versions in date order. For an amendment record, the version is derived from the
    latest version before it with its effects applied (re-derived on every recompute, so a backfilled
    base changes it); without the amendment engine, the amendment stays out of the chain."""
    versions: list[Version] = []
    closures: list[dt.date] = []
    rows: dict[str, dict[str, Any]] = {}  # derived id -> its snapshots row
    for row in stored:
        if not row.amendment:
            versions.append(
                Version(
                    row.snapshot_id,
                    row.notice_id,
                    row.published_on,
                    row.record_json,
                    _record=row.parsed,
                    notice=row.notice,
                )
            )
            continue
        if applier is None:
            continue
        record = row.record
        base = versions[-1] if versions else None
        counterparts = _counterparts(con, record, day=row.published_on, notice=row.notice)
        outcome = applier(base.record if base else None, record, agency=name, counterparts=counterparts)
        if outcome.abolished:
            if row.published_on is not None:
                closures.append(row.published_on)
            continue
        derived_id = short_hash("derived", row.snapshot_id, base.snapshot_id if base else "")
        amended = outcome.record
        amended_json = amended.model_dump_json()
        versions.append(
            Version(
                derived_id,
                row.notice_id,
                row.published_on,
                amended_json,
                derived=True,
                _record=amended,
                partial=bool(outcome.partial),
                base_snapshot=base.snapshot_id if base else None,
                notice=row.notice,
            )
        )
        rows[derived_id] = {
            "snapshot_id": derived_id,
            "agency_id": agency_id,
            "notice_id": row.notice_id,
            "record": amended_json,
            "record_hash": hashlib.sha256(amended_json.encode("utf-8")).hexdigest(),
            "derived": True,
            "partial": bool(outcome.partial),
            "warnings": list(outcome.warnings),
            "base_snapshot": base.snapshot_id if base else None,
            "amendment": False,
            "agency_key": row.agency_key,
            "alias_keys": [],
            "display_name": row.display_name,
            "seq": row.seq,
            "names": [],
        }
    versions = _in_force(_one_per_day(versions, rows), closures)
    for version in versions:
        if version.derived:
            pending.inserts["snapshots"].append(rows[version.snapshot_id])
            pending.inserts["duties"].extend(duty_rows(version.snapshot_id, version.record))
            pending.inserts["staffing"].extend(staffing_rows(version.snapshot_id, version.record))
    return versions, closures


def _in_force(versions: list[Version], closures: list[dt.date]) -> list[Version]:
    """The versions that were in force: not one followed by another version of its date (a second
    regulation of the day, or an amendment applied on top of it, stands for the day), nor one of the
    date its agency was abolished. A stated record left out moves to `superseded_records`."""
    kept: list[Version] = []
    for i, version in enumerate(versions):
        following = versions[i + 1] if i + 1 < len(versions) else None
        day = version.published_on
        if day is not None and (day in closures or (following is not None and following.published_on == day)):
            continue
        kept.append(version)
    return kept


def _one_per_day(versions: list[Version], rows: dict[str, dict[str, Any]]) -> list[Version]:
    """A derived version followed by another of the same date was never in force (its range would be
    empty): the later one, which applied its effects on top, stands for both, and is based on the
    version before them. Full versions stay as stated."""
    kept: list[Version] = []
    for i, version in enumerate(versions):
        following = versions[i + 1] if i + 1 < len(versions) else None
        if version.derived and following is not None and following.published_on == version.published_on:
            if following.derived:
                following.base_snapshot = version.base_snapshot
                following.partial = version.partial
                rows[following.snapshot_id] |= {
                    "base_snapshot": version.base_snapshot,
                    "partial": version.partial,
                    "warnings": rows[version.snapshot_id]["warnings"]
                    + rows[following.snapshot_id]["warnings"],
                }
            continue
        kept.append(version)
    return kept


def _counterparts(
    con: duckdb.DuckDBPyConnection, record: AgencyRecord, *, day: dt.date | None, notice: Notice
) -> dict[str, AgencyRecord]:
    """The other agencies an amendment names, each as its latest full version before `day`."""
    found: dict[str, AgencyRecord] = {}
    for name in sorted({e.counterpart for e in record.effects if e.counterpart}):
        other = lookup(con, identity.key_in(name, notice).key)
        if other is None:
            continue
        row = con.execute(
            "SELECT s.record FROM snapshots s JOIN notices n USING (notice_id) "
            "WHERE s.agency_id = ? AND NOT s.derived AND NOT s.amendment "
            "  AND (?::DATE IS NULL OR n.published_on < ?::DATE) "
            "ORDER BY n.published_on DESC NULLS LAST, s.notice_id DESC, s.seq DESC LIMIT 1",
            [other, day, day],
        ).fetchone()
        if row:
            found[name] = AgencyRecord.model_validate_json(row[0])
    return found


def _validity(stored: list[Stored], versions: list[Version], closures: list[dt.date]) -> list[dict[str, Any]]:
    """SCD-2: valid_from = published_on; valid_to = the next version's valid_from, or the date the
    agency was abolished, whichever comes first (NULL = current). Amendment records are no versions
    (they live in `amendment_records`), so every range here is a version's and none is empty."""
    updates: list[dict[str, Any]] = []
    for i, version in enumerate(versions):
        ends = [versions[i + 1].published_on] if i + 1 < len(versions) else []
        if version.published_on is not None:
            ends += [d for d in closures if d >= version.published_on]
        valid_to = min((d for d in ends if d is not None), default=None)
        updates.append(
            {"snapshot_id": version.snapshot_id, "valid_from": version.published_on, "valid_to": valid_to}
        )
    return updates


def _changes(
    agency_id: str,
    versions: list[Version],
    existing: list[tuple[str, str, str, str]],
    *,
    differ: Differ,
    pending: Pending,
) -> None:
    """Diff each consecutive pair of versions, keeping the stored rows of pairs of full versions
    that are still consecutive (the same pair always gives the same changes)."""
    derived = {v.snapshot_id for v in versions if v.derived}
    stored_pairs = {(old, new) for _, old, new, kind in existing if kind != "transferred"}
    keep: set[tuple[str, str]] = set()
    for i, version in enumerate(versions):
        before = versions[i - 1] if i else None
        pair = (before.snapshot_id if before else "", version.snapshot_id)
        if pair in stored_pairs and not (set(pair) & derived):
            keep.add(pair)
            continue
        # A partial version is all that is known of a body an amendment names first (a receiver never
        # seen before): what it holds arrived with that amendment, so it is diffed from nothing, and
        # the duties it receives are events that pair with the giver's.
        old = before.record if before else (_nothing(version.record) if version.partial else None)
        for seq, change in enumerate(differ(old, version.record)):
            pending.inserts["changes"].append(
                change_row(change, agency_id=agency_id, before=before, version=version, seq=seq)
            )
    pending.deletes[("changes", "change_id")].extend(
        change_id for change_id, old, new, _ in existing if (old, new) not in keep
    )


def _nothing(record: AgencyRecord) -> AgencyRecord:
    return AgencyRecord(agency=record.agency, aliases=record.aliases)


def change_row(
    change: Change, *, agency_id: str, before: Version | None, version: Version, seq: int
) -> dict[str, Any]:
    """One `changes` row; the counterpart an event names is kept by name key (resolved later), read
    in the context of the version's notice: 县市场监管局 in 金寨县's notice is 金寨县's, not the
    province's, so two counties' bodies of one name stay apart."""
    counterpart = change.detail.get("counterpart")
    from_snapshot = before.snapshot_id if before else None
    return {
        "change_id": short_hash("change", from_snapshot or "", version.snapshot_id, str(seq)),
        "agency_id": agency_id,
        "from_snapshot": from_snapshot,
        "to_snapshot": version.snapshot_id,
        "change_type": change.change_type,
        "section": change.section,
        "unit_name": change.unit_name,
        "old_text": change.old_text,
        "new_text": change.new_text,
        "similarity": change.similarity,
        "notice_id": version.notice_id,
        "detail": json.dumps(change.model_dump(mode="json")["detail"], ensure_ascii=False, sort_keys=True),
        "old_span_start": change.old_span[0] if change.old_span else None,
        "old_span_end": change.old_span[1] if change.old_span else None,
        "new_span_start": change.new_span[0] if change.new_span else None,
        "new_span_end": change.new_span[1] if change.new_span else None,
        "counterpart_key": identity.key_in(counterpart, version.notice).key
        if isinstance(counterpart, str) and counterpart and version.notice is not None
        else None,
        "counterpart_agency_id": None,
        "counterpart_snapshot": None,
        "published_on": version.published_on,
        "seq": seq,
    }


def _agency_row(agency_id: str, stored: list[Stored], *, name: str, region: str) -> dict[str, Any]:
    """The agency row: named after its latest version; every other name it went by is an alias."""
    aliases: set[str] = set()
    for row in stored:
        if row.names is None:
            record = row.record
            aliases.update([record.agency, *record.aliases])
        else:
            aliases.update(row.names)
        aliases.update([row.display_name, identity.display_name(row.agency_key)])
        aliases.update(identity.display_name(k) for k in row.alias_keys or [])
    aliases.discard(name)
    return {"agency_id": agency_id, "name": name, "aliases": sorted(aliases), "region": region}
