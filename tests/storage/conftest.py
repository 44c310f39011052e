"""Storage fixtures: a fresh in-memory history, a file path, and a table dump to compare states."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import storage

# Every table whose content must not depend on ingestion order (ingested_at and raw bytes excepted).
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


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """The tables' rows, in an order of their own; every key unique (storage.keys), as asserted here
    wherever a test compares histories."""
    assert storage.duplicate_keys(con) == {}
    return {
        table: sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
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
