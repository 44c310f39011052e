"""Storage fixtures: a fresh in-memory history, a file path, and a table dump to compare states."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import storage

# Every table whose content must not depend on ingestion order (ingested_at, raw bytes and write
# stamps excepted).
DUMPED = {
    "notices": "notice_id, title, doc_number, issuer, published_on, source, status, reason, kind, text, quality",
    "agencies": "*",
    "agency_names": "*",
    "shared_names": "*",
    "snapshots": "*",
    "duties": "*",
    "staffing": "*",
    "changes": "*",
    "agency_lineage": "*",
    "amendment_records": "*",
    "superseded_records": "*",
    "lineage_claims": "*",
    "name_forms": "*",
    "agency_identity": "*",
}

# The tables with a write stamp (`written`: when, not what, so not compared).
STAMPED = {"snapshots", "duties", "superseded_records"}


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """The tables' rows, in an order of their own; every key unique (storage.keys), as asserted here
    wherever a test compares histories, and (from migration 066) every item stamped as its version."""
    assert storage.duplicate_keys(con) == {}
    stamped = bool(
        con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'duties' AND column_name = 'written'"
        ).fetchone()[0]
    )
    if stamped:
        assert storage.stamp_mismatches(con) == 0
    return {
        table: sorted(
            con.execute(
                f"SELECT {columns}{' EXCLUDE (written)' if stamped and table in STAMPED else ''} FROM {table}"
            ).fetchall(),
            key=repr,
        )
        for table, columns in DUMPED.items()
    }


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = storage.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.duckdb"
