"""Set-based writes: one statement per table instead of one per row.

The rows go in as one bound list per column, unnested side by side (`SELECT unnest($1::T1[]) AS c1,
unnest($2::T2[]) AS c2, ...`). That costs about twice an Arrow replacement scan, and spares the
ingest pyarrow and the pandas it imports on its first conversion: about 95 MB resident and a
second of start-up, a third of the ingest's memory budget.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

import duckdb

# Column types per connection and table (the schema only changes through migrations, which run
# before any write of a connection).
_types: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, dict[str, dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (dicts keyed by column name) into `table` (a fixed name from this package)."""
    if not rows:
        return
    select, params = _columns(con, table, rows)
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select}", params)


def insert_missing(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]], *, key: Sequence[str]
) -> None:
    """INSERT the rows whose `key` columns are in no row of `table` yet, nor in an earlier row of
    `rows`: what INSERT OR IGNORE does on a primary key, for a table that keeps its key by
    construction (migration 064: the history's tables have no primary keys)."""
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        first.setdefault(tuple(row[c] for c in key), row)
    if not first:
        return
    select, params = _columns(con, table, list(first.values()))
    known = " AND ".join(f"t.{c} = bulk_rows.{c}" for c in key)
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT * FROM (SELECT {select}) AS bulk_rows "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {known})",
        params,
    )


def update(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE `table` from rows that each carry `key` and the columns to set."""
    if not rows:
        return
    select, params = _columns(con, table, rows)
    assignments = ", ".join(f"{c} = bulk_rows.{c}" for c in rows[0] if c != key)
    con.execute(
        f"UPDATE {table} SET {assignments} FROM (SELECT {select}) AS bulk_rows "
        f"WHERE {table}.{key} = bulk_rows.{key}",
        params,
    )


def delete_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    """DELETE the rows of `table` whose `column` is one of `values` (bound as one list)."""
    if values:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(values)])


def _columns(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]
) -> tuple[str, list[list[Any]]]:
    """The SELECT list that unnests one bound list per column, and those lists."""
    types = _table_types(con, table)
    names = list(dict.fromkeys(name for row in rows for name in row))
    select = ", ".join(f'unnest(${i}::{types[name]}[]) AS "{name}"' for i, name in enumerate(names, start=1))
    return select, [[row.get(name) for row in rows] for name in names]


def _table_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    known = _types.setdefault(con, {})
    if table not in known:
        known[table] = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position",
                [table],
            ).fetchall()
        )
    return known[table]
