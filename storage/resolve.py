"""Agency identity across snapshots: which records describe the same agency.

Records are linked by their name keys (storage.identity): a record's own name and its aliases
(加挂牌子, 对外称) join one group, except a sign that records of two groups carry, which joins neither
(`shared_names` lists its carriers); the group's id is a hash of its smallest primary key, so it
does not depend on the order in which notices arrived. `agency_names` maps every key to its agency, and
says whether the key is one of its own names or only a sign (`via`). Amendment records
(`amendment_records`) and stated records never in force (`superseded_records`) take part like versions: their names are names the agency went by.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import duckdb

from storage import bulk, identity

# The records that name agencies: versions as stated (not derived), amendment records, and stated
# records never in force; `tbl` says where each is kept.
_RECORDS = """
    select snapshot_id, agency_id, agency_key, alias_keys, 'snapshots' as tbl from snapshots where not derived
    union all
    select record_id, agency_id, agency_key, alias_keys, 'amendment_records' from amendment_records
    union all
    select snapshot_id, agency_id, agency_key, alias_keys, 'superseded_records' from superseded_records
"""


def resolve_agencies(con: duckdb.DuckDBPyConnection, *, touched: set[str]) -> tuple[set[str], set[str]]:
    """Group snapshots into agencies (names linked by aliases), fix their agency_id, and keep
    `agency_names` in step. Returns the agencies whose membership changed or that were touched,
    and the name keys whose agency changed.

    Only the groups the touched snapshots can join are read: the touched snapshots, and every
    snapshot of an agency that already answers to one of their names. Stored groups are closed under
    the alias relation, so grouping that part alone gives what grouping everything would."""
    linked = _linked_agencies(con, touched)
    rows = con.execute(
        f"SELECT snapshot_id, agency_id, agency_key, alias_keys, tbl FROM ({_RECORDS}) "
        "WHERE snapshot_id IN (SELECT unnest($1::VARCHAR[])) OR agency_id IN (SELECT unnest($2::VARCHAR[]))",
        [sorted(touched), sorted(linked)],
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

    for _, _, key, _, _ in rows:
        find(key)
    shared = _join_by_aliases(rows, find, union)
    primary: dict[str, str] = {}  # component root -> smallest primary key
    for _, _, key, _, _ in rows:
        root = find(key)
        primary[root] = min(primary.get(root, key), key)
    ids = {root: identity.agency_id(key) for root, key in primary.items()}

    affected: set[str] = set()
    moves: dict[str, list[dict[str, Any]]] = defaultdict(list)  # table -> rows
    for snapshot_id, stored, key, _, table in rows:
        new = ids[find(key)]
        if stored != new:
            column = "record_id" if table == "amendment_records" else "snapshot_id"
            moves[table].append({column: snapshot_id, "agency_id": new})
            affected.add(new)
            if stored is not None:
                affected.add(stored)
        elif snapshot_id in touched:
            affected.add(new)
    for table, changed in sorted(moves.items()):
        bulk.update(con, table, "record_id" if table == "amendment_records" else "snapshot_id", changed)
    own = {key for _, _, key, _, _ in rows}
    wanted = {key: (ids[find(key)], "name" if key in own else "alias") for key in parent if find(key) in ids}
    carriers = {key: sorted({ids[root] for root in roots}) for key, roots in shared.items()}
    regrouped = linked | set(ids.values())
    changed_keys = _sync_names(con, wanted, agencies=regrouped)
    changed_keys |= _sync_shared(con, carriers, agencies=regrouped)
    return affected, changed_keys


def _join_by_aliases(
    rows: list[tuple[Any, ...]], find: Callable[[str], str], union: Callable[[str, str], None]
) -> dict[str, set[str]]:
    """Join each record's group to the keys of its aliases, except an alias that records of two
    groups carry (a sign that moved from one body to another, one short name of two bodies): that
    one joins nothing. Repeated until nothing joins, as a join may make two carriers one group.
    Returns each shared alias key with the groups (roots) that carry it."""
    carried: dict[str, set[str]] = defaultdict(set)  # alias key -> own keys of its carriers
    for _, _, key, aliases, _ in rows:
        for alias in aliases or []:
            carried[alias].add(key)
    own = {key for _, _, key, _, _ in rows}
    while True:
        joined = False
        for alias, keys in sorted(carried.items()):
            groups = {find(k) for k in keys}
            if len(groups) == 1 and find(alias) not in groups:
                union(alias, next(iter(keys)))
                joined = True
        if not joined:
            break
    return {
        alias: groups
        for alias, keys in sorted(carried.items())
        if len(groups := {find(k) for k in keys}) > 1 and alias not in own
    }


def _linked_agencies(con: duckdb.DuckDBPyConnection, touched: set[str]) -> set[str]:
    """Agencies the touched snapshots belong to, or whose names they use (own name or alias)."""
    rows = con.execute(
        f"""
        with t as (
            select agency_id, agency_key, alias_keys from ({_RECORDS})
            where snapshot_id in (select unnest(?::varchar[]))
        ), keys as (
            select agency_key as name_key from t
            union select unnest(alias_keys) from t
        )
        select agency_id from t where agency_id is not null
        union select n.agency_id from agency_names n join keys using (name_key)
        union select n.agency_id from shared_names n join keys using (name_key)
        """,
        [sorted(touched)],
    ).fetchall()
    return {r[0] for r in rows}


def _sync_names(
    con: duckdb.DuckDBPyConnection, wanted: dict[str, tuple[str, str]], *, agencies: set[str]
) -> set[str]:
    """Make `agency_names` map the keys of the regrouped agencies as `wanted` says ((agency, via) per
    key; the rows of other agencies are untouched: their groups did not change). Returns the keys
    whose agency changed."""
    stored = {
        key: (agency, via)
        for key, agency, via in con.execute(
            "SELECT name_key, agency_id, via FROM agency_names "
            "WHERE name_key IN (SELECT unnest(?::VARCHAR[])) OR agency_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(wanted), sorted(agencies)],
        ).fetchall()
    }
    stale = [k for k, v in stored.items() if wanted.get(k) != v]
    fresh = [
        {"name_key": k, "agency_id": agency, "via": via}
        for k, (agency, via) in sorted(wanted.items())
        if stored.get(k) != (agency, via)
    ]
    bulk.delete_in(con, "agency_names", "name_key", stale)
    bulk.insert(con, "agency_names", fresh)
    moved = {k for k in stale if k not in wanted or wanted[k][0] != stored[k][0]}
    return moved | {
        row["name_key"] for row in fresh if stored.get(row["name_key"], ("",))[0] != row["agency_id"]
    }


def lookup(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The agency a name key (storage.identity.key_in) resolves to, if any is stored."""
    row = con.execute("SELECT agency_id FROM agency_names WHERE name_key = ?", [key]).fetchone()
    return row[0] if row else None


def _sync_shared(
    con: duckdb.DuckDBPyConnection, carriers: dict[str, list[str]], *, agencies: set[str]
) -> set[str]:
    """Make `shared_names` hold, for the regrouped agencies, the aliases two or more of them carry
    (`carriers`: key -> agencies). Returns the keys whose carriers changed."""
    stored: dict[str, list[str]] = defaultdict(list)
    for key, agency in con.execute(
        "SELECT name_key, agency_id FROM shared_names "
        "WHERE name_key IN (SELECT unnest(?::VARCHAR[])) OR agency_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY 1, 2",
        [sorted(carriers), sorted(agencies)],
    ).fetchall():
        stored[key].append(agency)
    changed = {k for k in set(stored) | set(carriers) if stored.get(k) != carriers.get(k)}
    bulk.delete_in(con, "shared_names", "name_key", sorted(changed))
    bulk.insert(
        con,
        "shared_names",
        [{"name_key": k, "agency_id": a} for k in sorted(changed) for a in carriers.get(k, [])],
    )
    return changed
