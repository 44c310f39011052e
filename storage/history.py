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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from models import AgencyRecord, Change
from storage import bulk, identity
from storage.rows import duty_rows, staffing_rows

Differ = Callable[[AgencyRecord | None, AgencyRecord], list[Change]]
# apply_effects(base, amendment_record, agency=name) -> the amended record (yange.amend.apply).
Applier = Callable[..., AgencyRecord]


def default_differ() -> Differ:
    from yange.diff import diff_snapshots

    return diff_snapshots


def default_applier() -> Applier | None:
    """The amendment engine, when it is installed; without it amendments stay partial records."""
    try:
        from yange.amend.apply import apply_effects
    except ImportError:
        return None
    return apply_effects


def short_hash(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Version:
    snapshot_id: str
    notice_id: str
    published_on: dt.date | None
    record: AgencyRecord
    derived: bool = False


def refresh(
    con: duckdb.DuckDBPyConnection,
    *,
    touched: Iterable[str],
    differ: Differ,
    applier: Applier | None,
) -> set[str]:
    """Re-resolve identities and recompute every agency whose snapshots changed; returns their ids."""
    affected = resolve_agencies(con, touched=set(touched))
    for agency_id in sorted(affected):
        recompute_agency(con, agency_id, differ=differ, applier=applier)
    return affected


# ---------------------------------------------------------------------------------------------
# Identity


def resolve_agencies(con: duckdb.DuckDBPyConnection, *, touched: set[str]) -> set[str]:
    """Group snapshots into agencies (names linked by aliases), fix their agency_id, and keep
    `agency_names` in step. Returns the agencies whose membership changed or that were touched."""
    rows = con.execute(
        "SELECT snapshot_id, agency_id, agency_key, alias_keys FROM snapshots WHERE NOT derived"
    ).fetchall()
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for _, _, key, aliases in rows:
        find(key)
        for alias in aliases or []:
            union(key, alias)
    primary: dict[str, str] = {}  # component root -> smallest primary key
    for _, _, key, _ in rows:
        root = find(key)
        primary[root] = min(primary.get(root, key), key)
    ids = {root: identity.agency_id(key) for root, key in primary.items()}

    affected: set[str] = set()
    moves: list[dict[str, Any]] = []
    for snapshot_id, stored, key, _ in rows:
        new = ids[find(key)]
        if stored != new:
            moves.append({"snapshot_id": snapshot_id, "agency_id": new})
            affected.add(new)
            if stored is not None:
                affected.add(stored)
        elif snapshot_id in touched:
            affected.add(new)
    bulk.update(con, "snapshots", "snapshot_id", moves)
    _sync_names(con, {key: ids[find(key)] for key in parent if find(key) in ids})
    return affected


def _sync_names(con: duckdb.DuckDBPyConnection, wanted: dict[str, str]) -> None:
    stored = dict(con.execute("SELECT name_key, agency_id FROM agency_names").fetchall())
    stale = [k for k, v in stored.items() if wanted.get(k) != v]
    bulk.delete_in(con, "agency_names", "name_key", stale)
    bulk.insert(
        con,
        "agency_names",
        [{"name_key": k, "agency_id": v} for k, v in sorted(wanted.items()) if stored.get(k) != v],
    )


def lookup(con: duckdb.DuckDBPyConnection, name: str, *, region: str) -> str | None:
    """The agency a name (as written in a notice of `region`) resolves to, if any is stored."""
    row = con.execute(
        "SELECT agency_id FROM agency_names WHERE name_key = ?", [identity.name_key(name, notice_region=region)]
    ).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------------------------------------
# One agency's history


def recompute_agency(
    con: duckdb.DuckDBPyConnection, agency_id: str, *, differ: Differ, applier: Applier | None
) -> None:
    """Rebuild validity ranges, derived versions, changes and the agency row of one agency."""
    _drop_derived(con, agency_id)
    con.execute("DELETE FROM changes WHERE agency_id = ?", [agency_id])
    rows = con.execute(
        "SELECT s.snapshot_id, s.notice_id, n.published_on, s.record, s.partial, s.display_name,"
        "       s.agency_key, s.alias_keys, s.seq "
        "FROM snapshots s JOIN notices n USING (notice_id) "
        "WHERE s.agency_id = ? AND NOT s.derived",
        [agency_id],
    ).fetchall()
    if not rows:
        con.execute("DELETE FROM agencies WHERE agency_id = ?", [agency_id])
        return
    rows.sort(key=lambda r: (r[2] or dt.date.min, r[1], r[8], r[0]))
    region = min(r[6] for r in rows).split("|", 1)[0]
    versions = _versions(con, agency_id, rows, applier=applier)
    _set_validity(con, rows, versions)
    _write_changes(con, agency_id, versions, differ=differ, region=region)
    _write_agency(con, agency_id, rows, versions, region=region)


def _drop_derived(con: duckdb.DuckDBPyConnection, agency_id: str) -> None:
    derived = [
        r[0]
        for r in con.execute(
            "SELECT snapshot_id FROM snapshots WHERE agency_id = ? AND derived", [agency_id]
        ).fetchall()
    ]
    for table in ("duties", "staffing", "snapshots"):
        bulk.delete_in(con, table, "snapshot_id", derived)


def _versions(
    con: duckdb.DuckDBPyConnection, agency_id: str, rows: list[tuple[Any, ...]], *, applier: Applier | None
) -> list[Version]:
    """The version chain: full records in date order, and, for each amendment record, the version
    derived from the latest version before it with its effects applied (when the engine exists)."""
    versions: list[Version] = []
    derived_rows: list[dict[str, Any]] = []
    for snapshot_id, notice_id, published_on, record_json, partial, name, *_ in rows:
        record = AgencyRecord.model_validate_json(record_json)
        if not partial:
            versions.append(Version(snapshot_id, notice_id, published_on, record))
            continue
        # Hook for amendment notices: derive a new version from the base in force before it.
        if applier is None or not versions:
            continue
        base = versions[-1]
        amended = applier(base.record, record, agency=name)
        derived_id = short_hash("derived", snapshot_id, base.snapshot_id)
        versions.append(Version(derived_id, notice_id, published_on, amended, derived=True))
        derived_rows.append(
            {
                "snapshot_id": derived_id,
                "agency_id": agency_id,
                "notice_id": notice_id,
                "record": amended.model_dump_json(),
                "record_hash": hashlib.sha256(amended.model_dump_json().encode()).hexdigest(),
                "derived": True,
                "partial": False,
                "base_snapshot": base.snapshot_id,
                "agency_key": rows[0][6],
                "alias_keys": [],
                "display_name": name,
                "seq": 0,
            }
        )
    bulk.insert(con, "snapshots", derived_rows)
    derived_ids = {r["snapshot_id"] for r in derived_rows}
    for version in versions:
        if version.snapshot_id in derived_ids:
            bulk.insert(con, "duties", duty_rows(version.snapshot_id, version.record))
            bulk.insert(con, "staffing", staffing_rows(version.snapshot_id, version.record))
    return versions


def _set_validity(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]], versions: list[Version]) -> None:
    """SCD-2: valid_from = published_on, valid_to = the next version's valid_from (NULL = current).
    An amendment record is never in force itself: its range is empty (valid_to = valid_from)."""
    updates: list[dict[str, Any]] = []
    for i, version in enumerate(versions):
        following = versions[i + 1].published_on if i + 1 < len(versions) else None
        updates.append({"snapshot_id": version.snapshot_id, "valid_from": version.published_on, "valid_to": following})
    in_chain = {v.snapshot_id for v in versions}
    for snapshot_id, _, published_on, _, partial, *_ in rows:
        if partial or snapshot_id not in in_chain:
            updates.append({"snapshot_id": snapshot_id, "valid_from": published_on, "valid_to": published_on})
    bulk.update(con, "snapshots", "snapshot_id", updates)


