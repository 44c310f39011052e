"""The key each table of the history keeps by construction, not by an index.

Migration 064 dropped the primary keys of the tables a write grows (DuckDB holds an ART index in
memory once a write touches it and rewrites it at every checkpoint). Their ids are hashes of what
they stand for, and every write deletes an id before inserting it, so each key stays unique;
`duplicate_keys` is how a test, or an analyst, checks that it did.

Likewise a version and its items carry the same write stamp (`written`, migration 066), which
`duties_as_of` joins on; `stamp_mismatches` counts the items whose version's stamp differs.
"""

from __future__ import annotations

import duckdb

KEYS: dict[str, tuple[str, ...]] = {
    "notices": ("notice_id",),
    "notice_sources": ("notice_id", "source"),
    "snapshots": ("snapshot_id",),
    "changes": ("change_id",),
    "agencies": ("agency_id",),
    "agency_names": ("name_key",),
    "name_forms": ("name", "context"),
    "source_state": ("location",),
}


def duplicate_keys(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The tables whose key repeats, each with how many of its key values do (empty: all hold)."""
    found: dict[str, int] = {}
    for table, key in KEYS.items():
        columns = ", ".join(key)
        row = con.execute(
            f"SELECT count(*) FROM (SELECT {columns} FROM {table} GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        if row and row[0]:
            found[table] = int(row[0])
    return found


def stamp_mismatches(con: duckdb.DuckDBPyConnection) -> int:
    """How many rows of `duties` carry another write stamp than their version (none should)."""
    row = con.execute(
        """
        select count(*) from duties d
        join (select snapshot_id, written from snapshots
              union all select snapshot_id, written from superseded_records) v using (snapshot_id)
        where d.written is distinct from v.written
        """
    ).fetchone()
    return int(row[0]) if row else 0
