"""The history's keys hold by construction (storage.keys), migration 064 drops their indexes
without touching a row, migration 065 gives a reader's lookups of one agency back the indexes
that cost the writer nothing measurable, and migration 066 stamps each version and its items alike
so that one agency's duties on a day read only the row groups of its write."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import storage
from flows.engines import default_engines
from storage import migrate, queries
from storage.keys import KEYS
from tests.storage.conftest import dump
from yange.parse import parse_bytes

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _store_seeds(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(GOLDEN.glob("*.txt")):
        raw = path.read_bytes()
        parsed = parse_bytes(raw, source=path.name)
        storage.store_notice(con, parsed=parsed, raw=raw, source=path.name, engines=default_engines())


def test_a_repeated_key_is_reported(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    assert storage.duplicate_keys(con) == {}
    con.execute("INSERT INTO changes SELECT * FROM changes LIMIT 1")
    con.execute("INSERT INTO notice_sources SELECT * FROM notice_sources LIMIT 1")
    assert storage.duplicate_keys(con) == {"changes": 1, "notice_sources": 1}


def test_storing_again_keeps_every_key_once(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    before = dump(con)
    _store_seeds(con)  # the same notices, the same sources
    assert dump(con) == before  # dump asserts every key unique


def test_upgrade_drops_the_indexes_and_keeps_the_rows(tmp_path: Path) -> None:
    old = duckdb.connect(str(tmp_path / "history.duckdb"))
    migrate.migrate(old, upto=63)
    _store_seeds(old)
    before = dump(old)
    assert migrate.migrate(old, upto=64) == [64]
    assert dump(old) == before
    keyed = old.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert not {t for (t,) in keyed} & set(KEYS)
    indexed = old.execute("SELECT DISTINCT table_name FROM duckdb_indexes()").fetchall()
    assert not {t for (t,) in indexed} & set(KEYS)
    old.execute("INSERT INTO notices (notice_id, status) VALUES ('x', 'parsed')")  # defaults kept
    with pytest.raises(duckdb.ConstraintException):  # and the status check
        old.execute("INSERT INTO notices (notice_id, status) VALUES ('y', 'lost')")
    old.close()


def test_one_agencys_lookups_read_an_index(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    indexed = con.execute("SELECT table_name, expressions FROM duckdb_indexes() ORDER BY ALL").fetchall()
    assert [(table, on) for table, on in indexed if table in KEYS] == [
        ("agencies", "[agency_id]"),
        ("changes", "[agency_id]"),
        ("notices", "[notice_id]"),
        ("snapshots", "[agency_id]"),
    ]
    agency_id = con.execute("SELECT agency_id FROM changes LIMIT 1").fetchone()[0]
    plan = queries.agency_events_plan(con, agency_id)
    # changes, agencies and notices each read through their index
    assert plan.count("Type: Index Scan") == 3 and "Sequential Scan" not in plan, plan


def test_a_mismatched_stamp_is_reported(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    assert storage.stamp_mismatches(con) == 0
    snapshot_id = con.execute("SELECT snapshot_id FROM duties LIMIT 1").fetchone()[0]
    con.execute(
        "UPDATE duties SET written = written - INTERVAL 1 DAY WHERE snapshot_id = ? AND position = 0",
        [snapshot_id],
    )
    assert storage.stamp_mismatches(con) == 1


def test_upgrade_stamps_the_stored_rows_alike(tmp_path: Path) -> None:
    old = duckdb.connect(str(tmp_path / "history.duckdb"))
    migrate.migrate(old, upto=65)
    _store_seeds(old)
    before = dump(old)
    day = old.execute("SELECT max(valid_from) FROM snapshots").fetchone()[0]
    in_force = queries.duties_as_of(old, day)
    assert migrate.migrate(old, upto=66) == [66]
    assert dump(old) == before  # dump asserts every item stamped as its version
    assert queries.duties_as_of(old, day) == in_force and in_force
    old.close()


def test_each_write_stamps_its_versions_apart(con: duckdb.DuckDBPyConnection) -> None:
    """Two batches, two stamps: what lets one agency's lookup skip the other batch's row groups."""
    paths = sorted(GOLDEN.glob("*.txt"))
    for path in paths[:2]:
        raw = path.read_bytes()
        parsed = parse_bytes(raw, source=path.name)
        storage.store_notice(con, parsed=parsed, raw=raw, source=path.name, engines=default_engines())
    stamps = con.execute("SELECT count(DISTINCT written) FROM snapshots").fetchone()[0]
    assert stamps == 2 and storage.stamp_mismatches(con) == 0


def test_one_agencys_duties_on_a_day_filter_by_the_stamp(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    agency_id, day = con.execute(
        "SELECT agency_id, valid_from FROM snapshots WHERE NOT derived ORDER BY snapshot_id LIMIT 1"
    ).fetchone()
    assert queries.duties_as_of(con, day, agency_id=agency_id)
    plan = queries.duties_as_of_plan(con, day, agency_id)
    scan = plan[plan.index("main.duties") :]
    # the scan of duties is given the version's stamp to skip row groups by, not only its hashed id
    assert "written = " in scan[: scan.index("Row Groups")], plan
