"""Migrations: the contract's relations exist, old databases upgrade in place, a failed step rolls back."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

import storage
from storage import migrate
from yange import errors as storage_errors
from yange.errors import StorageError

# CONTRACT §3: relation -> the columns it must have at least.
CONTRACT = {
    "notices": "notice_id title doc_number issuer published_on source ingested_at status reason",
    "agencies": "agency_id name aliases",
    "snapshots": "snapshot_id agency_id notice_id valid_from valid_to",
    "duties": "snapshot_id section ordinal unit_name kind text",
    "staffing": "snapshot_id category count",
    "changes": "change_id agency_id from_snapshot to_snapshot change_type old_text new_text similarity notice_id",
    "agency_lineage": "predecessor_id successor_id relation effective_date source",
}
AS_OF = "agency_id agency snapshot_id section ordinal unit_name kind text"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def columns(con: duckdb.DuckDBPyConnection, relation: str) -> set[str]:
    return {d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description or []}


@pytest.mark.parametrize("relation", sorted(CONTRACT))
def test_contract_relation_exists_with_its_columns(con: duckdb.DuckDBPyConnection, relation: str) -> None:
    assert set(CONTRACT[relation].split()) <= columns(con, relation)


def test_duties_as_of_macro_has_its_columns(con: duckdb.DuckDBPyConnection) -> None:
    assert set(AS_OF.split()) <= columns(con, "duties_as_of(DATE '2020-01-01')")


@pytest.mark.parametrize("relation", [*sorted(CONTRACT), "duties_as_of"])
def test_relation_is_documented(relation: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"### `{relation}" in text
    if relation in CONTRACT:
        section = text.split(f"### `{relation}", 1)[1].split("\n### ", 1)[0]
        missing = [c for c in CONTRACT[relation].split() if f"`{c}`" not in section]
        assert not missing, f"{relation}: columns not documented: {missing}"


def test_every_migration_is_recorded(con: duckdb.DuckDBPyConnection) -> None:
    assert migrate.applied(con) == [m.version for m in migrate.available()]
    assert migrate.migrate(con) == []  # nothing left to do


@pytest.mark.parametrize("version", [1, 4])
def test_older_database_is_upgraded_in_place(db_path: Path, version: int) -> None:
    old = duckdb.connect(str(db_path))
    migrate.migrate(old, upto=version)
    old.execute("INSERT INTO notices (notice_id, status, reason) VALUES ('n1', 'rejected', 'empty')")
    old.execute(
        "INSERT INTO snapshots (snapshot_id, agency_id, notice_id, record, record_hash, agency_key, alias_keys,"
        " display_name, seq) VALUES ('s1', 'a1', 'n1', '{}', 'h', '福建|商务厅', [], '福建省商务厅', 0)"
    )
    old.close()
    with pytest.raises(StorageError, match="open it once read-write"):
        storage.connect(db_path, read_only=True)
    con = storage.connect(db_path)
    assert migrate.applied(con) == [m.version for m in migrate.available()]
    assert con.execute("SELECT reason FROM notices").fetchall() == [("empty",)]
    assert con.execute("SELECT snapshot_id FROM snapshots WHERE agency_id = 'a1'").fetchall() == [("s1",)]
    assert con.execute("SELECT count(*) FROM duties_as_of(DATE '2020-01-01')").fetchone() == (0,)
    con.close()


def test_failed_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sql_dir = tmp_path / "sql"
    sql_dir.mkdir()
    shutil.copy(migrate.SQL_DIR / "001_tables.sql", sql_dir)
    (sql_dir / "002_broken.sql").write_text("create table half_done (a int);\nselect * from no_such_table;\n")
    monkeypatch.setattr(migrate, "SQL_DIR", sql_dir)
    con = duckdb.connect(str(tmp_path / "h.duckdb"))
    with pytest.raises(StorageError, match="no_such_table"):
        migrate.migrate(con)
    assert migrate.applied(con) == [1]
    assert con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"
    ).fetchone() == (0,)
    con.close()


def test_misnamed_or_duplicate_migrations_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "SQL_DIR", tmp_path)
    (tmp_path / "001_a.sql").write_text("select 1;")
    (tmp_path / "001_b.sql").write_text("select 1;")
    with pytest.raises(StorageError, match="defined twice"):
        migrate.available()
    (tmp_path / "001_b.sql").rename(tmp_path / "two.sql")
    with pytest.raises(StorageError, match="NNN_name.sql"):
        migrate.available()


def test_a_file_that_is_not_a_database_is_a_storage_error(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a DuckDB file" * 100)
    with pytest.raises(StorageError) as caught:
        storage.connect(db_path)
    assert not isinstance(caught.value, storage_errors.StorageTransientError)


def test_amendment_records_leave_snapshots_on_upgrade(db_path: Path) -> None:
    """Migration 14: an amendment record stored as an empty-range snapshot moves to amendment_records,
    and its lineage claim keeps both ends."""
    old = duckdb.connect(str(db_path))
    migrate.migrate(old, upto=8)
    old.execute(
        "INSERT INTO notices (notice_id, title, published_on, status) VALUES ('n1', 't', DATE '2012-07-01', 'parsed')"
    )
    old.execute(
        "INSERT INTO snapshots (snapshot_id, agency_id, notice_id, valid_from, valid_to, record, record_hash,"
        " amendment, counterpart_keys, agency_key, alias_keys, display_name, seq)"
        " VALUES ('s1', 'a1', 'n1', DATE '2012-07-01', DATE '2012-07-01', '{}', 'h', true, [], '福建|商务厅', [],"
        " '福建省商务厅', 0)"
    )
    old.execute("INSERT INTO lineage_claims VALUES ('s1', '福建|物价局', 'abolished_into')")
    migrate.migrate(old)
    assert old.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)
    assert old.execute(
        "SELECT record_id, agency_id, published_on::VARCHAR FROM amendment_records"
    ).fetchall() == [("s1", "a1", "2012-07-01")]
    assert old.execute(
        "SELECT successor_key, notice_id, effective_date::VARCHAR FROM lineage_claims"
    ).fetchall() == [("福建|商务厅", "n1", "2012-07-01")]
    old.close()