def _write_changes(
    con: duckdb.DuckDBPyConnection, agency_id: str, versions: list[Version], *, differ: Differ, region: str
) -> None:
    rows: list[dict[str, Any]] = []
    for i, version in enumerate(versions):
        before = versions[i - 1] if i else None
        for seq, change in enumerate(differ(before.record if before else None, version.record)):
            rows.append(
                change_row(
                    con,
                    change,
                    agency_id=agency_id,
                    from_snapshot=before.snapshot_id if before else None,
                    version=version,
                    seq=seq,
                    region=region,
                )
            )
    bulk.insert(con, "changes", rows)


def change_row(
    con: duckdb.DuckDBPyConnection,
    change: Change,
    *,
    agency_id: str,
    from_snapshot: str | None,
    version: Version,
    seq: int,
    region: str,
) -> dict[str, Any]:
    counterpart = change.detail.get("counterpart") if isinstance(change.detail, dict) else None
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
        "counterpart_agency_id": lookup(con, counterpart, region=region) if isinstance(counterpart, str) else None,
        "counterpart_snapshot": None,
        "published_on": version.published_on,
        "seq": seq,
    }


def _write_agency(
    con: duckdb.DuckDBPyConnection,
    agency_id: str,
    rows: list[tuple[Any, ...]],
    versions: list[Version],
    *,
    region: str,
) -> None:
    """The agency row: named after its latest version; every other name it went by is an alias."""
    latest = max(rows, key=lambda r: (r[1] in {v.notice_id for v in versions}, r[2] or dt.date.min, r[1], r[8]))
    name = latest[5]
    aliases: set[str] = set()
    for _, _, _, record_json, _, display, key, alias_keys, _ in rows:
        record = AgencyRecord.model_validate_json(record_json)
        aliases.update([display, record.agency, *record.aliases, identity.display_name(key)])
        aliases.update(identity.display_name(k) for k in alias_keys or [])
    aliases.discard(name)
    con.execute("DELETE FROM agencies WHERE agency_id = ?", [agency_id])
    con.execute(
        "INSERT INTO agencies (agency_id, name, aliases, region) VALUES (?, ?, ?, ?)",
        [agency_id, name, sorted(aliases), region],
    )
