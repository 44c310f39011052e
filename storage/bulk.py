"""Set-based writes through Arrow: one statement per table instead of one per row.

The Arrow table is a local variable that DuckDB finds by name (a replacement scan); registering a
view per call costs far more than the insert itself. pyarrow is imported on the first write, not
with the package: a run that writes nothing (the nightly no-op) is spared most of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (dicts keyed by column name) into `table` (a fixed name from this package)."""
    if not rows:
        return
    bulk_rows = _arrow(rows)  # noqa: F841 - read by DuckDB's replacement scan
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM bulk_rows")


def update(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE `table` from rows that each carry `key` and the columns to set."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    assignments = ", ".join(f"{c} = bulk_rows.{c}" for c in columns)
    bulk_rows = _arrow(rows)  # noqa: F841 - read by DuckDB's replacement scan
    con.execute(f"UPDATE {table} SET {assignments} FROM bulk_rows WHERE {table}.{key} = bulk_rows.{key}")


def delete_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    """DELETE the rows of `table` whose `column` is one of `values` (bound as one list)."""
    if values:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(values)])


def _arrow(rows: Sequence[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(list(rows))
