"""Set-based writes through Arrow: one statement per table instead of one per row."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

_counter = itertools.count()


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (dicts keyed by column name) into `table` (a fixed name from this package)."""
    if not rows:
        return
    name = f"_bulk_{next(_counter)}"
    con.register(name, pa.Table.from_pylist(list(rows)))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        con.unregister(name)


def update(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE `table` from rows that each carry `key` and the columns to set."""
    if not rows:
        return
    name = f"_bulk_{next(_counter)}"
    columns = [c for c in rows[0] if c != key]
    assignments = ", ".join(f"{c} = {name}.{c}" for c in columns)
    con.register(name, pa.Table.from_pylist(list(rows)))
    try:
        con.execute(f"UPDATE {table} SET {assignments} FROM {name} WHERE {table}.{key} = {name}.{key}")
    finally:
        con.unregister(name)


def delete_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    """DELETE the rows of `table` whose `column` is one of `values` (bound as one list)."""
    if values:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(values)])
